"""Shared fixtures: the shared data folder (tests skip when it is absent), the spaCy pipeline, browser flags (the
browser tests fail when Chromium is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip, with the reason, where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA} (the evaluation corpora live there)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from newsbrief.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    """Debian's Chromium, headless, with no background traffic (the machine has no internet).

    A missing browser fails the browser tests loudly rather than skipping them: a skipped browser test is a page
    nobody looked at. ``make install-test`` installs it."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.fail(f"Debian's chromium is not installed at {chromium}: the browser tests need it "
                    "(apt-get update && apt-get install -y chromium, or make install-test)", pytrace=False)
    return {
        "executable_path": str(chromium),
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }
