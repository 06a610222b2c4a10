"""The schema every survey file is validated against.

A survey is a list of questions, each of one type, with its text per language
(Swedish required). Example (YAML)::

    id: barn-7-12
    version: 1
    respondent_group: children
    title: {sv: "Hur är det att få hjälp?", en: "What is it like to get help?"}
    age_bands: ["7-9", "10-12"]
    questions:
      - id: lyssnad
        type: faces
        theme: heard
        text: {sv: "Lyssnar de vuxna på dig?", en: "Do the adults listen to you?"}
      - id: battre
        type: text
        show_if: {question: lyssnad, at_most: 2}
        text: {sv: "Vad hade gjort det bättre?", en: "What would have made it better?"}
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from analysis.taxonomy import theme_ids
from barnrosten.languages import DEFAULT_LANGUAGE, LANGUAGES

QuestionType = Literal["faces", "yes_no", "single", "multi", "text"]
RespondentGroup = Literal["children", "youth", "guardians", "placed"]

# The five faces, saddest first; stored as these numbers.
FACE_VALUES = (1, 2, 3, 4, 5)
YES_NO_VALUES = ("yes", "no", "dont_know")
# Free text is for a few sentences, not an essay; the limit keeps screens and storage sane.
MAX_TEXT_LENGTH = 2000
DEFAULT_TEXT_LENGTH = 500

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]


def _check_localized(value: dict[str, str]) -> dict[str, str]:
    if DEFAULT_LANGUAGE not in value or not str(value[DEFAULT_LANGUAGE]).strip():
        raise ValueError("needs a Swedish text ('sv')")
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language code(s): {', '.join(unknown)}")
    return value


class Strict(BaseModel):
    # Unknown keys are typos; report them instead of ignoring them.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Strict):
    id: Identifier
    text: dict[str, str]

    _localized = field_validator("text")(_check_localized)


class Condition(Strict):
    """Show a question only when an earlier answer matches. Exactly one test."""

    question: Identifier
    at_most: int | None = None
    at_least: int | None = None
    any_of: list[Union[int, str]] | None = None

    @model_validator(mode="after")
    def _one_test(self) -> "Condition":
        tests = [t for t in (self.at_most, self.at_least, self.any_of) if t is not None]
        if len(tests) != 1:
            raise ValueError("give exactly one of at_most, at_least, any_of")
        return self

    def holds(self, value) -> bool:
        """Whether an answer value satisfies this condition (lists match on any item)."""
        if value is None:
            return False
        if self.any_of is not None:
            values = value if isinstance(value, list) else [value]
            return any(v in self.any_of for v in values)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return False
        if self.at_most is not None:
            return value <= self.at_most
        return value >= self.at_least


class Question(Strict):
    id: Identifier
    type: QuestionType
    text: dict[str, str]
    hint: dict[str, str] | None = None
    theme: str | None = None
    options: list[Option] | None = None
    max_length: int = Field(default=DEFAULT_TEXT_LENGTH, ge=1, le=MAX_TEXT_LENGTH)
    show_if: Condition | None = None

    _localized = field_validator("text")(_check_localized)

    @field_validator("hint")
    @classmethod
    def _hint_localized(cls, value):
        return None if value is None else _check_localized(value)

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, value):
        if value is not None and value not in theme_ids():
            raise ValueError(f"unknown theme '{value}'; use one of: {', '.join(theme_ids())}")
        return value

    @model_validator(mode="after")
    def _options_fit_type(self) -> "Question":
        if self.type in ("single", "multi"):
            if not self.options or len(self.options) < 2:
                raise ValueError(f"a '{self.type}' question needs at least two options")
            ids = [o.id for o in self.options]
            if len(ids) != len(set(ids)):
                raise ValueError("option ids must be unique")
        elif self.options:
            raise ValueError(f"a '{self.type}' question takes no options")
        return self

    def allowed_values(self) -> tuple | None:
        """The closed set of values this question accepts, or None for free text / multi."""
        if self.type == "faces":
            return FACE_VALUES
        if self.type == "yes_no":
            return YES_NO_VALUES
        if self.type == "single":
            return tuple(o.id for o in self.options)
        return None


class Survey(Strict):
    id: Identifier
    version: int = Field(ge=1)
    respondent_group: RespondentGroup
    title: dict[str, str]
    intro: dict[str, str] | None = None
    age_bands: list[str] = Field(default_factory=list)
    # Ask at the end "Did you answer on your own or with an adult's help?" Unset: asked of everyone
    # but guardians (they are the adults).
    ask_answered_with: bool | None = None
    questions: list[Question] = Field(min_length=1)

    _localized = field_validator("title")(_check_localized)

    @field_validator("intro")
    @classmethod
    def _intro_localized(cls, value):
        return None if value is None else _check_localized(value)

    @model_validator(mode="after")
    def _questions_consistent(self) -> "Survey":
        seen: dict[str, Question] = {}
        for position, question in enumerate(self.questions):
            if question.id in seen:
                raise ValueError(f"questions[{position}]: duplicate question id '{question.id}'")
            if question.show_if is not None:
                target = seen.get(question.show_if.question)
                if target is None:
                    raise ValueError(
                        f"questions[{position}].show_if: '{question.show_if.question}' "
                        "must be the id of an earlier question"
                    )
                numeric = question.show_if.at_most is not None or question.show_if.at_least is not None
                if numeric and target.type != "faces":
                    raise ValueError(
                        f"questions[{position}].show_if: at_most/at_least only work on a 'faces' question"
                    )
            seen[question.id] = question
        return self

    @property
    def asks_answered_with(self) -> bool:
        if self.ask_answered_with is not None:
            return self.ask_answered_with
        return self.respondent_group != "guardians"

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def languages(self) -> set[str]:
        """Languages in which every text of this survey exists."""
        texts = [self.title] + [q.text for q in self.questions]
        texts += [o.text for q in self.questions for o in (q.options or [])]
        return set.intersection(*(set(t) for t in texts))


def localized(texts: dict[str, str] | None, language: str) -> str:
    """The text in `language`, falling back to Swedish."""
    if not texts:
        return ""
    return texts.get(language) or texts[DEFAULT_LANGUAGE]
