"""Quotes and attribution scored on PolNeAR, exactly as shared/EVALUATION.md §1 defines it.

The corpus layout (``<data>/<split>/text/<stem>.txt`` and ``<data>/<split>/attributions/<stem>_<annotator>.ann``,
BRAT standoff) is read here; one gold item is one ``E`` line: the union of its Content fragments, its Source
fragments and its Cue fragments. A prediction is one quote: content ``(start, end)``, speaker mention or None, cue
or None.

Metrics (each precision / recall / F1, micro-averaged: counts summed over articles, then divided):

- ``content_exact``: trimmed bounds equal (whitespace and quotation marks trimmed at both ends, ``.,;:`` at the
  end), matched one to one.
- ``content_overlap``: one-to-one greedy matching by descending count of shared whitespace tokens; a pair may match
  when the shared tokens cover at least half the gold tokens and half the predicted tokens. Gold tokens inside the
  gap of a split quotation are not gold tokens.
- ``source`` / ``cue_overlap``: a content_overlap pair whose predicted speaker (cue) span overlaps a gold Source
  (Cue) fragment, or where both are absent; precision over all predictions, recall over all gold items.

Subsets: ``all``, and ``direct`` (gold items whose content holds a quotation mark, and only predictions whose
content holds one). In each subset the matching is done between that subset's gold items and predictions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.errors import DataMissingError

Bounds = tuple[int, int]

SUBSETS = ("all", "direct")
METRICS = ("content_exact", "content_overlap", "source", "cue_overlap")
SPLITS = ("train", "dev")

# EVALUATION.md: a "direct" item holds one of these marks, or two apostrophes as New York Times copy writes them.
DIRECT_MARKS = ('"', "\u201c", "\u201d", "\u00ab", "\u00bb", "''")
# Trimmed from both ends before comparing bounds: whitespace and every quotation mark (single ones included, since
# a quotation inside a quotation ends on one).
_TRIM_BOTH = frozenset("\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb")
_TRIM_END = frozenset(".,;:")
# A pair matches when the shared tokens cover at least this share of the gold tokens and of the predicted tokens.
OVERLAP_SHARE = 0.5

_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class GoldItem:
    """One annotated attribution: fragments of content, source and cue (each tuple may be empty)."""

    content: tuple[Bounds, ...]
    source: tuple[Bounds, ...] = ()
    cue: tuple[Bounds, ...] = ()

    @property
    def outer(self) -> Bounds | None:
        if not self.content:
            return None
        return min(s for s, _ in self.content), max(e for _, e in self.content)


@dataclass(frozen=True)
class Predicted:
    """One extracted quote as the metric sees it."""

    content: Bounds
    speaker: Bounds | None = None
    cue: Bounds | None = None


@dataclass
class GoldArticle:
    stem: str
    text: str
    items: list[GoldItem] = field(default_factory=list)


# --- reading the corpus -----------------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """An article's text exactly as the offsets count it."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def parse_ann(ann: str) -> list[GoldItem]:
    """The gold items (``E`` lines) of one BRAT standoff file."""
    spans: dict[str, tuple[str, tuple[Bounds, ...]]] = {}
    events: list[list[tuple[str, str]]] = []  # each E line: (role, span id) pairs
    for line in ann.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, offsets = parts[1].partition(" ")
            frags = []
            for frag in offsets.split(";"):
                s, e = frag.split()
                frags.append((int(s), int(e)))
            spans[parts[0]] = (label, tuple(frags))
        elif line.startswith("E"):
            parts = line.split("\t")
            pairs = []
            for arg in parts[1].split() if len(parts) > 1 else []:
                role, sep, ref = arg.partition(":")
                if sep:
                    pairs.append((role, ref))
            events.append(pairs)
    items = []
    for args in events:
        roles: dict[str, list[Bounds]] = {"Content": [], "Source": [], "Cue": []}
        for role, ref in args:
            # A split quotation's second part is a role of its own ("Content2"): every content role counts.
            role = role.rstrip("0123456789")
            if role in roles and ref in spans:
                roles[role].extend(spans[ref][1])
        items.append(
            GoldItem(
                tuple(sorted(roles["Content"])), tuple(sorted(roles["Source"])), tuple(sorted(roles["Cue"]))
            )
        )
    return items


def load_split(data: Path, split: str) -> list[GoldArticle]:
    """Every annotated article of ``split``, with the alphabetically first annotator's file."""
    root = data / split
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise DataMissingError(f"PolNeAR split '{split}' not found at {root} (expected text/ and attributions/)")
    first_ann: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        first_ann.setdefault(stem, ann)
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        ann_path = first_ann.get(txt.stem)
        if ann_path is None:
            continue  # not annotated: nothing to score against
        articles.append(GoldArticle(txt.stem, read_text(txt), parse_ann(read_text(ann_path))))
    if not articles:
        raise DataMissingError(f"no annotated PolNeAR articles in {root}")
    return articles


def corpus_sha256(data: Path, split: str) -> str:
    """One hash over the split's files (names and bytes, in sorted order): a baseline names the corpus it holds for."""
    import hashlib

    digest = hashlib.sha256()
    root = data / split
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


# --- the metric ---------------------------------------------------------------------------------------------------


def is_direct(fragment_texts: Iterable[str]) -> bool:
    return any(mark in t for t in fragment_texts for mark in DIRECT_MARKS)


def trimmed(text: str, bounds: Bounds) -> Bounds:
    s, e = bounds
    while s < e and (text[s].isspace() or text[s] in _TRIM_BOTH):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _TRIM_BOTH or text[e - 1] in _TRIM_END):
        e -= 1
    return s, e


class _Tokens:
    """Whitespace tokens of one article, to say which tokens a set of fragments covers."""

    def __init__(self, text: str) -> None:
        self.starts = []
        self.ends = []
        for m in _TOKEN.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def covered(self, fragments: Iterable[Bounds]) -> frozenset[int]:
        import bisect

        out: set[int] = set()
        for s, e in fragments:
            # tokens that overlap [s, e): end > s and start < e
            i = bisect.bisect_right(self.ends, s)
            while i < len(self.starts) and self.starts[i] < e:
                out.add(i)
                i += 1
        return frozenset(out)


def _overlaps(a: Bounds, fragments: Sequence[Bounds]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in fragments)


@dataclass
class Counts:
    """True positives for precision and recall, and the two denominators, of one metric."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def score_article(text: str, gold: Sequence[GoldItem], predicted: Sequence[Predicted], subset: str = "all") -> dict[
    str, Counts
]:
    """Counts of every metric for one article and one subset."""
    if subset == "direct":
        gold = [g for g in gold if is_direct(text[s:e] for s, e in g.content)]
        predicted = [p for p in predicted if is_direct([text[p.content[0] : p.content[1]]])]
    elif subset != "all":
        raise ValueError(f"unknown subset {subset!r}; expected one of {SUBSETS}")
    n_gold, n_pred = len(gold), len(predicted)
    counts = {m: Counts(0, n_pred, n_gold) for m in METRICS}

    # content_exact: one to one on equal trimmed bounds.
    gold_exact: dict[Bounds, int] = {}
    for g in gold:
        if g.outer is not None:
            b = trimmed(text, g.outer)
            gold_exact[b] = gold_exact.get(b, 0) + 1
    for p in predicted:
        b = trimmed(text, p.content)
        if gold_exact.get(b, 0) > 0:
            gold_exact[b] -= 1
            counts["content_exact"].tp += 1

    # content_overlap: greedy by descending shared tokens, both shares at least OVERLAP_SHARE.
    for gi, pi in matched_pairs(text, gold, predicted):
        counts["content_overlap"].tp += 1
        g, p = gold[gi], predicted[pi]
        if (p.speaker is None and not g.source) or (p.speaker is not None and _overlaps(p.speaker, g.source)):
            counts["source"].tp += 1
        if (p.cue is None and not g.cue) or (p.cue is not None and _overlaps(p.cue, g.cue)):
            counts["cue_overlap"].tp += 1
    return counts


def matched_pairs(text: str, gold: Sequence[GoldItem], predicted: Sequence[Predicted]) -> list[tuple[int, int]]:
    """The content_overlap matching: (gold index, prediction index) pairs, one to one, greedy by descending shared
    whitespace tokens, each pair sharing at least OVERLAP_SHARE of both sides' tokens."""
    tokens = _Tokens(text)
    gold_tokens = [tokens.covered(g.content) for g in gold]
    pred_tokens = [tokens.covered([p.content]) for p in predicted]
    candidates = []
    for gi, gt in enumerate(gold_tokens):
        if not gt:
            continue
        for pi, pt in enumerate(pred_tokens):
            if not pt:
                continue
            shared = len(gt & pt)
            if shared and shared >= OVERLAP_SHARE * len(gt) and shared >= OVERLAP_SHARE * len(pt):
                candidates.append((-shared, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return pairs


def score(
    articles: Sequence[GoldArticle], predictions: Mapping[str, Sequence[Predicted]], subset: str = "all"
) -> dict[str, Counts]:
    """Micro-averaged counts over ``articles``; an article with no entry in ``predictions`` predicted nothing."""
    total = {m: Counts() for m in METRICS}
    for art in articles:
        per = score_article(art.text, art.items, predictions.get(art.stem, ()), subset)
        for m in METRICS:
            total[m].add(per[m])
    return total


# --- predictions from newsbrief --------------------------------------------------------------------------------


def _expand_marks(text: str, bounds: Bounds) -> Bounds:
    """Widen a quote's content over the quotation marks right around it (newsbrief keeps them out of Quote.content;
    the corpus keeps them in)."""
    s, e = bounds
    if s > 0 and text[s - 1] in _TRIM_BOTH and e < len(text) and text[e] in _TRIM_BOTH:
        s -= 1
        e += 1
        while s > 0 and text[s - 1] in _TRIM_BOTH and text[s] == text[s - 1] == "'":
            s -= 1
        while e < len(text) and text[e] in _TRIM_BOTH and text[e - 1] == text[e] == "'":
            e += 1
    return s, e


def _scored_bounds(text: str, quote: Any) -> Bounds:
    """The one range a quote is scored by. A prediction is a single range, and the metric counts the attribution
    inside a split quotation against it (its tokens are predicted content that no gold item holds). So a split
    quotation is scored by its outer bounds (EVALUATION.md §1) unless the attribution between its parts is longer
    than the parts together (``"A," said X, who ... of the Y Institute. "B"``): then by its longer part, which is
    what a reader would be shown alone."""
    parts = quote.parts
    if len(parts) == 1:
        return parts[0]
    words = [len(text[s:e].split()) for s, e in parts]
    gap = len(text[parts[0][1] : parts[1][0]].split())
    if gap <= sum(words):
        return quote.content.start, quote.content.end
    return parts[0] if words[0] >= words[1] else parts[1]


def predictions_for(text: str, doc: Any, judged: bool = True) -> list[Predicted]:
    """newsbrief's quotes of one article, as the metric sees them (``judged=False``: the rules' finds, before the
    learned judge)."""
    from newsbrief.model import Article
    from newsbrief.quotes import extract_quotes

    quotes, _speakers = extract_quotes(Article(text=text), doc, (), judged=judged)
    return [prediction_of(text, q) for q in quotes]


def prediction_of(text: str, quote: Any) -> Predicted:
    """One quote as the metric sees it."""
    content = _scored_bounds(text, quote)
    if quote.kind == "direct":
        content = _expand_marks(text, content)
    speaker = (quote.speaker_mention.start, quote.speaker_mention.end) if quote.speaker_mention else None
    cue = (quote.cue.start, quote.cue.end) if quote.cue else None
    return Predicted(content, speaker, cue)


def predict_split(
    articles: Sequence[GoldArticle], progress: Callable[[int], None] | None = None, judged: bool = True
) -> dict[str, list[Predicted]]:
    """Parse every article once (nlp.pipe) and extract its quotes."""
    from newsbrief.nlp import parse

    preds: dict[str, list[Predicted]] = {}
    for art, doc in zip(articles, parse(a.text for a in articles), strict=True):
        preds[art.stem] = predictions_for(art.text, doc, judged)
        if progress:
            progress(1)
    return preds


def write_predictions(path: Path, predictions: Mapping[str, Sequence[Predicted]]) -> None:
    """The JSONL of EVALUATION.md §1: one line per article."""
    with open(path, "w", encoding="utf-8") as fh:
        for stem in sorted(predictions):
            quotes = [
                {"content": list(p.content), "speaker": list(p.speaker) if p.speaker else None,
                 "cue": list(p.cue) if p.cue else None}
                for p in predictions[stem]
            ]
            fh.write(json.dumps({"article": stem, "quotes": quotes}) + "\n")


def read_predictions(path: Path) -> dict[str, list[Predicted]]:
    """Predictions written by ``write_predictions`` (or by another system in the same format)."""
    out: dict[str, list[Predicted]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            out[row["article"]] = [
                Predicted(
                    tuple(q["content"]),  # type: ignore[arg-type]
                    tuple(q["speaker"]) if q.get("speaker") else None,  # type: ignore[arg-type]
                    tuple(q["cue"]) if q.get("cue") else None,  # type: ignore[arg-type]
                )
                for q in row["quotes"]
            ]
    return out


def report(
    articles: Sequence[GoldArticle], predictions: Mapping[str, Sequence[Predicted]], subsets: Sequence[str] = SUBSETS
) -> dict[str, Any]:
    """The JSON object of ``newsbrief eval polnear --json``."""
    result: dict[str, Any] = {"articles": len(articles), "subsets": {}}
    for subset in subsets:
        counts = score(articles, predictions, subset)
        result["subsets"][subset] = {m: counts[m].as_dict() for m in METRICS}
    return result


def format_table(result: dict[str, Any]) -> str:
    lines = [f"{'subset':<8} {'metric':<16} {'P':>6} {'R':>6} {'F1':>6}   {'tp':>5} {'pred':>5} {'gold':>5}"]
    for subset, metrics in result["subsets"].items():
        for m, c in metrics.items():
            lines.append(
                f"{subset:<8} {m:<16} {c['precision']:>6.3f} {c['recall']:>6.3f} {c['f1']:>6.3f}   "
                f"{c['tp']:>5} {c['predicted']:>5} {c['gold']:>5}"
            )
    return "\n".join(lines)
