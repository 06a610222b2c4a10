"""Figures per task on a labelled set (JSON Lines as in `eval/comments_eval.jsonl`).

Labels per row: id, text, lang, sentiment, themes, risk, optional
risk_categories, optional pii ([{kind, text}] that must not survive redaction).

    >>> report = evaluate(load_labelled(Path("analysis/eval/comments_eval.jsonl")))
    >>> report["sentiment_accuracy"] >= 0.85
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.annotate import annotate_text

DEFAULT_EVAL_SET = Path(__file__).with_name("eval") / "comments_eval.jsonl"
THREE_CLASSES = ("positive", "negative", "neutral")
SCORED_LANGUAGES = ("sv", "en")


def load_labelled(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def evaluate(rows: list[dict], *, embeddings: bool = False) -> dict:
    """Per-task figures; `errors` lists the disagreements for reading."""
    results = [annotate_text(row["id"], row["text"], embeddings=embeddings) for row in rows]
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
        "theme_precision": precision,
        "theme_recall": recall,
        "theme_micro_f1": f1,
        "risk_recall": _ratio(sum(a["risk"] for _, a in risky), len(risky)),
        "risk_false_positive_rate": _ratio(sum(a["risk"] for _, a in harmless), len(harmless)),
        "pii_removed": {kind: _ratio(found, total) for kind, (found, total) in sorted(pii_found.items())},
        "over_redaction_rate": _ratio(len(over_redacted), len(untouched)),
        "errors": errors,
    }


def format_report(report: dict, show_errors: bool = False) -> str:
    lines = [f"{report['comments']} labelled comments"]
    for key in ("language_accuracy", "sentiment_accuracy", "sentiment_accuracy_with_mixed", "theme_precision",
                "theme_recall", "theme_micro_f1", "risk_recall", "risk_false_positive_rate", "over_redaction_rate"):
        lines.append(f"  {key:32} {report[key]}")
    for kind, ratio in report["pii_removed"].items():
        lines.append(f"  {'pii_removed.' + kind:32} {ratio}")
    if show_errors:
        for task, items in report["errors"].items():
            for item in items:
                lines.append(f"  [{task}] {item}")
    return "\n".join(lines)
