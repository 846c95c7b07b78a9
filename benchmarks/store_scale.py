"""The store as it grows: the cost of adding an article, the file's size and the main queries at 1,000, 10,000 and
100,000 articles.

    python benchmarks/store_scale.py --json                     # 1,000 / 10,000 / 100,000 (about 15 min)
    python benchmarks/store_scale.py --sizes 1000 10000 --json  # a quicker run

One store is grown through ``Store.add`` (the writer ``ingest`` and ``import`` use: dedup, speakers, quotations, echo
index, full-text index, events) from generated briefs; no spaCy. When it reaches each size the last ``--window``
adds give the ms per added article (wall and CPU), the file (WAL checkpointed) gives the bytes per article, and the
main queries of the web pages are timed on random arguments (p50 and p95). Prints
``{"sizes": {"1000": {"ms_per_article": ..., "bytes_per_article": ..., "p50_ms": {...}, "p95_ms": {...}}, ...}}``.

The generated briefs are meant to load the store as news does, not to read well:

- text from a Zipf vocabulary (English function words at its head, 30,000 made-up words in its tail), 350-900 words;
- speakers with Zipf popularity over a population that grows (a few are quoted in most days' news), a quarter of
  mentions by surname alone, surnames shared between people; each speaker has a few topics of their own, and one
  quotation in seven repeats one of their earlier lines with a word changed (an echo);
- one article in eight is another outlet's reprint of a recent one (new first paragraph, last one dropped): a
  near-duplicate for the MinHash clusters;
- 1-4 events between countries with Zipf frequency, 5-12 entities, 300 articles a day.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.model import Actor, Article, Brief, Entity, Event, Passage, Quote, Span, Speaker

SIZES = (1_000, 10_000, 100_000)
GOAL_RATIO = 1.5  # cost per article at the largest size over the cost at the smallest
GOAL_MS = 15.0
GOAL_QUERY_P95_MS = 50.0

FUNCTION_WORDS = [
    "the", "of", "and", "to", "a", "in", "that", "is", "for", "it", "on", "was", "with", "he", "as", "said", "by",
    "at", "from", "his", "be", "have", "an", "are", "has", "but", "not", "this", "they", "who", "were", "had",
    "their", "which", "will", "been", "would", "its", "or", "we", "more", "after", "about", "also", "than", "one",
    "there", "she", "her", "year", "all", "can", "two", "our", "new", "other", "when", "over", "some", "up", "could",
    "into", "what", "people", "first", "last", "government", "them", "out", "most", "if", "no", "may", "time",
    "years", "just", "so", "only", "minister", "president", "week", "told", "officials", "country", "state",
    "because", "against", "while", "before",
]
COUNTRIES = ["USA", "CHN", "RUS", "UKR", "DEU", "FRA", "GBR", "JPN", "IND", "BRA", "ISR", "IRN", "TUR", "KOR", "PRK",
             "SAU", "EGY", "ZAF", "NGA", "MEX", "CAN", "AUS", "ITA", "ESP", "POL", "PAK", "AFG", "SYR", "IRQ", "QAT",
             "ARE", "IDN", "PHL", "VNM", "THA", "MYS", "SGP", "ARG", "CHL", "COL", "VEN", "CUB", "ETH", "KEN", "SDN",
             "LBY", "DZA", "MAR", "GRC", "NLD", "BEL", "SWE", "NOR", "FIN", "DNK", "AUT", "CHE", "HUN", "CZE", "ROU"]
ROLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Trade Minister", "Senator", "Governor",
         "Mayor", "spokesperson", "Finance Minister", "opposition leader", "central bank governor"]
EVENT_TYPES = [("CONSULT", 1.0), ("AGREE", 3.0), ("ACCUSE", -3.0), ("REJECT", -4.0), ("THREATEN", -6.0),
               ("SUPPORT", 3.5), ("SANCTION", -5.0), ("AID", 6.0), ("REQUEST", 1.5), ("PROTEST", -3.5)]
OUTLETS = [f"Outlet {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(40)]


def made_up_words(n: int, rng: random.Random) -> list[str]:
    """``n`` distinct pronounceable words: the long tail of a news vocabulary (names, places, rare words)."""
    onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "cr", "dr",
              "st", "tr", "pl", "gr", "sh", "ch"]
    vowels, codas = "aeiou", ["", "", "n", "r", "s", "l", "t", "nd", "rt"]
    seen: set[str] = set(FUNCTION_WORDS)
    out: list[str] = []
    while len(out) < n:
        syllables = rng.choice((1, 2, 2, 3))
        word = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(syllables))
        if len(word) > 2 and word not in seen:
            seen.add(word)
            out.append(word)
    return out


class Zipf:
    """Draws ranks 0..n-1 with weight 1 / (rank + 1) ** s."""

    def __init__(self, n: int, s: float = 1.0) -> None:
        self.cum = list(itertools.accumulate(1 / (r + 1) ** s for r in range(n)))

    def draw(self, rng: random.Random, below: int | None = None) -> int:
        top = self.cum[(below or len(self.cum)) - 1]
        return bisect.bisect_left(self.cum, rng.random() * top)

    def draws(self, rng: random.Random, k: int) -> list[int]:
        return [bisect.bisect_left(self.cum, x * self.cum[-1]) for x in (rng.random() for _ in range(k))]


@dataclass
class Person:
    given: str
    surname: str
    role: str
    country: str
    topics: list[str]
    lines: list[str] = field(default_factory=list)


class Newsroom:
    """Generated briefs, one after the other, deterministic for a seed."""

    def __init__(self, seed: int = 17, max_articles: int = 100_000) -> None:
        self.rng = rng = random.Random(seed)
        self.words = FUNCTION_WORDS + made_up_words(30_000, rng)
        self.vocab = Zipf(len(self.words), 1.05)
        surnames = [w.capitalize() for w in made_up_words(4_000, rng)]
        given = [w.capitalize() for w in made_up_words(600, rng)]
        people = 300 + max_articles // 20
        self.people = [Person(rng.choice(given), rng.choice(surnames[: 1 + i // 3]), rng.choice(ROLES),
                              COUNTRIES[Zipf(len(COUNTRIES)).draw(rng)],
                              [self.words[300 + rng.randrange(5_000)] for _ in range(40)]) for i in range(people)]
        self.popularity = Zipf(people, 1.1)
        self.countries = Zipf(len(COUNTRIES), 1.0)
        self.entities = Zipf(3_000, 1.0)
        self.recent: list[Brief] = []
        self.start = dt.date(2024, 1, 1)
        self.i = 0

    def sentence(self, k: int, extra: list[str] | None = None, share: float = 0.0) -> str:
        ranks = self.vocab.draws(self.rng, k)
        words = [extra[self.rng.randrange(len(extra))] if extra and self.rng.random() < share else self.words[r]
                 for r in ranks]
        return " ".join(words).capitalize() + "."

    def quotation(self, person: Person) -> str:
        rng = self.rng
        if len(person.lines) >= 3 and rng.random() < 1 / 7:
            words = rng.choice(person.lines[-20:]).rstrip(".").split()
            words[rng.randrange(len(words))] = self.words[self.vocab.draw(rng)]  # one word changed
            line = " ".join(words) + "."
        else:
            line = self.sentence(rng.randint(8, 30), person.topics, 0.4)
        person.lines.append(line)
        return line

    def __iter__(self) -> Iterator[Brief]:
        return self

    def __next__(self) -> Brief:
        i, rng = self.i, self.rng
        self.i += 1
        day = self.start + dt.timedelta(days=i // 300)
        if self.recent and rng.random() < 1 / 8:
            brief = self.reprint(rng.choice(self.recent[-200:]), i, day)
        else:
            brief = self.story(i, day)
        self.recent.append(brief)
        del self.recent[:-200]
        return brief

    def story(self, i: int, day: dt.date) -> Brief:
        rng = self.rng
        pool = min(len(self.people), 300 + i // 20)
        said = [(self.people[self.popularity.draw(rng, pool)], ) for _ in range(rng.choice((0, 1, 2, 2, 3, 3, 4, 5)))]
        paragraphs = [" ".join(self.sentence(rng.randint(10, 28)) for _ in range(rng.randint(2, 4)))
                      for _ in range(rng.randint(5, 11))]
        quotes: list[tuple[str, str, Person]] = []
        for (person,) in said:
            name = f"{person.given} {person.surname}" if rng.random() < 0.75 else person.surname
            quotes.append((self.quotation(person), name, person))
        return self.assemble(i, day, self.sentence(9).rstrip("."), rng.choice(OUTLETS), paragraphs, quotes)

    def reprint(self, original: Brief, i: int, day: dt.date) -> Brief:
        """Another outlet's copy: a new first paragraph, the last paragraph dropped, the same quotations."""
        text = original.article.text
        paragraphs = text.split("\n\n")
        quoted = [(q.content.text, q.speaker_mention.text if q.speaker_mention else "", None)
                  for q in original.quotes]
        kept = [p for p in paragraphs[1:-1] if not p.startswith('"')]
        new_first = " ".join(self.sentence(self.rng.randint(10, 24)) for _ in range(2))
        return self.assemble(i, day, original.article.title or "", self.rng.choice(OUTLETS), [new_first, *kept],
                             [(c, n, None) for c, n, _ in quoted], speakers_from=original)

    def assemble(self, i: int, day: dt.date, title: str, outlet: str, paragraphs: list[str],
                 quotes: list[tuple[str, str, Person | None]], speakers_from: Brief | None = None) -> Brief:
        rng = self.rng
        body = list(paragraphs)
        for k, (content, name, _) in enumerate(quotes):
            body.insert(min(len(body), 1 + 2 * k), f'"{content}" {name} said.')
        text = "\n\n".join(body)
        article = Article(text=text, url=f"https://news{outlet[-2:].lower()}.example/{day.isoformat()}/{i}",
                          source=outlet, title=title, published=day)

        def span(phrase: str, after: int = 0) -> Span:
            start = text.index(phrase, after)
            return Span.of(text, start, start + len(phrase))

        speakers: dict[str, Speaker] = {}
        qs: list[Quote] = []
        for k, (content, name, person) in enumerate(quotes):
            if speakers_from is not None:
                old = speakers_from.speaker(speakers_from.quotes[k].speaker_id)
                role, country = (old.role, old.country) if old else (None, None)
            else:
                assert person is not None
                role, country = person.role, person.country
            local = name.lower().replace(" ", "-") or f"speaker-{k}"
            content_span = span(content)
            mention = span(name, content_span.end) if name else None
            speakers.setdefault(local, Speaker(local, name or "unknown", role, country, (mention,) if mention else ()))
            qs.append(Quote(content_span, "direct", local, mention, None, 0.9))
        first = span(body[0])
        events = []
        for _ in range(rng.randint(1, 4)):
            a, b = rng.sample(range(len(COUNTRIES)), 2) if rng.random() < 0.3 else \
                (self.countries.draw(rng), self.countries.draw(rng))
            if a == b:
                b = (b + 1) % len(COUNTRIES)
            etype, intensity = rng.choice(EVENT_TYPES)
            sentence = span(rng.choice(paragraphs).split(". ")[0])
            events.append(Event(Actor(f"{COUNTRIES[a]} government", COUNTRIES[a], "government"), etype, sentence,
                                Actor(f"{COUNTRIES[b]} government", COUNTRIES[b], "government"),
                                intensity=intensity, date=day))
        entities = []
        for k, rank in enumerate(sorted(set(self.entities.draws(rng, rng.randint(5, 12))))):
            if rank < len(COUNTRIES):
                entities.append(Entity(f"e{k}", COUNTRIES[rank], "COUNTRY", COUNTRIES[rank]))
            else:
                entities.append(Entity(f"e{k}", f"Organisation {self.words[rank]}", "ORG"))
        return Brief(article, lead=(Passage(first.text, (first,)),), quotes=tuple(qs),
                     speakers=tuple(speakers.values()), entities=tuple(entities), events=tuple(events))


# -- the queries, as the web pages call them ----------------------------------------------------------------------


def query_suite(conn: Any, rng: random.Random, newsroom: Newsroom) -> dict[str, Callable[[], object]]:
    from newsbrief.store import queries

    quoted = [r[0] for r in conn.execute(
        "SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL ORDER BY random() LIMIT 200")]
    words = [newsroom.words[300 + rng.randrange(3_000)] for _ in range(200)]
    pairs = [(COUNTRIES[newsroom.countries.draw(rng)], COUNTRIES[newsroom.countries.draw(rng)]) for _ in range(200)]
    return {
        # A speaker of a random quotation: the pages readers reach most (popular speakers weigh as they are quoted).
        "speaker page": lambda: queries.speaker(conn, rng.choice(quoted)),
        "quote search": lambda: queries.search_quotes(conn, about=rng.choice(words)),
        "quote search by speaker": lambda: queries.search_quotes(conn, speaker=rng.choice(quoted), about=rng.choice(
            words)),
        "relations": lambda: queries.relations(conn, *rng.choice(pairs)),
        "article search": lambda: queries.search_articles(conn, about=rng.choice(words)),
        "home": lambda: (queries.latest_briefs(conn, limit=21), queries.stats(conn)),
    }


def time_queries(conn: Any, newsroom: Newsroom, runs: int, seed: int = 5) -> tuple[dict[str, float], dict[str, float]]:
    rng = random.Random(seed)
    p50: dict[str, float] = {}
    p95: dict[str, float] = {}
    for name, query in query_suite(conn, rng, newsroom).items():
        query()  # the first run reads the pages from disk; the others are what a warm server answers
        spent = []
        for _ in range(runs):
            started = time.perf_counter()
            query()
            spent.append(1000 * (time.perf_counter() - started))
        spent.sort()
        p50[name] = round(statistics.median(spent), 2)
        p95[name] = round(spent[min(len(spent) - 1, int(0.95 * len(spent)))], 2)
    return p50, p95


# -- the run ------------------------------------------------------------------------------------------------------


def run(sizes: list[int], window: int, runs: int, folder: Path) -> dict[str, Any]:
    from newsbrief.store import Store

    newsroom = Newsroom(max_articles=max(sizes))
    path = folder / "scale.db"
    out: dict[str, Any] = {"sizes": {}, "cores": len(os.sched_getaffinity(0)),
                           "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    started = time.perf_counter()
    with Store(path) as store:
        stored = 0
        for size in sorted(sizes):
            timed_from = max(stored, size - window)
            while stored < timed_from:
                store.add(next(newsroom))
                stored += 1
            briefs = [next(newsroom) for _ in range(size - stored)]  # made before the clock starts
            wall, cpu = time.perf_counter(), time.process_time()
            echoes = 0
            for brief in briefs:
                echoes += store.add(brief).echoes
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            stored = size
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db_bytes = sum(p.stat().st_size for p in folder.iterdir() if p.name.startswith("scale.db"))
            p50, p95 = time_queries(store.conn, newsroom, runs)
            counts = {t: store.count(t) for t in ("quotes", "speakers", "clusters", "echoes", "events")}
            out["sizes"][str(size)] = {
                "ms_per_article": round(1000 * wall / len(briefs), 2),
                "cpu_ms_per_article": round(1000 * cpu / len(briefs), 2),
                "timed_adds": len(briefs),
                "bytes_per_article": round(db_bytes / size),
                "p50_ms": p50,
                "p95_ms": p95,
                "rows": counts,
                "elapsed_s": round(time.perf_counter() - started, 1),
            }
            print(f"{size:>7} articles: {out['sizes'][str(size)]['ms_per_article']} ms per added article, "
                  f"{out['sizes'][str(size)]['bytes_per_article']} bytes per article, p95 {p95}", file=sys.stderr,
                  flush=True)
    small, large = out["sizes"][str(min(sizes))], out["sizes"][str(max(sizes))]
    out["ratio_largest_to_smallest"] = round(large["ms_per_article"] / small["ms_per_article"], 2)
    out["goals"] = {
        "ratio <= 1.5": out["ratio_largest_to_smallest"] <= GOAL_RATIO,
        "ms per article at the largest size <= 15": large["ms_per_article"] <= GOAL_MS,
        "query p95 <= 50 ms at the largest size": max(large["p95_ms"].values()) <= GOAL_QUERY_P95_MS,
    }
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--window", type=int, default=500, help="adds timed before each size is reached")
    parser.add_argument("--runs", type=int, default=60, help="runs of each query per size")
    parser.add_argument("--keep", type=Path, default=None, help="keep the store at this path (a folder)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        result = run(args.sizes, args.window, args.runs, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="newsbrief-scale-") as tmp:
            result = run(args.sizes, args.window, args.runs, Path(tmp))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for size, r in result["sizes"].items():
            print(f"{size:>7}: {r['ms_per_article']:>6} ms/article, {r['bytes_per_article']:>7} B/article, "
                  f"p95 {r['p95_ms']}")
        print(f"ratio {result['ratio_largest_to_smallest']}; goals {result['goals']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
