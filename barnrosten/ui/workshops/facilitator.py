"""The facilitator's workshop screens: create, control the room, the live wall for the projector."""

from __future__ import annotations

import io

import altair as alt
import streamlit as st

from analysis.taxonomy import theme_label
from barnrosten.access.roles import Principal
from barnrosten.config import Config
from barnrosten.formatting import decimal, excel_csv, integer
from barnrosten.i18n import complete_languages, draft_warning, review_state, t
from barnrosten.languages import native_name
from barnrosten.results import charts
from barnrosten.results.filters import RESPONDENT_GROUPS
from barnrosten.storage.db import connection
from barnrosten.ui.chart_view import chart_with_table
from barnrosten.ui.text import escape_markdown
from barnrosten.workshops import facilitation, papers

# The projected wall redraws itself this often: a new card is up within a few seconds.
WALL_REFRESH_SECONDS = 2


def join_link(code: str) -> str:
    """The participants' link, on the address the facilitator's own browser uses (behind any proxy)."""
    base = (st.context.url or "http://localhost:8501/").rsplit("/", 1)[0]
    return f"{base}/workshop?kod={code}"



def qr_png(link: str, scale: int = 10) -> bytes:
    import segno

    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


def create_form(config: Config, principal: Principal, municipality: str, lang: str, surveys: list[str]) -> None:
    with st.form("ws_create", border=True):
        st.subheader(t("wsf.new", lang))
        title = st.text_input(t("wsf.title", lang), key="wsf_title", max_chars=facilitation.MAX_TITLE)
        audience = st.selectbox(t("wsf.audience", lang), RESPONDENT_GROUPS, key="wsf_audience",
                                format_func=lambda g: t(f"group.{g}", lang))
        kinds = st.multiselect(t("wsf.activities", lang), facilitation.KINDS, default=["ideas", "voting", "journey", "themes"],
                               key="wsf_kinds", format_func=lambda k: t(f"wsf.kind_{k}", lang),
                               placeholder=t("wsf.activities_choose", lang))
        survey = st.selectbox(t("wsf.survey", lang), surveys, key="wsf_survey")
        survey_language = st.selectbox(t("wsf.survey_language", lang), complete_languages(), key="wsf_survey_language",
                                       format_func=lambda code: _language_choice(code, lang))
        steps = st.text_area(t("wsf.steps", lang), value="\n".join(facilitation.DEFAULT_JOURNEY), key="wsf_steps")
        dots = st.number_input(t("wsf.dots", lang), min_value=1, max_value=20, value=3, key="wsf_dots")
        if st.form_submit_button(t("wsf.create", lang), type="primary"):
            plan = []
            for kind in kinds:
                settings = {"survey_id": survey} if kind == "survey" else {}
                if kind == "journey":
                    settings["steps"] = [s for s in steps.splitlines() if s.strip()]
                plan.append({"kind": kind, "settings": settings})
            request = dict(title=title, audience=audience, activities=plan, language=lang, dots_per_person=int(dots),
                           survey_language=survey_language if "survey" in kinds else None)
            if request["survey_language"] and draft_warning(survey_language, lang):
                st.session_state["wsf_pending"] = request  # created only after the warning, below
            else:
                _create(config, principal, municipality, lang, request)
    pending = st.session_state.get("wsf_pending")
    if pending:  # a survey in a draft translation: say so, and create only when asked again
        with st.container(border=True, key="wsf_draft"):
            st.warning(draft_warning(pending["survey_language"], lang), icon="⚠️")
            anyway, other = st.columns(2)
            if anyway.button(t("wsf.create_draft_anyway", lang), key="wsf_create_draft"):
                del st.session_state["wsf_pending"]
                _create(config, principal, municipality, lang, pending, allow_draft=True)
            if other.button(t("wsf.choose_other_language", lang), key="wsf_cancel_draft", type="primary"):
                del st.session_state["wsf_pending"]
                st.rerun()


def _language_choice(code: str, lang: str) -> str:
    """"arabiska (العربية) – utkast": the staff name, the language's own name, and a draft marked as such."""
    name = t(f"language.{code}", lang)
    if code not in ("sv", "en"):
        name = f"{name} ({native_name(code)})"
    return f"{name} – {t('admin.review_draft', lang)}" if review_state(code).is_draft else name


def _create(config: Config, principal: Principal, municipality: str, lang: str, request: dict,
            allow_draft: bool = False) -> None:
    try:
        with connection(config.db_path) as db:
            made = facilitation.create_workshop(db, principal, municipality, allow_draft=allow_draft, **request)
    except facilitation.WorkshopProblem as problem:
        st.error(t(f"wsf.error_{problem.key}", lang))
    else:
        st.session_state["wsf_created"] = made["id"]  # chosen in the list on the next run
        st.rerun()


def controls(config: Config, principal: Principal, workshop: dict, steps: list[dict], lang: str) -> None:
    def act(change, *args):
        with connection(config.db_path) as db:
            change(db, principal, workshop["id"], *args)

    position = workshop["current_position"]
    st.progress((position + 1) / len(steps), text=t("wsf.now", lang, n=position + 1, total=len(steps),
                                                    kind=t(f"wsf.kind_{steps[position]['kind']}", lang)))
    back, forward, pause, lock, end = st.columns(5)
    ended = workshop["status"] == "ended"
    back.button(t("wsf.back", lang), key="wsf_back", on_click=act, args=(facilitation.previous_activity,),
                disabled=ended or position == 0, width="stretch")
    forward.button(t("wsf.next", lang), key="wsf_next", on_click=act, args=(facilitation.next_activity,), type="primary",
                   disabled=ended or position == len(steps) - 1, width="stretch")
    paused = workshop["status"] == "paused"
    pause.button(t("wsf.resume" if paused else "wsf.pause", lang), key="wsf_pause", on_click=act,
                 args=(facilitation.set_paused, not paused), disabled=ended, width="stretch")
    locked = bool(workshop["join_locked"])
    lock.button(t("wsf.unlock" if locked else "wsf.lock", lang), key="wsf_lock", on_click=act,
                args=(facilitation.set_join_locked, not locked), disabled=ended, width="stretch")
    end.button(t("wsf.end", lang), key="wsf_end", on_click=act, args=(facilitation.end_workshop,), disabled=ended,
               width="stretch")


def held_alert(config: Config, principal: Principal, workshop_id: int, lang: str) -> None:
    """The discreet alert: cards held back because they may disclose harm, for the facilitator's eyes only."""
    with connection(config.db_path) as db:
        held = facilitation.held_cards(db, principal, workshop_id)
    if not held:
        return
    with st.container(border=True, key="wsf_held"):
        st.warning(t("wsf.held", lang, n=len(held)), icon="🛟")
        for card in held:
            st.text(card["shown_text"])
            if card["kind"] != "ideas":  # a journey comment never goes on the wall: read it, then it is done
                st.button(t("wsf.read_comment", lang), key=f"wsf_hide_{card['id']}", on_click=_moderate,
                          args=(config, principal, card["id"], "hidden"), type="primary")
                continue
            show, hide = st.columns(2)
            show.button(t("wsf.show_card", lang), key=f"wsf_show_{card['id']}", on_click=_moderate,
                        args=(config, principal, card["id"], "shown"))
            hide.button(t("wsf.hide_card", lang), key=f"wsf_hide_{card['id']}", on_click=_moderate,
                        args=(config, principal, card["id"], "hidden"), type="primary")


def _moderate(config: Config, principal: Principal, card_id: int, status: str) -> None:
    with connection(config.db_path) as db:
        facilitation.moderate(db, principal, card_id, status)


def projector(config: Config, workshop: dict, lang: str) -> None:
    """Big join code and QR code, for the room."""
    link = join_link(workshop["code"])
    code_col, qr_col = st.columns([2, 1], vertical_alignment="center")
    code_col.markdown(f"### {t('wsf.join_at', lang)}")
    code_col.markdown(f"# {workshop['code']}")
    code_col.caption(link)
    qr_col.image(qr_png(link), caption=t("wsf.scan", lang), width=220)


def live_wall(config: Config, workshop_id: int, lang: str) -> None:
    @st.fragment(run_every=WALL_REFRESH_SECONDS)
    def draw() -> None:
        with connection(config.db_path) as db:
            cards = facilitation.wall(db, workshop_id)
            participants = db.execute("SELECT COUNT(*) FROM workshop_participants WHERE workshop_id = ?",
                                      [workshop_id]).fetchone()[0]
        st.caption(t("wsf.counts", lang, cards=len(cards), people=participants))
        columns = st.columns(3)
        for index, card in enumerate(cards):
            with columns[index % 3].container(border=True):
                st.markdown(f"### {escape_markdown(card['shown_text'])}")
                if card["votes"]:
                    st.caption("🔵" * min(card["votes"], 30) + f" {card['votes']}")

    draw()


def moderation(config: Config, principal: Principal, workshop_id: int, lang: str) -> None:
    with connection(config.db_path) as db:
        cards = facilitation.wall(db, workshop_id)
    if not cards:
        return
    with st.expander(t("wsf.moderate", lang)):
        labels = {c["id"]: c["shown_text"][:60] for c in cards}
        card = st.selectbox(t("wsf.card", lang), list(labels), format_func=labels.get, key="wsf_card")
        text = st.text_input(t("wsf.edit", lang), value=next(c["shown_text"] for c in cards if c["id"] == card),
                             key=f"wsf_edit_{card}")
        edit, hide = st.columns(2)
        if edit.button(t("wsf.save_edit", lang), key="wsf_save_edit"):
            with connection(config.db_path) as db:
                facilitation.edit_card(db, principal, card, text)
            st.rerun()
        hide.button(t("wsf.hide_card", lang), key="wsf_hide_any", on_click=_moderate, args=(config, principal, card, "hidden"))
        others = [c for c in labels if c != card]
        if others:
            into = st.selectbox(t("wsf.merge_into", lang), others, format_func=labels.get, key="wsf_merge_into")
            if st.button(t("wsf.merge", lang), key="wsf_merge"):
                with connection(config.db_path) as db:
                    facilitation.merge_cards(db, principal, into, card)
                st.rerun()


def journey(config: Config, activity: dict, lang: str) -> None:
    @st.fragment(run_every=WALL_REFRESH_SECONDS)
    def draw() -> None:
        with connection(config.db_path) as db:
            curve = facilitation.journey_curve(db, activity["id"], config.k)
        chart = alt.Chart(alt.Data(values=[r for r in curve if r["mean"] is not None])).mark_line(
            point=alt.OverlayMarkDef(size=120), strokeWidth=4, color=charts.OWN_COLOUR).encode(
            x=alt.X("label:N", sort=None, title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("mean:Q", scale=alt.Scale(domain=[1, 5]), title=t("wsf.mood", lang)),
        ).properties(height=320)
        chart_with_table(chart, [{t("wsf.step", lang): r["label"], t("wsf.mood", lang): decimal(r["mean"], lang),
                                  t("wsf.ratings", lang): integer(r["ratings"], lang)} for r in curve],
                         lang, f"journey_{activity['id']}", t("wsf.journey_alt", lang),
                         empty=not any(r["mean"] is not None for r in curve))
        st.caption(t("wsf.journey_k", lang, k=config.k))

    draw()


def themes(config: Config, workshop_id: int, lang: str) -> None:
    with connection(config.db_path) as db:
        groups = facilitation.card_themes(db, workshop_id)
    for group in groups:
        label = theme_label(group["theme"], lang) if group["theme"] else t("dash.no_theme", lang)
        with st.container(border=True):
            tone = t(f"sentiment.{group['sentiment']}", lang)
            st.markdown(f"**{escape_markdown(label)}** · {tone} · {len(group['cards'])}")
            for text in group["cards"]:
                st.markdown(f"- {escape_markdown(text)}")


def summary_csv(config: Config, principal: Principal, workshop_id: int, lang: str) -> bytes:
    """Cards with votes, journey curves and notes, as CSV for Swedish Excel (built when clicked, logged)."""
    with connection(config.db_path) as db:
        summary = facilitation.summary_rows(db, principal, workshop_id, config.k)
    rows = [[t("wsf.csv_part", lang), t("wsf.csv_text", lang), t("wsf.csv_value", lang)]]
    rows += [[t("wsf.kind_ideas", lang), card["shown_text"], card["votes"]] for card in summary["cards"]]
    rows += [[t("wsf.kind_journey", lang), step["label"], "" if step["mean"] is None else step["mean"]]
             for curve in summary["curves"].values() for step in curve]
    rows += [[t("wsf.kind_themes", lang), theme_label(group["theme"], lang) if group["theme"] else "", len(group["cards"])]
             for group in summary["themes"]]
    rows.append([t("wsf.notes", lang), summary["notes"], ""])
    return excel_csv(rows)


def summary_pdf(config: Config, principal: Principal, workshop_id: int, lang: str) -> bytes:
    with connection(config.db_path) as db:
        return papers.summary_pdf(db, principal, workshop_id, config.k, lang)
