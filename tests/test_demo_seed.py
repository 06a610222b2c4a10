"""Demo data: fictional, varied, deterministic."""

from datetime import date
from pathlib import Path

import pytest

from analysis.taxonomy import theme_ids
from barnrosten.answering.responses import GENDERS
from barnrosten.answering.sessions import find_session
from barnrosten.demo import DEMO_CODES, load_phrases, seed_demo
from barnrosten.storage.db import open_db

ANCHOR = date(2026, 11, 1)
REAL_MUNICIPALITIES = set((Path(__file__).parent / "data" / "real_municipalities.txt").read_text(encoding="utf-8").split())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, catalog):
    db = open_db(tmp_path_factory.mktemp("demo") / "demo.db")
    summary = seed_demo(db, catalog, responses=3000, seed=7, anchor=ANCHOR)
    yield db, summary
    db.conn.close()


def test_there_is_a_full_municipality_network(seeded):
    db, summary = seeded
    assert "3000 responses" in summary
    assert db.execute("SELECT COUNT(*) FROM municipalities WHERE is_demo = 1").fetchone()[0] == 20
    assert db.execute("SELECT COUNT(*) FROM participants").fetchone()[0] == 3000


def test_municipality_names_are_clearly_fictional(seeded):
    db, _ = seeded
    for (name,) in db.execute("SELECT name FROM municipalities"):
        assert name.endswith("(demo)")
        assert name.split(" kommun")[0].replace(" ", "-") not in REAL_MUNICIPALITIES


def test_answers_cover_templates_age_bands_genders_and_months(seeded, catalog):
    db, _ = seeded
    surveys = {r[0] for r in db.execute(
        "SELECT DISTINCT sv.survey_id FROM participants p JOIN sessions s ON s.id = p.session_id "
        "JOIN survey_versions sv ON sv.id = s.survey_version_id")}
    assert surveys == set(catalog.surveys)
    bands = {r[0] for r in db.execute("SELECT DISTINCT age_band FROM participants WHERE age_band IS NOT NULL")}
    assert bands == {b for s in catalog.surveys.values() for b in s.age_bands}
    genders = {r[0] for r in db.execute("SELECT DISTINCT gender FROM participants WHERE gender IS NOT NULL")}
    assert genders == set(GENDERS)
    months = {r[0] for r in db.execute("SELECT DISTINCT substr(started_at, 1, 7) FROM participants")}
    assert len(months) >= 15


def test_free_text_touches_every_theme_in_swedish_and_some_english(seeded):
    db, _ = seeded
    texts = {r[0] for r in db.execute("SELECT value FROM answers WHERE value LIKE '\"%' AND length(value) > 14")}
    phrases = load_phrases()
    for theme in theme_ids():
        theme_phrases = {p for pole in ("positive", "negative") for p in phrases["sv"][theme][pole]}
        assert any(any(p in text for p in theme_phrases) for text in texts), theme
    english = {p for t in theme_ids() for pole in ("positive", "negative") for p in phrases["en"][t][pole]}
    assert any(any(p in text for p in english) for text in texts)


def test_follow_ups_only_after_low_scores(seeded):
    db, _ = seeded
    rows = db.execute(
        "SELECT parent.value FROM answers child JOIN answers parent ON parent.participant_token = child.participant_token "
        "AND parent.question_id = 'lyssnad' WHERE child.question_id = 'lyssnad_battre'").fetchall()
    assert rows and all(value in ("1", "2") for (value,) in rows)


def test_open_demo_sessions_have_known_codes(seeded):
    db, _ = seeded
    for code in DEMO_CODES.values():
        assert find_session(db, code).status == "open"


def test_same_seed_gives_the_same_data(tmp_path, catalog):
    dumps = []
    for name in ("a.db", "b.db"):
        db = open_db(tmp_path / name)
        seed_demo(db, catalog, responses=300, seed=3, anchor=ANCHOR)
        dumps.append(list(db.execute("SELECT * FROM answers ORDER BY participant_token, question_id")))
        db.conn.close()
    assert dumps[0] == dumps[1]
    other = open_db(tmp_path / "c.db")
    seed_demo(other, catalog, responses=300, seed=4, anchor=ANCHOR)
    assert list(other.execute("SELECT * FROM answers ORDER BY participant_token, question_id")) != dumps[0]


def test_reseeding_replaces_demo_data_and_keeps_real_data(db, catalog, open_session):
    from barnrosten.answering.survey_store import ensure_municipality

    ensure_municipality(db, "riktig", "En riktig kommun")  # not demo
    seed_demo(db, catalog, responses=100, seed=1, anchor=ANCHOR)
    seed_demo(db, catalog, responses=100, seed=1, anchor=ANCHOR)
    assert db.execute("SELECT COUNT(*) FROM participants").fetchone()[0] == 100
    assert db["municipalities"].get("riktig")["name"] == "En riktig kommun"
