"""Survey files: which surveys are in use, and which files are broken (file, field, what is wrong)."""

import streamlit as st

from barnrosten.access.roles import require
from barnrosten.i18n import language_overview, review_label, t
from barnrosten.languages import native_name
from barnrosten.ui.context import this_run
from surveys.loader import load_surveys

run = this_run()
lang, config = run.lang, run.config
try:
    require(run.principal, "admin")
except PermissionError:
    st.stop()
catalog = load_surveys(config.surveys_dir)  # re-read: show the files as they are now

st.title(t("admin.surveys_title", lang))
if catalog.problems:
    st.error(t("admin.surveys_problems", lang))
    st.dataframe(
        [
            {t("admin.col_file", lang): p.file, t("admin.col_field", lang): p.field, t("admin.col_message", lang): p.message}
            for p in catalog.problems
        ],
        hide_index=True,
        width="stretch",
    )
else:
    st.success(t("admin.surveys_ok", lang))

st.subheader(t("admin.loaded", lang))
st.dataframe(
    [
        {
            t("admin.col_survey", lang): survey.title["sv"],
            "id": survey.id,
            t("admin.col_questions", lang): len(survey.questions),
            t("admin.col_languages", lang): ", ".join(sorted(survey.languages())),
        }
        for survey in catalog.surveys.values()
    ],
    hide_index=True,
    width="stretch",
)

# Languages: which are offered to participants, and whether a native speaker has reviewed them.
st.subheader(t("admin.languages", lang))
st.caption(t("admin.languages_lead", lang))
st.dataframe(
    [
        {
            t("admin.col_languages", lang): f'{t("language." + row["code"], lang)} ({native_name(row["code"])})',
            t("admin.col_code", lang): row["code"],
            t("admin.col_offered", lang): t("admin.yes" if row["offered"] else "admin.no", lang),
            t("admin.col_missing", lang): row["missing"],
            t("admin.col_review", lang): review_label(row["review"], lang),
        }
        for row in language_overview()
    ],
    hide_index=True,
    width="stretch",
    key="languages_table",
)
