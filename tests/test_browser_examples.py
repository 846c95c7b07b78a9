"""The bundled examples, ingested by the real `newsbrief ingest` command (the real pipeline), read in a real browser:
the reader finds the defence-spending brief, its block quotation with Ishiba's speaker card, and the USA-JPN chart."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbrief.web import create_app
from test_browser import ARTIFACTS, serving

pytestmark = [pytest.mark.slow, pytest.mark.browser]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HEADLINE = "Japan rejects US demand to double defence spending as Trump threatens to withdraw protection"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("examples") / "news.db"
    done = subprocess.run(
        [sys.executable, "-c", "from newsbrief.cli import main; main()", "ingest", str(EXAMPLES), "--db", str(db),
         "--no-progress", "--workers", "1"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "failed 0" in done.stderr
    with serving(create_app(db)) as url:
        yield url


def test_reader_finds_the_example_brief_and_its_speaker_card(server: str, page) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server + "/")
    headlines = page.locator("a.headline").all_inner_texts()
    assert HEADLINE in headlines
    assert len(headlines) == len(list(EXAMPLES.iterdir()))

    page.get_by_role("link", name=HEADLINE).click()
    page.wait_for_url("**/briefs/**")
    assert page.locator("h1").inner_text() == HEADLINE
    card = page.locator("figure.quote").filter(has_text="Our defence policy is made in Tokyo")
    assert card.locator(".speaker-name").inner_text() == "Shigeru Ishiba"
    assert card.locator(".speaker-role").inner_text() == "Prime Minister of Japan"
    assert "REJECT" in page.locator("section.events").inner_text()
    page.screenshot(path=str(ARTIFACTS / "example-brief.png"), full_page=True)

    page.goto(server + "/relations?a=USA&b=JPN")
    chart = page.locator("svg.chart")
    assert chart.is_visible()
    assert chart.locator("circle.point").count() == 1  # one month: March 2026
    assert "THREATEN" in page.locator("section#p-2026-03").inner_text()
