"""The optional language-model path against a real OpenAI-compatible HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from newsbrief.llm import LLMConfig, parse_answer, rewrite
from newsbrief.model import Article, Brief
from newsbrief.pipeline import Pipeline

ARTICLE = (
    "Norway's fisheries minister, Ingrid Solberg, on Thursday demanded that the European Union cut its mackerel "
    "catch in the North Sea by a third, after three days of quota talks in Bergen ended without a deal.\n\n"
    "The breakdown could lead to a fishing war in the North Sea, industry groups said.\n\n"
    "The European Commission rejected the demand on Friday, calling the Norwegian figures \"one-sided\" and "
    "offering instead a cut of 10 percent spread over three years."
)

GOOD = {
    "lead": "Norway demanded that the European Union cut its North Sea mackerel catch by a third; the European "
            "Commission rejected the demand.",
    "points": [
        {"kind": "happened", "text": "Ingrid Solberg demanded a cut of a third after talks in Bergen failed."},
        {"kind": "consequence", "text": "The breakdown could lead to a fishing war in the North Sea."},
        {"kind": "response",
         "text": "The European Commission called the figures \"one-sided\" and offered 10 percent."},
    ],
}


class ChatServer(BaseHTTPRequestHandler):
    """Answers POST /v1/chat/completions like an OpenAI-compatible server; ``reply`` sets what it answers."""

    reply: ClassVar[dict[str, Any]] = {"status": 200, "content": ""}
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        ChatServer.requests.append({"path": self.path, "body": body})
        status = self.reply["status"]
        if status != 200:
            payload = b'{"error": {"message": "model crashed"}}'
        else:
            payload = json.dumps({
                "id": "chatcmpl-1", "object": "chat.completion", "model": body["model"],
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": self.reply["content"]}}],
            }).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep test output quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), ChatServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def answer(content: dict[str, Any] | str, status: int = 200) -> None:
    ChatServer.reply = {"status": status, "content": content if isinstance(content, str) else json.dumps(content)}
    ChatServer.requests.clear()


@pytest.fixture(scope="module")
def extractive() -> Brief:
    briefs = list(Pipeline().run([Article(text=ARTICLE, title="Norway demands EU cut mackerel catch")]))
    assert [p.kind for p in briefs[0].points] == ["happened", "consequence", "response"]
    return briefs[0]


def test_a_good_answer_replaces_lead_and_points(server: str, extractive: Brief) -> None:
    answer(GOOD)
    brief = rewrite(extractive, LLMConfig(server, "brief-7b"))
    assert ChatServer.requests[0]["path"] == "/v1/chat/completions"
    assert ChatServer.requests[0]["body"]["model"] == "brief-7b"
    assert brief.lead[0].text == GOOD["lead"]
    assert [p.text for p in brief.points] == [p["text"] for p in GOOD["points"]]
    # A rewritten point still rests on the source spans of the extractive point it rewrites.
    for new, old in zip(brief.points, extractive.points, strict=True):
        assert new.passages[0].spans == tuple(s for p in old.passages for s in p.spans)
    assert "rewritten by brief-7b" in brief.notes[-1]


def test_an_invented_quotation_falls_back(server: str, extractive: Brief) -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["points"][2]["text"] = 'The Commission said the plan was "reckless and unlawful".'
    answer(bad)
    brief = rewrite(extractive, LLMConfig(server, "brief-7b"))
    # Only the point with the invented quotation falls back; the others keep the checked rewrite.
    assert brief.points[2] == extractive.points[2]
    assert [p.text for p in brief.points[:2]] == [p["text"] for p in GOOD["points"][:2]]
    assert any("response point: quotation not in the article: “reckless and unlawful”" in n for n in brief.notes)


def test_an_invented_number_falls_back(server: str, extractive: Brief) -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["points"][0]["text"] = "Ingrid Solberg demanded a cut of 45 percent."
    answer(bad)
    brief = rewrite(extractive, LLMConfig(server, "brief-7b"))
    assert brief.points[0] == extractive.points[0]
    assert any("happened point: number not in the article: 45" in n for n in brief.notes)


def test_an_invented_person_or_country_falls_back(server: str, extractive: Brief) -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["lead"] = "Norway and Iceland demanded a cut, said Jonas Gahr Store."
    answer(bad)
    brief = rewrite(extractive, LLMConfig(server, "brief-7b"))
    assert brief.lead == extractive.lead
    note = next(n for n in brief.notes if n.startswith("extractive text kept"))
    assert "lead:" in note and ("Iceland" in note or "Jonas" in note)


def test_an_invented_claim_with_no_quotation_name_or_number_falls_back(
    server: str, extractive: Brief, caplog: pytest.LogCaptureFixture
) -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["lead"] = "The government secretly planned to abolish the parliament."
    answer(bad)
    brief = rewrite(extractive, LLMConfig(server, "brief-7b"))
    assert brief.lead == extractive.lead
    assert any("lead: not supported by its source sentences" in n for n in brief.notes)
    # The fallback is said on stderr too, not only inside the brief.
    assert any("not supported by its source sentences" in r.getMessage() for r in caplog.records)


def test_the_batch_time_budget_stops_asking(server: str, extractive: Brief) -> None:
    answer(GOOD)
    config = LLMConfig(server, "brief-7b", budget=0.0)
    brief = rewrite(extractive, config)
    assert brief.points == extractive.points and not ChatServer.requests
    assert "time budget of 0 s is spent" in brief.notes[-1]


def test_a_server_error_falls_back(server: str, extractive: Brief) -> None:
    answer("", status=500)
    brief = rewrite(extractive, LLMConfig(server, "brief-7b"))
    assert brief.points == extractive.points
    assert "answered HTTP 500" in brief.notes[-1]


def test_an_unreachable_server_falls_back(extractive: Brief) -> None:
    brief = rewrite(extractive, LLMConfig("http://127.0.0.1:9", "brief-7b", timeout=2))
    assert brief.points == extractive.points
    assert "could not be reached" in brief.notes[-1] or "did not answer" in brief.notes[-1]


def test_an_answer_out_of_format_falls_back(server: str, extractive: Brief) -> None:
    answer("Sure! Here is a better brief: Norway wants less fishing.")
    brief = rewrite(extractive, LLMConfig(server, "brief-7b"))
    assert brief.points == extractive.points
    assert "no JSON object" in brief.notes[-1]
    answer({"lead": GOOD["lead"], "points": GOOD["points"][:2]})
    assert "changed the points" in rewrite(extractive, LLMConfig(server, "brief-7b")).notes[-1]


def test_parse_answer_reads_a_fenced_json_block() -> None:
    lead, points = parse_answer("```json\n" + json.dumps(GOOD) + "\n```")
    assert lead == GOOD["lead"] and points[1] == ("consequence", GOOD["points"][1]["text"])


def test_config_endpoint_accepts_base_or_full_urls() -> None:
    assert LLMConfig("http://h:1", "m").endpoint == "http://h:1/v1/chat/completions"
    assert LLMConfig("http://h:1/v1/", "m").endpoint == "http://h:1/v1/chat/completions"
    assert LLMConfig("http://h:1/v1/chat/completions", "m").endpoint == "http://h:1/v1/chat/completions"


def test_cli_brief_with_llm(server: str, tmp_path: Path) -> None:
    from newsbrief.cli import _register, cli

    _register()
    path = tmp_path / "mackerel.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    answer(GOOD)
    result = CliRunner().invoke(cli, ["brief", str(path), "--llm", server, "--llm-model", "brief-7b"])
    assert result.exit_code == 0, result.output
    assert GOOD["lead"] in result.output
    assert "Notes" in result.output and "rewritten by brief-7b" in result.output
    answer("", status=503)
    result = CliRunner().invoke(cli, ["brief", str(path), "--llm", server, "--llm-model", "brief-7b"])
    assert result.exit_code == 0
    assert "answered HTTP 503" in result.output and "Points of attention" in result.output
    result = CliRunner().invoke(cli, ["brief", str(path), "--llm", server])
    assert result.exit_code != 0 and "go together" in result.output
