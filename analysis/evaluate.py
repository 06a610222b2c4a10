"""Figures per task on a labelled set (JSON Lines as in `eval/comments_eval.jsonl`).

Labels per row: id, text, lang, sentiment, themes, risk, optional
risk_categories, optional pii ([{kind, text}] that must not survive redaction).
`eval/SPEC.md` is the writing spec the sets follow.

There are three sets, reported apart (`evaluation_sets()`):

- *tuning*: `comments_eval.jsonl`, written while the first rules were tuned;
- *dev*: `dev.jsonl`, written blind to the rules, the split to tune on;
- *frozen*: `frozen_test.jsonl`, written blind to the rules and never tuned on.
  Its checksum is fixed below, and its disagreements are never printed.

    >>> report = evaluate(load_labelled(Path("analysis/eval/comments_eval.jsonl")))
    >>> report["sentiment_accuracy"] >= 0.85
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from analysis.annotate import annotate_text

EVAL_DIR = Path(__file__).with_name("eval")
DEFAULT_EVAL_SET = EVAL_DIR / "comments_eval.jsonl"
DEV_SET = EVAL_DIR / "dev.jsonl"
FROZEN_SET = EVAL_DIR / "frozen_test.jsonl"
# The frozen set may never change: a changed file would silently move every figure it reports.
FROZEN_SHA256 = "a958790680e87f7b0f163105211c19ce2aa0534e0362e42122564c28f4c8a6a7"
# Vectors of evaluated texts, kept between runs (keys are hashes; no text is stored).
EMBEDDING_CACHE = Path(__file__).resolve().parent.parent / "data" / "embedding_cache.db"
THREE_CLASSES = ("positive", "negative", "neutral")
SCORED_LANGUAGES = ("sv", "en")


@dataclass(frozen=True)
class EvaluationSet:
    name: str
    path: Path
    # Disagreements of a frozen set are never shown, so nobody tunes on them by reading.
    frozen: bool = False


def evaluation_sets() -> list[EvaluationSet]:
    """The sets `python -m analysis evaluate` reports, tuning sets first."""
    return [
        EvaluationSet("tuning", DEFAULT_EVAL_SET),
        EvaluationSet("dev", DEV_SET),
        EvaluationSet("frozen", FROZEN_SET, frozen=True),
    ]


class FrozenSetChanged(RuntimeError):
    pass


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_frozen() -> list[dict]:
    """The frozen test set, refused when its checksum no longer matches."""
    if sha256_of(FROZEN_SET) != FROZEN_SHA256:
        raise FrozenSetChanged(f"{FROZEN_SET} differs from the frozen checksum; it may never be edited")
    return load_labelled(FROZEN_SET)


def load_labelled(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _macro_f1(pairs: list[tuple[str, str]], classes: tuple[str, ...]) -> float | None:
    """Mean F1 over `classes` of (gold, predicted) pairs; a class never seen nor predicted is left out."""
    scores = []
    for label in classes:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return round(sum(scores) / len(scores), 4) if scores else None


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def evaluate(rows: list[dict], *, embeddings: bool = True) -> dict:
    """Per-task figures; `errors` lists the disagreements for reading.

    With `embeddings` (the default, as the app annotates) the learned signals take part.
    """
    cache = None
    if embeddings:
        from analysis.embeddings import FileCache, embed

        cache = FileCache(EMBEDDING_CACHE)
        embed([row["text"] for row in rows], cache=cache)  # in batches, before the comments one by one
        cache.flush()
    results = [annotate_text(row["id"], row["text"], embeddings=embeddings, embedding_cache=cache) for row in rows]
    pairs = list(zip(rows, results))
    errors: dict[str, list] = {"sentiment": [], "themes": [], "risk": [], "pii": [], "lang": []}

    language_right = sum(r["lang"] == a["lang"] for r, a in pairs)
    errors["lang"] = [(r["id"], r["lang"], a["lang"]) for r, a in pairs if r["lang"] != a["lang"]]

    scored = [(r, a) for r, a in pairs if r["lang"] in SCORED_LANGUAGES]
    three = [(r, a) for r, a in scored if r["sentiment"] in THREE_CLASSES]
    sentiment_right = sum(r["sentiment"] == a["sentiment"] for r, a in three)
    four_right = sum(r["sentiment"] == a["sentiment"] for r, a in scored)
    errors["sentiment"] = [(r["id"], r["sentiment"], a["sentiment"], r["text"]) for r, a in scored if r["sentiment"] != a["sentiment"]]

    tp = fp = fn = 0
    for r, a in scored:
        gold, got = set(r["themes"]), set(a["themes"])
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
        if gold != got:
            errors["themes"].append((r["id"], sorted(gold), sorted(got), r["text"]))
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision and recall else 0.0

    risky = [(r, a) for r, a in pairs if r["risk"]]
    harmless = [(r, a) for r, a in pairs if not r["risk"]]
    risk_by_language = {}
    for lang in sorted({r["lang"] for r in rows}):
        lang_risky = [a["risk"] for r, a in risky if r["lang"] == lang]
        lang_harmless = [a["risk"] for r, a in harmless if r["lang"] == lang]
        risk_by_language[lang] = {
            "recall": _ratio(sum(lang_risky), len(lang_risky)),
            "false_positive_rate": _ratio(sum(lang_harmless), len(lang_harmless)),
            "disclosures": len(lang_risky), "harmless": len(lang_harmless),
        }
    errors["risk"] = [(r["id"], r["risk"], a["risk_categories"], r["text"]) for r, a in pairs if r["risk"] != a["risk"]]

    pii_found: dict[str, list[int]] = {}
    for r, a in pairs:
        for item in r.get("pii", []):
            kept = item["text"] in a["redacted"]
            pii_found.setdefault(item["kind"], [0, 0])
            pii_found[item["kind"]][0] += 0 if kept else 1
            pii_found[item["kind"]][1] += 1
            if kept:
                errors["pii"].append((r["id"], item["kind"], item["text"], a["redacted"]))
    untouched = [(r, a) for r, a in pairs if not r.get("pii")]
    over_redacted = [(r["id"], a["redacted"]) for r, a in untouched if a["redacted"] != r["text"]]
    errors["over_redaction"] = over_redacted

    return {
        "comments": len(rows),
        "language_accuracy": _ratio(language_right, len(pairs)),
        "sentiment_accuracy": _ratio(sentiment_right, len(three)),
        "sentiment_accuracy_with_mixed": _ratio(four_right, len(scored)),
        "sentiment_macro_f1": _macro_f1([(r["sentiment"], a["sentiment"]) for r, a in three], THREE_CLASSES),
        "theme_precision": precision,
        "theme_recall": recall,
        "theme_micro_f1": f1,
        "risk_recall": _ratio(sum(a["risk"] for _, a in risky), len(risky)),
        "risk_false_positive_rate": _ratio(sum(a["risk"] for _, a in harmless), len(harmless)),
        "risk_by_language": risk_by_language,
        "pii_removed": {kind: _ratio(found, total) for kind, (found, total) in sorted(pii_found.items())},
        "over_redaction_rate": _ratio(len(over_redacted), len(untouched)),
        "errors": errors,
    }


def format_report(report: dict, show_errors: bool = False) -> str:
    lines = [f"{report['comments']} labelled comments"]
    for key in ("language_accuracy", "sentiment_accuracy", "sentiment_accuracy_with_mixed", "sentiment_macro_f1",
                "theme_precision",
                "theme_recall", "theme_micro_f1", "risk_recall", "risk_false_positive_rate", "over_redaction_rate"):
        lines.append(f"  {key:32} {report[key]}")
    for kind, ratio in report["pii_removed"].items():
        lines.append(f"  {'pii_removed.' + kind:32} {ratio}")
    for lang, figures in report.get("risk_by_language", {}).items():
        lines.append(f"  {'risk.' + lang:32} recall {figures['recall']} of {figures['disclosures']}, "
                     f"false positives {figures['false_positive_rate']} of {figures['harmless']}")
    if show_errors:
        for task, items in report["errors"].items():
            for item in items:
                lines.append(f"  [{task}] {item}")
    return "\n".join(lines)
