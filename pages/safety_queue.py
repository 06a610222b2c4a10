"""Safety queue (analysts, facilitators, admins): comments that may be about a child at risk, reviewed by a person."""

import hashlib

import streamlit as st

from barnrosten.i18n import t
from barnrosten.safeguarding import review_queue
from barnrosten.storage.db import connection
from barnrosten.ui.context import get_config, survey_catalog
from barnrosten.ui.staff import current_principal, pick_municipality

lang = st.session_state.get("lang", "sv")
config = get_config()
principal = current_principal(config)
survey_catalog(config)

st.title(t("queue.heading", lang))
st.write(t("queue.lead", lang))

municipality = pick_municipality(config, principal, review_queue.REVIEW_ROLES, lang, key="queue_municipality",
                                 empty_key="queue.none_allowed")
with connection(config.db_path) as db:
    only_new = st.toggle(t("queue.only_new", lang), key="queue_only_new")
    try:
        flags = review_queue.queue(db, principal, municipality, "new" if only_new else None)
    except PermissionError:
        st.error(t("dash.not_allowed", lang))
        st.stop()


def change_status(key: str, status: str, note_key: str) -> None:
    with connection(config.db_path) as db:
        review_queue.set_status(db, current_principal(config), key, status, st.session_state.get(note_key))
    st.session_state["queue_message"] = t(f"queue.status_{status}", lang)


if "queue_message" in st.session_state:
    st.success(st.session_state.pop("queue_message"))
new = sum(f["status"] == "new" for f in flags)
st.metric(t("queue.new_count", lang), new)
if not flags:
    st.info(t("queue.empty", lang))

for flag in flags:
    # Widget keys follow the flag, not its place in the list (the list reorders as flags are read).
    number = hashlib.sha256(flag["key"].encode()).hexdigest()[:12]
    with st.container(border=True, key=f"flag_{number}"):
        state = t(f"queue.state_{flag['status']}", lang)
        st.markdown(f"**{state}** · {flag['flagged_at'][:16].replace('T', ' ')}")
        st.caption(", ".join(t(f"risk.{c}", lang) for c in flag["categories"]))
        st.text(flag["redacted"])  # participant text: plain text, never markup
        if flag["history"]:
            st.text(" · ".join(  # the note is typed by staff: plain text too
                " ".join([t(f"queue.state_{h['status']}", lang), h["changed_by"], h["changed_at"][:16].replace("T", " ")])
                + (f" ({h['note']})" if h["note"] else "") for h in flag["history"]))
        note_key = f"note_{number}"
        st.text_input(t("queue.note", lang), key=note_key, max_chars=review_queue.MAX_NOTE_LENGTH)
        seen, acted = st.columns(2)
        seen.button(t("queue.mark_seen", lang), key=f"seen_{number}", on_click=change_status,
                    args=(flag["key"], "seen", note_key), disabled=flag["status"] != "new", width="stretch")
        acted.button(t("queue.mark_acted", lang), key=f"acted_{number}", on_click=change_status,
                     args=(flag["key"], "acted_on", note_key), disabled=flag["status"] == "acted_on", width="stretch")
