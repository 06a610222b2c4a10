"""Annotations are stored beside answers, computed once per text and pipeline version, off the child's path."""

import json

import pytest

from analysis.annotate import PIPELINE_VERSION
from barnrosten.answering import responses
from barnrosten.answering.annotations import (
    STORED_VERSION,
    StoredVectors,
    annotation_for,
    drop_annotations,
    pending_texts,
)
from barnrosten.answering.annotation_worker import annotate_pending
from barnrosten.config import Config
from barnrosten.jobs import background
from barnrosten.jobs.worker import ANNOTATION


@pytest.fixture
def tokens(db, open_session):
    return [responses.start_participant(db, open_session["id"], "sv") for _ in range(3)]


def test_each_distinct_text_is_annotated_once(db, tokens, children_survey):
    question = children_survey.question("onskan")
    for token in tokens:
        responses.save_answer(db, token, question, "Min soc Anna ringer aldrig tillbaka")
    responses.save_answer(db, tokens[0], children_survey.question("lyssnad"), 4)  # not text: nothing to annotate
    assert len(pending_texts(db)) == 1
    assert annotate_pending(db) == 1
    assert annotate_pending(db) == 0
    result = annotation_for(db, tokens[2], "onskan")
    assert result["themes"] == ["access"] and result["redacted"] == "Min soc [NAMN] ringer aldrig tillbaka"
    assert result["pipeline_version"] == STORED_VERSION


def test_a_new_pipeline_version_makes_texts_pending_again(db, tokens, children_survey):
    responses.save_answer(db, tokens[0], children_survey.question("onskan"), "kass")
    annotate_pending(db)
    assert pending_texts(db, version="rules-next") != []
    drop_annotations(db)
    assert annotation_for(db, tokens[0], "onskan") is None
    assert annotate_pending(db) == 1


def test_changed_text_gets_a_new_annotation(db, tokens, children_survey):
    question = children_survey.question("onskan")
    responses.save_answer(db, tokens[0], question, "jättebra")
    annotate_pending(db)
    responses.save_answer(db, tokens[0], question, "skittråkigt")
    annotate_pending(db)
    assert annotation_for(db, tokens[0], "onskan")["sentiment"] == "negative"


def test_background_worker_annotates_after_a_save(db_path, db, tokens, children_survey):
    responses.save_answer(db, tokens[0], children_survey.question("onskan"), "Hon var jättesnäll")
    config = Config(db_path=db_path)  # the app's own worker thread
    background.request(db, config, ANNOTATION)
    assert background.wait_idle(config, ANNOTATION, timeout=30)
    assert annotation_for(db, tokens[0], "onskan")["sentiment"] == "positive"


def test_manage_annotate_command(db_path, db, tokens, children_survey, capsys):
    import manage

    responses.save_answer(db, tokens[0], children_survey.question("onskan"), "kass")
    assert manage.main(["--db", str(db_path), "annotate"]) == 0
    assert "Annotated 1 distinct texts" in capsys.readouterr().out
    assert manage.main(["--db", str(db_path), "annotate", "--redo"]) == 0
    assert "Annotated 1 distinct texts" in capsys.readouterr().out


def test_demo_seed_annotates_its_texts(db, catalog):
    from datetime import date

    from barnrosten.demo import seed_demo

    seed_demo(db, catalog, responses=300, seed=5, anchor=date(2026, 11, 1))
    assert pending_texts(db) == []
    stored = db.execute("SELECT result FROM annotations").fetchall()
    assert stored and all(json.loads(r[0])["sentiment"] in {"positive", "negative", "neutral", "mixed"} for r in stored)


def test_pipeline_version_follows_the_lexicons_and_rules(tmp_path, monkeypatch):
    import shutil

    import analysis.annotate as annotate_module

    copy = tmp_path / "analysis"
    shutil.copytree(annotate_module.ANALYSIS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "eval"))
    monkeypatch.setattr(annotate_module, "ANALYSIS_DIR", copy)
    annotate_module.pipeline_version.cache_clear()
    try:
        before = annotate_module.pipeline_version()
        assert before == PIPELINE_VERSION  # the copy is the same content
        with open(copy / "lexicons" / "sv_children.tsv", "a", encoding="utf-8") as handle:
            handle.write("megabra\t3.0\n")
        annotate_module.pipeline_version.cache_clear()
        assert annotate_module.pipeline_version() != before
    finally:
        annotate_module.pipeline_version.cache_clear()


def test_embeddings_are_stored_and_reused(db, tokens, children_survey):
    from analysis.embeddings import embed

    responses.save_answer(db, tokens[0], children_survey.question("onskan"), "Busskortet räcker inte hela månaden")
    annotate_pending(db)  # no rule theme: compared by meaning, vector kept
    vectors = StoredVectors(db)
    assert len(vectors) == 1
    key = next(iter(vectors))
    stored = vectors[key]
    assert stored.shape == (384,) and abs(float(stored @ stored) - 1) < 1e-3
    again = embed(["Busskortet räcker inte hela månaden"], cache=vectors)[0]
    assert again.tobytes() == stored.tobytes() and len(vectors) == 1
