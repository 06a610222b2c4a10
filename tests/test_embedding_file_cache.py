"""The embedding file cache is shared by processes that run side by side (evaluations in the test suite)."""

from __future__ import annotations

import numpy as np

from analysis.embeddings import DIMENSIONS, FileCache


def vector(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).random(DIMENSIONS, dtype=np.float32)


def test_a_writer_holds_no_lock_between_calls_so_another_writes_at_once(tmp_path):
    path = tmp_path / "cache.db"
    first, second = FileCache(path), FileCache(path)
    first["a"] = vector(1)  # kept, not yet written: no lock held meanwhile
    second["b"] = vector(2)
    second.flush()
    first.flush()
    reader = FileCache(path)
    assert np.array_equal(reader["a"], vector(1)) and np.array_equal(reader["b"], vector(2))


def test_vectors_are_written_in_batches_and_read_back_after_a_restart(tmp_path):
    path = tmp_path / "cache.db"
    cache = FileCache(path)
    for n in range(FileCache.BATCH):
        cache[f"k{n}"] = vector(n)
    assert f"k{FileCache.BATCH - 1}" in FileCache(path)  # the full batch is on disk without a flush
    assert FileCache(path).get("missing") is None
