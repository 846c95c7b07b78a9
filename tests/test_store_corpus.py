# ruff: noqa: E501 - the articles keep one paragraph per line, as copy does.
"""A small hand-written news corpus as Briefs built by hand (quotes, speakers, events placed by offsets), shared by
the store, echoes, web and browser tests. The articles are written for these tests in a newsroom's style.

The store tests do not depend on the quote and event extractors: the briefs here say exactly what was said by whom.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from newsbrief.events.story import code_story
from newsbrief.model import Actor, Article, Brief, Event, Passage, Quote, Span, Speaker


@dataclass
class Said:
    """A quotation in an article: its words, and who said them (the name as the article gives it)."""

    content: str
    name: str
    role: str | None = None
    country: str | None = None


@dataclass
class Did:
    """An event: source country did ``type`` to target country, in the sentence containing ``sentence``."""

    sentence: str
    source: str
    source_country: str
    type: str
    target: str
    target_country: str
    intensity: float
    quote: int | None = None


@dataclass
class Story:
    title: str
    source: str
    published: str
    text: str
    said: list[Said] = field(default_factory=list)
    did: list[Did] = field(default_factory=list)
    url: str | None = None


def make_brief(story: Story) -> Brief:
    """The Brief of ``story``, every span found in its text (a missing phrase is a bug in the test corpus)."""
    text = story.text.strip()
    article = Article(
        text=text,
        url=story.url,
        source=story.source,
        title=story.title,
        published=dt.date.fromisoformat(story.published),
        origin=story.url or story.title,
    )

    def span(phrase: str) -> Span:
        start = text.index(phrase)
        return Span.of(text, start, start + len(phrase))

    speakers: dict[str, Speaker] = {}
    quotes = []
    for said in story.said:
        local_id = said.name.lower().replace(" ", "-")
        mention = span(said.name.split()[-1]) if said.name.split()[-1] in text else None
        speakers.setdefault(
            local_id,
            Speaker(local_id, said.name, said.role, said.country, (mention,) if mention else ()),
        )
        quotes.append(Quote(span(said.content), "direct", local_id, mention, None, 0.9))
    events = []
    for did in story.did:
        sentence = span(did.sentence)
        events.append(
            Event(
                source=Actor(did.source, did.source_country, "government"),
                type=did.type,
                sentence=sentence,
                target=Actor(did.target, did.target_country, "government"),
                intensity=did.intensity,
                date=article.published,
                quote_index=did.quote,
            )
        )
    first = article.paragraph_spans()[0]
    return Brief(
        article=article,
        lead=(Passage(first.text, (first,)),),
        quotes=tuple(quotes),
        speakers=tuple(speakers.values()),
        events=tuple(events),
        story=code_story(article),
    )


TRUMP_RALLY = Story(
    title="Trump warns allies he will not defend those who do not pay",
    source="Harbour Gazette",
    published="2026-03-02",
    url="https://harbour-gazette.example/2026/03/02/trump-allies-pay",
    text="""
COLUMBUS, Ohio — President Donald Trump told supporters on Sunday that the United States would stop defending allies that did not spend more on their own armed forces, singling out Japan and Germany.

"If they don't pay, we're not going to defend them. It's very simple," Trump told the crowd at a rally in Columbus.

Officials in Tokyo declined to comment on the remarks on Sunday evening.
""",
    said=[Said("If they don't pay, we're not going to defend them. It's very simple", "Donald Trump",
               "President of the United States", "USA")],
    did=[Did("If they don't pay, we're not going to defend them", "Donald Trump", "USA", "THREATEN", "Japan", "JPN",
             -7.0, quote=0)],
)

ISHIBA_REPLY = Story(
    title="Japan rejects Trump demand on defence spending",
    source="Northern Courier",
    published="2026-03-09",
    url="https://northern-courier.example/japan-rejects-demand",
    text="""
TOKYO — Japan's prime minister on Monday rejected a demand from Washington that Tokyo double its defence budget, in the sharpest exchange between the two allies in years.

"Japan sets its defence budget on the basis of its own security needs, not on figures written abroad," Prime Minister Shigeru Ishiba told parliament.

The demand followed a rally at which Trump repeated his warning to allies. "If they don't pay up, I'm not going to defend them, it's that simple," Trump said.

Cabinet officials said talks with the United States would continue at the working level, and a senior diplomat was expected in Washington later this month.
""",
    said=[
        Said("Japan sets its defence budget on the basis of its own security needs, not on figures written abroad",
             "Shigeru Ishiba", "Prime Minister of Japan", "JPN"),
        Said("If they don't pay up, I'm not going to defend them, it's that simple", "Trump"),
    ],
    did=[Did("Japan's prime minister on Monday rejected a demand from Washington", "Shigeru Ishiba", "JPN", "REJECT",
             "United States", "USA", -4.0, quote=None)],
)

# The same wire story as ISHIBA_REPLY, reprinted by another outlet with its own first paragraph and a trimmed ending.
ISHIBA_REPRINT = Story(
    title="Tokyo says no to doubling defence budget",
    source="Coastal Wire",
    published="2026-03-09",
    url="https://coastal-wire.example/world/tokyo-says-no",
    text="""
TOKYO — Japan will not double its defence spending at the request of the United States, its leader said on Monday.

"Japan sets its defence budget on the basis of its own security needs, not on figures written abroad," Prime Minister Shigeru Ishiba told parliament.

The demand followed a rally at which Trump repeated his warning to allies. "If they don't pay up, I'm not going to defend them, it's that simple," Trump said.

Cabinet officials said talks with the United States would continue at the working level.
""",
    said=[
        Said("Japan sets its defence budget on the basis of its own security needs, not on figures written abroad",
             "Shigeru Ishiba", "Prime Minister of Japan", "JPN"),
        Said("If they don't pay up, I'm not going to defend them, it's that simple", "Trump"),
    ],
    did=[Did("Japan will not double its defence spending at the request of the United States", "Shigeru Ishiba",
             "JPN", "REJECT", "United States", "USA", -4.0)],
)

TRADE_TALKS = Story(
    title="US and Japan agree to resume trade talks",
    source="Harbour Gazette",
    published="2026-04-14",
    url="https://harbour-gazette.example/2026/04/14/trade-talks",
    text="""
WASHINGTON — The United States and Japan agreed on Tuesday to resume trade talks suspended during the dispute over defence spending, officials from both governments said.

"We have a great relationship with Japan, and we're going to make a fantastic deal for our farmers," Donald J. Trump said at the White House.

Treasury Secretary John Smith said the talks would begin in May. "Tariffs on cars stay on the table until we see real progress on market access," Smith said.

Senator Jane Smith, who chairs the trade subcommittee, said Congress would review any agreement. "Congress will read every line of this agreement before anyone signs it," she said.
""",
    said=[
        Said("We have a great relationship with Japan, and we're going to make a fantastic deal for our farmers",
             "Donald J. Trump", "President", "USA"),
        Said("Tariffs on cars stay on the table until we see real progress on market access", "John Smith",
             "Treasury Secretary", "USA"),
        Said("Congress will read every line of this agreement before anyone signs it", "Jane Smith",
             "Senator", "USA"),
    ],
    did=[Did("The United States and Japan agreed on Tuesday to resume trade talks", "United States", "USA", "AGREE",
             "Japan", "JPN", 5.0)],
)

# "Smith" alone, after a John and a Jane Smith are stored: no evidence which one; must not be merged.
SMITH_ALONE = Story(
    title="Farm groups welcome trade talks",
    source="Prairie Times",
    published="2026-04-16",
    url="https://prairie-times.example/farm-groups-welcome-talks",
    text="""
DES MOINES — Farm groups welcomed the resumption of trade talks with Japan, saying exporters of beef and soybeans had lost sales during the dispute.

"Our members have waited a year for this," said Smith, a spokesman for the state farm bureau.

Prices for soybeans rose slightly on the news.
""",
    said=[Said("Our members have waited a year for this", "Smith", "spokesman for the state farm bureau", None)],
)

PRESIDENT_TRUMP = Story(
    title="President Trump says tariffs will stay until deal is done",
    source="Northern Courier",
    published="2026-04-20",
    url="https://northern-courier.example/tariffs-stay",
    text="""
WASHINGTON — President Trump said on Monday that tariffs on Japanese cars would remain in place until a trade agreement was signed.

"The tariffs stay until we have a deal, a great deal for America," President Trump told reporters.

Japan's trade minister said Tokyo hoped to conclude talks by the summer.
""",
    said=[Said("The tariffs stay until we have a deal, a great deal for America", "President Trump")],
    did=[Did("tariffs on Japanese cars would remain in place until a trade agreement was signed", "Trump", "USA",
             "SANCTION", "Japan", "JPN", -5.0)],
)

CORPUS = [TRUMP_RALLY, ISHIBA_REPLY, ISHIBA_REPRINT, TRADE_TALKS, SMITH_ALONE, PRESIDENT_TRUMP]

# For the escaping tests: markup in a title, a quotation and a speaker's name must show as text.
HOSTILE = Story(
    title="<script>alert('title')</script> Council row",
    source="<b>Mallory Post</b>",
    published="2026-05-01",
    url="https://mallory.example/row",
    text="""
<script>alert('title')</script> Council row

LONDON — A council meeting ended in uproar on Thursday after a resident read out a statement.

"<script>alert('quote')</script> we will not be silenced," said Eve <script>alert('name')</script> Jones, a local campaigner.
""",
    said=[Said("<script>alert('quote')</script> we will not be silenced", "Eve <script>alert('name')</script> Jones",
               "campaigner", "GBR")],
)


def corpus_briefs() -> list[Brief]:
    return [make_brief(s) for s in CORPUS]


def write_corpus_files(folder: Path, stories: list[Story] | None = None) -> list[Path]:
    """The stories as plain-text article files, for ingest through the real pipeline: the header the text reader
    knows (``date YYYY-MM-DD headline`` and ``Source: outlet``), a blank line, the body."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, story in enumerate(stories or CORPUS):
        path = folder / f"{i:02d}-{story.source.lower().replace(' ', '-')}.txt"
        header = f"date {story.published} {story.title}\nSource: {story.source}"
        path.write_text(f"{header}\n\n{story.text.strip()}\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_corpus_briefs_anchor_every_span() -> None:
    for brief in corpus_briefs() + [make_brief(HOSTILE)]:
        text = brief.article.text
        for q in brief.quotes:
            assert text[q.content.start : q.content.end] == q.content.text
        for e in brief.events:
            assert text[e.sentence.start : e.sentence.end] == e.sentence.text
