"""Store and web server speed: ingest throughput, and page latency under 50 concurrent clients on 10,000 articles.

    python benchmarks/store.py [--articles 10000] [--clients 50] [--seconds 20] [--ingest 40] [--json]

1. Ingest, end to end: ``newsbrief.store.ingest`` (read, spaCy, extractors, store) on generated article files, next
   to spaCy's ``nlp.pipe`` alone on the same texts (the reference of shared/EVALUATION.md §5), and ``Store.add`` alone
   on hand-built briefs (the store's own share of the cost).
2. Web: a store of ``--articles`` generated briefs (benchmarks/store_scale.py's newsroom, written by ``Store.add``;
   no spaCy), served by ``newsbrief serve`` in its own process on 127.0.0.1; ``--clients`` concurrent clients
   request a mix of pages and API routes for ``--seconds``; latency p50/p95/p99 overall and p50/p95 per route,
   requests per second. Everything is bounded in time: a benchmark, not a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsbrief.model import Actor, Article, Brief, Event, Passage, Quote, Span, Speaker

COUNTRIES = [("USA", "United States", "Washington"), ("JPN", "Japan", "Tokyo"), ("DEU", "Germany", "Berlin"),
             ("FRA", "France", "Paris"), ("CHN", "China", "Beijing"), ("GBR", "Britain", "London"),
             ("KOR", "South Korea", "Seoul"), ("IND", "India", "New Delhi")]
GIVEN = ["Anna", "Hiro", "Maria", "Tom", "Li", "Priya", "Jean", "Olaf", "Min", "Sara", "Raj", "Emma", "Kenji", "Paul"]
SURNAMES = ["Tanaka", "Schmidt", "Dupont", "Walker", "Chen", "Sharma", "Kim", "Brown", "Sato", "Meyer", "Martin",
            "Singh", "Park", "Evans", "Lopez", "Novak"]
TOPICS = ["defence spending", "trade tariffs", "climate finance", "chip exports", "fishing rights", "troop deployments",
          "energy prices", "a port agreement", "visa rules", "student exchanges"]
VERBS = [("AGREE", 5.0, "agreed with"), ("ACCUSE", -4.0, "accused"), ("THREATEN", -6.0, "threatened"),
         ("CONSULT", 2.0, "held talks with"), ("REJECT", -4.0, "rejected a proposal from"), ("AID", 6.0, "sent aid to")]


def make_story(i: int, rng: random.Random) -> tuple[str, str, str, list[tuple[str, str, str, str]], tuple[Any, ...]]:
    """Title, text, outlet, quotes (content, name, role, country) and one event, for article ``i``."""
    (a_code, a_name, a_city), (b_code, b_name, _) = rng.sample(COUNTRIES, 2)
    topic = rng.choice(TOPICS)
    etype, intensity, verb = rng.choice(VERBS)
    people = [(f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}", "Foreign Minister", a_code),
              (f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}", "Trade Minister", b_code)]
    q1 = f"We will not change our position on {topic} while talks continue, and case {i} shows why"
    q2 = f"Our government expects a fair answer on {topic} before the summit in round {i % 97}"
    lead = f"{a_city.upper()} — {a_name} {verb} {b_name} on {topic} on Tuesday, officials said in statement {i}."
    text = (f"{lead}\n\n\"{q1},\" {people[0][0]} told reporters.\n\n\"{q2},\" {people[1][0]} said in reply.\n\n"
            f"Analysts said the dispute over {topic} could last weeks; markets in {a_city} were steady.")
    quotes = [(q1, *people[0]), (q2, *people[1])]
    event = (etype, intensity, a_name, a_code, b_name, b_code, lead)
    return f"{a_name} and {b_name} at odds over {topic} ({i})", text, rng.choice(["Wire A", "Post B", "Times C"]), \
        quotes, event


def make_brief(i: int, rng: random.Random, day: dt.date) -> Brief:
    title, text, outlet, quotes, event = make_story(i, rng)
    article = Article(text=text, url=f"https://bench.example/{i}", source=outlet, title=title, published=day)

    def span(phrase: str) -> Span:
        start = text.index(phrase)
        return Span.of(text, start, start + len(phrase))

    speakers = tuple(Speaker(name.lower().replace(" ", "-"), name, role, country) for _, name, role, country in quotes)
    qs = tuple(Quote(span(content), "direct", s.id, span(s.name), None)
               for (content, *_), s in zip(quotes, speakers, strict=True))
    etype, intensity, a_name, a_code, b_name, b_code, sentence = event
    events = (Event(Actor(a_name, a_code), etype, span(sentence), Actor(b_name, b_code), intensity=intensity,
                    date=day),)
    first = span(sentence)
    return Brief(article, lead=(Passage(first.text, (first,)),), quotes=qs, speakers=speakers, events=events)


def synthesise_store(path: Path, n: int, seed: int = 17) -> tuple[float, Any]:
    """``n`` generated briefs (benchmarks/store_scale.py's newsroom: Zipf speakers and words, echoes, reprints)
    through ``Store.add``, as ingest writes them; returns the seconds it took and the newsroom (for its words)."""
    from store_scale import Newsroom  # type: ignore[import-not-found]  # benchmarks/ is on the path

    from newsbrief.store import Store

    started = time.perf_counter()
    newsroom = Newsroom(seed=seed, max_articles=n)
    with Store(path) as store:
        for _ in range(n):
            store.add(next(newsroom))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - started, newsroom


def bench_ingest(n: int, workdir: Path) -> dict[str, Any]:
    """End-to-end ingest of ``n`` generated article files, spaCy alone on the same texts, and Store.add alone."""
    from newsbrief.nlp import load_model
    from newsbrief.store import Store, ingest

    rng = random.Random(11)
    corpus = workdir / "corpus"
    corpus.mkdir()
    texts = []
    for i in range(n):
        title, text, *_ = make_story(100_000 + i, rng)
        (corpus / f"{i:05d}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        texts.append(text)
    nlp = load_model()
    started = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    spacy_s = time.perf_counter() - started
    with Store(workdir / "ingest.db") as store:
        started = time.perf_counter()
        summary = ingest([str(corpus)], store)
        ingest_s = time.perf_counter() - started
    briefs = [make_brief(200_000 + i, rng, dt.date(2025, 6, 1)) for i in range(max(n, 200))]
    with Store(workdir / "add.db") as store:
        started = time.perf_counter()
        for brief in briefs:
            store.add(brief)
        add_s = time.perf_counter() - started
    return {
        "articles": n,
        "stored": summary.stored,
        "failed": summary.failed,
        "ingest_articles_per_s": round(n / ingest_s, 2),
        "ingest_words_per_s": round(words / ingest_s),
        "spacy_pipe_articles_per_s": round(n / spacy_s, 2),
        "spacy_pipe_words_per_s": round(words / spacy_s),
        "store_add_briefs_per_s": round(len(briefs) / add_s, 1),
    }


ROUTES = [
    "/", "/api/briefs", "/briefs/{article}", "/api/briefs/{article}", "/search?speaker={surname}", "/search?q={topic}",
    "/api/quotes?q={topic}", "/search?q={topic}&what=articles", "/speakers/{speaker}", "/api/speakers",
    "/relations?a=USA&b=JPN", "/api/relations?a=DEU&b=FRA&by=week",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _load(base: str, clients: int, seconds: float, ids: list[str], speakers: list[str], surnames: list[str],
                topics: list[str]) -> dict[str, Any]:
    import httpx

    rng = random.Random(3)
    latencies: list[float] = []
    errors = 0
    error_kinds: dict[str, int] = {}
    by_route: dict[str, list[float]] = {}
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(c: httpx.AsyncClient) -> None:
        nonlocal errors
        while time.monotonic() < deadline:
            template = rng.choice(ROUTES)
            route = template.format(
                article=rng.choice(ids), surname=rng.choice(surnames), topic=rng.choice(topics),
                speaker=rng.choice(speakers),
            )
            started = time.perf_counter()
            kind = ""
            try:
                response = await c.get(base + route)
                if response.status_code != 200:
                    kind = f"HTTP {response.status_code} {route.split('?')[0]}"
            except httpx.HTTPError as err:
                kind = type(err).__name__
            latencies.append(time.perf_counter() - started)
            by_route.setdefault(template, []).append(latencies[-1])
            if kind:
                errors += 1
                error_kinds[kind] = error_kinds.get(kind, 0) + 1

    async with httpx.AsyncClient(limits=limits, timeout=60) as c:
        started = time.monotonic()
        await asyncio.gather(*(client(c) for _ in range(clients)))
        elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1)

    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "errors": errors,
        "error_kinds": error_kinds,
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": round(1000 * statistics.fmean(latencies), 1) if latencies else None,
        "p50_ms_by_route": {r: round(1000 * statistics.median(v), 1) for r, v in sorted(by_route.items())},
        "p95_ms_by_route": {r: round(1000 * sorted(v)[min(len(v) - 1, int(0.95 * len(v)))], 1)
                            for r, v in sorted(by_route.items())},
    }


def bench_web(n: int, clients: int, seconds: float, workdir: Path, workers: int = 1) -> dict[str, Any]:
    import httpx

    db = workdir / "web.db"
    build_s, newsroom = synthesise_store(db, n)
    import sqlite3

    conn = sqlite3.connect(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 500")]
    # Speakers as readers reach them: the speaker of a random quotation (the often quoted come up more often).
    speakers = [r[0] for r in conn.execute(
        "SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL ORDER BY random() LIMIT 200")]
    surnames = [r[0] for r in conn.execute("SELECT DISTINCT surname FROM speakers ORDER BY random() LIMIT 100")]
    conn.close()
    topics = [newsroom.words[300 + i * 7] for i in range(300)]
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from newsbrief.cli import main; main()", "serve", "--db", str(db), "--port",
         str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(base + "/api/stats", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        # One client first: the service time of each request without queueing, the floor of the figures below.
        single = asyncio.run(_load(base, 1, min(5.0, seconds), ids, speakers, surnames, topics))
        result = asyncio.run(_load(base, clients, seconds, ids, speakers, surnames, topics))
        result["one_client"] = {k: single[k] for k in ("requests", "requests_per_s", "p50_ms", "p95_ms", "errors")}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    result.update({"workers": workers, "articles": n, "store_build_s": round(build_s, 1),
                   "store_mb": round(db.stat().st_size / 2**20, 1)})
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the web benchmark's store")
    parser.add_argument("--clients", type=int, default=50, help="concurrent web clients")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the clients run")
    parser.add_argument("--workers", type=int, default=1, help="server processes (newsbrief serve --workers)")
    parser.add_argument("--ingest", type=int, default=40, help="articles for the ingest benchmark (0: skip)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as tmp:
        work = Path(tmp)
        report: dict[str, Any] = {"cpus": os.cpu_count()}
        if args.ingest:
            report["ingest"] = bench_ingest(args.ingest, work)
        report["web"] = bench_web(args.articles, args.clients, args.seconds, work, args.workers)
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if args.json:
        print(json.dumps(report))
        return
    if "ingest" in report:
        i = report["ingest"]
        print(f"ingest ({i['articles']} articles, end to end)   {i['ingest_articles_per_s']:>8} articles/s "
              f"{i['ingest_words_per_s']:>8} words/s")
        print(f"spaCy nlp.pipe alone (reference)        {i['spacy_pipe_articles_per_s']:>8} articles/s "
              f"{i['spacy_pipe_words_per_s']:>8} words/s")
        print(f"Store.add alone (hand-built briefs)     {i['store_add_briefs_per_s']:>8} briefs/s")
    w = report["web"]
    print(f"web: {w['articles']} articles ({w['store_mb']} MB, built in {w['store_build_s']} s), "
          f"{w['clients']} clients for {w['seconds']} s on 127.0.0.1, {w['workers']} server process(es)")
    print(f"     {w['requests']} requests, {w['requests_per_s']} req/s, errors {w['errors']}; latency p50 "
          f"{w['p50_ms']} ms, p95 {w['p95_ms']} ms, p99 {w['p99_ms']} ms")
    one = w["one_client"]
    print(f"     one client alone: {one['requests_per_s']} req/s, p50 {one['p50_ms']} ms, p95 {one['p95_ms']} ms")
    for route, ms in w["p50_ms_by_route"].items():
        print(f"     p50 {ms:>8} ms  p95 {w['p95_ms_by_route'][route]:>8} ms  {route}")
    for kind, count in w["error_kinds"].items():
        print(f"     error: {kind} x{count}")
    print(f"peak RSS (this process) {report['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
