"""Hostile inputs through the readers, the CLI and the Python API: lone surrogates, odd types, mixed batches.

A bad article costs only itself: the good ones around it in the same file, feed or batch are always briefed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest_helpers import BUDGET_TEXT, RAIL_PARAGRAPHS, news_page
from newsbrief.cli import _register, cli
from newsbrief.ingest import article_from_string, read_many
from newsbrief.model import Article
from newsbrief.store import Store

RAIL_TEXT = "Rail strike shuts lines across France\n\n" + "\n\n".join(RAIL_PARAGRAPHS)


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def _jsonl_with_a_surrogate(path: Path) -> Path:
    good_a = json.dumps({"text": BUDGET_TEXT, "url": "https://example.org/budget"})
    # json.dumps writes "\ud800" as the six-character escape, exactly as a hostile or broken exporter would.
    bad = json.dumps({"text": "Broken \ud800 export. " + RAIL_TEXT, "title": "Half \udfff pair",
                      "url": "https://example.org/broken\ud800"})
    good_b = json.dumps({"text": RAIL_TEXT, "url": "https://example.org/rail"})
    path.write_text("\n".join([good_a, bad, good_b]) + "\n", encoding="utf-8")
    return path


def test_a_lone_surrogate_in_jsonl_is_replaced_and_costs_no_article(tmp_path: Path) -> None:
    items = list(read_many([str(_jsonl_with_a_surrogate(tmp_path / "corpus.jsonl"))]))
    assert all(isinstance(i, Article) for i in items), items
    assert len(items) == 3
    odd = items[1]
    assert isinstance(odd, Article)
    assert "\ufffd" in odd.text and "\ud800" not in odd.text
    assert odd.title == "Half \ufffd pair" and odd.url is not None and "\ud800" not in odd.url
    odd.text.encode("utf-8")  # the whole point: every field can be written out


def test_brief_of_a_jsonl_with_a_surrogate_prints_every_brief(runner: CliRunner, tmp_path: Path) -> None:
    corpus = _jsonl_with_a_surrogate(tmp_path / "corpus.jsonl")
    result = runner.invoke(cli, ["brief", "--workers", "1", "--format", "json", str(corpus)])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert result.output.count('"schema_version"') == 3


def test_ingest_of_a_jsonl_with_a_surrogate_stores_every_article(runner: CliRunner, tmp_path: Path) -> None:
    corpus = _jsonl_with_a_surrogate(tmp_path / "corpus.jsonl")
    db = tmp_path / "store.db"
    result = runner.invoke(cli, ["ingest", "--workers", "1", "--no-progress", "--db", str(db), str(corpus)])
    assert result.exit_code == 0, result.output
    with Store(db, readonly=True) as store:
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_python_brief_of_a_string_with_a_surrogate_is_briefed() -> None:
    import newsbrief

    result = newsbrief.brief("Budget passes \ud800 at last\n\n" + BUDGET_TEXT)
    assert "\ud800" not in result.article.text
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


def test_surrogate_character_references_in_html_and_feeds_are_replaced(tmp_path: Path) -> None:
    page = news_page("Rail strike &#xD800; shuts lines", [*RAIL_PARAGRAPHS, "Unions met &#55296; again."]).decode()
    article = article_from_string(page)
    assert "\ud800" not in article.text and "\ud800" not in (article.title or "")
    entry = "<p>" + " ".join(RAIL_PARAGRAPHS) + " &#xD800; &#x110000; &#99999999999999999999;</p>"
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire &#xDFFF; desk</title>'
        f"<item><title>One &#xD800;</title><description><![CDATA[{entry}]]></description></item>"
        f"<item><title>Two</title><description><![CDATA[{entry}]]></description></item>"
        "</channel></rss>"
    )
    path = tmp_path / "wire.rss"
    path.write_text(feed, encoding="utf-8")
    items = list(read_many([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Article"], items
    for item in items:
        assert isinstance(item, Article)
        assert "\ud800" not in item.text and "\udfff" not in (item.source or "")


def test_python_brief_reads_bytes_as_a_file_and_names_a_wrong_type() -> None:
    import newsbrief
    from newsbrief.errors import BinaryInputError, InputError

    from_bytes = newsbrief.brief(BUDGET_TEXT.encode("cp1252", "replace"))
    from_text = newsbrief.brief(BUDGET_TEXT)
    assert from_bytes.article.title == from_text.article.title
    page = news_page("Rail strike shuts lines across France", RAIL_PARAGRAPHS)
    assert "Rail workers" in newsbrief.brief(page).article.text
    with pytest.raises(BinaryInputError):
        newsbrief.brief(b"\x89PNG\r\n\x1a\n" + bytes(200))
    for value, name in ((None, "NoneType"), (42, "int"), (["a list"], "list"), ({"text": "x"}, "dict")):
        with pytest.raises(InputError, match=f"not {name}"):
            newsbrief.brief(value)  # type: ignore[arg-type]


def test_file_and_other_scheme_urls_are_said_to_be_not_fetched(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["brief", "--workers", "1", "file:///etc/passwd", "ftp://files.example/a.txt"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == ("newsbrief: error: file:///etc/passwd: file:// URLs are not fetched; newsbrief fetches "
                        "http:// and https:// only (for a local file, give its path: /etc/passwd)")
    assert lines[1].startswith("newsbrief: error: ftp://files.example/a.txt: ftp:// URLs are not fetched")
    # A feed's entry that links to a local file is never read from the disk.
    feed = tmp_path / "wire.rss"
    feed.write_text('<rss version="2.0"><channel><title>Wire</title><item><title>Teaser</title>'
                    "<link>file:///etc/passwd</link><description>Short teaser.</description></item>"
                    "</channel></rss>", encoding="utf-8")
    items = list(read_many([str(feed)]))
    assert len(items) == 1 and not isinstance(items[0], Article)
    assert "only http:// and https:// URLs are fetched" in str(items[0])


ACCENTED = ("Le maire de Zürich a rencontré la ministre à São Paulo; le café était déjà froid. "
            "The délégation from Kraków and Málaga said the talks would résumé in Genève next week.")


def test_utf8_with_a_few_bad_bytes_stays_utf8_and_says_so(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from ingest_helpers import BUDGET_TEXT as body

    damaged = tmp_path / "damaged.txt"
    text = f"Talks resume in Geneva\n\n{ACCENTED}\n\n{body}\n\n{ACCENTED}"
    data = text.encode("utf-8")
    data = data.replace("Genève".encode(), b"Gen\xe8ve", 1).replace(b"week.", b"week\xff\xfe.", 1)
    damaged.write_bytes(data)
    with caplog.at_level("WARNING", logger="newsbrief.ingest"):
        [article] = list(read_many([str(damaged)]))
    assert isinstance(article, Article)
    assert "Zürich" in article.text and "São Paulo" in article.text and "Ã" not in article.text
    assert article.text.count("\ufffd") == 3
    assert any(str(damaged) in r.getMessage() and "3 byte sequences" in r.getMessage() for r in caplog.records)
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(f"Talks resume in Geneva\n\n{ACCENTED}\n\n{body}".encode("cp1252"))
    [old] = list(read_many([str(legacy)]))
    assert isinstance(old, Article) and "Zürich" in old.text and "\ufffd" not in old.text


def test_text_that_is_not_prose_is_refused_before_the_nlp_pass() -> None:
    import time

    import newsbrief
    from newsbrief.errors import EmptyInputError

    nested = '{"text": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}"  # 350,000 characters, 1 in 7 a letter
    started = time.process_time()
    with pytest.raises(EmptyInputError, match="letters"):
        newsbrief.brief(nested.encode())
    assert time.process_time() - started < 2
    results = ("Football results\n\n" + "Arsenal 2 Chelsea 1, Leeds 0 Everton 0, Fulham 3 Brentford 2 (att. 24,311). "
               * 20 + "\n\nThe league said the title race would go to the last weekend of the season.")
    assert article_from_string(results).text.startswith("Arsenal 2 Chelsea 1")
