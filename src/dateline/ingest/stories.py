"""Stories: a new article joins the story of its most similar earlier copy (syndicated copies, light rewrites), found
through the MinHash signatures and LSH band keys of dedup.py; an article with no copy is a story of its own."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import dedup
from ..config import Settings
from ..model import Article
from ..store import Writer


@dataclass(frozen=True, slots=True)
class Signed:
    """The articles' signatures and band keys, in their order, as the store keeps them."""

    minhashes: list[bytes]
    band_keys: list[list[int]]


def assign(writer: Writer, fresh: list[Article], settings: Settings) -> Signed:
    """Set each new article's story: that of its most similar earlier copy, stored or earlier in the batch, when it
    is at least ``near_duplicate_threshold`` alike, else its own id."""
    sigs = [dedup.signature(a.text, settings.minhash_perms) for a in fresh]
    keys = [dedup.band_keys(s, settings.lsh_bands) for s in sigs]
    stored = _stored(writer, {k for ks in keys for k in ks})
    in_batch: dict[int, list[int]] = {}
    for index, article in enumerate(fresh):
        best, article.story_id = settings.near_duplicate_threshold, article.id
        candidates: dict[tuple[str, int], tuple[str, np.ndarray]] = {
            ("stored", pk): (story, sig) for key in keys[index] for pk, story, sig in stored.get(key, [])
        }
        for key in keys[index]:
            for other in in_batch.get(key, []):
                candidates["batch", other] = (fresh[other].story_id or fresh[other].id, sigs[other])
            in_batch.setdefault(key, []).append(index)
        for story, sig in candidates.values():
            if (score := dedup.similarity(sigs[index], sig)) >= best:
                best, article.story_id = score, story
    return Signed([dedup.to_bytes(s) for s in sigs], keys)


def _stored(writer: Writer, keys: set[int]) -> dict[int, list[tuple[int, str, np.ndarray]]]:
    """Band key -> (pk, story id, signature) of the stored articles sharing that band, each signature read once."""
    signatures: dict[int, np.ndarray] = {}
    found: dict[int, list[tuple[int, str, np.ndarray]]] = {}
    for key, candidates in writer.story_candidates(keys).items():
        for pk, story, minhash in candidates:
            if pk not in signatures:
                signatures[pk] = dedup.from_bytes(minhash)
            found.setdefault(key, []).append((pk, story, signatures[pk]))
    return found
