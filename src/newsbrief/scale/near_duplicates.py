"""Near-duplicates across the Spark job's partitions: one wire story under many URLs is briefed once.

The store's rule (``newsbrief.store.dedup``), over a whole corpus at once: each article's MinHash signature over
word 3-shingles is cut into the same LSH bands; articles that share a band are candidates, and a candidate pair is
a near-duplicate when the estimated Jaccard similarity reaches ``NEAR_DUPLICATE_JACCARD``. Near-duplicates joined
through others (A like B, B like C) are one cluster, as in the store, and a cluster's representative is its first
article in input order (input name, then position in the file), the one the store would have stored first.

The functions here are plain Python, run inside Spark's stages by ``newsbrief.scale.spark``:

1. ``band_entries``: ((band, key), (order, id)) per band of an article;
2. ``candidate_pairs``: in one band's bucket, each article with the ``BUCKET_CAP`` articles before it (a bucket
   that half an outlet's pages share, a footer, costs a bounded number of pairs, as in the store);
3. the pairs are scored with both signatures (a join in Spark), and ``representatives`` joins the near-duplicate
   pairs into clusters with a union-find on the driver: one entry per article that is a near-duplicate of an
   earlier one, which is a small share of a corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from newsbrief.store import dedup

BUCKET_CAP = dedup.BUCKET_CAP
Order = tuple[Any, ...]


def signature_bytes(text: str) -> bytes:
    return dedup.signature(text).tobytes()


def band_entries(article_id: str, order: Order, signature: bytes) -> list[tuple[tuple[int, int], tuple[Order, str]]]:
    sig = np.frombuffer(signature, dtype=np.uint64)
    return [(key, (order, article_id)) for key in dedup.band_keys(sig)]


def candidate_pairs(members: Iterable[tuple[Order, str]]) -> Iterator[tuple[str, str]]:
    """(later id, earlier id) for each article of a bucket and the ``BUCKET_CAP`` articles before it."""
    ordered = sorted(set(members))
    for i, (_, later) in enumerate(ordered):
        for _, earlier in ordered[max(0, i - BUCKET_CAP) : i]:
            if earlier != later:
                yield later, earlier


def similar(a: bytes, b: bytes) -> bool:
    return dedup.jaccard(np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)) >= \
        dedup.NEAR_DUPLICATE_JACCARD


def representatives(pairs: Iterable[tuple[tuple[Order, str], tuple[Order, str]]]) -> dict[str, str]:
    """{id: id of its cluster's first article} for every article that is a near-duplicate of an earlier one."""
    parent: dict[tuple[Order, str], tuple[Order, str]] = {}

    def find(x: tuple[Order, str]) -> tuple[Order, str]:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            # The root is the cluster's first article: (order, id) tuples compare by order first.
            first, other = (ra, rb) if ra < rb else (rb, ra)
            parent[other] = first
            parent.setdefault(first, first)
    return {x[1]: find(x)[1] for x in parent if find(x) != x}
