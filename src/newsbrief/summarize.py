"""The summary stage's entry point, kept where the pipeline and the benchmarks import it; the code lives in
``newsbrief.summary``."""

from newsbrief.summary import (
    LEAD_MAX_WORDS,
    REPEAT_OVERLAP,
    Candidate,
    candidate_sentences,
    compress_for,
    missing_roles,
    paragraph_sentences,
    summarize,
)

__all__ = [
    "LEAD_MAX_WORDS", "REPEAT_OVERLAP", "Candidate", "candidate_sentences", "compress_for", "missing_roles",
    "paragraph_sentences", "summarize",
]
