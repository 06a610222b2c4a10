"""Answering: join with a code, read what anonymity means, answer one question per screen."""

import streamlit as st

from barnrosten.i18n import t
from barnrosten.ui.answering import quick_exit, screens, state
from barnrosten.ui.answering.quick_exit import leave_now, quick_exit_button
from barnrosten.ui.answering.scroll import screen_marker
from barnrosten.ui.context import this_run
from barnrosten.ui.style import apply_answering_style

config = this_run().config
if st.session_state.get("leave_to"):  # "Lämna snabbt" was tapped: nothing else is drawn
    leave_now(st.session_state.leave_to)
    st.stop()
with this_run().db() as db:  # borrowed for this run, back to the pool at its end
    state.adopt_query_params()
    where = state.resolve(db)

    apply_answering_style(st.session_state.lang)
    screen_marker(f"{where.screen}:{where.participant['current_question'] if where.participant else ''}")
    if quick_exit.offered(where.session, where.survey):
        quick_exit_button(config.quick_exit_url, t("quick_exit.label", st.session_state.lang), state.quick_exit, (config,))
    screens.language_switch(config)

    if where.screen == "join":
        screens.join_screen(config, where)
    elif where.screen == "welcome":
        screens.welcome_screen(config, where)
    elif where.screen == "profile":
        screens.profile_screen(config, where)
    elif where.screen == "question":
        screens.question_screen(config, where, db)
    elif where.screen == "answered_with":
        screens.answered_with_screen(config, where)
    elif where.screen == "finish":
        screens.finish_screen(config, where)


@st.fragment(run_every=config.idle_check_seconds)
def watch_shared_tablet():
    """Return a shared tablet to the start once the child is done or has walked away."""
    if state.reset_if_idle(config):
        st.rerun(scope="app")


if where.screen in ("profile", "question", "answered_with", "finish"):
    watch_shared_tablet()
