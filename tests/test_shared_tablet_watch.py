"""The idle watcher that a `run_every` fragment calls (it never fires in AppTest, so call it here)."""

from datetime import timedelta

from streamlit.testing.v1 import AppTest

from barnrosten.answering import responses
from barnrosten.storage.db import to_iso, utc_now


def watcher_script():
    import streamlit as st

    from barnrosten.config import Config
    from barnrosten.ui.answering.state import reset_if_idle

    st.session_state.setdefault("adopted", True)
    st.session_state.setdefault("token", st.query_params.get("p"))
    st.session_state.setdefault("lang", "sv")
    st.session_state.setdefault("seen_token", st.session_state.token)
    st.write(f"reset={reset_if_idle(Config.from_env())} token={st.session_state.token}")


def run_watcher(token):
    at = AppTest.from_function(watcher_script, default_timeout=30)
    at.query_params["p"] = token
    return at.run()


def test_active_child_is_left_alone(config, db, open_session):
    token = responses.start_participant(db, open_session["id"], "sv")
    at = run_watcher(token)
    assert at.markdown[0].value == f"reset=False token={token}"


def test_idle_child_is_sent_back_to_the_start(config, db, open_session):
    token = responses.start_participant(db, open_session["id"], "sv")
    old = to_iso(utc_now() - timedelta(minutes=open_session["idle_timeout_minutes"] + 1))
    db.execute("UPDATE participants SET last_active_at = ? WHERE token = ?", [old, token])
    at = run_watcher(token)
    assert at.markdown[0].value == "reset=True token=None"
    assert at.query_params.get("code") == "HEJ347" and "p" not in at.query_params
    assert "seen_token" not in at.session_state  # nothing of the last child is left in the tab
    assert responses.get_participant(db, token)["ended_at"] is not None


def test_personal_phone_is_never_reset(config, db, version_ids):
    from barnrosten.answering.sessions import create_session

    session = create_session(db, "bjorkdala", version_ids["barn-7-12"], shared_device=False)
    token = responses.start_participant(db, session["id"], "sv")
    old = to_iso(utc_now() - timedelta(hours=5))
    db.execute("UPDATE participants SET last_active_at = ? WHERE token = ?", [old, token])
    assert run_watcher(token).markdown[0].value == f"reset=False token={token}"


def test_finish_screen_returns_to_the_start_after_its_time(config, db, open_session):
    import time

    token = responses.start_participant(db, open_session["id"], "sv")
    responses.mark_completed(db, token)

    def finished_script():
        import streamlit as st

        from barnrosten.config import Config
        from barnrosten.ui.answering.state import reset_if_idle

        ss = st.session_state
        if "adopted" not in ss:
            ss.update(adopted=True, token=st.query_params["p"], lang="sv", finished_token=st.query_params["p"],
                      finish_deadline=float(st.query_params["deadline"]))
        st.write(f"reset={reset_if_idle(Config.from_env())}")

    at = AppTest.from_function(finished_script, default_timeout=30)
    at.query_params.update(p=token, deadline=str(time.time() + 3600))
    assert at.run().markdown[0].value == "reset=False"  # still showing "Tack!"

    at = AppTest.from_function(finished_script, default_timeout=30)
    at.query_params.update(p=token, deadline=str(time.time() - 1))
    assert at.run().markdown[0].value == "reset=True"
    assert responses.get_participant(db, token)["ended_at"] is not None
