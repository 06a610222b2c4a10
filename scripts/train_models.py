"""Train the learned signals of analysis/ and write their weights to analysis/models/.

    python scripts/train_models.py [sentiment] [--report]

Training data: only comments the team wrote (`analysis/training/*.tsv`, the tuning set
`analysis/eval/comments_eval.jsonl`) and the shared `../shared/data/comments_dev.jsonl`.
The dev split (`analysis/eval/dev.jsonl`) chooses the regularisation and is never trained on;
the frozen set is never read here. Embeddings are cached in data/embedding_cache.db.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.embeddings import FileCache, embed  # noqa: E402
from analysis.language import detect_language  # noqa: E402
from analysis.learned import train_logistic  # noqa: E402

TRAINING = ROOT / "analysis" / "training"
SHARED_DEV = next((p for p in (ROOT.parent / "shared" / "data" / "comments_dev.jsonl",
                               Path("/work/shared/data/comments_dev.jsonl")) if p.exists()), None)
TUNING = ROOT / "analysis" / "eval" / "comments_eval.jsonl"
DEV = ROOT / "analysis" / "eval" / "dev.jsonl"
SENTIMENT_CLASSES = ["positive", "negative", "neutral", "mixed"]
NEIGHBOUR_K = (5, 7)
NEIGHBOUR_WEIGHTS = (0.5, 0.6)
NEIGHBOUR_SHARPNESS = 30.0
THEME_L2_GRID = (30.0, 100.0)
THEME_THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
L2_GRID = (60.0, 100.0, 150.0)


def read_tsv(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append({"text": text.strip(), "sentiment": label.strip()})
    return rows


def read_jsonl(path: Path | None) -> list[dict]:
    if path is None:
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sentiment_training_rows() -> list[dict]:
    rows = [r for p in sorted(TRAINING.glob("sentiment*.tsv")) for r in read_tsv(p)]
    rows += read_jsonl(SHARED_DEV) + read_jsonl(TUNING)
    return [r for r in rows if r.get("sentiment") in SENTIMENT_CLASSES]


def sentiment_matrix(rows: list[dict], cache) -> np.ndarray:
    from analysis.sentiment import rule_features

    vectors = embed([r["text"] for r in rows], cache=cache)
    languages = [r.get("lang") or detect_language(r["text"]) for r in rows]
    rules = np.asarray([rule_features(r["text"], lang) for r, lang in zip(rows, languages)], dtype=np.float32)
    return np.hstack([vectors, rules])


def dev_accuracy(model, x: np.ndarray, rows: list[dict]) -> float:
    """Three-class accuracy as `python -m analysis evaluate` counts it (Swedish and English rows)."""
    from analysis.safeguarding import assess

    predicted = [model.classes[i] for i in model.probabilities(x).argmax(axis=1)]
    # As the pipeline does: what the safeguarding check flags is never positive or neutral.
    pairs = [(r["sentiment"], "negative" if assess(r["text"]).risk and p in ("positive", "neutral") else p)
             for r, p in zip(rows, predicted) if r["lang"] in ("sv", "en") and r["sentiment"] != "mixed"]
    return sum(g == p for g, p in pairs) / len(pairs)


def dev_accuracy_blended(model, x: np.ndarray, rows: list[dict]) -> float:
    """As dev_accuracy, through analysis.sentiment.learned_sentiment (linear model + neighbour votes)."""
    from analysis.safeguarding import assess
    from analysis.sentiment import learned_sentiment

    from analysis import learned

    learned._load.cache_clear()
    right = total = 0
    for r, features in zip(rows, x):
        if r["lang"] not in ("sv", "en") or r["sentiment"] == "mixed":
            continue
        label = _blend_label(model, features, r)
        if assess(r["text"]).risk and label in ("positive", "neutral"):
            label = "negative"
        right += label == r["sentiment"]
        total += 1
    return right / total


def _blend_label(model, features: np.ndarray, row: dict) -> str:
    from analysis.sentiment import _neighbour_votes

    probabilities = model.probabilities(features)[0]
    n = model.meta["neighbours"]
    probabilities = (1 - n["weight"]) * probabilities + n["weight"] * _neighbour_votes(
        features[:384].astype(np.float32), n["k"], n["sharpness"], len(model.classes))
    return model.classes[int(probabilities.argmax())]


def train_sentiment(report: bool) -> None:
    cache = FileCache(ROOT / "data" / "embedding_cache.db")
    rows = sentiment_training_rows()
    x = sentiment_matrix(rows, cache)
    y = np.asarray([SENTIMENT_CLASSES.index(r["sentiment"]) for r in rows])
    dev_rows = read_jsonl(DEV)
    dev_x = sentiment_matrix(dev_rows, cache)
    counts = np.bincount(y, minlength=len(SENTIMENT_CLASSES))
    best = None
    for l2 in L2_GRID:
        model = train_logistic(x, y, SENTIMENT_CLASSES, l2=l2)
        accuracy = dev_accuracy(model, dev_x, dev_rows)
        print(f"l2 {l2:>6}: dev accuracy {accuracy:.4f}")
        if best is None or accuracy > best[0]:
            best = (accuracy, l2, model)
    accuracy, l2, model = best
    model.meta = {"trained_on": len(rows), "class_counts": dict(zip(SENTIMENT_CLASSES, counts.tolist())), "l2": l2,
                  "dev_accuracy_linear": round(accuracy, 4), "features": "e5-small embedding (384) + 10 rule features"}
    # The training comments' vectors, for the neighbour votes blended with the linear model.
    from analysis.learned import MODELS

    np.savez_compressed(MODELS / "sentiment_neighbours.npz", vectors=x[:, :384].astype(np.float16),
                        labels=y.astype(np.int8))
    from analysis.sentiment import _training_vectors

    best_blend = None
    for k in NEIGHBOUR_K:
        for weight in NEIGHBOUR_WEIGHTS:
            model.meta["neighbours"] = {"k": k, "weight": weight, "sharpness": NEIGHBOUR_SHARPNESS}
            _training_vectors.cache_clear()
            blended = dev_accuracy_blended(model, dev_x, dev_rows)
            print(f"neighbours k {k}, weight {weight}: dev accuracy {blended:.4f}")
            if best_blend is None or blended > best_blend[0]:
                best_blend = (blended, k, weight)
    accuracy, k, weight = best_blend
    model.meta["neighbours"] = {"k": k, "weight": weight, "sharpness": NEIGHBOUR_SHARPNESS}
    model.meta["dev_accuracy"] = round(accuracy, 4)
    path = model.save("sentiment")
    print(f"wrote {path.relative_to(ROOT)}: l2 {l2}, dev accuracy {accuracy:.4f}, {len(rows)} training comments")


def read_theme_tsv(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            themes, text = line.split("\t", 1)
            rows.append({"text": text.strip(), "themes": [] if themes.strip() == "-" else themes.strip().split(",")})
    return rows


def theme_training_rows() -> list[dict]:
    from analysis.taxonomy import load_taxonomy

    rows = read_theme_tsv(TRAINING / "themes.tsv") + read_jsonl(SHARED_DEV) + read_jsonl(TUNING)
    for theme in load_taxonomy():
        rows += [{"text": example, "themes": [theme["id"]]} for example in theme.get("examples", [])]
    return rows


def theme_matrix(rows: list[dict], cache) -> np.ndarray:
    from analysis.safeguarding import assess
    from analysis.themes import rule_hits

    vectors = embed([r["text"] for r in rows], cache=cache)
    rules = np.asarray([rule_hits(r["text"], assess(r["text"]).categories) for r in rows], dtype=np.float32)
    return np.hstack([vectors, rules])


def theme_f1(probabilities: list[dict], rows: list[dict], thresholds: dict[str, float],
             rule_themes: list[set] | None) -> tuple[float, float, float]:
    """Micro precision, recall and F1 as `evaluate` counts them (Swedish and English rows)."""
    tp = fp = fn = 0
    for i, (p, r) in enumerate(zip(probabilities, rows)):
        if r["lang"] not in ("sv", "en"):
            continue
        got = {t for t, v in p.items() if v >= thresholds[t]}
        if rule_themes is not None:
            got |= rule_themes[i]
        gold = set(r["themes"])
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def train_themes() -> None:
    from analysis.learned import ThemeModels
    from analysis.safeguarding import assess
    from analysis.taxonomy import load_taxonomy
    from analysis.themes import classify_themes

    cache = FileCache(ROOT / "data" / "embedding_cache.db")
    ids = [t["id"] for t in load_taxonomy()]
    rows = theme_training_rows()
    x = theme_matrix(rows, cache)
    dev_rows = read_jsonl(DEV)
    dev_x = theme_matrix(dev_rows, cache)
    dev_rules = [set(classify_themes(r["text"], assess(r["text"]).categories).themes) for r in dev_rows]
    best = None
    for l2 in THEME_L2_GRID:
        models = {}
        for theme in ids:
            y = np.asarray([int(theme in r["themes"]) for r in rows])
            models[theme] = train_logistic(x, y, ["no", "yes"], l2=l2)
        probabilities = [{t: float(m.probabilities(dev_x[i])[0, 1]) for t, m in models.items()} for i in range(len(dev_rows))]
        for threshold in THEME_THRESHOLDS:
            for rules_too in (False, True):
                thresholds = dict.fromkeys(ids, threshold)
                precision, recall, f1 = theme_f1(probabilities, dev_rows, thresholds, dev_rules if rules_too else None)
                if best is None or f1 > best[0]:
                    best = (f1, l2, thresholds, rules_too, models, precision, recall, probabilities)
        print(f"l2 {l2}: best so far F1 {best[0]:.4f} (l2 {best[1]}, threshold {best[2][ids[0]]}, rules too {best[3]})")
    f1, l2, thresholds, rules_too, models, precision, recall, probabilities = best
    # Then each theme's own threshold, one theme at a time (two passes), on the dev split.
    rules = dev_rules if rules_too else None
    for _ in range(2):
        for theme in ids:
            for candidate in THEME_THRESHOLDS + (0.7, 0.8):
                trial = {**thresholds, theme: candidate}
                p_, r_, f_ = theme_f1(probabilities, dev_rows, trial, rules)
                if f_ > f1 + 1e-9:
                    thresholds, f1, precision, recall = trial, f_, p_, r_
    print(f"per-theme thresholds: {thresholds}, dev F1 {f1:.4f}")
    meta = {"trained_on": len(rows), "l2": l2, "rules_too": rules_too, "dev_micro_f1": round(f1, 4),
            "dev_precision": round(precision, 4), "dev_recall": round(recall, 4), "thresholds": thresholds,
            "features": "e5-small embedding (384) + the rules' score per theme (11)"}
    path = ThemeModels(models, min(thresholds.values()), meta).save()
    print(f"wrote {path.relative_to(ROOT)}: {meta}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("models", nargs="*", default=["sentiment"])
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args()
    if "sentiment" in args.models:
        train_sentiment(args.report)
    if "themes" in args.models:
        train_themes()


if __name__ == "__main__":
    main()
