"""Ni sa – vi gjorde (analysts, admins): record what was changed, in plain words, for children to see."""

from datetime import date

import streamlit as st

from analysis.taxonomy import theme_ids, theme_label
from barnrosten.i18n import t
from barnrosten.results import you_said_we_did
from barnrosten.ui.context import this_run
from barnrosten.ui.staff import pick_municipality

run = this_run()
lang, config, principal = run.lang, run.config, run.principal

st.title(t("actions.heading", lang))
st.write(t("actions.lead", lang))

municipality = pick_municipality(config, principal, ("analyst",), lang, key="actions_municipality")
st.page_link("pages/you_said_we_did.py", label=t("actions.public_link", lang), icon="🌍",
             query_params={"kommun": municipality})

theme_choice = lambda v: t("actions.no_theme", lang) if v == "" else theme_label(v, lang)  # noqa: E731

with st.form("new_action", clear_on_submit=False, border=True):
    st.subheader(t("actions.new", lang))
    theme = st.selectbox(t("dash.col_theme", lang), ["", *theme_ids()], key="action_theme", format_func=theme_choice)
    audience = st.selectbox(t("actions.audience", lang), you_said_we_did.AUDIENCES, key="action_audience",
                            format_func=lambda v: t(f"actions.audience_{v}", lang))
    said = st.text_area(t("actions.said", lang), key="action_said", max_chars=you_said_we_did.MAX_TEXT_LENGTH,
                        placeholder=t("actions.said_placeholder", lang))
    did = st.text_area(t("actions.did", lang), key="action_did", max_chars=you_said_we_did.MAX_TEXT_LENGTH,
                       placeholder=t("actions.did_placeholder", lang))
    col_status, col_date = st.columns(2)
    status = col_status.selectbox(t("actions.status", lang), you_said_we_did.STATUSES, key="action_status",
                                  format_func=lambda v: t(f"actions.status_{v}", lang))
    when = col_date.date_input(t("actions.date", lang), value=date.today(), key="action_date", format="YYYY-MM-DD")
    published = st.checkbox(t("actions.published", lang), value=True, key="action_published")
    st.caption(t("actions.plain_words", lang))
    if st.form_submit_button(t("actions.save", lang), type="primary"):
        with run.db() as db:
            try:
                you_said_we_did.add_action(db, principal, municipality, theme=theme or None, audience=audience, said=said,
                                           did=did, status=status, status_date=when.isoformat(), published=published)
                st.success(t("actions.saved", lang))
            except you_said_we_did.InvalidAction as problem:
                st.error(t(f"actions.error_{problem.field}", lang))

st.subheader(t("actions.existing", lang))
with run.db() as db:
    rows = you_said_we_did.actions_for_staff(db, principal, municipality)
if not rows:
    st.info(t("actions.none_yet", lang))
for row in rows:
    with st.container(border=True, key=f"action_{row['id']}"):
        label = theme_label(row["theme"], lang) if row["theme"] else t("actions.no_theme", lang)
        audience_label = t(f"actions.audience_{row['audience']}", lang)
        st.caption(f"{label} · {audience_label} · {row['status_date']}"
                   + ("" if row["published"] else f" · {t('actions.unpublished', lang)}"))
        st.text(f"{t('actions.said', lang)}: {row['said']}\n{t('actions.did', lang)}: {row['did']}")
        col_status, col_published, col_save = st.columns([2, 2, 1], vertical_alignment="bottom")
        new_status = col_status.selectbox(
            t("actions.status", lang), you_said_we_did.STATUSES, index=you_said_we_did.STATUSES.index(row["status"]),
            key=f"status_{row['id']}", format_func=lambda v: t(f"actions.status_{v}", lang))
        new_published = col_published.checkbox(t("actions.published", lang), value=bool(row["published"]),
                                               key=f"published_{row['id']}")
        if col_save.button(t("actions.update", lang), key=f"update_{row['id']}"):
            with run.db() as db:
                changes = {"status": new_status, "published": new_published}
                if new_status != row["status"]:
                    changes["status_date"] = date.today().isoformat()
                you_said_we_did.update_action(db, principal, row["id"], **changes)
            st.rerun()
