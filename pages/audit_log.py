"""Audit log (admins): who did what and when."""

import streamlit as st

from barnrosten.access import accounts, audit
from barnrosten.i18n import t
from barnrosten.ui.context import this_run
from barnrosten.ui.staff import TOKEN_KEY

run = this_run()
lang, config, principal = run.lang, run.config, run.principal

st.title(t("audit.heading", lang))
st.write(t("audit.lead", lang))
with run.db() as db:
    try:
        rows = audit.entries(db, principal)
    except PermissionError:
        st.stop()
st.dataframe(
    [
        {t("audit.col_at", lang): r["at"], t("audit.col_actor", lang): r["actor"] or "–",
         t("audit.col_action", lang): r["action"], t("audit.col_target", lang): r["target"] or "",
         t("audit.col_details", lang): r["details"]}
        for r in (audit.readable(row, lang) for row in rows)
    ],
    hide_index=True,
    width="stretch",
)
st.caption(t("audit.times", lang))



def build_export(token=st.session_state.get(TOKEN_KEY)) -> bytes:
    """Built when clicked (and logged then), not on every visit; the session is checked again."""
    with run.db() as db:
        return audit.export_csv(db, accounts.resume_session(db, token))


st.download_button(t("audit.export", lang), build_export, file_name="granskningslogg.csv", mime="text/csv",
                   key="audit_export", on_click="ignore", icon="🧾")
