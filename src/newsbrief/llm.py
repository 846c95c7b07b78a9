"""The optional language-model path: rewrite the lead and points, then check the rewrite against the article.

Off by default; ``newsbrief brief --llm URL --llm-model NAME`` (or ``Pipeline(llm=LLMConfig(...))``) turns it
on. Any OpenAI-compatible server works (Ollama, vLLM, llama.cpp's server): one POST to
``<URL>/v1/chat/completions``. The model sees the extractive brief and the article, and answers with JSON:

    {"lead": "...", "points": [{"kind": "happened", "text": "..."}, ...]}

Nothing it writes is shown unchecked:

1. every string it puts in quotation marks occurs verbatim in the article;
2. every person, country or place, and nationality it names (spaCy's entities over its text) occurs in the
   article;
3. every number it writes (digits, after dropping thousands separators) occurs in the article;
4. it rewrites only points the extractive brief has (a rewritten point rests on the same source spans).

When the server fails, times out, answers out of format, or a check fails, the extractive brief stands and a note
in ``Brief.notes`` says why.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from typing import Any

import httpx

from newsbrief.errors import LLMError
from newsbrief.model import Brief, Passage, Point

# Seconds to wait for the whole answer: a local 7B model writes a brief in well under a minute on a GPU.
DEFAULT_TIMEOUT = 60.0
# Low temperature: the task is rewriting, not inventing.
TEMPERATURE = 0.2
# Entity labels whose names must occur in the article: people, countries/cities/states, nationalities.
CHECKED_ENTS = frozenset({"PERSON", "GPE", "NORP", "LOC"})
QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
SYSTEM_PROMPT = (
    "You edit news briefs. Rewrite the lead (one or two sentences: who did what, and the main response) and each "
    "point of attention so they read well, using only facts from the article. Keep every quotation word for word. "
    "Do not add names, places or numbers that the article does not contain. Answer with JSON only: "
    '{"lead": "...", "points": [{"kind": "happened|consequence|response", "text": "..."}]}, '
    "keeping the same points, in the same order."
)


@dataclass(frozen=True)
class LLMConfig:
    """Where the model is served and which model to ask."""

    url: str
    model: str
    timeout: float = DEFAULT_TIMEOUT
    api_key: str | None = None

    @property
    def endpoint(self) -> str:
        base = self.url.rstrip("/")
        if base.endswith("/chat/completions"):
            return base
        if base.endswith("/v1"):
            return base + "/chat/completions"
        return base + "/v1/chat/completions"


def rewrite(brief: Brief, config: LLMConfig, client: httpx.Client | None = None) -> Brief:
    """The brief with the model's lead and points when they pass the checks; else the brief as it was, with a note."""
    if not brief.points and not brief.lead:
        return _with_note(brief, "language model not asked: the extractive brief has no lead or points to rewrite")
    try:
        answer = ask(brief, config, client)
        lead, points = parse_answer(answer)
        check(brief, lead, points)
    except LLMError as err:
        return _with_note(brief, f"language model output not used ({err}); the extractive brief is shown")
    new_lead = (Passage(lead, tuple(s for p in brief.lead for s in p.spans)),) if lead else brief.lead
    new_points = tuple(
        Point(old.kind, (Passage(text, tuple(s for p in old.passages for s in p.spans)),))
        for old, (_kind, text) in zip(brief.points, points, strict=True)
    )
    note = f"lead and points rewritten by {config.model}; quotations, names and numbers checked against the article"
    return dataclasses.replace(brief, lead=new_lead, points=new_points, notes=(*brief.notes, note))


def _with_note(brief: Brief, note: str) -> Brief:
    return dataclasses.replace(brief, notes=(*brief.notes, note))


def ask(brief: Brief, config: LLMConfig, client: httpx.Client | None = None) -> str:
    """One chat completion; the text of the first choice. Raises LLMError on any failure."""
    request = {
        "model": config.model,
        "temperature": TEMPERATURE,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": _prompt(brief)},
        ],
    }
    headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
    try:
        if client is None:
            with httpx.Client(timeout=config.timeout) as own:
                response = own.post(config.endpoint, json=request, headers=headers)
        else:
            response = client.post(config.endpoint, json=request, headers=headers, timeout=config.timeout)
    except httpx.TimeoutException as err:
        raise LLMError(f"{config.endpoint} did not answer within {config.timeout:g} s") from err
    except httpx.HTTPError as err:
        raise LLMError(f"{config.endpoint} could not be reached: {err}") from err
    if response.status_code >= 400:
        raise LLMError(f"{config.endpoint} answered HTTP {response.status_code}")
    try:
        return str(response.json()["choices"][0]["message"]["content"])
    except (ValueError, KeyError, IndexError, TypeError) as err:
        raise LLMError(f"{config.endpoint} answered outside the chat-completions format") from err


def _prompt(brief: Brief) -> str:
    draft = {
        "lead": " ".join(p.text for p in brief.lead),
        "points": [{"kind": p.kind, "text": p.text} for p in brief.points],
    }
    title = brief.article.title or ""
    return f"Article title: {title}\n\nArticle:\n{brief.article.text}\n\nDraft brief:\n{json.dumps(draft)}"


def parse_answer(content: str) -> tuple[str, list[tuple[str, str]]]:
    """The lead and (kind, text) points from the model's JSON answer (code fences allowed)."""
    text = content.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        raise LLMError("the model's answer holds no JSON object")
    try:
        data: Any = json.loads(text[start:end + 1])
    except ValueError as err:
        raise LLMError("the model's answer is not valid JSON") from err
    if not isinstance(data, dict) or not isinstance(data.get("points", []), list):
        raise LLMError("the model's answer lacks 'lead' and 'points'")
    lead = data.get("lead") or ""
    points = []
    for item in data.get("points", []):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise LLMError("a point in the model's answer has no text")
        points.append((str(item.get("kind", "")), item["text"].strip()))
    if not isinstance(lead, str):
        raise LLMError("the model's lead is not a string")
    return lead.strip(), points


def check(brief: Brief, lead: str, points: list[tuple[str, str]]) -> None:
    """Raise LLMError naming the first claim of the rewrite that the article does not support."""
    if len(points) != len(brief.points) or any(k != p.kind for (k, _), p in zip(points, brief.points, strict=False)):
        raise LLMError("the model changed the points (their number or kinds)")
    article = brief.article.text
    texts = [lead] + [t for _, t in points]
    for text in texts:
        for quoted in QUOTED.findall(text):
            if quoted.strip() not in article:
                raise LLMError(f"quotation not in the article: \u201c{quoted.strip()}\u201d")
    article_numbers = {n.replace(",", "") for n in NUMBER.findall(article)}
    for text in texts:
        for number in NUMBER.findall(text):
            if number.replace(",", "").rstrip(".") not in article_numbers:
                raise LLMError(f"number not in the article: {number}")
    from newsbrief.nlp import load_model

    folded = article.casefold()
    for doc in load_model().pipe(texts):
        for ent in doc.ents:
            if ent.label_ in CHECKED_ENTS and _name(ent.text).casefold() not in folded:
                raise LLMError(f"{ent.label_.lower()} not in the article: {ent.text}")


def _name(text: str) -> str:
    """An entity's name without a leading article or a possessive: "the United States's" -> "United States"."""
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"(’s|'s|’|')$", "", text)
