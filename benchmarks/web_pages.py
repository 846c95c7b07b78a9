"""Latency of every page of the web UI for one client on a large store: p50 and p95 per route.

    python benchmarks/web_pages.py [--articles 10000] [--db FILE] [--rounds 20] [--json]

The store is benchmarks/store.py's generated newsroom (``synthesise_store``, through ``Store.add``), built once at
``--db`` when that file does not exist (a minute or two for 10,000 articles) and reused after. ``newsbrief serve``
runs in its own process on 127.0.0.1; one client requests each route ``--rounds`` times in turn (each round with
another article, speaker and search word), after one warm-up round. The target (issue 15): every page under 300 ms
p95.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store import _free_port, synthesise_store  # type: ignore[import-not-found]  # noqa: E402

ROUTES = [
    "/", "/?page=50", "/briefs/{article}", "/search?q={word}", "/search?q={word}&page=3",
    "/search?q={word}&what=articles", "/search?speaker={surname}", "/search?country=USA",
    "/search?country=USA&what=articles", "/speakers", "/speakers?page=5", "/speakers/{speaker}",
    "/relations?a=USA&b=JPN", "/relations?a=USA&b=JPN&by=week", "/overview", "/overview?by=week",
    "/overview?by=day", "/events?quad=verbal+conflict", "/events?country=USA&page=10",
    "/api/quotes?q={word}&page=2", "/api/overview", "/api/quotes/facets?q={word}",
]


def _samples(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        out = {
            "article": [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 100")],
            "speaker": [r[0] for r in conn.execute(
                "SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL ORDER BY random() LIMIT 100")],
            "surname": [r[0] for r in conn.execute("SELECT DISTINCT surname FROM speakers ORDER BY random() LIMIT 50")],
        }
        words = [r[0] for r in conn.execute("SELECT content FROM quotes ORDER BY random() LIMIT 200")]
        out["word"] = sorted({w.strip(".,\"'").lower() for line in words for w in line.split() if len(w) > 5})[:100]
        return out
    finally:
        conn.close()


def run(db: Path, rounds: int) -> dict[str, Any]:
    import httpx

    samples = _samples(db)
    rng = random.Random(5)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from newsbrief.cli import main; main()", "serve", "--db", str(db),
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    times: dict[str, list[float]] = {r: [] for r in ROUTES}
    errors: list[str] = []
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    client.get("/api/stats")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            for n in range(rounds + 1):
                for route in ROUTES:
                    url = route.format(**{k: rng.choice(v) for k, v in samples.items()})
                    started = time.perf_counter()
                    response = client.get(url)
                    elapsed = time.perf_counter() - started
                    if response.status_code != 200:
                        errors.append(f"{response.status_code} {url}")
                    if n:  # round 0 warms the caches
                        times[route].append(elapsed)
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    def pct(values: list[float], p: float) -> float:
        ordered = sorted(values)
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)

    every = [t for v in times.values() for t in v]
    return {
        "articles": int(sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0]),
        "rounds": rounds, "errors": errors, "p95_ms": pct(every, 0.95), "p50_ms": pct(every, 0.5),
        "by_route": {r: {"p50_ms": pct(v, 0.5), "p95_ms": pct(v, 0.95)} for r, v in times.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None, help="the store to use (built there when missing)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "web.db"
    if not db.exists():
        seconds, _ = synthesise_store(db, args.articles)
        print(f"built {db} ({args.articles} articles) in {seconds:.0f} s", file=sys.stderr)
    result = run(db, args.rounds)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['articles']} articles, one client, {args.rounds} rounds: p50 {result['p50_ms']} ms, "
          f"p95 {result['p95_ms']} ms, {len(result['errors'])} errors")
    for route, r in result["by_route"].items():
        print(f"  p50 {r['p50_ms']:>7} ms  p95 {r['p95_ms']:>7} ms  {route}")
    for error in result["errors"][:10]:
        print("  error:", error)


if __name__ == "__main__":
    main()
