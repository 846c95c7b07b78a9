"""The learned part: a cue classifier that decides whether a verb attributes the clause it governs to its subject.

The rules' lexicon knows verbs of saying; PolNeAR also annotates beliefs, intentions and findings ("believes",
"wants", "the poll shows"). A logistic regression over parse features of each candidate verb, trained on the PolNeAR
train split only (``python -m newsbrief.quotes.train``), scores candidates; the weights ship as a small JSON file
(``newsbrief/data/quote_cues.json``) read with no download and no pickle.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable
from importlib import resources
from typing import Any

from spacy.tokens import Token

from newsbrief.errors import ModelMissingError
from newsbrief.quotes.cues import SPEECH_VERBS

MODEL_FILE = "quote_cues.json"
# Dependency labels of a clause a candidate verb may attribute.
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})

_lock = threading.Lock()
_models: dict[str, dict[str, Any]] = {}


def is_candidate(tok: Token) -> bool:
    """Verbs that govern a clause: the only tokens the classifier looks at."""
    return tok.pos_ in ("VERB", "AUX") and any(c.dep_ in CLAUSE_DEPS for c in tok.children)


def features(tok: Token) -> dict[str, float]:
    """Sparse features of a candidate cue verb: its word, its place in the parse, its subject and its clause."""
    f: dict[str, float] = {"bias": 1.0}
    lemma = tok.lemma_.lower()
    f["lemma=" + lemma] = 1.0
    f["lower=" + tok.lower_] = 1.0
    f["tag=" + tok.tag_] = 1.0
    f["dep=" + tok.dep_] = 1.0
    f["lexicon"] = 1.0 if lemma in SPEECH_VERBS else 0.0
    f["head_lemma=" + tok.head.lemma_.lower()] = 1.0
    for child in tok.children:
        f["child_dep=" + child.dep_] = 1.0
        if child.dep_ in ("nsubj", "nsubjpass"):
            f["subj_pos=" + child.pos_] = 1.0
            f["subj_ent=" + (child.ent_type_ or "none")] = 1.0
            if child.pos_ == "PRON":
                f["subj_pron=" + child.lower_] = 1.0
            f["lemma_subj=" + lemma + "|" + child.pos_] = 1.0
        if child.dep_ in CLAUSE_DEPS:
            f["clause=" + child.dep_] = 1.0
            f["lemma_clause=" + lemma + "|" + child.dep_] = 1.0
            f["clause_after"] = 1.0 if child.i > tok.i else 0.0
            f["clause_mark=" + ("that" if any(g.lower_ == "that" and g.dep_ == "mark" for g in child.children)
                                else "none")] = 1.0
    return f


def read_model(name: str, what: str) -> dict[str, Any] | None:
    """A model file shipped in ``newsbrief/data``, read once; None when it is absent (the rules then work alone)."""
    with _lock:
        if name not in _models:
            try:
                raw = resources.files("newsbrief").joinpath("data", name).read_text(encoding="utf-8")
            except (FileNotFoundError, ModuleNotFoundError):
                return None
            try:
                _models[name] = json.loads(raw)
            except json.JSONDecodeError as err:
                raise ModelMissingError(f"the {what} model {name} is damaged: {err}") from err
        return _models[name]


def _load() -> dict[str, Any] | None:
    return read_model(MODEL_FILE, "quote cue")


def cue_judge() -> Callable[[Token], float] | None:
    """A function giving each verb the probability that it is a cue; None where the model file is absent (the rules
    then work alone)."""
    model = _load()
    if model is None:
        return None
    weights: dict[str, float] = model["weights"]
    intercept: float = model["intercept"]

    def judge(tok: Token) -> float:
        if not is_candidate(tok):
            return 0.0
        z = intercept + sum(weights.get(k, 0.0) * v for k, v in features(tok).items())
        return 1.0 / (1.0 + math.exp(-z))

    return judge


def threshold() -> float:
    model = _load()
    return float(model["threshold"]) if model else 0.5
