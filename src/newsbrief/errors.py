"""Errors raised by newsbrief.

Every error the library raises on purpose is a ``NewsbriefError``; the command line turns them into one-line
messages at its edge, and a batch records them per article and goes on.

    NewsbriefError
    ├── InputError              an input could not be read as an article; names the input and the problem
    │   ├── MissingInputError   path does not exist / glob matches nothing
    │   ├── EmptyInputError     nothing to read (empty file, no text after extraction)
    │   ├── BinaryInputError    bytes that are not text (an image, an archive we do not read)
    │   ├── TooLargeError       over the size cap
    │   ├── EncodingError       bytes that decode as no supported text encoding
    │   ├── ParseError          broken HTML, a feed that is not XML, a truncated WARC, bad JSON
    │   ├── FetchError          a URL that answered 4xx/5xx, timed out or could not be reached
    │   └── UnsupportedLanguageError   the article is not in a language the pipeline reads
    ├── ModelMissingError       the spaCy model (or a shipped model file) is not installed
    ├── DataMissingError        an evaluation data folder is absent
    ├── StoreError              the SQLite store could not be opened, migrated or written
    └── LLMError                the optional language-model endpoint failed or answered badly
"""

from __future__ import annotations


class NewsbriefError(Exception):
    """Base class of every error newsbrief raises on purpose."""


class InputError(NewsbriefError):
    """An input could not be turned into an article.

    ``source`` names the input (a path, a URL, ``<stdin>``, ``corpus.jsonl:17``); ``problem`` says what is wrong.
    ``str(err)`` is the one-line message the CLI prints: ``"<source>: <problem>"``.
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class MissingInputError(InputError):
    """The path does not exist, or a glob matched nothing."""


class EmptyInputError(InputError):
    """The input holds no text to read."""


class BinaryInputError(InputError):
    """The input is binary data (an image, a PDF, ...), not text or HTML."""


class TooLargeError(InputError):
    """The input is larger than the cap newsbrief reads."""


class EncodingError(InputError):
    """The bytes decode as no supported text encoding."""


class ParseError(InputError):
    """The input is malformed: broken HTML, a feed that is not XML, a truncated archive, bad JSON."""


class FetchError(InputError):
    """A URL answered with an error status (``status``), timed out, or could not be reached (``status`` None)."""

    def __init__(self, source: str, problem: str, status: int | None = None) -> None:
        super().__init__(source, problem)
        self.status = status


class UnsupportedLanguageError(InputError):
    """The article is written in a language the pipeline does not read."""


class ModelMissingError(NewsbriefError):
    """A model newsbrief needs is not installed."""


class DataMissingError(NewsbriefError):
    """An evaluation or benchmark data folder is absent."""


class StoreError(NewsbriefError):
    """The SQLite store could not be opened, migrated or written."""


class LLMError(NewsbriefError):
    """The optional language-model endpoint failed or answered badly."""
