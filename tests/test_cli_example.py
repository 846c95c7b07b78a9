"""The foundation's acceptance: `newsbrief brief` on the bundled example prints the header (date, headline,
outlet) and lists the people and the countries, with ISO3 codes, that the example names (checked by hand)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "defence-spending.txt"


def test_brief_of_the_bundled_example_has_header_people_and_countries() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from newsbrief.cli import main; main()", "brief", str(EXAMPLE), "--workers", "1"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "2026-03-14 Japan rejects US demand to double defence spending as Trump threatens to " \
        "withdraw protection"
    assert lines[1] == "Source: Pacific Ledger"
    entities = {tuple(line.split(None, 1)) for line in lines if line.startswith("  ") and len(line.split(None, 1)) == 2}
    for person in ("Shigeru Ishiba", "Donald Trump", "Yoshimasa Hayashi", "Pete Hegseth"):
        assert ("PERSON", person) in entities, person
    for country in ("Japan (JPN)", "United States (USA)", "South Korea (KOR)"):
        assert ("COUNTRY", country) in entities, country
    # Nothing from the header is taken for body text.
    assert "Source: Pacific Ledger" not in "\n".join(lines[2:])


def test_a_missing_file_is_one_line_naming_it() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from newsbrief.cli import main; main()", "brief", "no-such-article.txt"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "no-such-article.txt" in done.stderr
