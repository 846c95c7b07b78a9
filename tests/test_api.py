"""The public Python API: the exact list of names, and one article through ``newsbrief.brief``."""

from __future__ import annotations

import newsbrief


def test_public_api_is_exactly_this() -> None:
    assert sorted(newsbrief.__all__) == sorted([
        "Article", "Brief", "Entity", "Event", "Failure", "InputError", "NewsbriefError", "Passage", "Pipeline",
        "Point", "Quote", "Span", "Speaker", "brief", "to_pandas",
    ])
    for name in newsbrief.__all__:
        assert hasattr(newsbrief, name)


ARTICLE = """Kenya and Ethiopia sign water-sharing pact
Nairobi and Addis Ababa signed an agreement on Tuesday to share water from the Omo river, ending two years of talks.

"This agreement shows that neighbours can settle their differences at the table," Kenyan President William Ruto said.
"""


def test_brief_of_a_plain_text_article_keeps_every_span_verbatim() -> None:
    b = newsbrief.brief(ARTICLE)
    text = b.article.text
    assert "Omo river" in text
    for q in b.quotes:
        assert text[q.content.start:q.content.end] == q.content.text
    for e in b.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text


def test_pipeline_reports_a_failing_article_and_goes_on(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import newsbrief.pipeline as pipeline_module

    real = pipeline_module.brief_from_doc

    def flaky(article, doc, **options):  # type: ignore[no-untyped-def]
        if "explode" in article.text:
            raise RuntimeError("stage failed")
        return real(article, doc, **options)

    monkeypatch.setattr(pipeline_module, "brief_from_doc", flaky)
    articles = [
        newsbrief.Article(text="The council approved the budget on Monday after a long debate.", origin="a.txt"),
        newsbrief.Article(text="This article will explode inside a stage of the pipeline today.", origin="b.txt"),
        newsbrief.Article(text="The mayor said the new bridge would open in the spring next year.", origin="c.txt"),
    ]
    pipe = newsbrief.Pipeline()
    briefs = list(pipe.run(articles))
    assert [b.article.origin for b in briefs] == ["a.txt", "c.txt"]
    assert len(pipe.failures) == 1
    assert pipe.failures[0].origin == "b.txt"
    assert "RuntimeError: stage failed" in pipe.failures[0].message


def test_brief_stays_the_function_after_the_pipeline_has_run() -> None:
    # A submodule named like the function would shadow it once imported; guard the public name.
    newsbrief.brief("The council approved the budget on Monday after a long debate over school funding.")
    assert callable(newsbrief.brief)
    assert newsbrief.brief("The mayor said the new bridge would open next spring.").article.text.startswith("The mayor")
