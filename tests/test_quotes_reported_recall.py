"""Reported speech the rules find (issue 19 item 1), on sentences written for these tests: infinitives of verbs of
saying, cues set off by commas, and no attribution in an infinitive after "started" or "allowed"."""

from __future__ import annotations

from newsbrief.model import Article
from newsbrief.quotes import extract_quotes


def _reported(nlp, text: str) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    quotes, _ = extract_quotes(Article(text=text), nlp(text), (), tagged=False)
    return [(q.content.text, q.speaker_mention.text if q.speaker_mention else None) for q in quotes]


def test_a_vow_reports_its_infinitive(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _reported(nlp, "The senator vowed to repeal the health law next year.")
    assert found == [("to repeal the health law next year", "The senator")]


def test_urging_reports_who_was_urged_and_to_do_what(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _reported(nlp, "She urged Congress to pass the bill before the recess.")
    assert found == [("Congress to pass the bill before the recess", "She")]


def test_a_cue_set_off_by_commas_reports_the_clause_around_it(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _reported(nlp, "The deal, he said, was dead on arrival in the Senate.")
    assert len(found) == 1 and found[0][1] == "he"
    assert found[0][0].startswith("The deal") and found[0][0].endswith("in the Senate")


def test_a_cue_after_the_clause_reports_it(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _reported(nlp, "The plan is dead and buried, officials said on Monday.") == [
        ("The plan is dead and buried", "officials")
    ]


def test_an_infinitive_after_started_or_allowed_is_no_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _reported(nlp, "The company started to lay off hundreds of workers in March.") == []
    assert _reported(nlp, "The court allowed the agency to keep the records sealed.") == []
