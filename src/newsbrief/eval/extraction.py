"""HTML ingestion scored on the article-extraction benchmark (shared/EVALUATION.md section 4).

For each page of ``html/<id>.html.gz`` the body newsbrief extracts is compared with ``articleBody`` in
``ground-truth.json`` as bags of whitespace tokens: precision and recall per page, averaged over pages, and F1 from
those two averages (the benchmark's own convention). A page newsbrief cannot read scores 0 for both. The share of
pages with a headline and with a publication date found is reported alongside.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from newsbrief.errors import DataMissingError, NewsbriefError
from newsbrief.eval import data_path
from newsbrief.ingest.html import article_from_html

DEFAULT_DATA = "extraction/article-extraction-benchmark"


@dataclass(frozen=True)
class PageScore:
    page: str
    precision: float
    recall: float
    has_title: bool
    has_date: bool
    error: str | None = None


@dataclass
class ExtractionReport:
    pages: int
    precision: float
    recall: float
    f1: float
    f1_per_page: float
    title_share: float
    date_share: float
    failures: int
    corpus_sha256: str
    worst: list[dict[str, object]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def token_overlap(predicted: str, gold: str) -> tuple[float, float]:
    """Precision and recall of ``predicted`` against ``gold`` as bags of whitespace tokens."""
    pred, ref = Counter(predicted.split()), Counter(gold.split())
    common = sum((pred & ref).values())
    precision = common / sum(pred.values()) if pred else 0.0
    recall = common / sum(ref.values()) if ref else 0.0
    return precision, recall


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def corpus_pages(folder: Path) -> Iterator[tuple[str, bytes, str, str | None]]:
    """``(page id, HTML bytes, gold body, URL)`` for each page of the benchmark, in id order."""
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        raise DataMissingError(f"{truth_file} not found; pass the benchmark folder with --data")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = folder / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            raise DataMissingError(f"{path} not found (listed in ground-truth.json)")
        entry = truth[page_id]
        yield page_id, gzip.decompress(path.read_bytes()), entry.get("articleBody") or "", entry.get("url")


def corpus_sha256(folder: Path) -> str:
    """A hash of the corpus files (ground truth and pages), to tell whether a baseline was measured on this data."""
    digest = hashlib.sha256()
    for path in sorted([folder / "ground-truth.json", *(folder / "html").glob("*.html.gz")]):
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def score_page(page_id: str, page: bytes, gold: str, url: str | None) -> PageScore:
    try:
        article = article_from_html(page, origin=page_id, url=url)
    except NewsbriefError as err:
        return PageScore(page_id, 0.0, 0.0, False, False, str(err))
    p, r = token_overlap(article.text, gold)
    return PageScore(page_id, p, r, bool(article.title), article.published is not None)


def evaluate(data: str | Path | None = None, limit: int | None = None) -> ExtractionReport:
    """Score HTML ingestion on the benchmark in ``data`` (default ../shared/data/extraction/...)."""
    folder = data_path(data, DEFAULT_DATA)
    scores = [score_page(*page) for i, page in enumerate(corpus_pages(folder)) if limit is None or i < limit]
    if not scores:
        raise DataMissingError(f"no pages in {folder}")
    n = len(scores)
    precision = sum(s.precision for s in scores) / n
    recall = sum(s.recall for s in scores) / n
    worst = sorted(scores, key=lambda s: _f1(s.precision, s.recall))[:5]
    return ExtractionReport(
        pages=n,
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(_f1(precision, recall), 4),
        f1_per_page=round(sum(_f1(s.precision, s.recall) for s in scores) / n, 4),
        title_share=round(sum(s.has_title for s in scores) / n, 4),
        date_share=round(sum(s.has_date for s in scores) / n, 4),
        failures=sum(s.error is not None for s in scores),
        corpus_sha256=corpus_sha256(folder),
        worst=[{"page": s.page, "f1": round(_f1(s.precision, s.recall), 3), "error": s.error} for s in worst],
    )


def format_table(report: ExtractionReport) -> str:
    rows = [
        ("pages", f"{report.pages}"),
        ("body precision", f"{report.precision:.3f}"),
        ("body recall", f"{report.recall:.3f}"),
        ("body F1", f"{report.f1:.3f}"),
        ("body F1 (mean per page)", f"{report.f1_per_page:.3f}"),
        ("pages with a title", f"{report.title_share:.1%}"),
        ("pages with a date", f"{report.date_share:.1%}"),
        ("pages not read", f"{report.failures}"),
    ]
    width = max(len(k) for k, _ in rows)
    lines = [f"{k:<{width}}  {v:>7}" for k, v in rows]
    lines.append("lowest F1: " + ", ".join(f"{str(w['page'])[:12]} {w['f1']}" for w in report.worst))
    return "\n".join(lines)
