"""The management command, run as an operator would."""

import subprocess
import sys
from pathlib import Path

import yaml

import manage
from barnrosten.answering.sessions import find_session
from barnrosten.storage.db import open_db

ROOT = Path(__file__).resolve().parent.parent


def run(*args, env=None, stdin=None):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True, env=env,
                          input=stdin)


def test_check_surveys_passes_on_the_templates():
    result = run("check-surveys")
    assert result.returncode == 0, result.stderr
    assert "ok    barn-7-12" in result.stdout


def test_check_surveys_names_the_broken_file_and_field(tmp_path, monkeypatch, capsys):
    (tmp_path / "good.yaml").write_text((ROOT / "surveys/templates/barn-7-12.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    broken = yaml.safe_load((ROOT / "surveys/templates/unga-13-20.yaml").read_text(encoding="utf-8"))
    broken["questions"][2]["type"] = "slider"
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("BARNROSTEN_SURVEYS", str(tmp_path))
    assert manage.main(["check-surveys"]) == 1
    out = capsys.readouterr().out
    assert "ok    barn-7-12" in out
    assert "ERROR broken.yaml: questions[2].type:" in out


def test_seed_create_session_and_backup(tmp_path, capsys):
    db_file = tmp_path / "app.db"
    assert manage.main(["--db", str(db_file), "seed-demo", "--responses", "200", "--seed", "2"]) == 0
    assert "200 responses" in capsys.readouterr().out
    assert manage.main(["--db", str(db_file), "seed-demo", "--if-empty"]) == 0
    assert "no demo data added" in capsys.readouterr().out

    qr = tmp_path / "join.png"
    assert manage.main(["--db", str(db_file), "create-session", "--municipality", "bjorkdala", "--survey", "mitt-boende",
                        "--qr", str(qr)]) == 0
    out = capsys.readouterr().out
    assert qr.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    code = out.split("Join code: ")[1].split()[0]
    assert f"?code={code}" in out
    db = open_db(db_file)
    assert find_session(db, code).status == "open"

    backup = tmp_path / "backups" / "copy.db"
    assert manage.main(["--db", str(db_file), "backup", str(backup)]) == 0
    restored = open_db(backup)
    assert restored.execute("SELECT COUNT(*) FROM participants").fetchone()[0] == 200
    assert find_session(restored, code).status == "open"


def test_create_session_for_an_unknown_survey_says_so(tmp_path, capsys):
    assert manage.main(["--db", str(tmp_path / "x.db"), "create-session", "--municipality", "m", "--survey", "nope"]) == 2
    assert "No survey with id 'nope'" in capsys.readouterr().err


def test_create_user_reads_the_password_and_refuses_weak_ones(tmp_path):
    from barnrosten.access import accounts

    db_file = tmp_path / "users.db"
    weak = run("--db", str(db_file), "create-user", "admin", "--role", "admin", "--password-stdin", stdin="kort\n")
    assert weak.returncode == 2 and "too weak" in weak.stderr
    ok = run("--db", str(db_file), "create-user", "admin", "--role", "admin", "--password-stdin",
             stdin="en lång och bra lösenfras\n")
    assert ok.returncode == 0, ok.stderr
    db = open_db(db_file)
    assert accounts.log_in(db, "admin", "en lång och bra lösenfras").is_admin
    bad_role = run("--db", str(db_file), "create-user", "x", "--role", "analyst", "--password-stdin",
                   stdin="en lång och bra lösenfras\n")
    assert bad_role.returncode == 2 and "needs municipality" in bad_role.stderr
