"""Read-aloud recordings (admins): record or upload a short audio file per question and help text,
per language and survey version. Children hear it when they tap "Läs upp"."""

import streamlit as st

from barnrosten.access.roles import require
from barnrosten.answering import recordings
from barnrosten.answering.survey_store import survey_for_version
from barnrosten.i18n import t
from barnrosten.languages import LANGUAGES, native_name
from barnrosten.ui.answering.read_aloud import forget_recordings
from barnrosten.ui.answering.screens import spoken_text
from barnrosten.ui.context import this_run
from barnrosten.ui.style import file_uploader_in_words
from barnrosten.ui.text import escape_markdown

run = this_run()
lang, principal = run.lang, run.principal
try:
    require(principal, "admin")
except PermissionError:
    st.stop()

FORMATS = ", ".join(dict.fromkeys(recordings.FORMAT_NAMES.values()))
MAX_MB = recordings.MAX_BYTES // (1024 * 1024)


def item_label(item: str, survey) -> str:
    if item.startswith(recordings.QUESTION_PREFIX):
        ids = [q.id for q in survey.questions]
        return t("rec.item_question", lang, n=ids.index(item.removeprefix(recordings.QUESTION_PREFIX)) + 1)
    return t(f"rec.item_{item}", lang)


def flash(kind: str, key: str, **values) -> None:
    st.session_state.rec_flash = (kind, t(key, lang, **values))


def save(version_id: int, item: str, language: str, widget_key: str) -> None:
    upload = st.session_state.get(widget_key)
    if upload is None:
        return
    with run.db() as db:
        try:
            recordings.save(db, principal, version_id, item, language, upload.getvalue())
        except recordings.RecordingRejected as refused:
            flash("error", f"rec.rejected_{refused.reason}", max_mb=MAX_MB, formats=FORMATS)
            return
    forget_recordings()
    flash("success", "rec.saved")


def delete(version_id: int, item: str, language: str) -> None:
    with run.db() as db:
        recordings.delete(db, principal, version_id, item, language)
    forget_recordings()
    flash("success", "rec.deleted")


def copy(from_version_id: int, to_version_id: int) -> None:
    with run.db() as db:
        copied = recordings.copy_unchanged(db, principal, from_version_id, to_version_id)
    forget_recordings()
    if copied:
        flash("success", "rec.copied", n=copied)
    else:
        flash("info", "rec.copied_none")


st.title(t("rec.title", lang))
st.write(t("rec.lead", lang))

with run.db() as db:
    versions = recordings.survey_versions(db, principal)
    by_survey: dict[str, list[dict]] = {}
    for row in versions:
        by_survey.setdefault(row["survey_id"], []).append(row)
    titles = {survey_id: rows[0]["title"] for survey_id, rows in by_survey.items()}

    left, middle, right = st.columns(3)
    survey_id = left.selectbox(t("rec.survey", lang), list(by_survey), format_func=titles.get, key="rec_survey")
    survey_rows = by_survey[survey_id]
    newest = survey_rows[0]["id"]
    version_id = middle.selectbox(
        t("rec.version", lang), [r["id"] for r in survey_rows], key=f"rec_version_{survey_id}",
        format_func=lambda vid: next(
            t("rec.version_latest" if vid == newest else "rec.version_label", lang, version=r["version"],
              date=r["created_at"][:10]) for r in survey_rows if r["id"] == vid),
    )
    survey = survey_for_version(db, version_id)
    translated = survey.languages()
    language = right.selectbox(
        t("rec.language", lang), list(LANGUAGES), key="rec_language",
        format_func=lambda code: t("rec.language_translated" if code in translated else "rec.language_untranslated",
                                   lang, name=native_name(code)),
    )
    if len(survey_rows) > 1:
        st.caption(t("rec.version_note", lang))
    existing = {r["item"]: r for r in recordings.listing(db, principal, version_id) if r["language"] == language}

    if st.session_state.get("rec_flash"):
        kind, message = st.session_state.pop("rec_flash")
        getattr(st, kind)(message)

    items = recordings.items(survey)
    place = t("rec.your_municipality", lang)
    st.subheader(t("rec.overview", lang, language_name=native_name(language), done=len(existing), total=len(items)))
    st.dataframe(
        [
            {
                t("rec.col_part", lang): item_label(item, survey),
                t("rec.col_text", lang): spoken_text(item, survey, language, place),
                t("rec.col_recording", lang): f"✓ {existing[item]['size'] // 1024} kB" if item in existing
                else t("rec.none", lang),
                t("rec.col_by", lang): existing[item]["recorded_by"] if item in existing else "",
                t("rec.col_at", lang): existing[item]["created_at"][:10] if item in existing else "",
            }
            for item in items
        ],
        hide_index=True,
        width="stretch",
    )

    # Labels stay the same after a save: a changed label would make a new widget and lose the choice.
    item = st.selectbox(t("rec.choose_item", lang), items, key=f"rec_item_{version_id}",
                        format_func=lambda i: item_label(i, survey))
    with st.container(border=True):
        st.markdown(f"**{t('rec.text_to_read', lang)}**")
        st.markdown(escape_markdown(spoken_text(item, survey, language, place)))
        if item in existing:
            sound = recordings.audio(db, existing[item]["id"])
            st.caption(t("rec.current", lang))
            st.audio(sound[1], format=sound[0])
            st.button(t("rec.delete", lang), key="rec_delete", on_click=delete, args=(version_id, item, language))
        where = f"{version_id}_{language}_{item}"
        st.audio_input(t("rec.record", lang), key=f"rec_mic_{where}")
        st.button(t("rec.save_recording", lang), key="rec_save_mic", type="primary",
                  disabled=st.session_state.get(f"rec_mic_{where}") is None,
                  on_click=save, args=(version_id, item, language, f"rec_mic_{where}"))
        file_uploader_in_words(lang)  # Streamlit's uploader speaks English only: our words instead
        st.file_uploader(t("rec.upload", lang), key=f"rec_file_{where}",
                         help=t("rec.upload_help", lang, formats=FORMATS, max_mb=MAX_MB))
        st.button(t("rec.save_upload", lang), key="rec_save_file",
                  disabled=st.session_state.get(f"rec_file_{where}") is None,
                  on_click=save, args=(version_id, item, language, f"rec_file_{where}"))

    older = [r for r in survey_rows if r["id"] != version_id and r["recordings"]]
    if older and version_id == newest:
        st.subheader(t("rec.copy_title", lang))
        st.write(t("rec.copy_lead", lang))
        source = st.selectbox(t("rec.copy_from", lang), [r["id"] for r in older], key=f"rec_copy_{version_id}",
                              format_func=lambda vid: next(t("rec.version_label", lang, version=r["version"],
                                                             date=r["created_at"][:10]) for r in older
                                                           if r["id"] == vid))
        st.button(t("rec.copy_button", lang), key="rec_copy", on_click=copy, args=(source, version_id))
