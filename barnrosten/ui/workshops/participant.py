"""The participant's workshop screens: one per activity kind, big touch targets, plain words."""

from __future__ import annotations

import streamlit as st

from barnrosten.access.join_throttle import THROTTLE
from barnrosten.config import Config
from barnrosten.i18n import t
from barnrosten.storage.db import connection
from barnrosten.ui.answering.screens import help_box, safety_help
from barnrosten.ui.browser_id import browser_key, ensure_browser_cookie
from barnrosten.ui.text import escape_markdown
from barnrosten.workshops import facilitation
from barnrosten.workshops import participation as wp

FACES = {1: "😢", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}
TOKEN_PARAM = "wt"  # the participant token in the URL: a tablet that slept comes back to the same place


def join_screen(config: Config, lang: str) -> None:
    st.title(t("ws.join_heading", lang))
    st.write(t("ws.join_lead", lang))
    with st.form("ws_join"):
        code = st.text_input(t("join.code_label", lang), key="ws_code_input", max_chars=12,
                             value=st.session_state.get("ws_code", ""))
        if st.form_submit_button(t("join.button", lang), type="primary", width="stretch"):
            browser = browser_key()
            if THROTTLE.blocked(browser):
                st.error(t("join.slow_down", lang))
                st.stop()
            with connection(config.db_path) as db:
                joined = wp.join(db, code)
            if joined.status in ("malformed", "unknown"):
                THROTTLE.failed(browser)
            if joined.token:
                st.session_state["ws_token"] = joined.token
                st.query_params[TOKEN_PARAM] = joined.token
                st.rerun()
            st.error(t(f"ws.join_{joined.status}", lang))
    ensure_browser_cookie()


def waiting_screen(lang: str, key: str) -> None:
    st.title(t(f"ws.{key}_heading", lang))
    st.write(t(f"ws.{key}_lead", lang))


def ideas_screen(config: Config, token: str, activity: dict, lang: str) -> None:
    st.title(escape_markdown(activity["prompt"]))  # typed by the facilitator: text, never markup
    if st.session_state.pop("ws_card_held", False):
        safety_help(lang)
    elif st.session_state.pop("ws_card_posted", False):
        st.success(t("ws.card_posted", lang))
    with st.form("ws_card", clear_on_submit=True):
        text = st.text_area(t("ws.card_label", lang), key="ws_card_text", max_chars=wp.MAX_CARD_LENGTH)
        if st.form_submit_button(t("ws.card_post", lang), type="primary", width="stretch"):
            if not text.strip():
                st.warning(t("ws.card_empty", lang))
            else:
                try:
                    with connection(config.db_path) as db:
                        posted = wp.post_card(db, token, text)
                except wp.NotNow:
                    st.info(t("ws.moved_on", lang))
                else:
                    st.session_state["ws_card_held" if posted.status == "held" else "ws_card_posted"] = True
                    st.rerun()
    with connection(config.db_path) as db:
        mine = [c for c in wp.my_cards(db, token) if c["status"] == "shown"]
    if mine:
        st.caption(t("ws.my_cards", lang))
        for card in mine:
            st.markdown(f"- {escape_markdown(card['shown_text'])}")


def _vote(config: Config, token: str, card_id: int, add: bool, lang: str) -> None:
    try:
        with connection(config.db_path) as db:
            (wp.vote if add else wp.unvote)(db, token, card_id)
    except wp.NoDotsLeft:
        st.session_state["ws_vote_message"] = t("ws.no_dots", lang)
    except (wp.NotNow, KeyError):
        st.session_state["ws_vote_message"] = t("ws.moved_on", lang)


def voting_screen(config: Config, token: str, activity: dict, lang: str) -> None:
    st.title(escape_markdown(activity["prompt"]))  # typed by the facilitator: text, never markup
    with connection(config.db_path) as db:
        left = wp.dots_left(db, token)
        mine = wp.my_votes(db, token)
        screen = wp.screen(db, token)
        cards = facilitation.wall(db, screen["workshop"]["id"])
    st.subheader(t("ws.dots_left", lang, n=left) + " " + "🔵" * left)
    if "ws_vote_message" in st.session_state:
        st.info(st.session_state.pop("ws_vote_message"))
    for card in cards:
        with st.container(border=True, key=f"ws_vote_card_{card['id']}"):
            st.markdown("#### " + escape_markdown(card["shown_text"]))
            minus, count, plus = st.columns([1, 1, 1], vertical_alignment="center")
            minus.button("➖", key=f"ws_unvote_{card['id']}", on_click=_vote, args=(config, token, card["id"], False, lang),
                         disabled=not mine.get(card["id"]), width="stretch", help=t("ws.take_dot", lang))
            count.markdown(f"**{'🔵' * mine.get(card['id'], 0) or '–'}**")
            plus.button("➕", key=f"ws_vote_{card['id']}", on_click=_vote, args=(config, token, card["id"], True, lang),
                        disabled=left == 0, width="stretch", help=t("ws.give_dot", lang))


def _rate(config: Config, token: str, step: int, face: int) -> None:
    with connection(config.db_path) as db:
        try:
            wp.rate_step(db, token, step, face, st.session_state.get(f"ws_comment_{step}"))
        except wp.NotNow:
            pass


def _comment(config: Config, token: str, step: int, ratings: dict) -> None:
    if step in ratings:
        with connection(config.db_path) as db:
            try:
                if wp.rate_step(db, token, step, ratings[step], st.session_state.get(f"ws_comment_{step}")) == "help":
                    st.session_state["ws_journey_help"] = True
            except wp.NotNow:
                pass


def journey_screen(config: Config, token: str, activity: dict, lang: str) -> None:
    st.title(escape_markdown(activity["prompt"]))  # typed by the facilitator: text, never markup
    with connection(config.db_path) as db:
        ratings = wp.my_ratings(db, token, activity["id"])
    if st.session_state.get("ws_journey_help"):
        safety_help(lang)
    for step, label in enumerate(activity["settings"].get("steps", [])):
        with st.container(border=True, key=f"ws_step_{step}"):
            st.subheader(f"{step + 1}. {escape_markdown(label)}")  # typed by the facilitator: plain text
            for column, (face, emoji) in zip(st.columns(5), FACES.items()):
                column.button(emoji, key=f"ws_face_{step}_{face}", on_click=_rate, args=(config, token, step, face),
                              type="primary" if ratings.get(step) == face else "secondary", width="stretch",
                              help=t(f"face.{face}", lang))
            st.text_input(t("ws.step_comment", lang), key=f"ws_comment_{step}", max_chars=wp.MAX_COMMENT_LENGTH,
                          on_change=_comment, args=(config, token, step, ratings), disabled=step not in ratings)


def survey_screen(activity: dict, lang: str) -> None:
    st.title(escape_markdown(activity["prompt"]))  # typed by the facilitator: text, never markup
    st.page_link("pages/answer.py", label=t("ws.open_survey", lang), icon="📝",
                 query_params={"code": activity["settings"]["session_code"]})


def footer(lang: str) -> None:
    help_box(lang)
