"""Echoes: labelled pairs of one speaker's statements (written for this test), the threshold's precision and recall
on them, and the links the store makes between articles.

Positive pairs repeat a line with small changes (tense, person, a word swapped, a clause added); negative pairs are
the same speaker on the same topic making a different point, which a topic-level similarity would confuse.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief import echoes
from newsbrief.store import Store, queries
from test_store_corpus import ISHIBA_REPLY, TRUMP_RALLY, Said, Story, corpus_briefs, make_brief

ECHO_PAIRS: list[tuple[str, str, bool]] = [
    ("If they don't pay, we're not going to defend them.", "If they don't pay up, I'm not going to defend them.", True),
    ("We will not accept a deal that hurts our farmers.", "We won't accept any deal that hurts American farmers.",
     True),
    ("Japan sets its defence budget on the basis of its own security needs.",
     "Our defence budget is set on the basis of Japan's own security needs.", True),
    ("The border is closed and it will stay closed.", "The border is closed, and it is going to stay closed.", True),
    ("Inflation is coming down and wages are going up.", "Wages are going up and inflation is coming down.", True),
    ("Russia must withdraw its troops from Ukrainian territory.",
     "Russia must withdraw all of its troops from the territory of Ukraine.", True),
    ("We are ready to talk, but not under threat.", "We are ready to talk to anyone, but never under threats.", True),
    ("This tax cut will put money back in the pockets of working families.",
     "The tax cut puts money back into the pockets of working families.", True),
    ("No one is above the law, including the president.", "Nobody is above the law, and that includes the president.",
     True),
    ("The election was free and fair, and the results will stand.",
     "The results will stand because the election was free and fair.", True),
    ("Climate change is the defining challenge of our generation.",
     "Climate change is the defining challenge of this generation.", True),
    ("We will rebuild every home that was destroyed by the floods.",
     "Every home destroyed by the floods will be rebuilt.", True),
    ("Our alliance with Japan has never been stronger.", "The alliance with Japan has never been stronger than today.",
     True),
    ("China is stealing our jobs and our technology.", "China has been stealing our technology and our jobs for years.",
     True),
    ("Tariffs stay until we have a deal.", "The tariffs will stay on until we have a deal.", True),
    ("Hospitals need more nurses, not more managers.", "What our hospitals need is more nurses, not more managers.",
     True),
    ("We will never recognise the annexation of Crimea.", "We shall never recognise Russia's annexation of Crimea.",
     True),
    ("The ceasefire must hold and aid must reach Gaza.", "Aid must reach Gaza and the ceasefire must hold.", True),
    ("Schools will reopen in September with extra teachers.",
     "In September the schools will reopen, with extra teachers in every classroom.", True),
    ("Our doors remain open to dialogue with Beijing.", "The door to dialogue with Beijing remains open.", True),
    ("Our economy is the strongest in the world.", "We have the strongest economy anywhere in the world right now.",
     True),
    ("The sanctions will remain until Russia leaves Ukraine.",
     "Until Russia leaves Ukraine, sanctions remain in place.", True),
    ("We will defend every inch of NATO territory.", "Every single inch of NATO territory will be defended by us.",
     True),
    ("Prices at the pump are falling because of our policies.",
     "Because of our energy policies, pump prices are falling fast.", True),
    # Same speaker, same topic, a different point.
    ("If they don't pay, we're not going to defend them.", "Japan has been a great ally and a great friend to us.",
     False),
    ("We will not accept a deal that hurts our farmers.", "Our farmers produce the best soybeans in the world.", False),
    ("Japan sets its defence budget on the basis of its own security needs.",
     "Japan will continue to consult closely with the United States on security.", False),
    ("The border is closed and it will stay closed.", "We are hiring two thousand new border agents this year.",
     False),
    ("Inflation is coming down and wages are going up.", "Interest rates are a matter for the central bank.", False),
    ("Russia must withdraw its troops from Ukrainian territory.",
     "We will send more air defence systems to Ukraine this winter.", False),
    ("We are ready to talk, but not under threat.", "Talks will take place in Geneva next week.", False),
    ("This tax cut will put money back in the pockets of working families.",
     "The deficit will fall by half within four years.", False),
    ("No one is above the law, including the president.", "The court will hear the case in the spring.", False),
    ("The election was free and fair, and the results will stand.",
     "Turnout was the highest in forty years, which is good for democracy.", False),
    ("Climate change is the defining challenge of our generation.",
     "We will build ten new offshore wind farms by 2030.", False),
    ("We will rebuild every home that was destroyed by the floods.",
     "The floods were the worst this region has seen in a century.", False),
    ("Our alliance with Japan has never been stronger.", "Japan must pay more for the troops we station there.", False),
    ("China is stealing our jobs and our technology.", "I have a very good relationship with President Xi.", False),
    ("Tariffs stay until we have a deal.", "We have a great deal for our farmers.", False),
    ("Hospitals need more nurses, not more managers.", "Waiting lists are the longest they have ever been.", False),
    ("We will never recognise the annexation of Crimea.", "Crimea is part of Ukraine under international law.", False),
    ("The ceasefire must hold and aid must reach Gaza.", "The hostages must be released without conditions.", False),
    ("Schools will reopen in September with extra teachers.", "Teachers deserve a pay rise this year.", False),
    ("Our doors remain open to dialogue with Beijing.", "Beijing must stop its military drills around Taiwan.", False),
    ("Our economy is the strongest in the world.", "The world economy is slowing, and we cannot ignore it.", False),
    ("The sanctions will remain until Russia leaves Ukraine.", "Ukraine will get the weapons it needs from us.",
     False),
    ("We will defend every inch of NATO territory.", "NATO members must spend more on their own defence.", False),
    ("Prices at the pump are falling because of our policies.",
     "Our policies on housing will bring prices down for renters.", False),
]


def test_threshold_precision_and_recall_on_labelled_pairs() -> None:
    precision, recall = echoes.precision_recall(ECHO_PAIRS)
    assert len(ECHO_PAIRS) == 48 and sum(gold for *_, gold in ECHO_PAIRS) == 24
    # Measured at ECHO_THRESHOLD (see its note in newsbrief/echoes.py); floors a little below the figures.
    assert precision >= 0.95
    assert recall >= 0.95


def test_short_generic_quotations_echo_nothing() -> None:
    assert echoes.similarity("We'll see.", "We'll see.") == 0.0
    assert echoes.stem("stopped") == "stop" and echoes.stem("policies") == "policy"


def test_store_links_a_later_quotation_to_the_earlier_one(tmp_path: Path) -> None:
    rally, reply = make_brief(TRUMP_RALLY), make_brief(ISHIBA_REPLY)
    with Store(tmp_path / "news.db") as store:
        # Stored out of order: the link still runs from the later statement to the earlier one.
        store.add(reply)
        result = store.add(rally)
        assert result.echoes == 1
        row = store.conn.execute(
            "SELECT later.published, earlier.published FROM echoes e JOIN quotes later ON later.id = e.quote_id "
            "JOIN quotes earlier ON earlier.id = e.earlier_quote_id"
        ).fetchone()
        assert tuple(row) == ("2026-03-09", "2026-03-02")
        timeline = queries.speaker(store.conn, "donald-trump")["timeline"]  # type: ignore[index]
        assert timeline[0]["echoes"] == []
        assert timeline[1]["echoes"][0]["date"] == "2026-03-02"


def test_the_same_quotation_in_a_reprint_is_no_echo(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        for brief in corpus_briefs():
            store.add(brief)
        # Two outlets carry the Trump line of 9 March; each echoes 2 March, neither echoes the other.
        pairs = store.conn.execute(
            "SELECT l.published, e.published FROM echoes x JOIN quotes l ON l.id = x.quote_id "
            "JOIN quotes e ON e.id = x.earlier_quote_id"
        ).fetchall()
        assert sorted(tuple(p) for p in pairs) == [("2026-03-09", "2026-03-02")] * 2


@pytest.mark.parametrize("threshold", [0.3, 0.4, 0.5, 0.6, 0.7])
def test_threshold_sweep_is_monotone(threshold: float) -> None:
    """Raising the threshold never raises recall (a guard on the sweep that chose ECHO_THRESHOLD)."""
    _, recall_here = echoes.precision_recall(ECHO_PAIRS, threshold)
    _, recall_above = echoes.precision_recall(ECHO_PAIRS, threshold + 0.1)
    assert recall_above <= recall_here


def test_echo_of_a_speaker_never_crosses_to_another_speaker(tmp_path: Path) -> None:
    line = "We will rebuild every home that was destroyed by the floods this spring"
    a = Story("Mayor pledges rebuilding", "Valley News", "2026-05-01", f'"{line}," Mayor Ann Lee said.',
              said=[Said(line, "Ann Lee", "Mayor")], url="https://valley.example/1")
    b = Story("Governor pledges rebuilding", "Valley News", "2026-05-08", f'"{line}," Governor Tom Reyes said.',
              said=[Said(line, "Tom Reyes", "Governor")], url="https://valley.example/2")
    with Store(tmp_path / "news.db") as store:
        store.add(make_brief(a))
        assert store.add(make_brief(b)).echoes == 0
