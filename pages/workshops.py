"""Workshops (facilitators, admins): create one, show the code and QR, lead the room, see the wall.

A workshop's projector view and its remote are deep links to this page:
`?workshop=ID&vy=projektor` and `?workshop=ID&vy=fjarr` (barnrosten/ui/workshops/room.py).
"""

import streamlit as st

from barnrosten.i18n import t
from barnrosten.ui.context import this_run
from barnrosten.ui.staff import pick_municipality
from barnrosten.ui.text import escape_markdown
from barnrosten.ui.workshops import facilitator as lead
from barnrosten.ui.workshops import room
from barnrosten.workshops import facilitation, papers, projection

run = this_run()
lang, config, principal = run.lang, run.config, run.principal
catalog = run.catalog

view = st.query_params.get("vy")
if view == projection.PROJECTOR:
    room.projector_screen(config, principal, st.query_params.get("workshop"), lang)
    st.stop()
if view == projection.REMOTE:
    room.remote_screen(config, principal, st.query_params.get("workshop"), lang)
    st.stop()

st.title(t("wsf.heading", lang))
municipality = pick_municipality(config, principal, ("facilitator",), lang, key="wsf_municipality")
with run.db() as db:
    mine = facilitation.workshops_for(db, principal, municipality)
status = {w["id"]: t(f"wsf.status_{w['status']}", lang) for w in mine}
choices = {w["id"]: f"{w['title']} ({w['code']}, {status[w['id']]})" for w in mine}
if "wsf_created" in st.session_state:
    st.session_state["wsf_workshop"] = st.session_state.pop("wsf_created")
if st.session_state.get("wsf_workshop") not in choices:
    st.session_state["wsf_workshop"] = None
chosen = st.selectbox(t("wsf.choose", lang), [None, *choices], key="wsf_workshop",
                      format_func=lambda w: t("wsf.new_option", lang) if w is None else choices[w])

if chosen is None:
    lead.create_form(config, principal, municipality, lang, sorted(catalog.surveys))
    st.stop()

with run.db() as db:
    workshop = facilitation.get_workshop(db, chosen)
    steps = facilitation.activities(db, chosen)
current = steps[workshop["current_position"]]

lead.controls(config, principal, workshop, steps, lang)
lead.held_alert(config, principal, chosen, lang)
lead.projector(config, workshop, lang)
room.view_links(workshop, lang)
st.header(escape_markdown(current["prompt"]))  # typed text, never markup
if current["kind"] in ("ideas", "voting"):
    lead.live_wall(config, chosen, lang)
    lead.moderation(config, principal, chosen, lang)
elif current["kind"] == "journey":
    lead.journey(config, current, lang)
elif current["kind"] == "themes":
    lead.themes(config, chosen, lang)
else:
    st.write(t("wsf.survey_running", lang, code=current["settings"]["session_code"]))

with st.expander(t("wsf.notes", lang)):
    notes = st.text_area(t("wsf.notes", lang), value=workshop["notes"] or "", key=f"wsf_notes_{chosen}",
                         label_visibility="collapsed")
    if st.button(t("wsf.save_notes", lang), key="wsf_save_notes"):
        with run.db() as db:
            facilitation.save_notes(db, principal, chosen, notes)
csv_col, pdf_col, sheet_col = st.columns(3)
csv_col.download_button(t("wsf.download", lang), lambda: lead.summary_csv(config, principal, chosen, lang),
                        file_name=f"workshop-{workshop['code']}.csv", mime="text/csv", key="wsf_download",
                        on_click="ignore")
pdf_col.download_button(t("wsf.download_pdf", lang), lambda: lead.summary_pdf(config, principal, chosen, lang),
                        file_name=f"workshop-{workshop['code']}.pdf", mime="application/pdf", key="wsf_download_pdf",
                        on_click="ignore")
sheet_col.download_button(t("wsf.print_sheet", lang), papers.join_sheet(workshop, lead.join_link(workshop["code"]), lang),
                          file_name=f"qr-{workshop['code']}.pdf", mime="application/pdf", key="wsf_sheet")
