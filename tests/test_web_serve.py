"""``newsbrief serve`` as a real process on 127.0.0.1, and the writable mode that briefs posted articles through the
real pipeline."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from newsbrief.store import Store
from newsbrief.web import create_app
from test_store_corpus import TRADE_TALKS, corpus_briefs

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_command_answers_on_localhost_read_only(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(db) as store:
        for brief in corpus_briefs():
            store.add(brief)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from newsbrief.cli import main; main()", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "serve did not answer within 30 s"
                time.sleep(0.1)
        assert response.json()["articles"] == len(corpus_briefs())
        home = httpx.get(f"http://127.0.0.1:{port}/")
        assert home.status_code == 200 and "Latest briefs" in home.text and "read-only store" in home.text
        post = httpx.post(f"http://127.0.0.1:{port}/api/briefs", json={"text": "An article."})
        assert post.status_code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "serving" in (proc.stderr.read() if proc.stderr else "")


def test_writable_server_briefs_and_stores_a_posted_article(tmp_path: Path, nlp: object) -> None:
    db = tmp_path / "new.db"  # created by the writable server
    client = TestClient(create_app(db, writable=True, token="t" * 32),
                        headers={"Authorization": "Bearer " + "t" * 32})
    body = {"text": TRADE_TALKS.text.strip(), "title": TRADE_TALKS.title, "source": "Harbour Gazette",
            "published": "2026-04-14", "url": TRADE_TALKS.url}
    response = client.post("/api/briefs", json=body)
    assert response.status_code == 201, response.text
    stored = response.json()
    assert stored["status"] == "stored"
    brief = client.get(f"/api/briefs/{stored['article_id']}").json()
    assert brief["title"] == TRADE_TALKS.title and brief["published"] == "2026-04-14"
    assert client.post("/api/briefs", json=body).json()["status"] == "duplicate"
    assert client.post("/api/briefs", json={"text": ""}).status_code == 422
    assert "writable store" in client.get("/").text
