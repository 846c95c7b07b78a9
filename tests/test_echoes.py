"""Echoes: labelled pairs of one speaker's statements (written for this test), the threshold's precision and recall
on them, and the links the store makes between articles.

Positive pairs repeat a line with small changes (tense, person, a word swapped, a clause added); negative pairs are
the same speaker on the same topic making a different point, which a topic-level similarity would confuse.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from echo_pairs import MORE_ECHO_PAIRS
from newsbrief import echoes
from newsbrief.model import Article, Brief, Passage, Quote, Span, Speaker
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


def test_threshold_on_the_larger_hand_written_set() -> None:
    # 152 pairs, 74 echoes; the negatives share the topic's words. At 0.6: precision 0.949 (4 false echoes, all
    # with the same content words as the echo: "will fall" / "will not fall", since negations are stop words),
    # recall 1.00; at 0.7: 0.96/0.973; at 0.8: 0.955/0.851 (see echo_pairs.py).
    assert len(MORE_ECHO_PAIRS) == 152 and sum(gold for *_, gold in MORE_ECHO_PAIRS) == 74
    precision, recall = echoes.precision_recall(MORE_ECHO_PAIRS)
    assert precision >= 0.94
    assert recall >= 0.99


_PREFIXES = ["Ander", "Bel", "Cor", "Dal", "Ever", "Fal", "Gar", "Hal", "Ing", "Jar"]
_SUFFIXES = ["sen", "ton", "ley", "mont", "wick", "field", "by", "ham", "ford", "more", "dale", "worth", "croft",
             "stone", "well", "ridge", "wood", "brook", "hurst", "lock"]
_SETTINGS = [
    "The remarks were made in the capital on {day}, where {name} met regional officials to go through the programme "
    "for the coming months and the money that goes with it.",
    "Speaking to reporters after a closed meeting on {day}, {name} took no questions on the timetable, and aides said "
    "a fuller statement would follow later in the week.",
]


def _statement(k: int, which: int, content: str, name: str, day: dt.date) -> Story:
    setting = _SETTINGS[which].format(day=day.strftime("%A"), name=name)
    return Story(f"Statement {k}-{which}", "Civic Wire", day.isoformat(), f'{setting}\n\n"{content}" {name} said.',
                 said=[Said(content, name)], url=f"https://civic.example/{k}/{which}")


def test_store_links_exactly_the_pairs_above_the_threshold(tmp_path: Path) -> None:
    """Every labelled pair as two articles by one speaker a month apart: the store's index finds every pair the
    similarity accepts (index recall 1.0) and links nothing else, so the store's precision and recall on the pairs
    are the threshold's."""
    pairs = ECHO_PAIRS + MORE_ECHO_PAIRS
    with Store(tmp_path / "news.db") as store:
        expected, linked = set(), set()
        for k, (first, later, _gold) in enumerate(pairs):
            name = f"Alex {_PREFIXES[k // 20]}{_SUFFIXES[k % 20]}"
            day = dt.date(2026, 1, 1) + dt.timedelta(days=k)
            earlier = store.add(make_brief(_statement(k, 0, first, name, day)))
            result = store.add(make_brief(_statement(k, 1, later, name, day + dt.timedelta(days=30))))
            assert result.cluster_id != earlier.cluster_id  # two stories, so the pair may echo
            if echoes.similarity(first, later) >= echoes.ECHO_THRESHOLD:
                expected.add(k)
            if result.echoes:
                linked.add(k)
        assert len(expected) == 102
        assert linked == expected
        # And the links point from the later statement to the earlier one.
        assert store.conn.execute(
            "SELECT COUNT(*) FROM echoes e JOIN quotes l ON l.id = e.quote_id "
            "JOIN quotes r ON r.id = e.earlier_quote_id WHERE l.published > r.published").fetchone()[0] == 102


def _history_brief(speaker: str, lines: list[str], day: dt.date, n: int, setting: str = "") -> Brief:
    text = "\n\n".join([setting] * bool(setting) + [f'"{line}" {speaker} said.' for line in lines])
    article = Article(text=text, url=f"https://desk.example/{n}", source="Desk", title=f"Remarks {n}", published=day)
    quotes, at = [], 0
    for line in lines:
        start = text.index(line, at)
        at = start + len(line)
        quotes.append(Quote(Span.of(text, start, at), "direct", "s", None, None, 0.9))
    first = article.paragraph_spans()[0]
    return Brief(article, lead=(Passage(first.text, (first,)),), quotes=tuple(quotes),
                 speakers=(Speaker("s", speaker, "Trade Minister", "NZL"),))


def test_an_old_line_is_found_behind_a_long_history_on_the_same_topic(tmp_path: Path) -> None:
    """A trade minister quoted 1,500 times on trade after a line: the line's repeat is linked to it, and the
    candidates scored for it stay within the index's bound, not the history's size."""
    topic = ["tariffs", "exports", "dairy", "farmers", "markets", "trade", "deal", "negotiators", "quotas", "beef",
             "lamb", "access", "prices", "partners", "ministers", "talks", "rules", "growth", "jobs", "ports"]
    line = "Our dairy farmers will not be traded away for a quick deal on car parts."
    history = [f"{topic[i % 20].capitalize()} and {topic[(i * 7) % 20]} matter to {topic[(i * 3) % 20]}, "
               f"{topic[(i * 11) % 20]} and {topic[(i * 13) % 20]}, in week {i}." for i in range(1500)]
    with Store(tmp_path / "news.db") as store:
        store.add(_history_brief("Rose Tamaki", [line], dt.date(2025, 1, 10), 0, _SETTINGS[0].format(
            day="Friday", name="Rose Tamaki")))
        for n, start in enumerate(range(0, 1500, 100), start=1):
            store.add(_history_brief("Rose Tamaki", history[start : start + 100], dt.date(2025, 2, n), n))
        repeat = "Our dairy farmers will never be traded away for a quick deal on car parts."
        result = store.add(_history_brief("Rose Tamaki", [repeat], dt.date(2026, 1, 10), 99, _SETTINGS[1].format(
            day="Saturday", name="Rose Tamaki")))
        assert result.echoes == 1
        quote_id = store.conn.execute("SELECT MAX(id) FROM quotes").fetchone()[0]
        keys = echoes.band_keys("rose-tamaki", echoes.content_words(repeat))
        found = echoes.candidates(store.conn, quote_id, keys)
        assert len(found) <= echoes.ECHO_MAX_CANDIDATES
        assert store.conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == 1502


def test_a_merge_of_speakers_keeps_their_lines_findable(tmp_path: Path) -> None:
    """A surname-only speaker is folded into a full name that arrives later; a repeat of the surname-only line by the
    full name is still an echo (the index keys moved with the quotations)."""
    line = "The harbour tunnel will be finished before the next election, whatever it costs."
    first = Story("Tunnel pledge", "City Desk", "2026-02-01",
                  "The council met on Monday.\n\n" f'"{line}" Okonkwo said.',
                  said=[Said(line, "Okonkwo", "Mayor")], url="https://city.example/1")
    full = Story("Mayor on buses", "City Desk", "2026-02-10",
                 "The bus plan was approved.\n\n" '"Buses will run every ten minutes." Adaeze Okonkwo said.',
                 said=[Said("Buses will run every ten minutes.", "Adaeze Okonkwo", "Mayor")],
                 url="https://city.example/2")
    repeat = "The harbour tunnel will be finished before the next election, whatever the cost."
    again = Story("Tunnel pledge repeated", "City Desk", "2026-03-01",
                  "Work resumed at the site.\n\n" f'"{repeat}" Adaeze Okonkwo said.',
                  said=[Said(repeat, "Adaeze Okonkwo", "Mayor")], url="https://city.example/3")
    with Store(tmp_path / "news.db") as store:
        store.add(make_brief(first))
        store.add(make_brief(full))
        assert [r[0] for r in store.conn.execute("SELECT id FROM speakers")] == ["adaeze-okonkwo"]
        assert store.add(make_brief(again)).echoes == 1


def test_a_store_made_before_the_index_is_indexed_when_opened(tmp_path: Path) -> None:
    """Migration 7 computes the bag of words and keys of every stored quotation; later quotations find them."""
    db = tmp_path / "news.db"
    with Store(db) as store:
        store.add(make_brief(TRUMP_RALLY))
    conn = sqlite3.connect(db)  # back to version 6: no index tables
    conn.executescript("DROP TABLE echo_bands; DROP TABLE quote_terms; DELETE FROM migrations WHERE version >= 7;")
    conn.close()
    with Store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM quote_terms").fetchone()[0] == 1
        assert store.add(make_brief(ISHIBA_REPLY)).echoes == 1
