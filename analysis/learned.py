"""Small learned classifiers over sentence embeddings: multinomial logistic regression in numpy.

Trained offline by `scripts/train_models.py` on comments the team wrote (`analysis/training/`)
and the shared `comments_dev.jsonl`; the weights are committed as JSON in `analysis/models/`
and loaded without any network or extra package.

    >>> model = LogisticModel.load("sentiment")
    >>> model.classes
    ['positive', 'negative', 'neutral', 'mixed']
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODELS = Path(__file__).with_name("models")


@dataclass
class LogisticModel:
    classes: list[str]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    mean: np.ndarray  # feature centring, learned on the training data
    scale: np.ndarray
    meta: dict

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """One row of class probabilities per row of `features`."""
        x = (np.atleast_2d(features) - self.mean) / self.scale
        logits = x @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def to_json(self) -> dict:
        return {"classes": self.classes, "weights": np.round(self.weights, 5).tolist(),
                "bias": np.round(self.bias, 5).tolist(), "mean": np.round(self.mean, 5).tolist(),
                "scale": np.round(self.scale, 5).tolist(), "meta": self.meta}

    def save(self, name: str) -> Path:
        path = MODELS / f"{name}.json"
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, name: str) -> "LogisticModel":
        return _load(name)


@lru_cache(maxsize=8)
def _load(name: str) -> LogisticModel:
    data = json.loads((MODELS / f"{name}.json").read_text(encoding="utf-8"))
    return LogisticModel(data["classes"], np.asarray(data["weights"], dtype=np.float32),
                         np.asarray(data["bias"], dtype=np.float32), np.asarray(data["mean"], dtype=np.float32),
                         np.asarray(data["scale"], dtype=np.float32), data.get("meta", {}))


def train_logistic(x: np.ndarray, y: np.ndarray, classes: list[str], *, l2: float = 1.0, steps: int = 600,
                   rate: float = 0.5, sample_weight: np.ndarray | None = None, meta: dict | None = None) -> LogisticModel:
    """Softmax regression with an L2 penalty, full-batch gradient descent (Nesterov momentum).

    `y` holds class indices. Features are centred and scaled first; deterministic.
    """
    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    n, d = z.shape
    k = len(classes)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1
    weight = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    weight = weight / weight.sum()
    w, b = np.zeros((d, k)), np.zeros(k)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    for _ in range(steps):
        lw, lb = w + 0.9 * vw, b + 0.9 * vb
        logits = z @ lw + lb
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * weight[:, None]
        gw = z.T @ g + l2 * lw / n
        gb = g.sum(axis=0)
        vw = 0.9 * vw - rate * gw
        vb = 0.9 * vb - rate * gb
        w, b = w + vw, b + vb
    return LogisticModel(list(classes), w.astype(np.float32), b.astype(np.float32), mean.astype(np.float32),
                         scale.astype(np.float32), meta or {})


@dataclass
class ThemeModels:
    """One yes/no model per theme (over the embedding and the rules' hits), and the threshold."""

    models: dict[str, LogisticModel]
    threshold: float
    meta: dict

    def probabilities(self, features: np.ndarray) -> dict[str, float]:
        return {theme: float(model.probabilities(features)[0, 1]) for theme, model in self.models.items()}

    def threshold_for(self, theme: str) -> float:
        """Each theme's own threshold (chosen on the dev split), else the common one."""
        return float(self.meta.get("thresholds", {}).get(theme, self.threshold))

    def save(self, name: str = "themes") -> Path:
        path = MODELS / f"{name}.json"
        data = {"threshold": self.threshold, "meta": self.meta,
                "themes": {theme: model.to_json() for theme, model in self.models.items()}}
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, name: str = "themes") -> "ThemeModels":
        return _load_themes(name)


@lru_cache(maxsize=2)
def _load_themes(name: str) -> ThemeModels:
    data = json.loads((MODELS / f"{name}.json").read_text(encoding="utf-8"))
    models = {}
    for theme, m in data["themes"].items():
        models[theme] = LogisticModel(m["classes"], np.asarray(m["weights"], dtype=np.float32),
                                      np.asarray(m["bias"], dtype=np.float32), np.asarray(m["mean"], dtype=np.float32),
                                      np.asarray(m["scale"], dtype=np.float32), m.get("meta", {}))
    return ThemeModels(models, float(data["threshold"]), data.get("meta", {}))
