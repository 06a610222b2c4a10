"""Import (analysts, admins): feedback from other tools, checked row by row, stored like native answers."""

import streamlit as st

from barnrosten.answering import imports
from barnrosten.jobs import background
from barnrosten.jobs.worker import ANNOTATION
from barnrosten.answering.survey_store import latest_version_id
from barnrosten.i18n import t
from barnrosten.ui.context import this_run
from barnrosten.ui.staff import pick_municipality
from barnrosten.ui.style import file_uploader_in_words

NOT_IN_FILE = ""

run = this_run()
lang, config, principal = run.lang, run.config, run.principal
catalog = run.catalog

st.title(t("import.heading", lang))
st.write(t("import.lead", lang))

municipality = pick_municipality(config, principal, ("analyst",), lang, key="import_municipality")
survey_id = st.selectbox(t("import.survey", lang), sorted(catalog.surveys), key="import_survey",
                         format_func=lambda s: f"{catalog.surveys[s].title.get(lang) or catalog.surveys[s].title['sv']} ({s})")
survey = catalog.surveys[survey_id]
file_uploader_in_words(lang)  # Streamlit's uploader speaks English only: our words instead
upload = st.file_uploader(t("import.file", lang), type=["csv", "xlsx"], key="import_file")
st.caption(t("import.file_limit", lang, max_mb=st.get_option("server.maxUploadSize")))
if upload is None:
    st.caption(t("import.file_help", lang))
    st.stop()

try:
    table = imports.read_table(upload.getvalue(), upload.name)
except imports.ImportFileProblem as problem:
    st.error(t(f"import.error_{problem.key}", lang, max=imports.MAX_ROWS, columns=imports.MAX_COLUMNS))
    st.stop()

st.subheader(t("import.mapping", lang))
st.caption(t("import.mapping_help", lang, rows=len(table.rows)))
guess = imports.guess_mapping(table, survey)
choices = [NOT_IN_FILE, *table.columns]
fields = [(name, t(f"import.field_{name}", lang)) for name in imports.PROFILE_FIELDS]
fields += [(q.id, q.text.get(lang) or q.text["sv"]) for q in survey.questions]
mapping = {}
for name, label in fields:
    column = st.selectbox(label, choices, index=choices.index(guess.get(name, NOT_IN_FILE)),
                          key=f"map_{survey_id}_{name}", format_func=lambda c: t("import.not_in_file", lang) if c == NOT_IN_FILE else c)
    if column != NOT_IN_FILE:
        mapping[name] = column

try:
    checked = imports.check_rows(table, survey, mapping)
except imports.ImportFileProblem as problem:
    st.warning(t(f"import.error_{problem.key}", lang, max=imports.MAX_ROWS))
    st.stop()

st.subheader(t("import.preview", lang))
col_ok, col_bad = st.columns(2)
col_ok.metric(t("import.valid_rows", lang), len(checked.valid))
col_bad.metric(t("import.rejected_rows", lang), checked.rejected_rows)
st.dataframe([{t("import.col_row", lang): r["row"], t("import.field_date", lang): r["started_at"].date().isoformat(),
               t("import.field_age_band", lang): r["age_band"] or "", t("import.field_gender", lang): r["gender"] or "",
               **{qid: str(value) for qid, value in r["answers"].items()}} for r in checked.valid[:10]],
             hide_index=True, width="stretch", key="import_preview")
if checked.problems:
    st.warning(t("import.problems_lead", lang, n=checked.rejected_rows))
    st.dataframe([{t("import.col_row", lang): p["row"], t("import.col_column", lang): p["column"],
                   t("import.col_problem", lang): t(f"import.problem_{p['problem']}", lang),
                   t("import.col_value", lang): p["value"]} for p in checked.problems],
                 hide_index=True, width="stretch", key="import_problems")

confirm = st.checkbox(t("import.confirm", lang, n=len(checked.valid), rejected=checked.rejected_rows),
                      key="import_confirm", disabled=not checked.valid)
if st.button(t("import.button", lang), type="primary", key="import_button", disabled=not (confirm and checked.valid)):
    with run.db() as db:
        imports.import_rows(db, principal, municipality, latest_version_id(db, survey_id), survey, checked,
                            source=upload.name)
        background.request(db, config, ANNOTATION)  # themes, sentiment and safety flags, in the background
    st.success(t("import.done", lang, n=len(checked.valid)))
