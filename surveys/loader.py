"""Loading survey files. A broken file never stops the others.

    >>> catalog = load_surveys(Path("surveys/templates"))
    >>> sorted(catalog.surveys)            # the valid ones
    >>> [p.describe() for p in catalog.problems]   # which file, which field, what is wrong
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from surveys.schema import Survey

SURVEY_FILE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class SurveyProblem:
    """What is wrong with one survey file: where (`field`) and what (`message`)."""

    file: str
    field: str
    message: str

    def describe(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


@dataclass
class SurveyCatalog:
    surveys: dict[str, Survey] = field(default_factory=dict)
    problems: list[SurveyProblem] = field(default_factory=list)


def _field_path(loc: tuple) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(file)"


# Whole-survey checks name the field at the start of their message: "questions[2].show_if: ...".
_FIELD_IN_MESSAGE = re.compile(r"^(questions\[\d+\][\w.\[\]]*): (.*)$", re.DOTALL)


def problems_from_validation(file_name: str, error: ValidationError) -> list[SurveyProblem]:
    problems = []
    for item in error.errors():
        message = item["msg"].removeprefix("Value error, ")
        field = _field_path(item["loc"])
        named = _FIELD_IN_MESSAGE.match(message)
        if named:
            field = ".".join(filter(None, [field if item["loc"] else "", named.group(1)]))
            message = named.group(2)
        problems.append(SurveyProblem(file_name, field, message))
    return problems


def load_survey_file(path: Path) -> tuple[Survey | None, list[SurveyProblem]]:
    """Parse and validate one file: the survey, or the problems that stop it."""
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        return None, [SurveyProblem(name, "(file)", f"not UTF-8 text: {exc.reason}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        return None, [SurveyProblem(name, where, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    if not isinstance(data, dict):
        return None, [SurveyProblem(name, "(file)", "must be a mapping with id, version, questions …")]
    try:
        return Survey.model_validate(data), []
    except ValidationError as exc:
        return None, problems_from_validation(name, exc)


def load_surveys(directory: Path) -> SurveyCatalog:
    """Every valid survey in `directory`, and the problems of the others."""
    catalog = SurveyCatalog()
    if not directory.is_dir():
        catalog.problems.append(SurveyProblem(str(directory), "(folder)", "survey folder not found"))
        return catalog
    for path in sorted(p for p in directory.iterdir() if p.suffix in SURVEY_FILE_SUFFIXES):
        survey, problems = load_survey_file(path)
        if survey is None:
            catalog.problems.extend(problems)
        elif survey.id in catalog.surveys:
            catalog.problems.append(SurveyProblem(path.name, "id", f"survey id '{survey.id}' is used by another file"))
        else:
            catalog.surveys[survey.id] = survey
    return catalog
