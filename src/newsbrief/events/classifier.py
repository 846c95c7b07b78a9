"""The learned part of the event coder: which PLOVER type a passage of news reports, from its words.

Linear models over TF-IDF word uni- and bigrams, trained by ``python -m newsbrief.events.train`` on the shared
synthetic PLOVER stories and shipped as plain JSON weights, so that loading them needs neither scikit-learn nor a
pickle. Two are shipped: the sentence model (``data/events_classifier.json.gz``, read on story text only, used by
the coder on sentences) and the story model (``data/story_classifier.json.gz``, read on headline and lead, used by
``events.story`` for the event a whole article reports). The features here reproduce scikit-learn's
``TfidfVectorizer`` with the settings recorded in the file (lower case, words of two or more characters, sublinear
tf, l2 norm).
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

from newsbrief.errors import ModelMissingError

MODEL_FILE = "events_classifier.json.gz"
STORY_MODEL_FILE = "story_classifier.json.gz"
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class TypeGuess:
    """The classifier's best PLOVER type for a passage, with its margin over the runner-up (in score units)."""

    type: str
    score: float
    margin: float


@dataclass(frozen=True)
class _Model:
    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: tuple[float, ...]
    coef: tuple[tuple[float, ...], ...]  # one row per feature: a weight per class
    intercept: tuple[float, ...]


def ngrams(text: str) -> list[str]:
    """Word uni- and bigrams as scikit-learn builds them (lower case, tokens of two or more word characters)."""
    tokens = _TOKEN.findall(text.lower())
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


@functools.cache
def load(name: str = MODEL_FILE) -> _Model:
    """A shipped model (the sentence model unless ``name`` says otherwise), read once per process."""
    try:
        raw = resources.files("newsbrief").joinpath("data", name).read_bytes()
    except FileNotFoundError as err:
        raise ModelMissingError(
            f"the event classifier ({name}) is missing; rebuild it with: python -m newsbrief.events.train"
        ) from err
    data = json.loads(gzip.decompress(raw))
    vocabulary = {term: i for i, term in enumerate(data["vocabulary"])}
    return _Model(
        classes=tuple(data["classes"]),
        vocabulary=vocabulary,
        idf=tuple(data["idf"]),
        coef=tuple(tuple(row) for row in data["coef"]),
        intercept=tuple(data["intercept"]),
    )


def scores(text: str, name: str = MODEL_FILE) -> dict[str, float]:
    """Decision score per PLOVER type for ``text`` (higher is likelier), by the model ``name``."""
    model = load(name)
    counts = Counter(i for g in ngrams(text) if (i := model.vocabulary.get(g)) is not None)
    weights = {i: (1.0 + math.log(n)) * model.idf[i] for i, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    totals = list(model.intercept)
    for i, w in weights.items():
        row = model.coef[i]
        for k in range(len(totals)):
            totals[k] += row[k] * w / norm
    return dict(zip(model.classes, totals, strict=True))


def classify(text: str, name: str = MODEL_FILE) -> TypeGuess:
    """The likeliest PLOVER type of ``text`` and how far ahead of the next it is, by the model ``name``."""
    ranked = sorted(scores(text, name).items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    return TypeGuess(best, top, top - second)
