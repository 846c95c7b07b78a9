"""newsbrief.doccache: per-document values computed once, equal to spaCy's own, never shared between documents."""

from __future__ import annotations

import gc
import weakref

from newsbrief import doccache
from newsbrief.events import actors

HARBOUR = (
    "VALLETTA — The Maltese transport minister, Carmel Vella, on Tuesday ordered an inquiry into the collapse of a "
    "crane at the Grand Harbour container terminal, which injured two dock workers.\n\n"
    '"We owe the families a full account," Vella told reporters outside the port authority\'s offices.'
)
BUDGET = "Finance Minister Ilse Brandt presented the federal budget to parliament in Berlin on Wednesday."


def test_values_equal_spacys_own(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(HARBOUR)
    assert doccache.text(doc) == doc.text
    assert doccache.noun_chunks(doc) == [(c.start_char, c.end_char, c.text) for c in doc.noun_chunks]
    # Asked again: the very same objects, not recomputed.
    assert doccache.text(doc) is doccache.text(doc)
    assert doccache.noun_chunks(doc) is doccache.noun_chunks(doc)


def test_each_doc_has_its_own_values_and_they_go_with_it(nlp) -> None:  # type: ignore[no-untyped-def]
    harbour, budget = nlp(HARBOUR), nlp(BUDGET)
    assert doccache.text(harbour) == HARBOUR
    assert doccache.text(budget) == BUDGET
    assert any("Ilse Brandt" in chunk for _s, _e, chunk in doccache.noun_chunks(budget))
    assert not any("Ilse Brandt" in chunk for _s, _e, chunk in doccache.noun_chunks(harbour))
    gone = weakref.ref(budget)
    del budget
    gc.collect()
    # A long batch does not keep every parsed article alive: the cache lets go of a Doc nobody holds (other
    # tests' Docs may go in the same collection, so count only these two).
    assert gone() is None
    assert harbour in doccache._cache


def test_cached_organisation_lookup_answers_as_before() -> None:
    # The substring test and the cache change the speed of the lookup, not its answers.
    for _ in range(2):
        assert actors.resolve("NATO members").sector == "group"  # type: ignore[union-attr]
        assert actors.resolve("the rebel Quds Force") is not None
        assert actors.resolve("Canadian Ambassador to the United Nations").country == "CAN"  # type: ignore[union-attr]
        assert actors.resolve("yesterday") is None
