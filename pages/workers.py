"""Background work (admins): each worker's last run, last success and last error, in Swedish time."""

import streamlit as st

from barnrosten.formatting import local_time
from barnrosten.i18n import t
from barnrosten.jobs import queue
from barnrosten.storage import worker_runs
from barnrosten.ui.context import this_run

run_context = this_run()
lang, principal = run_context.lang, run_context.principal

st.title(t("workers.heading", lang))
st.write(t("workers.lead", lang))
with run_context.db() as db:
    try:
        runs = worker_runs.latest(db, principal)
    except PermissionError:
        st.stop()
    next_runs = queue.next_runs(db)


def state(run: dict) -> str:
    if run["last_run_at"] is None:
        return t("workers.state_never", lang)
    if run["last_outcome"] == "error":
        return "⚠️ " + t("workers.state_failing", lang)
    return "✅ " + t("workers.state_ok", lang)


st.dataframe(
    [{t("workers.col_worker", lang): t(f"workers.name_{name}", lang) if name in worker_runs.WORKERS else name,
      t("workers.col_state", lang): state(run),
      t("workers.col_last_run", lang): local_time(run["last_run_at"]),
      t("workers.col_last_success", lang): local_time(run["last_success_at"]),
      t("workers.col_last_error_at", lang): local_time(run["last_error_at"]),
      t("workers.col_last_error", lang): run["last_error"] or "",
      t("workers.col_next_run", lang): local_time(next_runs.get(name))}
     for name, run in runs.items()],
    hide_index=True, width="stretch", key="worker_runs",
)
st.caption(t("workers.times", lang))
