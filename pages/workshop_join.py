"""Workshop, participant (no account): join by code or QR, then the screen follows the facilitator."""

import streamlit as st

from barnrosten.i18n import t
from barnrosten.ui.context import this_run
from barnrosten.ui.style import apply_answering_style
from barnrosten.ui.text import escape_markdown
from barnrosten.ui.workshops import participant as screens
from barnrosten.workshops import participation as wp

# Query parameters are cleared on navigation: keep the code and the token from the link at once.
if st.query_params.get("kod"):
    st.session_state["ws_code"] = st.query_params.get("kod")
if st.query_params.get(screens.TOKEN_PARAM):
    st.session_state["ws_token"] = st.query_params.get(screens.TOKEN_PARAM)
run = this_run()
lang, config = run.lang, run.config
apply_answering_style(lang)
token = st.session_state.get("ws_token")

with run.db() as db:
    now = wp.screen(db, token)
if now is None:
    st.session_state.pop("ws_token", None)
    screens.join_screen(config, lang)
    st.stop()
st.query_params[screens.TOKEN_PARAM] = token
st.session_state["ws_seen"] = (now["position"], now["workshop"]["status"])


@st.fragment(run_every=2)
def follow_the_facilitator() -> None:
    """Every two seconds: has the facilitator moved on, paused or ended? Then redraw the whole screen."""
    with run.db() as db:
        latest = wp.screen(db, token)
    if latest and (latest["position"], latest["workshop"]["status"]) != st.session_state.get("ws_seen"):
        st.rerun(scope="app")


follow_the_facilitator()
activity = now["activity"]
st.caption(f"{escape_markdown(now['workshop']['title'])} · "
           f"{t('ws.step_of', lang, n=now['position'] + 1, total=now['count'])}")
if now["workshop"]["status"] == "ended":
    screens.waiting_screen(lang, "ended")
elif now["workshop"]["status"] == "paused" or activity is None:
    screens.waiting_screen(lang, "paused")
elif activity["kind"] == "ideas":
    screens.ideas_screen(config, token, activity, lang)
elif activity["kind"] == "voting":
    screens.voting_screen(config, token, activity, lang)
elif activity["kind"] == "journey":
    screens.journey_screen(config, token, activity, lang)
elif activity["kind"] == "survey":
    screens.survey_screen(activity, lang)
else:
    screens.waiting_screen(lang, "look_up")
screens.footer(lang)
