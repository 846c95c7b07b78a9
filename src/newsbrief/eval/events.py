"""``newsbrief eval events``: the event coder scored as shared/EVALUATION.md section 3 defines.

1. Event type, learned part: 5-fold cross-validation (stratified, shuffled with a fixed seed) on
   ``gpt_synthetic_events_*.csv``, accuracy and macro-F1 over the 16 PLOVER types, of both shipped models: the
   story model (headline and lead, the event a whole article reports) and the sentence model (text only, what the
   coder applies to single sentences). The same cross-validation with folds grouped by the stories' headline
   template is reported beside each: the 4,500 stories come from 332 templates, so a random split puts sister
   stories on both sides, and the grouped figure is the one to expect on unseen kinds of news. The story figures
   are those of the product's decision (``events.story.decide``: the model, or a cue on the headline where the
   model is unsure), with the share of stories given a firm type and the grouped accuracy of firm types and guesses.
2. Event type, rule part: the cue lexicon alone on each story's first sentence, over the whole file (it learns
   nothing): coverage (share of stories where a cue fires) and accuracy where it fires.
3. Actors: the share of the 290 cases of ``ngec_actor_resolution_cases.json`` whose country comes out right
   (``country`` absent or empty means "no country"; the UN, the EU and other international bodies are scored
   by the CAMEO-style group codes the file uses: UNO, EUR, IGO).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.eval import data_path
from newsbrief.model import PLOVER_TYPES, StoryBy

DEFAULT_DATA = "events/ngec"
ACTOR_CASES = "ngec_actor_resolution_cases.json"


@dataclass
class EventsReport:
    data: str
    corpus_sha256: str
    stories: int = 0
    folds: int = 0
    type_accuracy: float = 0.0
    type_macro_f1: float = 0.0
    type_f1: dict[str, float] = field(default_factory=dict)
    grouped_accuracy: float = 0.0
    grouped_macro_f1: float = 0.0
    story_accuracy: float = 0.0
    story_macro_f1: float = 0.0
    story_f1: dict[str, float] = field(default_factory=dict)
    story_grouped_accuracy: float = 0.0
    story_grouped_macro_f1: float = 0.0
    story_cue_share: float = 0.0  # grouped folds: stories whose type came from a cue on the headline
    story_cue_grouped_accuracy: float = 0.0
    story_model_firm_share: float = 0.0  # grouped folds: types from the model with a firm margin
    story_model_firm_grouped_accuracy: float = 0.0
    story_firm_share: float = 0.0  # grouped folds: stories not marked a guess (StoryEvent.firm)
    story_firm_grouped_accuracy: float = 0.0
    story_guess_grouped_accuracy: float = 0.0
    cue_coverage: float = 0.0
    cue_accuracy: float = 0.0
    actor_cases: int = 0
    actor_country_accuracy: float = 0.0
    actor_misses: list[dict[str, Any]] = field(default_factory=list)
    # Only with the headline check: the headline alone, in both kinds of folds.
    headline_alone_macro_f1: float | None = None
    headline_alone_grouped_macro_f1: float | None = None
    # Only with the story sweep: grouped-fold macro-F1 of the story type for each headline weight (model alone), and
    # for each margin under which a headline cue decides (at the shipped weight); how the settings were chosen.
    story_sweep: dict[str, dict[str, float]] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def corpus_sha256(folder: Path) -> str:
    """One hash over the files scored (synthetic stories and actor cases), in name order."""
    digest = hashlib.sha256()
    for path in sorted([*folder.glob("gpt_synthetic_events_*.csv"), folder / ACTOR_CASES]):
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def macro_f1(gold: list[str], predicted: list[str]) -> tuple[float, dict[str, float]]:
    """Macro-F1 over the PLOVER types present in ``gold``, and each type's F1."""
    per_type: dict[str, float] = {}
    for label in PLOVER_TYPES:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        if tp + fn == 0:
            continue
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn)
        per_type[label] = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return round(sum(per_type.values()) / len(per_type), 4) if per_type else 0.0, per_type


def evaluate(
    data: str | Path | None = None, types: bool = True, actors: bool = True, headline_check: bool = False,
    story_sweep: bool = False,
) -> EventsReport:
    folder = data_path(data, DEFAULT_DATA)
    report = EventsReport(data=str(folder), corpus_sha256=corpus_sha256(folder))
    if types or headline_check or story_sweep:
        from newsbrief.events import train

        stories = train.read_stories(folder)  # read once for all
        if types:
            _score_types(stories, report)
        if headline_check:
            _check_headline(stories, report)
        if story_sweep:
            _sweep_story(stories, report)
    if actors:
        _score_actors(folder, report)
    return report


def _accuracy(gold: list[str], predicted: list[str]) -> float:
    return round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold), 4) if gold else 0.0


@dataclass
class _Figures:
    """One model's figures in both kinds of folds; for the story rule, which grouped types are firm or from a cue."""

    accuracy: float
    macro_f1: float
    per_type: dict[str, float]
    grouped_accuracy: float
    grouped_macro_f1: float
    grouped: list[str]
    firm: list[bool]
    by_cue: list[bool]


def _decided(stories: list[Any], reads: Any, grouped: bool, story_rule: bool) -> list[tuple[str, StoryBy, float]]:
    """Out-of-fold (type, what gave it, margin) per story: the model's own, or with ``story_rule`` the product's
    decision (``story.decide``: a cue on the headline where the model is unsure), on margins rounded as stored."""
    from newsbrief.events import story, train

    predicted, margins = train.out_of_fold(stories, reads, grouped=grouped)
    out: list[tuple[str, StoryBy, float]] = []
    for s, p, m in zip(stories, predicted, margins, strict=True):
        m = round(m, 3)
        out.append((*story.decide(p, m, s.headline), m) if story_rule else (p, "model", m))
    return out


def _cross_validate(stories: list[Any], reads: Any, story_rule: bool = False) -> _Figures:
    from newsbrief.model import StoryEvent

    gold = [s.label for s in stories]
    predicted = [t for t, _, _ in _decided(stories, reads, False, story_rule)]
    grouped = _decided(stories, reads, True, story_rule)
    grouped_types = [t for t, _, _ in grouped]
    f1, per_type = macro_f1(gold, predicted)
    return _Figures(
        _accuracy(gold, predicted), f1, per_type, _accuracy(gold, grouped_types), macro_f1(gold, grouped_types)[0],
        grouped_types, [StoryEvent.firm_for(by, m) for _, by, m in grouped], [by != "model" for _, by, _ in grouped],
    )


def _score_types(stories: list[Any], report: EventsReport) -> None:
    from newsbrief.events import train

    gold = [s.label for s in stories]
    report.stories, report.folds = len(stories), train.FOLDS
    # 1. The learned parts, in cross-validation: the sentence model, then the story model with its headline cue.
    sentence = _cross_validate(stories, train.reads_for(train.SENTENCE))
    report.type_accuracy, report.type_macro_f1, report.type_f1 = sentence.accuracy, sentence.macro_f1, \
        sentence.per_type
    report.grouped_accuracy, report.grouped_macro_f1 = sentence.grouped_accuracy, sentence.grouped_macro_f1
    story = _cross_validate(stories, train.reads_for(train.STORY), story_rule=True)
    report.story_accuracy, report.story_macro_f1, report.story_f1 = story.accuracy, story.macro_f1, story.per_type
    report.story_grouped_accuracy, report.story_grouped_macro_f1 = story.grouped_accuracy, story.grouped_macro_f1

    def share_and_accuracy(chosen: list[bool]) -> tuple[float, float]:
        """The share of stories ``chosen`` marks, and the grouped accuracy on them."""
        picked = [i for i, c in enumerate(chosen) if c]
        return round(len(picked) / len(stories), 4), _accuracy([gold[i] for i in picked],
                                                               [story.grouped[i] for i in picked])

    report.story_cue_share, report.story_cue_grouped_accuracy = share_and_accuracy(story.by_cue)
    report.story_model_firm_share, report.story_model_firm_grouped_accuracy = share_and_accuracy(
        [f and not c for f, c in zip(story.firm, story.by_cue, strict=True)])
    report.story_firm_share, report.story_firm_grouped_accuracy = share_and_accuracy(story.firm)
    report.story_guess_grouped_accuracy = share_and_accuracy([not f for f in story.firm])[1]
    # 2. The rule part, on each story's first sentence.
    from newsbrief.events.coder import cue_type

    fired = [(s.label, t) for s in stories if (t := cue_type(train.lead(s.text, 1)))]
    report.cue_coverage = round(len(fired) / len(stories), 4)
    report.cue_accuracy = round(sum(g == p for g, p in fired) / len(fired), 4) if fired else 0.0


def _check_headline(stories: list[Any], report: EventsReport) -> None:
    """What the headline alone gives, in both kinds of folds. Near 1.0 in stratified folds means the label follows
    the headline template, so the story model's stratified figure measures recognising templates; the grouped
    figure says how much of the headline's words carry over to kinds of story not seen in training."""
    from newsbrief.events import train

    gold = [s.label for s in stories]
    alone, _ = train.out_of_fold(stories, lambda s: s.headline)
    report.headline_alone_macro_f1 = macro_f1(gold, alone)[0]
    alone, _ = train.out_of_fold(stories, lambda s: s.headline, grouped=True)
    report.headline_alone_grouped_macro_f1 = macro_f1(gold, alone)[0]


SWEEP_WEIGHTS = (1, 3, 5)
SWEEP_MARGINS = (0.0, 0.1, 0.2, 0.3, 0.5, math.inf)  # 0: never a cue; inf: the cue whenever one fires


def _sweep_story(stories: list[Any], report: EventsReport) -> None:
    """The story settings' sweep on template-grouped folds (docs/events.md: how they were chosen)."""
    from newsbrief.events import story, train

    gold = [s.label for s in stories]
    runs = {w: train.out_of_fold(stories, train.reads_for(train.STORY, w), grouped=True) for w in SWEEP_WEIGHTS}
    weights = {str(w): macro_f1(gold, predicted)[0] for w, (predicted, _) in runs.items()}
    predicted, margins = runs[story.HEADLINE_WEIGHT]  # the cue margins are swept at the shipped weight
    cue_margins: dict[str, float] = {}
    for below in SWEEP_MARGINS:
        decided = [story.decide(p, round(m, 3), s.headline, below)[0]
                   for s, p, m in zip(stories, predicted, margins, strict=True)]
        cue_margins["always" if below == math.inf else str(below)] = macro_f1(gold, decided)[0]
    # The cue alone on the headlines where it fires, against the model on the same stories.
    from newsbrief.events.coder import cue_type

    fired = [(i, cue) for i, s in enumerate(stories) if (cue := cue_type(s.headline))]
    headline_cue = {
        "fires": round(len(fired) / len(stories), 4),
        "right": _accuracy([gold[i] for i, _ in fired], [cue for _, cue in fired]),
        "model_right": _accuracy([gold[i] for i, _ in fired], [predicted[i] for i, _ in fired]),
    }
    report.story_sweep = {"headline_weight": weights, "cue_below_margin": cue_margins, "headline_cue": headline_cue}


def expected_country(case: dict[str, Any]) -> str | None:
    """The case's country, None for "no country" (absent, empty or "-")."""
    value = case.get("expected", {}).get("country")
    return value if value and value != "-" else None


def _score_actors(folder: Path, report: EventsReport) -> None:
    from newsbrief.countries import country_code
    from newsbrief.events.actors import igo_group, resolve

    path = folder / ACTOR_CASES
    if not path.exists():
        return
    cases = json.loads(path.read_text(encoding="utf-8"))
    right = 0
    for case in cases:
        given = case["input"]
        known = country_code(given["known_country"]) if given.get("known_country") else None
        actor = resolve(given["text"], known)
        got = (actor.country or igo_group(actor)) if actor else None
        want = expected_country(case)
        if got == want:
            right += 1
        else:
            report.actor_misses.append({"text": given["text"], "expected": want, "got": got})
    report.actor_cases = len(cases)
    report.actor_country_accuracy = round(right / len(cases), 4) if cases else 0.0


def format_table(report: EventsReport) -> str:
    cv = f"{report.folds}-fold CV on {report.stories} stories"
    rows = [
        f"event coder on {report.data}",
        f"  story type (story model on headline and lead, a headline cue where it is unsure), {cv} (stratified, "
        "seed fixed):",
        f"    accuracy {report.story_accuracy:.3f}   macro-F1 {report.story_macro_f1:.3f}",
        "    the same, folds grouped by headline template (unseen kinds of story):",
        f"    accuracy {report.story_grouped_accuracy:.3f}   macro-F1 {report.story_grouped_macro_f1:.3f}   "
        f"type from a headline cue on {report.story_cue_share:.0%}",
        f"    from a headline cue: right on {report.story_cue_grouped_accuracy:.1%}; from the model with a firm "
        f"margin: {report.story_model_firm_share:.0%} of stories, right on "
        f"{report.story_model_firm_grouped_accuracy:.1%}",
        f"    firm on {report.story_firm_share:.0%}, right on {report.story_firm_grouped_accuracy:.1%} of those; "
        f"the guesses right on {report.story_guess_grouped_accuracy:.1%}",
        "    per type F1 (CV): " + ", ".join(f"{t} {f:.2f}" for t, f in report.story_f1.items()),
        f"  sentence type (sentence model: text only), {cv} (stratified, seed fixed):",
        f"    accuracy {report.type_accuracy:.3f}   macro-F1 {report.type_macro_f1:.3f}",
        "    the same, folds grouped by headline template (unseen kinds of story):",
        f"    accuracy {report.grouped_accuracy:.3f}   macro-F1 {report.grouped_macro_f1:.3f}",
        "    per type F1 (CV): " + ", ".join(f"{t} {f:.2f}" for t, f in report.type_f1.items()),
        f"  event type, cue lexicon on first sentences: fires on {report.cue_coverage:.1%}, "
        f"right on {report.cue_accuracy:.1%} of those",
        f"  actor country right: {report.actor_country_accuracy:.1%} of {report.actor_cases} cases",
    ]
    if report.headline_alone_macro_f1 is not None:
        rows.append(f"  headline check: headline alone macro-F1 {report.headline_alone_macro_f1:.3f} (stratified), "
                    f"{report.headline_alone_grouped_macro_f1:.3f} (grouped)")
    if report.story_sweep is not None:
        rows.append("  story sweep (grouped macro-F1): headline read "
                    + ", ".join(f"{w}x {f:.3f}" for w, f in report.story_sweep["headline_weight"].items())
                    + "; headline cue under margin "
                    + ", ".join(f"{m} {f:.3f}" for m, f in report.story_sweep["cue_below_margin"].items()))
        cue = report.story_sweep["headline_cue"]
        rows.append(f"  headline cue alone: fires on {cue['fires']:.0%} of headlines, right on {cue['right']:.1%} "
                    f"of those (the model, grouped: {cue['model_right']:.1%})")
    if report.actor_misses:
        common = Counter(str(m["expected"]) for m in report.actor_misses).most_common(3)
        rows.append("  misses most often expected: " + ", ".join(f"{c} ({n})" for c, n in common))
    return "\n".join(rows)

