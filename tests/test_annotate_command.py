"""`python -m analysis annotate`: JSON Lines, CSV, Excel and standard input; bad rows reported and skipped."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.annotate import annotate_text
from tests.hostile_inputs import HOSTILE_TEXTS

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "comments_dev.jsonl"
FIELDS = {"id", "lang", "sentiment", "sentiment_score", "themes", "theme_scores", "risk", "risk_categories", "redacted"}


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "analysis", "annotate", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True)


def test_jsonl_file(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Min soc Anna ringer aldrig tillbaka"}\n{"id": "b", "text": "jag vill inte leva"}\n')
    result = run(str(source))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert FIELDS <= set(rows[0])
    assert rows[0]["redacted"] == "Min soc [NAMN] ringer aldrig tillbaka" and rows[0]["themes"] == ["access"]
    assert rows[1]["risk"] is True and rows[1]["risk_categories"] == ["suicidal"] and rows[1]["sentiment"] == "negative"


def test_csv_from_standard_input_with_column_mapping():
    csv_text = 'SvarID,Kommentar\n7,"Tråkigt att byta soc hela tiden"\n8,She listened to me\n'
    result = run("-", "--id-column", "SvarID", "--text-column", "Kommentar", stdin=csv_text)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["lang"]) for r in rows] == [("7", "sv"), ("8", "en")]
    assert "continuity" in rows[0]["themes"]


def test_excel_export_from_another_tool(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Respondent", "Fritext"])
    sheet.append(["r1", "Jag har haft fem olika socialsekreterare"])
    sheet.append(["r2", None])
    path = tmp_path / "export.xlsx"
    book.save(path)
    result = run(str(path), "--id-column", "Respondent", "--text-column", "Fritext")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["r1", "r2"]
    assert rows[0]["themes"] == ["continuity"] and rows[1]["sentiment"] == "neutral"


def test_malformed_lines_are_reported_and_the_rest_processed():
    stdin = '{"id": 1, "text": "bra"}\nnot json\n{"id": 3}\n{"id": 4, "text": 5}\n{"id": 5, "text": "kass"}\n'
    result = run("-", stdin=stdin)
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 5]
    for number in (2, 3, 4):
        assert f"line {number}:" in result.stderr


def test_progress_on_standard_error_for_large_files(tmp_path):
    source = tmp_path / "big.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": "Hon var snäll"}) + "\n" for i in range(1200)))
    result = run(str(source))
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1200
    assert "annotated 1200 rows, 0 failed" in result.stderr


def test_missing_text_column_in_csv():
    result = run("-", stdin="a,b\n1,2\n")
    assert result.returncode == 1 and "no 'text' column" in result.stderr


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text(text):
    row = annotate_text("h", text)
    assert FIELDS <= set(row) and row["risk"] is False


@pytest.mark.skipif(not DEV.exists(), reason="shared dev set not present")
def test_dev_set_agrees_with_its_labels():
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    results = [annotate_text(r["id"], r["text"]) for r in rows]
    sentiment = sum(a["sentiment"] == r["sentiment"] for a, r in zip(results, rows)) / len(rows)
    risk_recall = sum(a["risk"] for a, r in zip(results, rows) if r["risk"]) / sum(r["risk"] for r in rows)
    language = sum(a["lang"] == r["lang"] for a, r in zip(results, rows)) / len(rows)
    assert sentiment >= 0.85 and risk_recall == 1.0 and language >= 0.95
