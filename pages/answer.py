"""Answering: join with a code, read what anonymity means, answer one question per screen."""

import streamlit as st

from barnrosten.ui.answering import screens, state
from barnrosten.ui.answering.scroll import screen_marker
from barnrosten.ui.context import get_config, get_db
from barnrosten.ui.style import apply_answering_style

config = get_config()
db = get_db(config)
state.adopt_query_params()
where = state.resolve(db)

apply_answering_style(st.session_state.lang)
screen_marker(f"{where.screen}:{where.participant['current_question'] if where.participant else ''}")
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
db.conn.close()
