"""Safety queue (analysts, facilitators, admins): comments that may be about a child at risk, reviewed by a person."""

import streamlit as st

from barnrosten.formatting import integer
from barnrosten.i18n import t
from barnrosten.results.queries import municipality_names
from barnrosten.safeguarding import review_queue
from barnrosten.ui import safety_queue as screen
from barnrosten.ui.context import this_run
from barnrosten.ui.staff import current_principal

run = this_run()
lang, config, principal = run.lang, run.config, run.principal

st.title(t("queue.heading", lang))
st.write(t("queue.lead", lang))

with run.db() as db:
    names = municipality_names(db)
    if not review_queue.reviewable_municipalities(principal, list(names)):
        st.info(t("queue.none_allowed", lang))
        st.stop()
    unread = review_queue.new_count(db, principal)
    screen.unread_summary(db, principal, lang)
    chosen = screen.filters(db, principal, names, lang)
    size = st.session_state.get("queue_page_size", review_queue.DEFAULT_PAGE_SIZE)
    try:
        page = review_queue.queue_page(db, principal, chosen, after=screen.current_cursor(chosen, size), size=size)
    except PermissionError:
        st.error(t("dash.not_allowed", lang))
        st.stop()

if screen.MESSAGE_KEY in st.session_state:
    st.success(st.session_state.pop(screen.MESSAGE_KEY))
st.metric(t("queue.new_count", lang), integer(unread, lang))
if not page.flags:
    st.info(t("queue.empty", lang))
    st.stop()
screen.pager(page, size, lang, "top")
screen.bulk_actions(config, current_principal, page, lang)
for flag in page.flags:
    screen.flag_card(config, current_principal, flag, names, lang)
screen.pager(page, size, lang, "bottom")
