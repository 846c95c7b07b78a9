"""Echoes: a quotation that says nearly what the same speaker said before.

Politicians repeat their lines ("if they don't pay, I'm not going to defend them" at one rally, "if they don't pay
up, we're not going to defend them" at the next). The store links each new quotation to the same speaker's earlier
quotations whose content words are close: cosine similarity of the bags of stemmed content words (stop words
dropped, a light suffix stemmer so "defend"/"defending" and "pay"/"pays" meet). The later quotation "echoes a
statement of <date>" of the earlier one.

Finding the candidates costs the same on the first day and after ten years of a speaker quoted daily: each
quotation's bag of words is computed once and stored (``quote_terms``), with ``ECHO_BANDS`` index keys
(``echo_bands``): MinHash over the quotation's set of content words, in bands of ``ECHO_ROWS`` rows, each key
naming the speaker, the band and the band's words. Two statements share a band's key with a probability that grows
with the Jaccard similarity of their word sets, so a pair at the threshold almost always shares one (see
``ECHO_BANDS``) and two statements on one topic with little else in common seldom do. Each key's lookup reads at
most ``ECHO_BUCKET_CAP`` of the newest quotations that hold it, and the ``ECHO_MAX_CANDIDATES`` candidates that
share the most keys are scored with the exact cosine. Nothing reads the speaker's history as a whole.

``ECHO_THRESHOLD`` was chosen on the hand-written pairs in tests/test_echoes.py (repeats and near-repeats of one
speaker's lines against other statements by the same speaker on the same topic): see ``precision_recall``.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Swept on the labelled pairs in tests/test_echoes.py: on the first 48 (24 echoes, 24 same-speaker same-topic
# statements that make another point) precision/recall 0.92/1.00 at 0.4, 0.96/1.00 at 0.5, 1.00/1.00 at 0.6 and
# 0.7, 1.00/0.88 at 0.8; the sweep over all of them is in tests/test_echoes.py. 0.6 sits at the low end of the
# plateau, keeping rewordings. The pairs are hand-written, so the figures flatter it.
ECHO_THRESHOLD = 0.6
# Quotations shorter than this (in content words) are too generic to echo anything ("We'll see.", "Thank you.");
# two keep short slogans ("If they don't pay, we won't defend them": pay, defend).
MIN_CONTENT_WORDS = 2
# Index keys per quotation: MinHash in ECHO_BANDS bands of ECHO_ROWS rows. A pair whose word sets have Jaccard
# similarity J shares a band with probability 1 - (1 - J ** 2) ** 32: 0.988 at J = 0.36 (the lowest Jaccard a pair at
# ECHO_THRESHOLD can have: one statement's words all inside another's, nearly three times as long), 0.9986 at 0.43
# (two statements of one length at the threshold), 0.9999 at 0.5; two statements that share a topic's words and
# little else (J = 0.15) meet in a band with probability 0.5, one row per band (J alone) would make them meet nearly
# always and fill the candidates with them.
ECHO_BANDS = 32
ECHO_ROWS = 2
# The newest quotations read per key: a key is a speaker and two of their words, so this bounds the cost of a
# speaker's most common words (quoted daily on one topic for years) to a constant; the other keys of an echo still
# find it.
ECHO_BUCKET_CAP = 20
# The candidates scored per quotation, those sharing the most keys first. A pair at the threshold shares about 4 to
# 8 of the 32 keys, two statements on one topic one or two, so the echoes come first; the bound keeps the cost of a
# speaker quoted daily on one topic for years from growing with their history.
ECHO_MAX_CANDIDATES = 64
_SEED = b"newsbrief-echoes-2"

_WORD = re.compile(r"[a-z][a-z'’]*")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "just", "going", "gonna", "let", "ll", "ve", "re", "don", "t"}
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    """A light suffix stripper: enough to meet inflections of one word, never merging different words much."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("ied", "ies"):
                return base + "y"
            if len(base) > 3 and base[-1] == base[-2]:  # "stopped" -> "stop"
                base = base[:-1]
            return base
    return word


def content_words(text: str) -> Counter[str]:
    words = (w.replace("’", "'").split("'")[0] for w in _WORD.findall(text.lower()))
    return Counter(stem(w) for w in words if w not in _STOP and len(w) > 1)


def cosine(ca: Counter[str], cb: Counter[str]) -> float:
    """Cosine similarity of two content-word bags, 0 when either is too short to compare."""
    if sum(ca.values()) < MIN_CONTENT_WORDS or sum(cb.values()) < MIN_CONTENT_WORDS:
        return 0.0
    dot = sum(ca[w] * cb[w] for w in ca.keys() & cb.keys())
    norm = math.sqrt(sum(v * v for v in ca.values())) * math.sqrt(sum(v * v for v in cb.values()))
    return dot / norm if norm else 0.0


def similarity(a: str, b: str) -> float:
    """Cosine similarity of the two quotations' content-word bags, 0 when either is too short to compare."""
    return cosine(content_words(a), content_words(b))


def is_echo(a: str, b: str, threshold: float = ECHO_THRESHOLD) -> bool:
    return similarity(a, b) >= threshold


# -- the stored representation and its index keys ---------------------------------------------------------------


def _draw(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``n`` fixed random orders of words: ``((h ^ x) * m) mod 2**64`` of each word's 64-bit hash ``h``."""
    xor, mul = [], []
    for i in range(n):
        digest = hashlib.blake2b(_SEED + i.to_bytes(2, "big"), digest_size=16).digest()
        xor.append(int.from_bytes(digest[:8], "big"))
        mul.append(int.from_bytes(digest[8:], "big") | 1)  # odd: a permutation of the 64-bit integers
    return np.array(xor, dtype=np.uint64)[:, None], np.array(mul, dtype=np.uint64)[:, None]


_XOR, _MUL = _draw(ECHO_BANDS * ECHO_ROWS)


@functools.lru_cache(maxsize=65536)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "big")


def encode_terms(terms: Counter[str]) -> str:
    """The bag as stored in ``quote_terms.terms``: each word as often as it occurs, sorted, space-separated (the
    words are letters only, so the bag reads back with one split)."""
    return " ".join(w for w, n in sorted(terms.items()) for _ in range(n))


def decode_terms(stored: str) -> Counter[str]:
    return Counter(stored.split())


def band_keys(speaker_id: str, terms: Counter[str]) -> list[int]:
    """The quotation's ``ECHO_BANDS`` index keys (signed 64-bit, so SQLite keeps them as INTEGER); none when too
    short to echo anything. Key ``i``: the speaker, ``i``, and the words first under orders ``2i`` and ``2i + 1``."""
    if sum(terms.values()) < MIN_CONTENT_WORDS:
        return []
    words = sorted(terms)
    hashed = np.array([_word_hash(w) for w in words], dtype=np.uint64)[None, :]
    first = ((hashed ^ _XOR) * _MUL).argmin(axis=1)  # uint64 products wrap: mod 2**64
    # The key's top 24 bits are the speaker's, the rest the band's words: one speaker's keys lie together in the
    # index, so storing a quotation of a speaker seldom quoted dirties one or two pages of it, not 32.
    speaker_bits = int.from_bytes(hashlib.blake2b(speaker_id.encode(), digest_size=3).digest(), "big") << 40
    keys = []
    for band in range(ECHO_BANDS):
        rows = "\x1f".join(words[j] for j in first[band * ECHO_ROWS : (band + 1) * ECHO_ROWS])
        digest = hashlib.blake2b(f"{band}\x1f{rows}".encode(), digest_size=5).digest()
        key = speaker_bits | int.from_bytes(digest, "big")
        keys.append(key - (1 << 64) if key >= 1 << 63 else key)  # as SQLite's signed 64-bit INTEGER
    return keys


def index_quote(conn: sqlite3.Connection, quote_id: int, speaker_id: str | None, content: str) -> Counter[str]:
    """Store the quotation's bag of words and, when it has a speaker, its index keys; returns the bag."""
    terms = content_words(content)
    conn.execute("INSERT OR REPLACE INTO quote_terms (quote_id, terms) VALUES (?, ?)", (quote_id, encode_terms(terms)))
    if speaker_id:
        conn.executemany("INSERT OR IGNORE INTO echo_bands (key, quote_id) VALUES (?, ?)",
                         [(key, quote_id) for key in band_keys(speaker_id, terms)])
    return terms


def rekey_speaker(conn: sqlite3.Connection, quote_ids: Iterable[int], old: str, new: str) -> None:
    """Move quotations' index keys from speaker ``old`` to ``new`` (a merge of two speakers): reads the stored bags,
    never the quotations' text."""
    for quote_id in quote_ids:
        row = conn.execute("SELECT terms FROM quote_terms WHERE quote_id = ?", (quote_id,)).fetchone()
        if row is None:
            continue
        terms = decode_terms(row[0])
        conn.executemany("DELETE FROM echo_bands WHERE key = ? AND quote_id = ?",
                         [(key, quote_id) for key in band_keys(old, terms)])
        conn.executemany("INSERT OR IGNORE INTO echo_bands (key, quote_id) VALUES (?, ?)",
                         [(key, quote_id) for key in band_keys(new, terms)])


def backfill(conn: sqlite3.Connection) -> int:
    """Index every stored quotation not yet indexed (a store made before the index); returns how many."""
    rows = conn.execute(
        "SELECT q.id, q.speaker_id, q.content FROM quotes q WHERE NOT EXISTS "
        "(SELECT 1 FROM quote_terms t WHERE t.quote_id = q.id)"
    ).fetchall()
    for quote_id, speaker_id, content in rows:
        index_quote(conn, quote_id, speaker_id, content)
    return len(rows)


# -- linking ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Echo:
    quote_id: int  # the later quotation
    earlier_quote_id: int
    similarity: float


def candidates(conn: sqlite3.Connection, quote_id: int, keys: list[int]) -> list[int]:
    """The other quotations sharing at least one index key (at most ``ECHO_BUCKET_CAP`` newest per key), those
    sharing the most keys first, at most ``ECHO_MAX_CANDIDATES`` of them: one query."""
    if not keys:
        return []
    one = ("SELECT * FROM (SELECT quote_id FROM echo_bands WHERE key = ? AND quote_id != ? "
           "ORDER BY quote_id DESC LIMIT ?)")
    rows = conn.execute(
        f"SELECT quote_id, COUNT(*) AS shared FROM ({' UNION ALL '.join([one] * len(keys))}) "
        "GROUP BY quote_id ORDER BY shared DESC, quote_id DESC LIMIT ?",
        [*(v for key in keys for v in (key, quote_id, ECHO_BUCKET_CAP)), ECHO_MAX_CANDIDATES],
    ).fetchall()
    return [r[0] for r in rows]


def link_echoes(conn: sqlite3.Connection, quote_ids: Iterable[int]) -> list[Echo]:
    """Index each of ``quote_ids`` (see ``index_quote``), find its echoes among the speaker's other quotations and
    record them.

    The later quotation (by publication date, then by storage order) echoes the earlier one, whichever was stored
    first, so the links do not depend on the order articles are ingested in. Call it after the quotations' article
    row (with its cluster) is written.
    """
    found: list[Echo] = []
    for quote_id in quote_ids:
        row = conn.execute(
            "SELECT q.speaker_id, q.content, COALESCE(q.published, ''), a.cluster_id FROM quotes q "
            "JOIN articles a ON a.id = q.article_id WHERE q.id = ?",
            (quote_id,),
        ).fetchone()
        if row is None:
            continue
        speaker_id, content, published, cluster_id = row
        terms = index_quote(conn, quote_id, speaker_id, content)
        if speaker_id is None:
            continue
        others = candidates(conn, quote_id, band_keys(speaker_id, terms))
        if not others:
            continue
        marks = ",".join("?" * len(others))
        # Not echoes: the same words in another outlet's copy of the same story (one cluster), or in another report
        # of the same day (one statement reported twice). The speaker is checked too: a key could collide.
        rows = conn.execute(
            f"SELECT q.id, t.terms, COALESCE(q.published, '') FROM quotes q JOIN quote_terms t ON t.quote_id = q.id "
            f"JOIN articles a ON a.id = q.article_id WHERE q.id IN ({marks}) AND q.speaker_id = ? "
            "AND a.cluster_id IS NOT ? AND (q.published IS NULL OR ? = '' OR q.published != ?)",
            (*others, speaker_id, cluster_id, published, published),
        ).fetchall()
        for other_id, other_terms, other_published in rows:
            score = cosine(terms, decode_terms(other_terms))
            if score < ECHO_THRESHOLD:
                continue
            if (published, quote_id) > (other_published, other_id):
                echo = Echo(quote_id, other_id, score)
            else:
                echo = Echo(other_id, quote_id, score)
            conn.execute(
                "INSERT OR IGNORE INTO echoes (quote_id, earlier_quote_id, similarity) VALUES (?, ?, ?)",
                (echo.quote_id, echo.earlier_quote_id, round(echo.similarity, 4)),
            )
            found.append(echo)
    return found


def precision_recall(
    pairs: Iterable[tuple[str, str, bool]], threshold: float = ECHO_THRESHOLD
) -> tuple[float, float]:
    """Precision and recall of ``is_echo`` on labelled pairs ``(a, b, is_echo)``."""
    tp = fp = fn = 0
    for a, b, gold in pairs:
        predicted = similarity(a, b) >= threshold
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall
