"""Articles for the scale tests, written for them in a wire service's style, and a WARC built from them."""

from __future__ import annotations

import io
from pathlib import Path

# (headline, outlet, date, paragraphs); two dates, so the Parquet output has two date partitions.
ARTICLES: list[tuple[str, str, str, list[str]]] = [
    ("Port workers in Rotterdam end strike after pay deal", "Harbour Courier", "2026-02-11", [
        "ROTTERDAM — Dock workers at Europe's largest port returned to work on Wednesday after unions and terminal "
        "operators agreed a pay rise of 6 per cent over two years, ending a four-day strike that left more than "
        "forty container ships waiting at anchor.",
        "\"This deal shows that the people who move Europe's goods can be heard,\" said Marieke Jansen, who led the "
        "negotiations for the dockers' union. \"We will watch closely that every terminal honours it.\"",
        "The employers' association said the agreement was expensive but necessary. Shipping lines warned that "
        "clearing the backlog would take at least a week.",
    ]),
    ("Chile and Argentina agree to share data on glacier melt", "Andes Wire", "2026-02-11", [
        "SANTIAGO — Chile and Argentina signed an agreement on Tuesday to pool satellite and field data on the "
        "glaciers along their shared border, the two foreign ministries said in a joint statement.",
        "Chilean Foreign Minister Alberto van Klaveren said the accord would help both countries plan for water "
        "shortages in farming regions that depend on meltwater in summer.",
        "\"No country can measure a mountain range alone,\" he told reporters in Santiago.",
    ]),
    ("Kenya expands school meals programme to arid counties", "Rift Valley Post", "2026-02-12", [
        "NAIROBI — Kenya will extend its free school meals programme to eight arid counties in the north from "
        "next term, the education ministry said on Thursday, reaching about 400,000 more pupils.",
        "Education Secretary Julius Ogamba said attendance had risen by a tenth in counties where meals were "
        "already served. \"A child who is hungry cannot learn,\" he said.",
        "Aid groups welcomed the plan but asked the government to say how it would be paid for after donor "
        "funding ends in 2027.",
    ]),
    ("Canadian wildfire agency warns of early fire season", "Northern Ledger", "2026-02-12", [
        "OTTAWA — Canada's wildfire agency warned on Thursday that a dry winter in the western provinces could "
        "bring the fire season forward by several weeks, and asked provinces to hire crews early.",
        "The agency's director said snowpack in parts of British Columbia was less than half its usual depth. "
        "Provincial officials said they had already requested firefighting aircraft from the United States.",
    ]),
]

# Not English: the pipeline reports it, per article, and goes on.
FRENCH = ("Grève des contrôleurs aériens à Marseille", "Le Courrier du Sud", "2026-02-12", [
    "MARSEILLE — Les contrôleurs aériens de l'aéroport de Marseille ont cessé le travail jeudi pour protester "
    "contre la réforme des horaires, provoquant l'annulation de plus de cent vols selon la direction.",
    "Le ministre des transports a appelé les syndicats à reprendre le dialogue dès la semaine prochaine.",
])


def news_page(headline: str, outlet: str, date: str, paragraphs: list[str]) -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline} | {outlet}</title>'
        f'<meta property="og:site_name" content="{outlet}">'
        f'<meta property="article:published_time" content="{date}T07:30:00Z"></head>'
        f'<body><nav><a href="/">Front page</a> <a href="/world">World</a></nav>'
        f"<article><h1>{headline}</h1>\n{body}\n</article><footer>{outlet} newsroom</footer></body></html>"
    ).encode()


def article_text(paragraphs: list[str]) -> str:
    """Plain text with a blank line between paragraphs, as newsbrief reads a .txt article."""
    return "\n\n".join(paragraphs) + "\n"


def build_warc(path: Path, with_french: bool = True) -> Path:
    """A gzipped WARC: one HTML response per article, an image response (not an article), and the French page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [*ARTICLES, FRENCH] if with_french else list(ARTICLES)
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, (headline, outlet, date, paragraphs) in enumerate(pages):
            url = f"https://news.example.org/{date}/story-{i}"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(news_page(headline, outlet, date,
                                                                                             paragraphs)),
                                               http_headers=headers)
            writer.write_record(record)
            if i == 1:
                image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    "https://news.example.org/logo.png", "response",
                    payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(64)), http_headers=image))
    return path
