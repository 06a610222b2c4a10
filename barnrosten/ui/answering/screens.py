"""The answering screens. Each function draws one screen; actions live in `state`."""

from __future__ import annotations

import streamlit as st

from barnrosten.answering import recordings, responses, survey_store
from barnrosten.config import Config
from barnrosten.i18n import complete_languages, t
from barnrosten.languages import DEFAULT_LANGUAGE, arrows, native_name
from barnrosten.results import you_said_we_did
from barnrosten.storage.db import connection
from barnrosten.ui.answering import state as act
from barnrosten.ui.answering.read_aloud import read_aloud_button
from barnrosten.ui.browser_id import ensure_browser_cookie
from barnrosten.ui.text import escape_markdown
from surveys import flow
from surveys.schema import FACE_VALUES, YES_NO_VALUES, localized

FACE_EMOJI = {1: "😢", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}
YES_NO_EMOJI = {"yes": "👍", "no": "👎", "dont_know": "🤷"}
CHECK = "✓"


def language_switch(config: Config) -> None:
    languages = complete_languages()
    if len(languages) < 2:
        return
    st.session_state.lang_switch = st.session_state.lang
    st.segmented_control(
        t("lang.label", st.session_state.lang),
        languages,
        format_func=native_name,
        key="lang_switch",
        on_change=act.change_language,
        args=(config,),
        label_visibility="collapsed",
    )


# Guardians answer about their own experience, as adults: these texts have their own wording
# for them (adult genders, their finish screen, support lines for parents instead of BRIS).
ADULT_WORDING = {"help.title", "help.body", "safety.body", "gender.girl", "gender.boy", "finish.next",
                 "finish.we_did_title"}


def worded(key: str, survey, lang: str, **values) -> str:
    """`key` in the wording for this survey's respondents: "adult.<key>" for guardians where it exists."""
    if survey is not None and survey.respondent_group == "guardians" and key in ADULT_WORDING:
        key = f"adult.{key}"
    return t(key, lang, **values)


@st.cache_data(ttl=600, show_spinner=False)
def _municipality_name(db_path: str, municipality_id: str) -> str:
    with connection(db_path) as db:
        return survey_store.municipality_name(db, municipality_id)


def help_box(lang: str, survey=None, place: str = "") -> None:
    """Where help is: BRIS and 112 for children; for guardians, support lines for parents and `place`'s social services."""
    title, body = worded("help.title", survey, lang), worded("help.body", survey, lang, municipality=place)
    st.info(f"**{title}**  \n{body}", icon="💛")


def safety_help(lang: str, survey=None, read_aloud=None) -> None:
    """Shown at once when someone writes something that may mean a child is not safe."""
    if st.session_state.get("show_safety_help"):
        st.warning(f"**{t('safety.title', lang)}**  \n{worded('safety.body', survey, lang)}", icon="💛")
        if read_aloud is not None:
            read_aloud("safety")


WELCOME_SECTIONS = (
    ("welcome.anonymous_title", "welcome.anonymous", "🙈"),
    ("welcome.readers_title", "welcome.readers", "👀"),
    ("welcome.skip_title", "welcome.skip", "✋"),
)


def _sentences(parts) -> str:
    """Texts read one after another, each ending as a sentence so a voice pauses between them."""
    parts = [p.strip() for p in parts if p and p.strip()]
    return " ".join(p if p[-1] in ".?!:…؟。" else f"{p}." for p in parts)


def spoken_text(item: str, survey, lang: str, place: str = "") -> str:
    """What the read-aloud button of `item` says when there is no recording (and what staff record)."""
    if item == "welcome":
        parts = [localized(survey.title, lang), localized(survey.intro, lang) if survey.intro else ""]
        for title_key, body_key, _ in WELCOME_SECTIONS:
            parts += [t(title_key, lang), t(body_key, lang)]
        return _sentences(parts)
    if item == "help":
        return _sentences([worded("help.title", survey, lang), worded("help.body", survey, lang, municipality=place)])
    if item == "safety":
        return _sentences([t("safety.title", lang), worded("safety.body", survey, lang)])
    if item == "finish":
        return _sentences([t("finish.heading", lang), worded("finish.next", survey, lang)])
    if item == "answered_with":
        return _sentences([t("answered_with.question", lang), t("answered_with.self", lang),
                           t("answered_with.with_adult", lang)])
    question = survey.question(item.removeprefix(recordings.QUESTION_PREFIX))
    parts = [localized(question.text, lang), localized(question.hint, lang) if question.hint else ""]
    if question.type in ("single", "multi"):  # faces and yes/no speak through their pictures
        parts += [localized(option.text, lang) for option in question.options]
    return _sentences(parts)


# Items whose text is the UI's own (complete in every offered language), not the survey file's.
UI_TEXT_ITEMS = {"help", "safety", "finish", "answered_with"}


def _reader(config: Config, where: act.Where, lang: str, place: str = ""):
    """A function that draws the read-aloud button of an item of this screen's survey version."""
    # A survey not yet translated shows its Swedish text: a voice must read it in Swedish.
    survey_lang = lang if lang in where.survey.languages() else DEFAULT_LANGUAGE

    def read_aloud(item: str) -> None:
        voice_lang = lang if item in UI_TEXT_ITEMS else survey_lang
        read_aloud_button(spoken_text(item, where.survey, lang, place), voice_lang, t("question.read_aloud", lang),
                          db_path=str(config.db_path), version_id=where.session["survey_version_id"], item=item,
                          recording_language=lang)
    return read_aloud


def _help_box(config: Config, where: act.Where, lang: str) -> None:
    place = _municipality_name(str(config.db_path), where.session["municipality_id"])
    help_box(lang, where.survey, place)
    _reader(config, where, lang, place)("help")


def join_screen(config: Config, where: act.Where) -> None:
    lang = st.session_state.lang
    st.title(t("join.heading", lang), anchor=False)
    st.write(t("join.lead", lang))
    error = st.session_state.get("join_error") or where.message_key
    if error:
        st.warning(t(error, lang), icon="🙂")
    with st.form("join_form", border=False):
        code = st.text_input(t("join.code_label", lang), max_chars=12, key="join_code", autocomplete="off")
        if st.form_submit_button(t("join.button", lang), type="primary", width="stretch"):
            act.submit_code(config, code)
            st.rerun()
    ensure_browser_cookie()


def welcome_screen(config: Config, where: act.Where) -> None:
    lang = st.session_state.lang
    survey = where.survey
    if st.session_state.get("notice"):
        st.info(t(st.session_state.notice, lang))
    st.title(escape_markdown(localized(survey.title, lang)), anchor=False)
    _reader(config, where, lang)("welcome")
    if survey.intro:
        st.write(escape_markdown(localized(survey.intro, lang)))
    for title_key, body_key, icon in WELCOME_SECTIONS:
        st.subheader(f"{icon} {t(title_key, lang)}", anchor=False)  # no anchor link: a 16 px target
        st.write(t(body_key, lang))
    _help_box(config, where, lang)
    st.button(
        t("welcome.start", lang), key="start", type="primary", width="stretch",
        on_click=act.start, args=(config, where.session["id"]),
    )


def _in_rows(key: str, items, per_row: int):
    """(item, cell) in reading order, `per_row` to a row on every screen size (a phone too)."""
    for start in range(0, len(items), per_row):
        cells = st.container(key=f"{key}_{start}").columns(per_row)
        yield from zip(items[start:start + per_row], cells)


def profile_screen(config: Config, where: act.Where) -> None:
    lang = st.session_state.lang
    survey, participant = where.survey, where.participant
    st.title(t("profile.heading", lang), anchor=False)
    if survey.age_bands:
        st.subheader(t("profile.age_label", lang), anchor=False)
        for band, cell in _in_rows("row_age", survey.age_bands, 3):
            chosen = participant["age_band"] == band
            cell.button(
                f"{CHECK if chosen else ''} {band.replace('-', '–')} {t('profile.age_suffix', lang)}".strip(),
                key=f"profile_age_{band}", type="primary" if chosen else "secondary", width="stretch",
                on_click=act.set_profile_field, args=(config, survey, "age_band", band),
            )
    st.subheader(t("profile.gender_label", lang), anchor=False)
    for gender, cell in _in_rows("row_gender", responses.GENDERS, 2):
        chosen = participant["gender"] == gender
        cell.button(
            f"{CHECK if chosen else ''} {worded('gender.' + gender, survey, lang)}".strip(),
            key=f"profile_gender_{gender}", type="primary" if chosen else "secondary", width="stretch",
            on_click=act.set_profile_field, args=(config, survey, "gender", gender),
        )
    st.write("")
    first = flow.next_step(survey, {}, None)
    st.button(
        t("profile.next", lang), key="profile_next", type="primary", width="stretch",
        on_click=act.go_to, args=(config, first),
    )


def _choice_button(label: str, key: str, chosen: bool, on_click, args, container=st, icon=None) -> None:
    container.button(
        f"{CHECK} {label}" if chosen else label, key=key, type="primary" if chosen else "secondary",
        width="stretch", on_click=on_click, args=args, icon=icon,
    )


def question_screen(config: Config, where: act.Where, db) -> None:
    lang = st.session_state.lang
    survey, participant = where.survey, where.participant
    token = participant["token"]
    answers = responses.answers_for(db, token)
    values = responses.answer_values(answers)
    visible = [q.id for q in flow.visible_questions(survey, values)]
    qid = participant["current_question"]
    if qid not in visible:  # an earlier answer hid this follow-up: move on
        qid = flow.next_question_id(survey, values, qid) or visible[-1]
    question = survey.question(qid)
    given = answers.get(qid)
    position, total = flow.progress(survey, qid)

    read_aloud = _reader(config, where, lang)
    safety_help(lang, where.survey, read_aloud)
    st.progress(position / total, text=t("question.progress", lang, position=position, total=total))
    text = localized(question.text, lang)
    st.header(escape_markdown(text), anchor=False)
    if question.hint:
        st.markdown(escape_markdown(localized(question.hint, lang)))
    read_aloud(recordings.question_item(qid))
    if st.session_state.get("save_error"):
        st.error(t(st.session_state.save_error, lang))

    chosen_value = given.value if given and not given.skipped else None
    key_base = f"{token[:8]}_{qid}"
    text_key = None
    if question.type == "faces":
        columns = st.container(key="row_faces").columns(len(FACE_VALUES))
        for column, value in zip(columns, FACE_VALUES):
            chosen = chosen_value == value
            column.button(
                f"{CHECK + ' ' if chosen else ''}{t(f'face.{value}', lang)}", icon=FACE_EMOJI[value],
                key=f"face_{key_base}_{value}", type="primary" if chosen else "secondary",
                width="stretch", on_click=act.answer, args=(config, survey, qid, value),
            )
    elif question.type == "yes_no":
        columns = st.container(key="row_yes_no").columns(len(YES_NO_VALUES))
        for column, value in zip(columns, YES_NO_VALUES):
            _choice_button(
                t(f"yes_no.{value}", lang), f"choice_{key_base}_{value}",
                chosen_value == value, act.answer, (config, survey, qid, value), column, YES_NO_EMOJI[value],
            )
    elif question.type == "single":
        for option in question.options:
            _choice_button(
                escape_markdown(localized(option.text, lang)), f"choice_{key_base}_{option.id}",
                chosen_value == option.id, act.answer, (config, survey, qid, option.id),
            )
    elif question.type == "multi":
        for option in question.options:
            _choice_button(
                escape_markdown(localized(option.text, lang)), f"choice_{key_base}_{option.id}",
                option.id in (chosen_value or []), act.toggle_option, (config, survey, qid, option.id),
            )
    elif question.type == "text":
        text_key = f"text_{key_base}"
        if text_key not in st.session_state:
            st.session_state[text_key] = chosen_value or ""
        st.text_area(
            text, key=text_key, max_chars=question.max_length, label_visibility="collapsed",
            placeholder=t("question.text_placeholder", lang), height=160,
            on_change=act.save_text, args=(config, survey, qid, text_key),
        )
        # Streamlit's own hint and counter are English and hidden (style.py): say it in the child's words.
        st.caption(t("question.text_limit", lang, limit=question.max_length))

    if given and given.skipped:
        st.caption(t("question.skipped", lang))
    is_last = flow.next_step(survey, values, qid) is None
    _skip_back_next(config, survey, qid, key_base, bool(given and given.skipped), is_last, text_key)


def _skip_back_next(config: Config, survey, qid: str, key_base: str, skipped: bool, is_last: bool,
                    text_key: str | None = None) -> None:
    """"Vill inte svara", then back and next (or "Klar" on the last screen) side by side."""
    lang = st.session_state.lang
    st.button(
        t("question.skip", lang), key=f"skip_{key_base}", type="primary" if skipped else "secondary",
        width="stretch", on_click=act.skip, args=(config, survey, qid),
    )
    back, forward = st.container(key="row_nav").columns(2)
    back_arrow, forward_arrow = arrows(lang)  # right to left in Arabic and Persian: back is on the right
    back.button(
        f"{back_arrow} {t('question.back', lang)}", key=f"back_{key_base}", width="stretch",
        on_click=act.go_back, args=(config, survey, qid),
    )
    forward.button(
        f"{t('question.finish' if is_last else 'question.next', lang)} {forward_arrow}", key=f"next_{key_base}", type="primary",
        width="stretch", on_click=act.go_next, args=(config, survey, qid, text_key),
    )


def answered_with_screen(config: Config, where: act.Where) -> None:
    """The optional last question: did you answer on your own, or with an adult's help?"""
    lang = st.session_state.lang
    survey, participant = where.survey, where.participant
    qid = flow.ANSWERED_WITH_STEP
    position, total = flow.progress(survey, qid)
    read_aloud = _reader(config, where, lang)
    safety_help(lang, where.survey, read_aloud)
    st.progress(position / total, text=t("question.progress", lang, position=position, total=total))
    text = t("answered_with.question", lang)
    st.header(text, anchor=False)
    read_aloud("answered_with")
    key_base = f"{participant['token'][:8]}_answered_with"
    for value, icon in (("self", "🙋"), ("with_adult", "🤝")):
        _choice_button(
            t(f"answered_with.{value}", lang), f"choice_{key_base}_{value}", participant["answered_with"] == value,
            act.set_answered_with, (config, value), icon=icon,
        )
    _skip_back_next(config, survey, qid, key_base, False, True)


def finish_screen(config: Config, where: act.Where) -> None:
    lang = st.session_state.lang
    read_aloud = _reader(config, where, lang)
    safety_help(lang, where.survey, read_aloud)
    st.title(f"🎉 {t('finish.heading', lang)}", anchor=False)
    read_aloud("finish")
    st.write(worded("finish.next", where.survey, lang))
    if st.session_state.get("ws_token"):  # the survey was a part of a workshop: back to the room
        st.page_link("pages/workshop_join.py", label=t("finish.back_to_workshop", lang), icon="🙋",
                     query_params={"wt": st.session_state["ws_token"]})
    we_did(config, where, lang)
    _help_box(config, where, lang)
    if where.session["shared_device"]:
        st.caption(t("finish.shared_note", lang))
        st.button(
            t("finish.done", lang), key="finish_done", type="primary", width="stretch",
            on_click=act.finish_and_reset, args=(config, where.session),
        )
    else:  # their own phone: nothing resets, nobody comes next
        st.caption(t("finish.personal_note", lang))


def we_did(config: Config, where: act.Where, lang: str) -> None:
    """"Ni sa – vi gjorde": what this municipality changed, for this group, so the loop closes."""
    with connection(config.db_path) as db:
        rows = you_said_we_did.public_actions(db, where.session["municipality_id"], where.survey.respondent_group,
                                              limit=you_said_we_did.FINISH_SCREEN_LIMIT)
    if not rows:
        return
    with st.container(border=True, key="we_did"):
        st.subheader(worded("finish.we_did_title", where.survey, lang), anchor=False)
        for row in rows:
            # Written by staff, still never markup. Worded by status: a plan is never shown as done.
            st.markdown(f"**{t('public.you_said', lang)}** {escape_markdown(row['said'])}  \n"
                        f"**{t(you_said_we_did.DID_LABEL_KEYS[row['status']], lang)}** {escape_markdown(row['did'])}")
        st.page_link("pages/you_said_we_did.py", label=t("finish.we_did_more", lang), icon="💬",
                     query_params={"kommun": where.session["municipality_id"]})
