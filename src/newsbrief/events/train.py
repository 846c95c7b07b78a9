"""Train the event-type classifiers on the shared synthetic PLOVER stories: ``python -m newsbrief.events.train``.

1. Read ``gpt_synthetic_events_*.csv`` (story text, headline and PLOVER label).
2. Give each model what it will read in the product:
   - the sentence model (``data/events_classifier.json.gz``), which the coder applies to single sentences, reads
     each story's first ``LEAD_SENTENCES`` sentences and never the headline: the stories come from 332 headline
     templates, so with the headline a sentence model would learn templates instead of sentences (5-fold CV: 0.51
     macro-F1 on leads of three sentences against 0.48 on whole stories);
   - the story model (``data/story_classifier.json.gz``), which ``events.story`` applies to a whole article,
     reads the headline and the same lead, as an article offers them.
3. Fit TF-IDF word 1-2 grams and a linear SVM (deterministic: liblinear with a fixed seed).
4. Write the weights as JSON.

``out_of_fold`` gives the 5-fold figures that ``newsbrief eval events`` reports.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbrief.errors import DataMissingError
from newsbrief.events.classifier import MODEL_FILE, STORY_MODEL_FILE
from newsbrief.events.story import HEADLINE_WEIGHT, LEAD_SENTENCES, lead, reading
from newsbrief.model import PLOVER_TYPES

__all__ = ["FOLDS", "LEAD_SENTENCES", "MODEL_FILES", "SEED", "SENTENCE", "STORY", "Story", "lead", "model_bytes",
           "out_of_fold", "read_stories", "reads_for", "train"]

# Chosen on 5-fold CV of the synthetic set: more features or char n-grams gained < 0.01 macro-F1 and cost size.
MAX_FEATURES = 40_000
MIN_DF = 2
SVM_C = 0.5  # 0.1 / 0.5 / 1.0 tried; 0.5 best by a little
SEED = 13
FOLDS = 5
WEIGHT_DECIMALS = 4

DATA = Path(__file__).resolve().parents[1] / "data"
SENTENCE, STORY = "sentence", "story"
MODEL_FILES = {SENTENCE: MODEL_FILE, STORY: STORY_MODEL_FILE}


@dataclass(frozen=True)
class Story:
    text: str
    label: str
    mode: str
    template: str
    headline: str = ""  # the template filled in (the prompt's first line): read by the story model only


def read_stories(folder: Path) -> list[Story]:
    """Every labelled story of the synthetic CSVs under ``folder``."""
    files = sorted(folder.glob("gpt_synthetic_events_*.csv"))
    if not files:
        raise DataMissingError(f"no gpt_synthetic_events_*.csv under {folder}; pass the NGEC folder with --data")
    csv.field_size_limit(sys.maxsize)
    stories: list[Story] = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("label") in PLOVER_TYPES and row.get("text"):
                    headline = (row.get("prompt") or "").strip().split("\n", 1)[0].strip()
                    stories.append(Story(row["text"], row["label"], (row.get("mode") or "").lower(), row["title"],
                                         headline))
    return stories


def reads_for(model: str, headline_weight: int = HEADLINE_WEIGHT) -> Callable[[Story], str]:
    """What ``model`` (SENTENCE or STORY) reads of a story (the story model with its headline ``headline_weight``
    times)."""
    if model == STORY:
        return lambda s: reading(s.headline, lead(s.text), headline_weight)
    return lambda s: lead(s.text)


def _pipeline() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=MIN_DF, sublinear_tf=True, max_features=MAX_FEATURES),
        LinearSVC(C=SVM_C, class_weight="balanced", random_state=SEED),
    )


def out_of_fold(stories: list[Story], reads: Callable[[Story], str], grouped: bool = False,
                folds: int = FOLDS) -> tuple[list[str], list[float]]:
    """Out-of-fold predictions and their margins (best decision score less the runner-up), in the order of
    ``stories``. The folds are stratified and shuffled with ``SEED``, or with ``grouped`` keep each headline
    template on one side (the figure for kinds of story the model never saw)."""
    from sklearn.base import clone
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    texts = [reads(s) for s in stories]
    labels = [s.label for s in stories]
    if grouped:
        splits = GroupKFold(folds).split(texts, labels, groups=[s.template for s in stories])
    else:
        splits = StratifiedKFold(folds, shuffle=True, random_state=SEED).split(texts, labels)
    predicted, margins = [""] * len(stories), [0.0] * len(stories)
    for fit_idx, test_idx in splits:
        model = clone(_pipeline()).fit([texts[i] for i in fit_idx], [labels[i] for i in fit_idx])
        scores = model.decision_function([texts[i] for i in test_idx])
        for i, row in zip(test_idx, scores, strict=True):
            ranked = sorted(row, reverse=True)
            predicted[i] = str(model.classes_[int(row.argmax())])
            margins[i] = float(ranked[0] - ranked[1])
    return predicted, margins


def train(stories: list[Story], which: str = SENTENCE) -> dict[str, Any]:
    """Fit the model ``which`` (SENTENCE or STORY) on every story; the JSON-ready weights."""
    model = _pipeline()
    read = reads_for(which)
    model.fit([read(s) for s in stories], [s.label for s in stories])
    vectorizer, svm = model.steps[0][1], model.steps[1][1]
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    coef = svm.coef_.T  # features x classes
    about = "PLOVER event-type classifier; python -m newsbrief.events.train; TF-IDF word 1-2 grams + linear SVM"
    settings: dict[str, Any] = {"lead_sentences": LEAD_SENTENCES, "max_features": MAX_FEATURES, "min_df": MIN_DF,
                                "C": SVM_C}
    if which == STORY:
        about = about.replace("classifier;", "classifier, story model (headline and lead);")
        settings["reads"] = "headline and lead"
        settings["headline_weight"] = HEADLINE_WEIGHT
    return {
        "about": about,
        "settings": settings,
        "classes": [str(c) for c in svm.classes_],
        "vocabulary": vocabulary,
        "idf": [round(float(v), WEIGHT_DECIMALS) for v in vectorizer.idf_],
        "coef": [[round(float(v), WEIGHT_DECIMALS) for v in row] for row in coef],
        "intercept": [round(float(v), WEIGHT_DECIMALS) for v in svm.intercept_],
    }


def model_bytes(weights: dict[str, Any]) -> bytes:
    """The shipped file's bytes: sorted compact JSON, gzipped with mtime 0, so the same data gives the same bytes."""
    payload = json.dumps(weights, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return gzip.compress(payload, mtime=0)


def main(argv: list[str] | None = None) -> None:
    import argparse

    from newsbrief.eval import data_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="folder with gpt_synthetic_events_*.csv (default ../shared/data/events/ngec)")
    parser.add_argument("--model", choices=[SENTENCE, STORY, "both"], default="both")
    parser.add_argument("--output-dir", default=str(DATA), help="where the .json.gz files go (default: the package)")
    args = parser.parse_args(argv)
    stories = read_stories(data_path(args.data, "events/ngec"))
    for which in ([SENTENCE, STORY] if args.model == "both" else [args.model]):
        output = Path(args.output_dir) / MODEL_FILES[which]
        output.write_bytes(model_bytes(train(stories, which)))
        print(f"{which} model: trained on {len(stories)} stories; wrote {output} ({output.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
