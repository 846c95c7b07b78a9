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
4. it rewrites only points the extractive brief has (a rewritten point rests on the same source spans);
5. every sentence of a rewritten lead or point is supported by the source spans it claims: at least
   ``SUPPORT_MIN`` of its content words (stemmed) occur in those spans ("The government secretly planned to
   abolish the parliament." claims nothing the spans say, and is refused).

Checks 1-3 and 5 are made per part: a lead or point that fails falls back to the extractive one, the others keep
the rewrite, and a note in ``Brief.notes`` (and a warning on stderr) names each part that fell back and why. When
the server fails, times out or answers out of format, or the batch's time budget (``LLMConfig.budget``) is spent,
the extractive brief stands, with a note.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

import httpx

from newsbrief.errors import LLMError
from newsbrief.model import Brief, Passage, Point

log = logging.getLogger(__name__)

# A rewritten sentence must share this share of its content words with the source spans it claims. Paraphrase
# keeps most content words of a news sentence (names, the act, its object); 0.6 lets it change a few ("failed"
# for "ended without a deal") and refuses a sentence about something else.
SUPPORT_MIN = 0.6
_STOP = frozenset(
    {"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is",
     "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he", "she", "they",
     "we", "you", "his", "her", "their", "our", "after", "before", "over", "under", "into", "about", "than", "then",
     "so", "not", "no"}
)
_WORD = re.compile(r"[\w][\w'’-]*")
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
    budget: float | None = None  # seconds of model time for a whole batch (this process); None: no limit

    @property
    def endpoint(self) -> str:
        base = self.url.rstrip("/")
        if base.endswith("/chat/completions"):
            return base
        if base.endswith("/v1"):
            return base + "/chat/completions"
        return base + "/v1/chat/completions"


# Model time spent per configuration in this process, against ``LLMConfig.budget``.
_spent: dict[LLMConfig, float] = {}


def rewrite(brief: Brief, config: LLMConfig, client: httpx.Client | None = None) -> Brief:
    """The brief with the model's lead and points where they pass the checks; each part that fails falls back to
    the extractive one, with a note."""
    if not brief.points and not brief.lead:
        return _with_note(brief, "language model not asked: the extractive brief has no lead or points to rewrite")
    if config.budget is not None and _spent.get(config, 0.0) >= config.budget:
        return _warned(brief, f"language model not asked: the batch's time budget of {config.budget:g} s is spent")
    started = time.monotonic()
    try:
        answer = ask(brief, config, client)
        lead, points = parse_answer(answer)
        check_shape(brief, points)
    except LLMError as err:
        return _warned(brief, f"language model output not used ({err}); the extractive brief is shown")
    finally:
        _spent[config] = _spent.get(config, 0.0) + time.monotonic() - started
    refused: list[str] = []
    new_lead = brief.lead
    if lead:
        lead_spans = tuple(s for p in brief.lead for s in p.spans)
        why = check_part(brief, lead, _paragraphs_of(brief, lead_spans))
        if why is None:
            new_lead = (Passage(lead, lead_spans),)
        else:
            refused.append(f"lead: {why}")
    new_points = []
    for old, (_kind, text) in zip(brief.points, points, strict=True):
        spans = tuple(s for p in old.passages for s in p.spans)
        why = check_part(brief, text, _paragraphs_of(brief, spans))
        if why is None:
            new_points.append(Point(old.kind, (Passage(text, spans),)))
        else:
            refused.append(f"{old.kind} point: {why}")
            new_points.append(old)
    result = dataclasses.replace(brief, lead=new_lead, points=tuple(new_points))
    kept = 1 + len(points) - len(refused) if lead else len(points) - len(refused)
    if kept == 0:
        return _warned(result, f"language model output not used ({'; '.join(refused)}); the extractive brief is shown")
    note = (f"lead and points rewritten by {config.model}; quotations, names, numbers and support checked against "
            "the article")
    if refused:
        result = _warned(result, "extractive text kept where the rewrite failed a check: " + "; ".join(refused))
    return dataclasses.replace(result, notes=(*result.notes, note))


def _warned(brief: Brief, note: str) -> Brief:
    """The note in the brief, and on stderr: a fallback is never silent."""
    log.warning("%s: %s", brief.article.origin or brief.article.id, note)
    return _with_note(brief, note)


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


def check_shape(brief: Brief, points: list[tuple[str, str]]) -> None:
    """Raise LLMError when the answer changes the points (their number or kinds)."""
    if len(points) != len(brief.points) or any(k != p.kind for (k, _), p in zip(points, brief.points, strict=False)):
        raise LLMError("the model changed the points (their number or kinds)")


def check_part(brief: Brief, text: str, sources: list[str]) -> str | None:
    """Why a rewritten lead or point is refused (its first unsupported claim), or None when it passes."""
    article = brief.article.text
    for quoted in QUOTED.findall(text):
        if quoted.strip() not in article:
            return f"quotation not in the article: \u201c{quoted.strip()}\u201d"
    article_numbers = {n.replace(",", "") for n in NUMBER.findall(article)}
    for number in NUMBER.findall(text):
        if number.replace(",", "").rstrip(".") not in article_numbers:
            return f"number not in the article: {number}"
    from newsbrief.nlp import load_model

    folded = article.casefold()
    doc = load_model()(text)
    for ent in doc.ents:
        if ent.label_ in CHECKED_ENTS and _name(ent.text).casefold() not in folded:
            return f"{ent.label_.lower()} not in the article: {ent.text}"
    source_stems = {_stem(w) for src in sources for w in _WORD.findall(src.lower())}
    for sent in doc.sents:
        words = [_stem(w) for w in _WORD.findall(sent.text.lower()) if w not in _STOP and len(w) > 2]
        if words and sum(w in source_stems for w in words) / len(words) < SUPPORT_MIN:
            return f"not supported by its source sentences: {sent.text.strip()}"
    return None


def _paragraphs_of(brief: Brief, spans: Any) -> list[str]:
    """The paragraphs that hold ``spans``: what a part claims as its source (an extractive point is a compressed
    sentence; its rewrite may use the words the compression cut)."""
    text = brief.article.text
    out = []
    for span in spans:
        start = text.rfind("\n\n", 0, span.start)
        end = text.find("\n\n", span.end)
        out.append(text[start + 2 if start >= 0 else 0 : end if end >= 0 else len(text)])
    return out


def _stem(word: str) -> str:
    """A crude stem, the same on both sides of the comparison: "calling", "called" and "calls" -> "call"."""
    word = word.strip("'’-").removesuffix("'s").removesuffix("’s")
    for suffix in ("ies", "ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _name(text: str) -> str:
    """An entity's name without a leading article or a possessive: "the United States's" -> "United States"."""
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"(’s|'s|’|')$", "", text)
