"""The analysis meets its targets on the labelled evaluation set (a regression guard).

The set (analysis/eval/comments_eval.jsonl, 260 comments) was written for this
project and also used while tuning lexicons and patterns, so these figures are
an upper bound; comments nobody here has seen will score lower.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.evaluate import DEFAULT_EVAL_SET, evaluate, load_labelled

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def report():
    return evaluate(load_labelled(DEFAULT_EVAL_SET))


def test_the_set_is_large_and_varied(report):
    rows = load_labelled(DEFAULT_EVAL_SET)
    assert len(rows) >= 250
    assert {r["sentiment"] for r in rows} == {"positive", "negative", "neutral", "mixed"}
    assert {"sv", "en"} < {r["lang"] for r in rows}
    assert sum(r["risk"] for r in rows) >= 25 and sum(len(r.get("pii", [])) for r in rows) >= 25


def test_sentiment_accuracy(report):
    assert report["sentiment_accuracy"] >= 0.85


def test_theme_micro_f1(report):
    assert report["theme_micro_f1"] >= 0.80


def test_every_disclosure_is_flagged_and_few_harmless_ones(report):
    assert report["risk_recall"] == 1.0
    assert report["risk_false_positive_rate"] <= 0.05


def test_personal_data_is_removed(report):
    for kind in ("personnummer", "phone", "email", "address"):
        assert report["pii_removed"][kind] == 1.0, kind
    assert report["pii_removed"]["name"] >= 0.90
    assert report["over_redaction_rate"] <= 0.02


def test_language(report):
    assert report["language_accuracy"] >= 0.95


def test_evaluate_command_prints_the_figures():
    result = subprocess.run([sys.executable, "-m", "analysis", "evaluate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for name in ("sentiment_accuracy", "theme_micro_f1", "risk_recall", "pii_removed.name"):
        assert name in result.stdout
