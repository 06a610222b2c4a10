"""Train the learned safeguarding signal: `python -m analysis train-safeguarding`.

Training rows: the disclosure corpus we wrote (`data/safeguarding_corpus.jsonl`,
see `data/README-safeguarding-corpus.md`) and the team's tuning set
(`eval/comments_eval.jsonl`). Swedish rows are also learned typed without å/ä/ö,
as many children type them.

The dev split (`eval/dev.jsonl`) is used only to choose: the threshold (the
lowest at which patterns and model together flag at most
`MAX_DEV_FALSE_POSITIVE_RATE` of its harmless comments: recall first) and, from
a small grid, the regularisation and the weight of meaning against letters. The
frozen test set is never read here.

Logistic regression in numpy (full batch, Adam, L2), class-balanced. The weights
go to `models/safeguarding_model.npz` (float16) and the threshold and figures to
`models/safeguarding_model.json`; both are committed, so the app never trains or
downloads anything.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from pathlib import Path

import numpy as np

from analysis.safeguarding_model import (BUCKETS, HASH_BITS, MAX_DEV_FALSE_POSITIVE_RATE, METADATA, WEIGHTS,
                                         ngram_triplets)
from analysis.safeguarding_patterns import CATEGORIES, match_patterns

ANALYSIS_DIR = Path(__file__).parent
CORPUS = ANALYSIS_DIR / "data" / "safeguarding_corpus.jsonl"
TUNING_SET = ANALYSIS_DIR / "eval" / "comments_eval.jsonl"
DEV_SET = ANALYSIS_DIR / "eval" / "dev.jsonl"
# Chosen on the dev split from this grid (small on purpose: the dev split has 726 rows).
L2_GRID = (1e-3, 3e-3)
EMBEDDING_SCALE_GRID = (4.0,)
STEPS = 400
LEARNING_RATE = 0.05


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _without_diacritics(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


def training_rows() -> list[tuple[str, bool, list[str]]]:
    """(text, risk, categories) for every training comment, Swedish ones also without å/ä/ö; no duplicates."""
    rows = [(r["text"], bool(r["risk"]), list(r.get("categories", []))) for r in _load(CORPUS)]
    rows += [(r["text"], bool(r["risk"]), list(r.get("risk_categories", []))) for r in _load(TUNING_SET)]
    extra = []
    for text, risk, categories in rows:
        plain = _without_diacritics(text)
        if plain != text and any(c in text.lower() for c in "åäö"):
            extra.append((plain, risk, categories))
    seen, unique = set(), []
    for row in rows + extra:
        key = row[0].strip().lower()
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


class Features:
    """A dense block (the centred, scaled embeddings) beside a sparse one (hashed n-grams, as triplets)."""

    def __init__(self, texts: list[str], embeddings: np.ndarray, mean: np.ndarray, scale: float):
        dense = (embeddings - mean) * scale
        dense[~embeddings.any(axis=1)] = 0.0
        self.dense = dense.astype(np.float32)
        self.rows, self.buckets, self.values = ngram_triplets(texts)
        self.n = len(texts)

    def subset(self, mask: np.ndarray) -> "Features":
        chosen = np.flatnonzero(mask)
        renumber = -np.ones(self.n, np.int64)
        renumber[chosen] = np.arange(len(chosen))
        keep = mask[self.rows]
        other = object.__new__(Features)
        other.dense, other.n = self.dense[chosen], len(chosen)
        other.rows, other.buckets, other.values = renumber[self.rows[keep]], self.buckets[keep], self.values[keep]
        return other

    def logits(self, w_dense: np.ndarray, w_sparse: np.ndarray, b: float) -> np.ndarray:
        sparse = np.bincount(self.rows, weights=self.values * w_sparse[self.buckets], minlength=self.n)
        return self.dense @ w_dense + sparse + b

    def gradient(self, error: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.dense.T @ error, np.bincount(self.buckets, weights=self.values * error[self.rows],
                                                 minlength=BUCKETS).astype(np.float32)


def fit_logistic(x: Features, y: np.ndarray, l2: float, sample_weight: np.ndarray | None = None,
                 steps: int = STEPS, learning_rate: float = LEARNING_RATE) -> tuple[np.ndarray, float]:
    """Weights (dense features then n-gram buckets) and bias of a logistic regression.

    Minimises the weighted mean log loss plus l2/2 * |w|^2 by full-batch Adam.
    """
    y = y.astype(np.float32)
    weight = np.ones(x.n, np.float32) if sample_weight is None else sample_weight.astype(np.float32)
    weight = weight / weight.sum()
    w = np.zeros(x.dense.shape[1] + BUCKETS, np.float32)
    dims = x.dense.shape[1]
    b = np.zeros(1, np.float32)
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(x.logits(w[:dims], w[dims:], b[0]), -30, 30)))
        error = ((p - y) * weight).astype(np.float32)
        grad_dense, grad_sparse = x.gradient(error)
        grad_w = np.concatenate([grad_dense, grad_sparse]) + l2 * w
        grad_b = np.array([error.sum()], np.float32)
        for param, grad, m, v in ((w, grad_w, m_w, v_w), (b, grad_b, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= learning_rate * (m / (1 - beta1 ** step)) / (np.sqrt(v / (1 - beta2 ** step)) + eps)
    return w, float(b[0])


def _balanced(y: np.ndarray) -> np.ndarray:
    positive = y.mean()
    return np.where(y > 0, 0.5 / positive, 0.5 / (1 - positive)).astype(np.float32)


def choose_threshold(probabilities: np.ndarray, risk: np.ndarray, by_pattern: np.ndarray,
                     max_false_positive_rate: float = MAX_DEV_FALSE_POSITIVE_RATE) -> tuple[float, float, float]:
    """(threshold, recall, false-positive rate) on a labelled split: the lowest threshold whose combined
    false-positive rate (pattern or model) stays within the ceiling."""
    harmless = ~risk
    best = (1.0, 0.0, 1.0)
    for threshold in sorted(set(np.round(probabilities, 4)) | {1.0}, reverse=True):
        flagged = by_pattern | (probabilities >= threshold)
        rate = flagged[harmless].mean()
        if rate > max_false_positive_rate:
            break
        best = (float(threshold), float(flagged[risk].mean()), float(rate))
    return best


def _cached_embed(texts: list[str], cache_path: Path | None) -> np.ndarray:
    """Embeddings of `texts`, kept in `cache_path` (an .npz of text key -> vector) between runs when given."""
    from analysis.embeddings import LRUCache, embed, text_key

    cache = LRUCache(size=1_000_000)
    if cache_path and cache_path.exists():
        with np.load(cache_path) as stored:
            for key in stored.files:
                cache[key] = stored[key]
    vectors = embed(texts, cache=cache)
    if cache_path:
        np.savez(cache_path, **{key: cache[key] for key in {text_key(t) for t in texts} if key in cache})
    return vectors


def train(out=sys.stdout, cache_path: Path | None = None) -> dict:
    rows = training_rows()
    texts = [t for t, _, _ in rows]
    risk = np.array([r for _, r, _ in rows], dtype=np.float32)
    print(f"{len(rows)} training comments ({int(risk.sum())} disclosures); embedding them ...", file=out, flush=True)
    embeddings = _cached_embed(texts, cache_path)
    mean = embeddings[embeddings.any(axis=1)].mean(axis=0)

    dev = _load(DEV_SET)
    dev_texts = [r["text"] for r in dev]
    dev_risk = np.array([bool(r["risk"]) for r in dev])
    dev_pattern = np.array([bool(match_patterns(t)) for t in dev_texts])
    dev_embeddings = _cached_embed(dev_texts, cache_path and cache_path.with_suffix(".dev.npz"))

    best = None
    for scale in EMBEDDING_SCALE_GRID:
        x = Features(texts, embeddings, mean, scale)
        x_dev = Features(dev_texts, dev_embeddings, mean, scale)
        for l2 in L2_GRID:
            w, b = fit_logistic(x, risk, l2, _balanced(risk))
            dims = x.dense.shape[1]
            probabilities = 1.0 / (1.0 + np.exp(-x_dev.logits(w[:dims], w[dims:], b)))
            threshold, recall, rate = choose_threshold(probabilities, dev_risk, dev_pattern)
            print(f"  embedding scale {scale:>4}, l2 {l2:g}: dev recall {recall:.3f} at threshold {threshold:.3f} "
                  f"(harmless flagged {rate:.3f})", file=out, flush=True)
            if best is None or recall > best["recall"]:
                best = {"scale": scale, "l2": l2, "w": w, "b": b, "threshold": threshold, "recall": recall,
                        "rate": rate}

    x = Features(texts, embeddings, mean, best["scale"])
    positives = risk > 0
    labels = np.array([[c in cats for c in CATEGORIES] for _, r, cats in rows if r], dtype=np.float32)
    x_positive = x.subset(positives)
    heads = [fit_logistic(x_positive, labels[:, i], best["l2"], _balanced(labels[:, i]))
             for i in range(len(CATEGORIES))]
    category_w = np.stack([w for w, _ in heads])
    category_b = np.array([b for _, b in heads], np.float32)

    arrays = {
        "embedding_mean": mean.astype(np.float16), "binary": best["w"].astype(np.float16),
        "binary_bias": np.float32(best["b"]), "categories": category_w.astype(np.float16),
        "category_bias": category_b.astype(np.float32),
    }
    digest = hashlib.sha256()
    for name in sorted(arrays):
        digest.update(name.encode() + np.ascontiguousarray(arrays[name]).tobytes())
    WEIGHTS.parent.mkdir(exist_ok=True)
    np.savez_compressed(WEIGHTS, **arrays)
    metadata = {
        "version": "safeguarding-lr-" + digest.hexdigest()[:12],
        "threshold": round(best["threshold"], 4),
        "embedding_scale": best["scale"], "l2": best["l2"], "hash_bits": HASH_BITS, "buckets": BUCKETS,
        "categories": list(CATEGORIES),
        "training_comments": len(rows), "training_disclosures": int(risk.sum()),
        "dev": {"recall_with_patterns": round(best["recall"], 4),
                "harmless_flagged_with_patterns": round(best["rate"], 4),
                "max_harmless_flagged": MAX_DEV_FALSE_POSITIVE_RATE},
        "trained_by": "python -m analysis train-safeguarding",
    }
    METADATA.write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"chose embedding scale {best['scale']}, l2 {best['l2']:g}, threshold {metadata['threshold']}: "
          f"dev recall {best['recall']:.3f}, harmless flagged {best['rate']:.3f}", file=out)
    print(f"wrote {WEIGHTS} and {METADATA}", file=out)
    from analysis.safeguarding_model import _load_locked

    _load_locked.cache_clear()
    return metadata
