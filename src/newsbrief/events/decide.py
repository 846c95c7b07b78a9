"""The learned decision: for each candidate trigger (``candidates``), an event of which PLOVER type, or none.

Two logistic regressions over the candidates' binary features, trained on the real train split by
``python -m newsbrief.events.train_real`` and shipped as plain JSON weights (``data/event_decision.json``):

1. event or not (binary, all types together, so that the few examples of each type share what marks an event:
   an actor in the subject, the verb's place, its status, a dictionary type at all);
2. which type (multinomial over the types, trained on the events only), to whose scores a prior is added for the
   types the cue lexicon (``cue=``), the dictionary's block default (``cam=``) and a matched pattern (``camp=``)
   give the candidate: the rare types have a handful of examples, the dictionaries know their verbs.

A candidate becomes an event when stage one's probability reaches ``threshold`` (tuned on dev, as are the priors).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from newsbrief.errors import ModelMissingError

DECISION_FILE = "event_decision.json"
NONE = "NONE"


@dataclass(frozen=True)
class Decision:
    type: str | None  # None: no event
    probability: float


@dataclass(frozen=True)
class _Weights:
    event_intercept: float
    event_weights: dict[str, float]
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    prior: dict[str, float]  # added to a type's score where the cue lexicon / the CAMEO dictionary gives it
    threshold: float


@functools.cache
def load() -> _Weights:
    try:
        raw = resources.files("newsbrief").joinpath("data", DECISION_FILE).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise ModelMissingError(
            f"the event decision weights ({DECISION_FILE}) are missing; rebuild them with: "
            "python -m newsbrief.events.train_real"
        ) from err
    return from_dict(json.loads(raw))


def from_dict(data: dict[str, object]) -> _Weights:
    event = data["event"]
    types = data["type"]
    assert isinstance(event, dict) and isinstance(types, dict)
    prior = data.get("prior") or {}
    assert isinstance(prior, dict)
    return _Weights(
        float(event["intercept"]), {k: float(v) for k, v in event["weights"].items()},
        tuple(types["classes"]), tuple(types["intercept"]), {k: tuple(v) for k, v in types["weights"].items()},
        {k: float(v) for k, v in prior.items()}, float(data["threshold"]),  # type: ignore[arg-type]
    )


def event_probability(features: Iterable[str], model: _Weights) -> float:
    """Stage one: how likely the candidate reports an event between actors at all (any type)."""
    z = model.event_intercept + sum(model.event_weights.get(f, 0.0) for f in set(features))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def type_scores(features: Iterable[str], model: _Weights) -> dict[str, float]:
    """Stage two: a score per PLOVER type (the type model's logits plus the dictionaries' priors)."""
    names = set(features)
    totals = list(model.intercept)
    for name in names:
        row = model.weights.get(name)
        if row is not None:
            for k, w in enumerate(row):
                totals[k] += w
    scores = dict(zip(model.classes, totals, strict=True))
    for name in names:
        kind, _, type_ = name.partition("=")
        if kind in model.prior and type_ in scores:
            scores[type_] += model.prior[kind]
    return scores


def decide(features: Iterable[str], threshold: float | None = None, weights: _Weights | None = None) -> Decision:
    """The candidate's event type, or none: an event when stage one's probability reaches the threshold, of the
    type stage two scores highest."""
    model = weights or load()
    names = tuple(features)
    probability = event_probability(names, model)
    if probability < (model.threshold if threshold is None else threshold):
        return Decision(None, probability)
    scores = type_scores(names, model)
    return Decision(max(scores, key=lambda t: scores[t]), probability)
