"""Survey files: the templates are valid, and a broken file says which file and field is wrong."""


import pytest
import yaml

from surveys.loader import load_surveys
from surveys.schema import Survey

TEMPLATES = ["barn-7-12", "unga-13-20", "vardnadshavare", "mitt-boende"]

VALID = {
    "id": "test",
    "version": 1,
    "respondent_group": "children",
    "title": {"sv": "Test", "en": "Test"},
    "questions": [
        {"id": "q1", "type": "faces", "theme": "heard", "text": {"sv": "Fråga?"}},
        {"id": "q2", "type": "text", "show_if": {"question": "q1", "at_most": 2}, "text": {"sv": "Varför?"}},
    ],
}


def test_all_templates_load_without_problems(catalog):
    assert catalog.problems == []
    assert sorted(catalog.surveys) == sorted(TEMPLATES)


@pytest.mark.parametrize("survey_id", TEMPLATES)
def test_templates_are_complete_in_swedish_and_english(catalog, survey_id):
    assert {"sv", "en"} <= catalog.surveys[survey_id].languages()


def test_children_template_is_short_and_uses_faces(catalog):
    survey = catalog.surveys["barn-7-12"]
    assert len(survey.questions) <= 8
    assert survey.questions[0].type == "faces"
    assert survey.age_bands == ["7-9", "10-12"]


def test_templates_use_every_question_type_and_a_follow_up(catalog):
    types = {q.type for s in catalog.surveys.values() for q in s.questions}
    assert types == {"faces", "yes_no", "single", "multi", "text"}
    assert all(any(q.show_if for q in s.questions) for s in catalog.surveys.values())


def test_placed_children_template_is_called_mitt_boende(catalog):
    assert catalog.surveys["mitt-boende"].title["sv"] == "Mitt boende"
    assert catalog.surveys["mitt-boende"].respondent_group == "placed"


def _broken(**changes) -> dict:
    data = yaml.safe_load(yaml.safe_dump(VALID))
    for path, value in changes.items():
        target = data
        parts = path.split("__")
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        target[parts[-1]] = value
    return data


@pytest.mark.parametrize(
    "data, field, words",
    [
        (_broken(title={"en": "Only English"}), "title", "Swedish"),
        (_broken(questions__0__type="slider"), "questions[0].type", "faces"),
        (_broken(questions__0__theme="weather"), "questions[0].theme", "unknown theme"),
        (_broken(questions__1__show_if={"question": "q9", "at_most": 2}), "questions[1].show_if", "earlier question"),
        (_broken(questions__1__id="q1"), "questions[1]", "duplicate question id"),
        (_broken(questions__0__type="single"), "questions[0]", "at least two options"),
        (_broken(questions__0__colour="red"), "questions[0].colour", "Extra inputs"),
        (_broken(questions__1__max_length=100000), "questions[1].max_length", "less than or equal"),
        (_broken(questions__1__show_if={"question": "q1", "at_most": 2, "at_least": 1}), "questions[1].show_if", "exactly one"),
        (_broken(respondent_group="adults"), "respondent_group", "children"),
        (_broken(questions=[]), "questions", "at least 1"),
    ],
)
def test_broken_survey_names_file_and_field(tmp_path, data, field, words):
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    catalog = load_surveys(tmp_path)
    assert catalog.surveys == {}
    problem = catalog.problems[0]
    assert problem.file == "broken.yaml"
    assert problem.field == field
    assert words.lower() in problem.message.lower()


def test_yaml_syntax_error_names_the_line(tmp_path):
    (tmp_path / "bad.yaml").write_text("id: x\nquestions: [\n  - oops: {\n", encoding="utf-8")
    problem = load_surveys(tmp_path).problems[0]
    assert problem.file == "bad.yaml"
    assert problem.field.startswith("line ")


@pytest.mark.parametrize("content", ["just a string", "- a\n- list\n", ""])
def test_file_that_is_not_a_mapping(tmp_path, content):
    (tmp_path / "odd.yaml").write_text(content, encoding="utf-8")
    assert load_surveys(tmp_path).problems[0].file == "odd.yaml"


def test_non_utf8_file_is_reported(tmp_path):
    (tmp_path / "latin1.yaml").write_bytes("title: {sv: 'Hjälp'}".encode("latin-1"))
    assert "UTF-8" in load_surveys(tmp_path).problems[0].message


def test_broken_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "good.yaml").write_text(yaml.safe_dump(VALID), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump(_broken(questions__0__type="slider")), encoding="utf-8")
    catalog = load_surveys(tmp_path)
    assert list(catalog.surveys) == ["test"]
    assert [p.file for p in catalog.problems] == ["bad.yaml"]


def test_two_files_with_the_same_id(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(yaml.safe_dump(VALID), encoding="utf-8")
    catalog = load_surveys(tmp_path)
    assert list(catalog.surveys) == ["test"]
    assert catalog.problems[0].file == "b.yaml" and catalog.problems[0].field == "id"


def test_missing_folder_is_a_problem_not_a_crash(tmp_path):
    catalog = load_surveys(tmp_path / "nowhere")
    assert catalog.surveys == {} and catalog.problems


def test_definition_round_trips_through_json():
    survey = Survey.model_validate(VALID)
    assert Survey.model_validate_json(survey.model_dump_json()) == survey
