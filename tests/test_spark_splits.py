"""The Spark job's reading, without Spark: a JSON Lines file cut into byte ranges reads, range by range, exactly
what one machine reads from the whole file (the same articles, errors and line numbers), and the near-duplicate
clusters of several copies of one story have the first copy as their representative."""

from __future__ import annotations

import json
from pathlib import Path

from newsbrief.ingest import read_many
from newsbrief.model import Article
from newsbrief.scale import near_duplicates as nd
from newsbrief.scale import splits
from scale_articles import ARTICLES, article_text


def _corpus(path: Path) -> Path:
    lines = []
    for i in range(30):
        headline, outlet, date, paragraphs = ARTICLES[i % len(ARTICLES)]
        lines.append(json.dumps({"url": f"https://wire.example/{i}", "title": headline, "source": outlet,
                                 "date": date, "text": article_text(paragraphs)}))
        if i == 7:
            lines.append("{not json")
        if i == 12:
            lines.append("")  # a blank line: skipped, but counted in the line numbers
        if i == 20:
            lines.append(json.dumps({"url": "https://wire.example/empty", "text": "  "}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _as_pairs(items: list[object]) -> list[tuple[str, str]]:
    return [(i.origin, i.text) if isinstance(i, Article) else (i.source, str(i)) for i in items]  # type: ignore[attr-defined]


def test_ranges_of_a_jsonl_file_read_what_the_whole_file_reads(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "wire.jsonl")
    size = corpus.stat().st_size
    planned, missing = splits.plan([str(corpus)], split_bytes=2_000)
    assert missing == [] and len(planned) == -(-size // 2_000) > 5
    got = []
    for split in planned:
        for _order, item in splits.read_split(split):
            got.append((item.origin, item.text) if isinstance(item, Article) else item)
    expected = _as_pairs(list(read_many([str(corpus)])))
    assert got == expected
    assert sum(1 for g in got if "not valid JSON" in g[1]) == 1
    assert any(g[0] == f"{corpus}:9" for g in got)  # the bad line keeps its number in the file


def test_a_folder_and_a_missing_input_are_planned_as_one_machine_names_them(tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    _corpus(folder / "b.jsonl")
    _corpus(folder / "a.jsonl")
    planned, missing = splits.plan([str(folder), str(tmp_path / "nothing.warc.gz")])
    assert [s.origin for s in planned] == [str(folder / "a.jsonl"), str(folder / "b.jsonl")]
    assert all(s.end is None for s in planned)  # small files: one task each, streamed
    nothing = str(tmp_path / "nothing.warc.gz")
    assert missing == [(nothing, f"{nothing}: no such file or directory")]


def test_near_duplicate_clusters_keep_their_first_article() -> None:
    # (order, id): c is like b, b is like a; d is like e; f stands alone.
    a, b, c = (("x.jsonl", 1), "a"), (("x.jsonl", 5), "b"), (("y.jsonl", 2), "c")
    d, e = (("y.jsonl", 9), "d"), (("x.jsonl", 8), "e")
    assert nd.representatives([(c, b), (b, a), (d, e)]) == {"b": "a", "c": "a", "d": "e"}
    members = [(("f", i), f"id{i}") for i in range(nd.BUCKET_CAP + 5)]
    pairs = list(nd.candidate_pairs(members))
    assert len(pairs) <= len(members) * nd.BUCKET_CAP  # a crowded bucket costs a bounded number of pairs per article
    assert ("id1", "id0") in pairs


def test_the_remote_reader_streams_what_one_machine_reads(tmp_path: Path) -> None:
    """The reader used for s3:// and hdfs:// files (pyarrow.fs there; the local file system here) streams a WARC
    and a JSON Lines file with newsbrief's own readers: the same articles and errors as read_many."""
    from scale_articles import build_warc

    warc = build_warc(tmp_path / "wire.warc.gz")
    corpus = _corpus(tmp_path / "wire.jsonl")
    for path in (warc, corpus):
        got = [item for _, item in splits._read_remote(splits.Split(str(path), str(path)))]
        expected = list(read_many([str(path)]))
        assert [(g.origin, g.text) if isinstance(g, Article) else g for g in got] == _as_pairs(expected)
