"""Duplicates: a content id for exact copies, MinHash signatures and LSH band keys for near-duplicates.

The id hashes the normalised text and the url, so re-reading the same file stores nothing new while the same
wire story at two urls is kept twice. Syndicated copies and light rewrites are found by MinHash over word
3-grams; the LSH band keys live in the store, so finding a story's earlier copies needs no index in memory.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable, Iterator

import numpy as np

from .model import Article, Problem

SHINGLE_WORDS = 3
_WORD = re.compile(r"\w+")


def identified(items: Iterable[Article | Problem]) -> Iterator[Article | Problem]:
    """What a reader yields, each article with its id."""
    for item in items:
        if isinstance(item, Article):
            item.id = article_id(item)
        yield item


def article_id(article: Article) -> str:
    text = " ".join(unicodedata.normalize("NFKC", article.text).casefold().split())
    url = (article.url or "").strip()
    return hashlib.sha256(f"{text}\n{url}".encode()).hexdigest()[:16]


def signature(text: str, perms: int) -> np.ndarray:
    """MinHash of the text's word 3-grams, as uint32 values."""
    from datasketch import MinHash  # imported here: it takes 0.4 s, which every CLI command would pay

    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=perms)
    minhash.update_batch([s.encode() for s in shingles])
    return minhash.hashvalues.astype(np.uint32)


def band_keys(sig: np.ndarray, bands: int) -> list[int]:
    """One signed 64-bit key per LSH band; two articles sharing any key are candidate near-duplicates."""
    rows = len(sig) // bands
    keys = []
    for band in range(bands):
        chunk = sig[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(struct.pack("<H", band) + chunk, digest_size=8).digest()
        keys.append(struct.unpack("<q", digest)[0])
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")
