"""A generated newsroom for the web tests of lists, totals, facets and the overview: enough articles for several
pages, four speakers, three outlets, four months, direct and reported speech, events between two pairs of countries,
and articles that carry no date at all (their events can be dated by nothing).

The articles are made up for these tests, one template filled with different names, places and months.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

from newsbrief.model import Brief, Span
from newsbrief.store import Store
from test_store_corpus import Did, Said, Story, make_brief

SPEAKERS = [("Anna Tanaka", "Foreign Minister", "JPN"), ("Tom Walker", "Trade Secretary", "USA"),
            ("Jean Dupont", "Foreign Minister", "FRA"), ("Sara Evans", "Home Secretary", "GBR")]
OUTLETS = ["Harbour Gazette", "Northern Courier", "Coastal Wire"]
# (source name, code, verb, PLOVER type, intensity, target name, code)
DEEDS = [("Japan", "JPN", "accused", "ACCUSE", -4.0, "the United States", "USA"),
         ("The United States", "USA", "agreed with", "AGREE", 5.0, "Japan", "JPN"),
         ("Britain", "GBR", "threatened", "THREATEN", -6.0, "France", "FRA")]
ARTICLES = 47
UNDATED = {5, 17, 29}  # articles with no date: their events cannot be dated
# Background words, drawn at random for each article, so no two are near-duplicates (one story cluster each).
VOCABULARY = (
    "harbour", "fleet", "quota", "season", "catch", "trawler", "ministry", "envoy", "coast", "patrol", "licence",
    "permit", "treaty", "summit", "delegate", "island", "bay", "fishermen", "union", "market", "price", "export",
    "import", "subsidy", "inspector", "vessel", "crew", "net", "winter", "spring", "autumn", "harvest", "stock",
    "survey", "scientist", "report", "council", "region", "border", "zone",
)


def story(i: int) -> Story:
    name, role, country = SPEAKERS[i % 3 if i % 7 else 3]
    source, source_code, verb, _, _, target, target_code = DEEDS[i % 3]
    month = 1 + i % 4
    sentence = f"{source} {verb} {target} over fishing quotas in round {i}"
    words = f"We expect an answer on the fishing quotas before round {i + 1} begins"
    text = (f"Talks on fishing quotas, round {i}\n\nTOKYO — {sentence} on Tuesday, officials said.\n\n"
            f'"{words}," {name} told reporters.\n\n{_background(i)}')
    return Story(
        title=f"Talks on fishing quotas, round {i}", source=OUTLETS[i % 3],
        published=f"2026-{month:02d}-{1 + i % 27:02d}", url=f"https://news.example/{i}", text=text,
        said=[Said(words, name, role, country)],
        did=[Did(sentence, source, source_code, DEEDS[i % 3][3], target, target_code, DEEDS[i % 3][4])],
    )


def _background(i: int) -> str:
    rng = random.Random(i)
    return " ".join(rng.choice(VOCABULARY) for _ in range(60)).capitalize() + "."


def brief(i: int) -> Brief:
    made = make_brief(story(i))
    if i % 4 == 1:  # reported speech, with its cue verb
        text = made.article.text
        cue = text.index("told")
        made = dataclasses.replace(made, quotes=tuple(
            dataclasses.replace(q, kind="indirect", cue=Span.of(text, cue, cue + 4)) for q in made.quotes))
    if i in UNDATED:
        made = dataclasses.replace(
            made, article=dataclasses.replace(made.article, published=None),
            events=tuple(dataclasses.replace(e, date=None) for e in made.events))
    return made


def build(path: Path, articles: int = ARTICLES) -> Path:
    with Store(path) as store:
        for i in range(articles):
            store.add(brief(i))
    return path
