"""The frozen test set: written blind to the rules, never tuned on, and its figures a floor.

`analysis/eval/frozen_test.jsonl` was written to `analysis/eval/SPEC.md` by people who had not
seen the analysis rules. Its checksum is fixed, its disagreements are never printed, and the
figures below may only go up: raise a floor when a change lifts the figure, never lower one.
"""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from analysis.evaluate import DEV_SET, FROZEN_SET, FROZEN_SHA256, evaluate, load_frozen, load_labelled, sha256_of

ROOT = Path(__file__).resolve().parent.parent

# Floors: the frozen figures when the set was committed (before any tuning on the dev split).
FLOORS = {
    "sentiment_accuracy": 0.79,
    "theme_micro_f1": 0.70,
    # Patterns and the learned model together (issue 10): 0.69 on 2026-12-08 (patterns alone: 0.34).
    "risk_recall": 0.68,
    "language_accuracy": 0.97,
}
# Ceilings: figures that must stay low.
CEILINGS = {
    # Harmless comments flagged by patterns or model: 3.0 % on 2026-12-08 (the target is at most 5 %).
    "risk_false_positive_rate": 0.035,
    "over_redaction_rate": 0.02,
}


@pytest.fixture(scope="module")
def report():
    return evaluate(load_frozen())


def test_the_frozen_set_is_unchanged():
    assert sha256_of(FROZEN_SET) == FROZEN_SHA256


def test_the_frozen_set_is_large_and_covers_the_spec():
    rows = load_frozen()
    assert len(rows) >= 600
    disclosures = [r for r in rows if r["risk"]]
    assert len(disclosures) >= 150 and len(rows) - len(disclosures) >= 150
    categories = Counter(c for r in disclosures for c in r["risk_categories"])
    for category in ("violence", "sexual_abuse", "self_harm", "suicidal", "threats", "grooming", "running_away",
                     "substance_use", "bullying", "unsafe", "honour", "exploitation", "neglect", "eating_disorder"):
        assert categories[category] >= 10, category
    languages = Counter(r["lang"] for r in disclosures)
    for lang in ("sv", "en", "ar", "fa", "so", "ti", "uk"):
        assert languages[lang] >= 10, lang


def test_no_frozen_comment_is_in_a_set_we_tune_on():
    frozen = {r["text"].strip().lower() for r in load_frozen()}
    for path in (DEV_SET, ROOT / "analysis" / "eval" / "comments_eval.jsonl"):
        assert not frozen & {r["text"].strip().lower() for r in load_labelled(path)}, path.name


@pytest.mark.parametrize("figure,floor", sorted(FLOORS.items()))
def test_frozen_figure_does_not_slip(report, figure, floor):
    assert report[figure] >= floor, f"{figure} fell to {report[figure]} on the frozen set (floor {floor})"


@pytest.mark.parametrize("figure,ceiling", sorted(CEILINGS.items()))
def test_frozen_figure_stays_low(report, figure, ceiling):
    assert report[figure] <= ceiling, f"{figure} rose to {report[figure]} on the frozen set (ceiling {ceiling})"


def test_structured_personal_data_is_always_removed(report):
    for kind in ("personnummer", "phone", "email", "address"):
        assert report["pii_removed"][kind] == 1.0, kind


# Names and user names removed: floors just below the frozen figures (names 0.938, user names 7 of 7).
PII_FLOORS = {"name": 0.93, "handle": 0.95}


@pytest.mark.parametrize("kind,floor", sorted(PII_FLOORS.items()))
def test_names_and_user_names_removed_do_not_slip(report, kind, floor):
    assert report["pii_removed"][kind] >= floor, f"{kind} removed fell to {report['pii_removed'][kind]} (floor {floor})"


def test_evaluate_reports_each_set_apart_and_never_the_frozen_errors():
    result = subprocess.run([sys.executable, "-m", "analysis", "evaluate", "--errors"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    sections = result.stdout.split("== ")
    assert [s.split(":")[0] for s in sections[1:]] == ["tuning", "dev", "frozen"]
    frozen_section = sections[-1]
    assert "risk_recall" in frozen_section and "[" not in frozen_section.split("\n", 1)[1]
    frozen_texts = [json.loads(line)["text"] for line in FROZEN_SET.read_text(encoding="utf-8").splitlines()]
    # Errors print each text as a quoted item; no frozen text may be one of them.
    assert not any(repr(text) in result.stdout for text in frozen_texts)


def test_frozen_errors_are_refused_on_request():
    result = subprocess.run([sys.executable, "-m", "analysis", "evaluate", str(FROZEN_SET), "--errors"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "never" in result.stderr
