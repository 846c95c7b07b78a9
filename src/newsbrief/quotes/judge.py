"""The learned judge: keeps or drops each quotation the rules found.

The rules find quotations generously: every run in marks with a cue near it, every phrase in marks inside a clause,
every clause under a verb of saying. Some of these are no attributed statement a reader (or the PolNeAR annotators)
would call a quotation: a title in marks, a scare-quoted term inside the writer's own sentence, a clause the parse
hung on the wrong verb. A logistic regression over what the rules know of each find (which rule found it, its
length, its marks, its cue and speaker, where it sits in the sentence and paragraph) gives the probability that it
is one; finds below the threshold are dropped.

Trained on the PolNeAR train split only (``python -m newsbrief.quotes.train_judge``): a find is a positive example
when it matches a gold attribution under the corpus's content-overlap rule. The weights ship as a small JSON file
(``newsbrief/data/quote_judge.json``), read with no download and no pickle; without the file every find is kept.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from newsbrief.quotes.cues import SPEECH_VERBS, doc_text
from newsbrief.quotes.direct import Found, Paragraphs
from newsbrief.quotes.learned import read_model
from newsbrief.quotes.marks import DOUBLE_MARK

MODEL_FILE = "quote_judge.json"

_FIRST_PERSON = frozenset({"i", "i'm", "i’m", "we", "we're", "we’re", "my", "our", "me", "us"})
# Word-count buckets: a scare quote, a phrase, a clause, a sentence, a passage.
_SIZES = ((1, "1"), (2, "2"), (3, "3"), (6, "4-6"), (12, "7-12"), (25, "13-25"), (50, "26-50"))

def _size(n: int) -> str:
    return next((name for top, name in _SIZES if n <= top), "51+")


def _share(x: float) -> str:
    """A share in fifths, as a category: the judge is linear, so a bucket lets each fifth weigh on its own."""
    return str(min(int(x * 5), 4))


def features(found: Found, doc: Doc, paragraphs: Paragraphs) -> dict[str, float]:
    """Sparse features of one find."""
    text = doc_text(doc)
    content = text[found.start : found.end]
    words = content.split()
    n = max(len(words), 1)
    f: dict[str, float] = {"bias": 1.0}
    f["rule=" + found.rule] = 1.0
    f["kind=" + found.kind] = 1.0
    f["rule_size=" + found.rule + "|" + _size(n)] = 1.0
    f["size=" + _size(n)] = 1.0
    # Marks: how many, and how much of the content sits inside them (a run alone, or a phrase in a clause).
    marks = DOUBLE_MARK.findall(content)
    f["marks=" + str(min(len(marks), 6))] = 1.0
    inside = sum(len(m.group().split()) for m in re.finditer(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]", content))
    f["rule_inside=" + found.rule + "|" + _share(inside / n)] = 1.0
    f["title_case=" + _share(sum(w[:1].isupper() for w in words) / n)] = 1.0
    f["first_person"] = 1.0 if any(w.lower().strip(",.;:!?\"'“”‘’") in _FIRST_PERSON for w in words) else 0.0
    f["question"] = 1.0 if "?" in content else 0.0
    f["sentences=" + str(min(content.count(". ") + content.count("? ") + content.count("! ") + 1, 4))] = 1.0
    f["paragraphs=" + str(min(content.count("\n\n") + 1, 3))] = 1.0
    # Where it sits: alone in its paragraph, opening it, in the article's first paragraphs.
    p_start, p_end = paragraphs.of(found.start)
    before = text[p_start : found.start].strip(" \"'“‘`")
    after = text[found.end : p_end].strip(" \"'”’.,")
    f["para_alone"] = 1.0 if not before and not after else 0.0
    f["opens_para"] = 1.0 if not before else 0.0
    f["para_index=" + str(min(paragraphs.index(found.start), 5))] = 1.0
    f["rule_ends_sentence=" + found.rule + "|" + ("y" if content.rstrip(" \"'”’").endswith((".", "?", "!", ","))
                                                  else "n")] = 1.0
    # Cue and speaker.
    if found.cue_token is not None:
        cue = doc[found.cue_token]
        lemma = cue.lemma_.lower()
        f["cue=" + lemma] = 1.0
        f["cue_lexicon"] = 1.0 if lemma in SPEECH_VERBS else 0.0
        f["cue_side=" + ("before" if cue.idx < found.start else "inside" if cue.idx < found.end else "after")] = 1.0
        f["cue_tag=" + cue.tag_] = 1.0
    else:
        f["no_cue"] = 1.0
    if found.speaker_token is not None:
        tok = doc[found.speaker_token]
        f["speaker_pos=" + tok.pos_] = 1.0
        f["speaker_ent=" + (tok.ent_type_ or "none")] = 1.0
        if tok.pos_ == "PRON":
            f["speaker_pron=" + tok.lower_] = 1.0
    elif found.speaker is not None:
        f["speaker_no_token"] = 1.0
    else:
        f["no_speaker"] = 1.0
    f["rule_speaker=" + found.rule + "|" + ("y" if found.speaker is not None else "n")] = 1.0
    return f


def probability(model: dict[str, Any], feats: dict[str, float]) -> float:
    weights: dict[str, float] = model["weights"]
    z = float(model["intercept"]) + sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-z))


def keep(found: Sequence[Found], doc: Doc, paragraphs: tuple[tuple[int, int], ...]) -> list[Found]:
    """The finds the judge keeps (all of them when the model file is absent); each keeps its rule's confidence,
    lowered to the judge's probability where that is lower."""
    model = read_model(MODEL_FILE, "quote judge")
    if model is None:
        return list(found)
    index = Paragraphs(paragraphs, len(doc_text(doc)))
    kept = []
    for f in found:
        p = probability(model, features(f, doc, index))
        if p >= float(model["threshold"]):
            f.confidence = round(min(f.confidence, p), 3)
            kept.append(f)
    return kept
