"""Train the span tagger on the PolNeAR train split: ``python -m newsbrief.quotes.train_tagger --data DIR``.

Deterministic (CRFsuite's L-BFGS has no randomness; files in sorted order); writes
``src/newsbrief/data/quote_tagger.crfsuite.gz`` (or ``--out``). Only the train split is read: dev stays for
scoring. A few minutes of CPU after spaCy's parse (``--docbin`` takes the train split already parsed).
"""

from __future__ import annotations

import gzip
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from newsbrief.eval import data_path
from newsbrief.eval.polnear import GoldArticle
from newsbrief.model import Article
from newsbrief.quotes import learned
from newsbrief.quotes.marks import find_marked
from newsbrief.quotes.tagger import MODEL_FILE, inside_marks, token_features
from newsbrief.quotes.train import arguments, train_split

# L1 and L2 strength: L1 keeps the shipped file small (most window features get no weight) and, on a held-out tenth
# of train, L1 0.5 beat 0.2 and 0.05 (docs/quotes.md, "The span tagger"); L2 was not tuned.
C1 = 0.5
C2 = 0.01
MAX_ITERATIONS = 150
# Features seen fewer times than this in train are not weighed.
MIN_FREQ = 3

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / MODEL_FILE


def gold_tags(art: GoldArticle, doc: Any) -> list[str]:
    """BIO tags of every token from the gold items: the role at the token's first character (cue over source over
    content where they overlap), B- where the item changes."""
    role_at: dict[int, tuple[str, int]] = {}
    for n, item in enumerate(art.items):
        for role, frags in (("C", item.content), ("S", item.source), ("Q", item.cue)):
            for s, e in frags:
                for ch in range(s, e):
                    if role == "C" and ch in role_at:
                        continue
                    if role == "S" and ch in role_at and role_at[ch][0] == "Q":
                        continue
                    role_at[ch] = (role, n)
    tags: list[str] = []
    prev: tuple[str, int] | None = None
    last_content: int | None = None
    for tok in doc:
        here = role_at.get(tok.idx)
        if here is None or tok.is_space:
            tags.append("O")
            prev = None
            continue
        # The second part of a split quotation goes on (I-) from the first: the tagger learns that it is one.
        same = here == prev or (here[0] == "C" and here[1] == last_content)
        tags.append(("I-" if same else "B-") + here[0])
        prev = here
        if here[0] == "C":
            last_content = here[1]
    return tags


def article_features(text: str, doc: Any) -> list[list[str]]:
    article = Article(text=text)
    runs = [(r.outer_start, r.outer_end) for r in find_marked(text, article.paragraphs)]
    return token_features(doc, inside_marks(text, doc, runs), learned.cue_judge())


def sequences(articles: Sequence[GoldArticle], docs: Sequence[Any]) -> Iterator[tuple[list[list[str]], list[str]]]:
    for art, doc in zip(articles, docs, strict=True):
        yield article_features(art.text, doc), gold_tags(art, doc)


def fit(pairs: Iterator[tuple[list[list[str]], list[str]]], out: Path, c1: float = C1, c2: float = C2,
        max_iterations: int = MAX_ITERATIONS) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xs, ys in pairs:
        trainer.append(xs, ys)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature.minfreq": MIN_FREQ,
                        "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "model.crfsuite"
        trainer.train(str(raw))
        out.write_bytes(gzip.compress(raw.read_bytes(), mtime=0))


def main(argv: list[str] | None = None) -> None:
    args = arguments(__doc__.splitlines()[0], DEFAULT_OUT, argv)
    articles, docs = train_split(data_path(args.data, "quotes/polnear"), args.docbin)
    fit(sequences(articles, docs), Path(args.out))
    print(f"wrote {args.out}: {Path(args.out).stat().st_size} bytes")


if __name__ == "__main__":
    main()
