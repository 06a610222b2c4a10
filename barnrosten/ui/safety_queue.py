"""The safety queue's screen parts: filters, the unread summary, one page of flags, bulk actions, paging.

Everything shown comes from barnrosten/safeguarding/review_queue.py, which checks
access and logs every view. Participant text and staff notes are shown as plain
text (st.text), never as markup.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import streamlit as st

from barnrosten.access.roles import Principal
from barnrosten.config import Config
from barnrosten.formatting import decimal, integer, local_time
from barnrosten.i18n import t
from barnrosten.safeguarding import review_queue
from barnrosten.storage.db import connection
from barnrosten.ui.context import this_run

ALL = ""
STATUS_CHOICES = ("new", "seen", "acted_on", ALL)
CURSORS_KEY = "queue_cursors"  # the cursor of each page visited so far; the last is the page shown
FILTER_SEEN_KEY = "queue_filter_seen"
MESSAGE_KEY = "queue_message"


def number_for(key: str) -> str:
    """A widget key that follows the flag, not its place on the page (the page reorders as flags are read)."""
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def unread_summary(db, principal: Principal, lang: str) -> None:
    """Unread flags per most serious category, whatever the filters: a flood never hides a graver few."""
    counts = review_queue.unread_by_severity(db, principal)
    if not counts:
        st.success(t("queue.unread_none", lang))
        return
    parts = [f"{t(f'risk.{category}', lang)}: {integer(n, lang)}" for category, n in counts.items()]
    st.warning(t("queue.unread_summary", lang) + " " + " · ".join(parts), icon="🛟")


def filters(db, principal: Principal, names: dict[str, str], lang: str) -> review_queue.QueueFilter:
    """The filter row; returns the filter chosen. Only what the user reviews is offered."""
    allowed = review_queue.reviewable_municipalities(principal, list(names))
    first, second, third = st.columns(3)
    status = first.selectbox(t("queue.filter_status", lang), STATUS_CHOICES, key="queue_status",
                             format_func=lambda s: t(f"queue.state_{s}", lang) if s else t("queue.status_all", lang))
    categories = second.multiselect(t("queue.filter_categories", lang), review_queue.SEVERITY_ORDER,
                                    key="queue_categories", format_func=lambda c: t(f"risk.{c}", lang),
                                    placeholder=t("queue.all_categories", lang))
    municipality = ALL
    if len(allowed) > 1:
        municipality = third.selectbox(
            t("dash.municipality", lang), [ALL, *allowed], key="queue_municipality",
            format_func=lambda m: names.get(m, m) if m else t("queue.all_municipalities", lang))
    fourth, fifth, sixth = st.columns([2, 2, 1])
    period = fourth.date_input(t("queue.filter_period", lang), value=(), key="queue_period", format="YYYY-MM-DD",
                               max_value=date.today())
    start, end = (tuple(period) + (None, None))[:2] if isinstance(period, (tuple, list)) else (period, None)
    chosen = review_queue.QueueFilter(status=status or None, categories=tuple(categories),
                                      municipalities=(municipality,) if municipality else (), start=start,
                                      end=end or start)
    found = {row["session_id"]: row for row in review_queue.sources(db, principal, chosen)}
    source = fifth.selectbox(
        t("queue.filter_source", lang), [None, *found], key="queue_source",
        format_func=lambda s: t("queue.all_sources", lang) if s not in found else
        t("queue.source_choice", lang, label=source_label(found[s], names, lang), n=integer(found[s]["flags"], lang)))
    sixth.selectbox(t("queue.page_size", lang), review_queue.PAGE_SIZES, key="queue_page_size",
                    index=review_queue.PAGE_SIZES.index(review_queue.DEFAULT_PAGE_SIZE))
    return replace(chosen, session_id=source if source in found else None)


def source_label(row: dict, names: dict[str, str], lang: str) -> str:
    """Where a comment came from: an import's label, or the session's label or code, with the municipality."""
    label = row.get("label") or row.get("session_label") or t("queue.session_code", lang,
                                                               code=row.get("code") or row.get("session_code") or "")
    municipality = names.get(row.get("municipality_id"), row.get("municipality_id") or "")
    return f"{label} · {municipality}" if municipality else label


def current_cursor(chosen: review_queue.QueueFilter, size: int) -> str | None:
    """The cursor of the page to show; back to the first page whenever the filter changes."""
    ss = st.session_state
    if ss.get(FILTER_SEEN_KEY) != (chosen, size):
        ss[FILTER_SEEN_KEY] = (chosen, size)
        ss[CURSORS_KEY] = [None]
    return ss[CURSORS_KEY][-1]


def next_page(cursor: str) -> None:
    st.session_state[CURSORS_KEY] = [*st.session_state[CURSORS_KEY], cursor]


def previous_page() -> None:
    st.session_state[CURSORS_KEY] = st.session_state[CURSORS_KEY][:-1] or [None]


def change(config: Config, principal_of, keys: list[str], status: str, note_key: str | None) -> None:
    """A callback: move `keys` to `status`, then clear the selection and say how many moved."""
    note = st.session_state.get(note_key) if note_key else None
    with connection(config.db_path) as db:
        moved = review_queue.set_status_many(db, principal_of(config), keys, status, note)
    for key in keys:
        st.session_state.pop(f"sel_{number_for(key)}", None)
    if note_key:
        st.session_state[note_key] = ""
    lang = this_run().lang
    st.session_state[MESSAGE_KEY] = (t(f"queue.status_{status}", lang) if len(keys) == 1 else
                                     t(f"queue.bulk_{status}", lang, n=integer(moved, lang)))


def bulk_actions(config: Config, principal_of, page: review_queue.Page, lang: str) -> None:
    """Mark the selected flags, or the whole page, read or acted on (only what is on screen, never more)."""
    keys = [flag["key"] for flag in page.flags]
    selected = [key for key in keys if st.session_state.get(f"sel_{number_for(key)}")]
    with st.container(border=True, key="queue_bulk"):
        st.caption(t("queue.bulk_lead", lang, n=len(selected)))
        st.text_input(t("queue.bulk_note", lang), key="queue_bulk_note", max_chars=review_queue.MAX_NOTE_LENGTH)
        seen, acted = st.columns(2)
        seen.button(t("queue.mark_selected_seen", lang), key="queue_selected_seen", disabled=not selected,
                    on_click=change, args=(config, principal_of, selected, "seen", "queue_bulk_note"), width="stretch")
        acted.button(t("queue.mark_selected_acted", lang), key="queue_selected_acted", disabled=not selected,
                     on_click=change, args=(config, principal_of, selected, "acted_on", "queue_bulk_note"),
                     width="stretch")
        unread = [flag["key"] for flag in page.flags if flag["status"] == "new"]
        st.button(t("queue.mark_page_seen", lang, n=len(unread)), key="queue_page_seen", disabled=not unread,
                     on_click=change, args=(config, principal_of, unread, "seen", "queue_bulk_note"), width="stretch")


def flag_card(config: Config, principal_of, flag: dict, names: dict[str, str], lang: str) -> None:
    number = number_for(flag["key"])
    with st.container(border=True, key=f"flag_{number}"):
        state = t(f"queue.state_{flag['status']}", lang)
        # Ticking the flag's own heading selects it for a bulk action (the label is ours, not participant text).
        st.checkbox(f"**{state}** · {local_time(flag['flagged_at'])}", key=f"sel_{number}")
        st.caption(" · ".join([", ".join(t(f"risk.{c}", lang) for c in ordered(flag["categories"])),
                               source_label(flag, names, lang)]))
        # Participant text: plain text, never markup.
        st.text(flag["redacted"] or t("queue.text_removed", lang))
        # Why it was flagged; the matched words are the child's: plain text too.
        st.text(reasons_text(flag.get("reasons"), lang))
        if flag["history"]:
            st.text(" · ".join(  # the note is typed by staff: plain text too
                " ".join([t(f"queue.state_{h['status']}", lang), h["changed_by"], local_time(h["changed_at"])])
                + (f" ({h['note']})" if h["note"] else "") for h in flag["history"]))
        note_key = f"note_{number}"
        st.text_input(t("queue.note", lang), key=note_key, max_chars=review_queue.MAX_NOTE_LENGTH)
        seen, acted = st.columns(2)
        seen.button(t("queue.mark_seen", lang), key=f"seen_{number}", on_click=change,
                    args=(config, principal_of, [flag["key"]], "seen", note_key), disabled=flag["status"] != "new",
                    width="stretch")
        acted.button(t("queue.mark_acted", lang), key=f"acted_{number}", on_click=change,
                     args=(config, principal_of, [flag["key"]], "acted_on", note_key),
                     disabled=flag["status"] == "acted_on", width="stretch")


def reasons_text(reasons: list[dict] | None, lang: str) -> str:
    """Why a comment was flagged, in the reviewer's language: each source with its category and score."""
    if reasons is None:
        return t("queue.why", lang) + " " + t("queue.reason_unknown", lang)
    parts = []
    for reason in reasons:
        category = t(f"risk.{reason['category']}", lang).lower()
        if reason["source"] == "model":
            parts.append(t("queue.reason_model", lang, category=category,
                           score=decimal(reason.get("score") or 0.0, lang, places=2)))
        elif reason.get("evidence"):
            parts.append(t("queue.reason_pattern", lang, category=category, evidence=reason["evidence"]))
        else:
            parts.append(t("queue.reason_pattern_plain", lang, category=category))
    return t("queue.why", lang) + " " + " · ".join(parts)


def ordered(categories: list[str]) -> list[str]:
    """The gravest category first."""
    rank = {c: i for i, c in enumerate(review_queue.SEVERITY_ORDER)}
    return sorted(categories, key=lambda c: rank.get(c, len(rank)))


def pager(page: review_queue.Page, size: int, lang: str, place: str) -> None:
    number = len(st.session_state[CURSORS_KEY])
    first = (number - 1) * size + 1 if page.flags else 0
    back, where, forward = st.columns([1, 2, 1], vertical_alignment="center")
    back.button(t("queue.previous", lang), key=f"queue_previous_{place}", on_click=previous_page, disabled=number == 1,
                width="stretch")
    where.caption(t("queue.showing", lang, page=number, first=integer(first, lang),
                    last=integer(first + len(page.flags) - 1 if page.flags else 0, lang),
                    total=integer(page.total, lang)))
    forward.button(t("queue.next", lang), key=f"queue_next_{place}", on_click=next_page, args=(page.next_cursor,),
                   disabled=page.next_cursor is None, width="stretch")
