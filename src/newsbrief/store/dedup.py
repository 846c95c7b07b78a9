"""Exact and near-duplicate articles.

Exact: the same text (whitespace and case aside) has the same ``content_hash``; the store keeps it once.
Near: the same story from several outlets (wire copy with a new first paragraph, a trimmed ending, a changed
headline) is kept, and joins one cluster. Each article gets a MinHash signature over word shingles; signatures are
cut into LSH bands kept in ``minhash_bands`` (an index in SQLite, so the lookup costs the same on a store of
10 or 100,000 articles), and a candidate that shares a band joins the cluster when the estimated Jaccard
similarity of the shingle sets reaches ``NEAR_DUPLICATE_JACCARD``.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

# Word 3-grams: long enough that two stories on one topic share few of them, short enough that an edited reprint
# keeps most of them.
SHINGLE_WORDS = 3
NUM_PERM = 128
# 32 bands of 4 rows: a pair at Jaccard 0.5 shares a band with probability 0.87, at 0.3 with 0.23, at 0.2 with 0.05.
BANDS = 32
ROWS = NUM_PERM // BANDS
# Chosen on hand-written pairs (tests/test_store_dedup.py): a wire story reprinted with a new first paragraph and a
# trimmed ending scores 0.55-0.8; two outlets' own reports of one event score under 0.15.
NEAR_DUPLICATE_JACCARD = 0.4
SEED = 20260314
# Newest articles read per band when looking for a near-duplicate: a band most articles of one outlet share (a
# standard footer) is capped; a reprint shares many bands, so some band of it is never that crowded.
BUCKET_CAP = 50

_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(text: str) -> str:
    """sha1 of the text with case and runs of whitespace folded: equal for the same article fetched twice."""
    folded = " ".join(text.lower().split())
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


_EMPTY: MinHash | None = None


def signature(text: str) -> np.ndarray:
    global _EMPTY
    if _EMPTY is None:  # drawing the permutations costs more than hashing a whole article: draw them once, copy
        _EMPTY = MinHash(num_perm=NUM_PERM, seed=SEED)
    m = _EMPTY.copy()
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return np.asarray(m.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, key) pairs; the key is a signed 64-bit hash so that SQLite stores it as an INTEGER."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append((band, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True)))
    return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity of two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True)
class ClusterMatch:
    cluster_id: int
    article_id: str
    similarity: float


def find_near_duplicate(conn: sqlite3.Connection, sig: np.ndarray) -> ClusterMatch | None:
    """The stored article most similar to ``sig`` at or above the threshold, with its cluster.

    Each band's lookup reads at most ``BUCKET_CAP`` of the newest articles holding that band, so an outlet's
    boilerplate that many articles share cannot make the lookup grow with the store.
    """
    keys = band_keys(sig)
    one = ("SELECT * FROM (SELECT article_seq FROM minhash_bands WHERE band = ? AND hash = ? "
           "ORDER BY article_seq DESC LIMIT ?)")
    rows = conn.execute(
        "SELECT m.article_seq, m.signature, a.cluster_id, a.id FROM minhash m "
        f"JOIN articles a ON a.seq = m.article_seq WHERE m.article_seq IN ({' UNION '.join([one] * len(keys))})",
        [v for band, key in keys for v in (band, key, BUCKET_CAP)],
    ).fetchall()
    best: ClusterMatch | None = None
    for _seq, blob, cluster_id, article_id in rows:
        score = jaccard(sig, np.frombuffer(blob, dtype=np.uint64))
        if score >= NEAR_DUPLICATE_JACCARD and (best is None or score > best.similarity):
            best = ClusterMatch(cluster_id, article_id, score)
    return best


def index_signature(conn: sqlite3.Connection, article_seq: int, sig: np.ndarray) -> None:
    conn.execute("INSERT INTO minhash (article_seq, signature) VALUES (?, ?)", (article_seq, sig.tobytes()))
    conn.executemany(
        "INSERT INTO minhash_bands (band, hash, article_seq) VALUES (?, ?, ?)",
        [(band, key, article_seq) for band, key in band_keys(sig)],
    )
