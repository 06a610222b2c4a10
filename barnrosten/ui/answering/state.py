"""Where a participant is in the answering flow, and the actions that move them.

The truth lives in the database (participant row, answers, current question),
keyed by the token in the link (`?p=`), so a reload, a sleeping tablet or a
restarted server lands on the same screen. `st.session_state` only remembers
this browser tab's token, join code and language.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

import streamlit as st

from barnrosten.access.join_throttle import THROTTLE
from barnrosten.answering import responses
from barnrosten.answering.sessions import find_session, get_session
from barnrosten.answering.survey_store import survey_for_version
from barnrosten.config import Config
from barnrosten.i18n import complete_languages
from barnrosten.jobs import background
from barnrosten.jobs.worker import ANNOTATION
from barnrosten.languages import DEFAULT_LANGUAGE
from barnrosten.storage.db import connection, utc_now
from barnrosten.ui.browser_id import browser_key
from surveys import flow
from surveys.schema import Survey

# Wrong codes from one browser tab before it is asked to wait (guessing codes is slow work).
MAX_CODE_ATTEMPTS = 5
CODE_ATTEMPT_WINDOW_SECONDS = 60

SCREENS = ("join", "welcome", "profile", "question", "answered_with", "finish")


@dataclass
class Where:
    """The screen to show and what it needs."""

    screen: str
    session: dict | None = None
    survey: Survey | None = None
    participant: dict | None = None
    message_key: str | None = None


def adopt_query_params() -> None:
    """Copy the link's parameters into session state once: navigation clears them."""
    ss = st.session_state
    if ss.get("adopted"):
        return
    params = st.query_params
    ss.code = params.get("code")
    ss.token = params.get("p")
    lang = params.get("lang")
    ss.lang_chosen = lang in complete_languages()  # a language in the link wins over the session's
    ss.lang = lang if ss.lang_chosen else DEFAULT_LANGUAGE
    ss.adopted = True


def _reset_tab(keep_code: str | None, message_key: str | None = None) -> None:
    """Forget everything of the last participant in this tab (shared tablets)."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state.update(adopted=True, code=keep_code, token=None, lang=DEFAULT_LANGUAGE, notice=message_key)
    st.query_params.clear()
    if keep_code:
        st.query_params["code"] = keep_code


def resolve(db, now=None) -> Where:
    """Decide the screen from session state and the database."""
    ss = st.session_state
    token = ss.get("token")
    if token:
        participant = responses.get_participant(db, token)
        session = get_session(db, participant["session_id"]) if participant else None
        if participant and ss.get("finished_token") == token:
            return Where("finish", session, survey_for_version(db, session["survey_version_id"]), participant)
        if participant and responses.can_resume(participant, session, now):
            survey = survey_for_version(db, session["survey_version_id"])
            if participant["completed_at"]:
                return Where("finish", session, survey, participant)
            if participant["current_question"] is None:
                return Where("profile", session, survey, participant)
            if participant["current_question"] == flow.ANSWERED_WITH_STEP:
                return Where("answered_with", session, survey, participant)
            return Where("question", session, survey, participant)
        # An old or abandoned link: close it and offer a fresh start with the same code.
        if participant:
            responses.end_participant(db, token)
        _reset_tab(session["code"] if session else ss.get("code"), "welcome.resume_gone")
    code = ss.get("code")
    if code:
        result = find_session(db, code, now)
        if result.status == "open":
            _open_in_session_language(result.session)
            return Where("welcome", result.session, survey_for_version(db, result.session["survey_version_id"]))
        return Where("join", message_key=f"join.{result.status}")
    return Where("join")


def _open_in_session_language(session: dict) -> None:
    """The start screen opens in the session's language, unless this tab chose one (link or switch)."""
    ss = st.session_state
    language = session.get("language")
    if language and not ss.get("lang_chosen") and language in complete_languages():
        ss.lang = language


# ---- actions (used as widget callbacks; each opens its own connection) ----


def submit_code(config: Config, raw_code: str) -> None:
    ss = st.session_state
    now = time.time()
    attempts = [t for t in ss.get("code_attempts", []) if now - t < CODE_ATTEMPT_WINDOW_SECONDS]
    browser = browser_key()  # counted per browser too, so a new tab or a reload does not start over
    if len(attempts) >= MAX_CODE_ATTEMPTS or THROTTLE.blocked(browser):
        ss.join_error = "join.slow_down"
        return
    with connection(config.db_path) as db:
        result = find_session(db, raw_code)
    if result.status == "open":
        ss.code = result.session["code"]
        ss.join_error = None
        st.query_params["code"] = ss.code
    else:
        attempts.append(now)
        THROTTLE.failed(browser)
        ss.join_error = f"join.{result.status}"
    ss.code_attempts = attempts


def start(config: Config, session_id: int) -> None:
    ss = st.session_state
    with connection(config.db_path) as db:
        ss.token = responses.start_participant(db, session_id, ss.lang)
    ss.notice = None
    st.query_params["p"] = ss.token


def change_language(config: Config) -> None:
    ss = st.session_state
    chosen = ss.get("lang_switch")
    if not chosen:  # tapping the chosen language again deselects it; keep the language
        ss.lang_switch = ss.lang
        return
    ss.lang = chosen
    ss.lang_chosen = True
    if ss.get("token"):
        with connection(config.db_path) as db:
            responses.set_language(db, ss.token, chosen)


def set_profile_field(config: Config, survey: Survey, field: str, value: str | None) -> None:
    ss = st.session_state
    with connection(config.db_path) as db:
        participant = responses.get_participant(db, ss.token)
        profile = {"age_band": participant["age_band"], "gender": participant["gender"]}
        profile[field] = None if profile[field] == value else value  # a second tap un-chooses
        responses.set_profile(db, ss.token, **profile, allowed_age_bands=survey.age_bands)


def go_to(config: Config, question_id: str | None) -> None:
    with connection(config.db_path) as db:
        responses.set_position(db, st.session_state.token, question_id)


def answer(config: Config, survey: Survey, question_id: str, value, *, skipped: bool = False) -> None:
    """Save an answer the moment it is given."""
    ss = st.session_state
    try:
        with connection(config.db_path) as db:
            assessment = responses.save_answer(db, ss.token, survey.question(question_id), value, skipped=skipped)
            if survey.question(question_id).type == "text" and not skipped:
                background.request(db, config, ANNOTATION)  # analysed in the background
        ss.save_error = None
        if assessment is not None and assessment.risk:
            ss.show_safety_help = True  # shown at once, and kept on screen for the rest of the survey
    except (responses.InvalidAnswer, sqlite3.Error):
        # Kind words on screen; the answers saved before stay as they are.
        ss.save_error = "question.error"


def toggle_option(config: Config, survey: Survey, question_id: str, option_id: str) -> None:
    ss = st.session_state
    with connection(config.db_path) as db:
        current = responses.answers_for(db, ss.token).get(question_id)
        chosen = list(current.value) if current and not current.skipped and current.value else []
        chosen = [o for o in chosen if o != option_id] if option_id in chosen else chosen + [option_id]
        if chosen:
            responses.save_answer(db, ss.token, survey.question(question_id), chosen)
        else:
            responses.clear_answer(db, ss.token, question_id)


def save_text(config: Config, survey: Survey, question_id: str, widget_key: str) -> None:
    text = st.session_state.get(widget_key) or ""
    if text.strip():
        answer(config, survey, question_id, text)
    else:
        with connection(config.db_path) as db:
            current = responses.answers_for(db, st.session_state.token).get(question_id)
            if current is not None and not current.skipped:
                responses.clear_answer(db, st.session_state.token, question_id)


def skip(config: Config, survey: Survey, question_id: str) -> None:
    if question_id == flow.ANSWERED_WITH_STEP:
        with connection(config.db_path) as db:
            responses.set_answered_with(db, st.session_state.token, None)
    else:
        answer(config, survey, question_id, None, skipped=True)
    go_next(config, survey, question_id)


def set_answered_with(config: Config, value: str) -> None:
    """The last question: a second tap on the chosen answer un-chooses it."""
    ss = st.session_state
    with connection(config.db_path) as db:
        current = responses.get_participant(db, ss.token)["answered_with"]
        responses.set_answered_with(db, ss.token, None if current == value else value)


def go_next(config: Config, survey: Survey, question_id: str, text_widget_key: str | None = None) -> None:
    ss = st.session_state
    if text_widget_key and text_widget_key in ss:
        save_text(config, survey, question_id, text_widget_key)
    with connection(config.db_path) as db:
        values = responses.answer_values(responses.answers_for(db, ss.token))
        following = flow.next_step(survey, values, question_id)
        if following is None:
            responses.mark_completed(db, ss.token)
            ss.finished_token = ss.token
            ss.finish_deadline = time.time() + config.finish_screen_seconds
        else:
            responses.set_position(db, ss.token, following)


def go_back(config: Config, survey: Survey, question_id: str) -> None:
    with connection(config.db_path) as db:
        values = responses.answer_values(responses.answers_for(db, st.session_state.token))
        responses.set_position(db, st.session_state.token, flow.previous_step(survey, values, question_id))


def quick_exit(config: Config) -> None:
    """"Lämna snabbt": close the link (saved answers stay), forget the tab, and leave for the neutral page."""
    with connection(config.db_path) as db:
        if st.session_state.get("token"):
            responses.end_participant(db, st.session_state.token)
    # Forget the tab, but leave the address alone: the page replaces itself with the neutral one.
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state.update(adopted=True, token=None, code=None, lang=DEFAULT_LANGUAGE,
                            leave_to=config.quick_exit_url)


def finish_and_reset(config: Config, session: dict) -> None:
    """The child is done: on a shared tablet, close the token and return to the start."""
    with connection(config.db_path) as db:
        if st.session_state.get("token"):
            responses.end_participant(db, st.session_state.token)
    _reset_tab(session["code"])


def reset_if_idle(config: Config, now=None) -> bool:
    """Called every few seconds on shared tablets: back to the start once the child has left.

    Returns True when the tab was reset. Streamlit's `run_every` never fires in
    AppTest, so tests call this directly.
    """
    ss = st.session_state
    token = ss.get("token")
    if not token:
        return False
    with connection(config.db_path) as db:
        participant = responses.get_participant(db, token)
        session = get_session(db, participant["session_id"]) if participant else None
        if session is None or not session["shared_device"]:
            return False
        finished_and_shown = ss.get("finished_token") == token and time.time() >= ss.get("finish_deadline", 0)
        if finished_and_shown or responses.is_idle_expired(participant, session, now or utc_now()):
            responses.end_participant(db, token)
            code = session["code"]
        else:
            return False
    _reset_tab(code, None if finished_and_shown else "idle.reset")
    return True
