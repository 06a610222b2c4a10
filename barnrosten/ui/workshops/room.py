"""The projector view and the facilitator's remote: one workshop each, opened by a link of their own.

- Projector (`/workshoppar?workshop=ID&vy=projektor`): full screen for the room at
  1920x1080. No sidebar, no menus, no controls. The join code and a large QR
  code at the left; the live wall, the votes, the journey curve or the themes
  of the current part at the right. Text is at least 32 px, and 40 cards fit
  without scrolling. It redraws itself every second, so it follows the
  remote by itself within two.
- Remote (`/workshoppar?workshop=ID&vy=fjarr`): the facilitator's controls on
  a phone (390x844): back, next, pause, close to newcomers, end, and the
  cards waiting to be read.

What is shown comes from `barnrosten.workshops.projection`, which checks access
and applies the privacy rules. Card texts are participants' words: on the
projector they are HTML-escaped into a fixed grid (data, never markup); on the
remote they are plain text.
"""

from __future__ import annotations

import base64
import functools
import html
import math

import streamlit as st

from analysis.taxonomy import theme_label
from barnrosten.access.roles import Principal
from barnrosten.config import Config
from barnrosten.formatting import decimal, integer
from barnrosten.i18n import t
from barnrosten.results import charts
from barnrosten.storage.db import connection
from barnrosten.ui.staff import current_principal
from barnrosten.ui.text import escape_markdown
from barnrosten.ui.workshops.facilitator import WALL_REFRESH_SECONDS, join_link, qr_png
from barnrosten.workshops import facilitation, projection

# Readable from the back of a room: nothing on the projector is smaller than this.
MIN_TEXT_PX = 32
# Columns of the wall by the number of cards: 40 cards make 8 x 5 and still fit one screen.
GRID = ((4, 2), (9, 3), (16, 4), (20, 5), (30, 6), (40, 8))
THEMES_ON_SCREEN = 8
# The projector redraws this often, so it shows a change made on the remote within 2 s (a redraw costs
# about 20 ms on the server with 40 cards).
PROJECTOR_REFRESH_SECONDS = 1
THEME_EXAMPLES = 3

_PROJECTOR_CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stSkipToContent"],
[data-testid="stStatusWidget"] {{ display: none !important; }}
[data-testid="stMain"] .block-container {{ max-width: none; padding: 24px 32px 0 32px; }}
[data-testid="stMain"] {{ font-size: {MIN_TEXT_PX}px; }}
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] span {{ font-size: inherit; }}
.br-room {{ display: grid; grid-template-columns: 340px 1fr; gap: 32px; height: calc(100vh - 48px);
  font-size: {MIN_TEXT_PX}px; line-height: 1.2; color: #1b1b1b; overflow: hidden; }}
.br-join {{ display: flex; flex-direction: column; gap: 12px; }}
.br-join .br-label {{ font-size: {MIN_TEXT_PX}px; }}
.br-join .br-code {{ font-size: 80px; font-weight: 800; letter-spacing: 0.06em; line-height: 1; color: #1f4e79; }}
.br-join img {{ width: 320px; height: 320px; image-rendering: pixelated; }}
.br-join .br-link {{ font-size: {MIN_TEXT_PX}px; overflow-wrap: anywhere; word-break: keep-all; }}
.br-join .br-closed {{ font-size: {MIN_TEXT_PX}px; font-weight: 700; color: #8a1c1c; }}
.br-meta {{ font-size: {MIN_TEXT_PX}px; color: #3d3d3d; }}
.br-stage {{ display: flex; flex-direction: column; min-height: 0; min-width: 0; }}
.br-prompt {{ font-size: 48px; font-weight: 700; margin: 0 0 16px 0; line-height: 1.15; }}
.br-wall {{ flex: 1; min-height: 0; display: grid; gap: 12px; }}
.br-card {{ background: #fff7c2; border: 2px solid #c9b200; border-radius: 12px; padding: 8px 12px;
  overflow: hidden; display: flex; flex-direction: column; justify-content: space-between; min-height: 0; }}
.br-card .br-text {{ font-size: {MIN_TEXT_PX}px; line-height: 1.2; overflow: hidden; display: -webkit-box;
  -webkit-box-orient: vertical; overflow-wrap: anywhere; }}
.br-card .br-votes {{ font-size: {MIN_TEXT_PX}px; font-weight: 800; color: #1f4e79; white-space: nowrap; }}
.br-big {{ font-size: 64px; font-weight: 700; margin-top: 64px; }}
.br-themes {{ flex: 1; min-height: 0; display: grid; grid-template-columns: repeat(2, 1fr); gap: 16px; }}
.br-theme {{ border: 2px solid #1f4e79; border-radius: 12px; padding: 12px 16px; overflow: hidden; }}
.br-theme .br-name {{ font-size: 40px; font-weight: 800; }}
.br-theme .br-tone {{ font-size: {MIN_TEXT_PX}px; color: #3d3d3d; }}
.br-theme .br-example {{ font-size: {MIN_TEXT_PX}px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.br-curve {{ max-width: 100%; height: auto; }}
.br-note {{ font-size: {MIN_TEXT_PX}px; color: #3d3d3d; }}
</style>
"""

_REMOTE_CSS = """
<style>
/* The remote is one screen on a phone: Streamlit's sidebar would cover it. */
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none !important; }
.st-key-pjr_controls .stButton button { min-height: 64px; width: 100%; }
.st-key-pjr_controls .stButton button p { font-size: 1.25rem; }
/* Back and next stay side by side on a phone (Streamlit stacks columns below 640 px). */
[class*="st-key-pjr_row_"] [data-testid="stHorizontalBlock"] { flex-wrap: nowrap; gap: 0.5rem; }
[class*="st-key-pjr_row_"] [data-testid="stColumn"] { min-width: 0; width: auto; flex: 1 1 0; }
@media (max-width: 640px) {
  [data-testid="stMain"] .block-container { padding-left: 0.75rem; padding-right: 0.75rem; padding-top: 4rem; }
}
</style>
"""


def view_link(workshop_id: int, view: str) -> str:
    """The deep link of one workshop's projector view or remote, on the address this browser uses."""
    base = (st.context.url or "http://localhost:8501/").split("?", 1)[0].rsplit("/", 1)[0]
    return f"{base}/workshoppar?workshop={int(workshop_id)}&vy={view}"


def view_links(workshop: dict, lang: str) -> None:
    """On the facilitator's page: open the projector view, or the remote (with a QR code for the phone)."""
    with st.expander(t("pj.links", lang), icon="📽️"):
        st.caption(t("pj.links_lead", lang))
        projector_col, remote_col = st.columns(2)
        projector_col.link_button(t("pj.open_projector", lang), view_link(workshop["id"], projection.PROJECTOR),
                                  type="primary", width="stretch")
        remote = view_link(workshop["id"], projection.REMOTE)
        remote_col.link_button(t("pj.open_remote", lang), remote, width="stretch")
        remote_col.image(qr_png(remote, scale=6), caption=t("pj.remote_scan", lang), width=200)


def grid_shape(cards: int) -> tuple[int, int]:
    """(columns, rows) of the wall for this many cards; beyond 40 the grid keeps 8 columns."""
    columns = next((c for most, c in GRID if cards <= most), GRID[-1][1])
    return columns, max(1, math.ceil(cards / columns))


def _prompt_lines(prompt: str) -> int:
    """Lines the 48 px prompt takes over the wall's width (about 25 px a character)."""
    return max(1, math.ceil(len(prompt) * 25 / 1500))


def _lines_per_card(rows: int, voting: bool, prompt_lines: int = 2) -> int:
    """Lines of card text that fit a card at 1920x1080 (the wall's height under the prompt, shared by `rows`)."""
    wall_height = 1080 - 48 - 48 * 1.15 * prompt_lines - 16  # the page's padding and the prompt
    card_height = (wall_height - 12 * (rows - 1)) / rows - 20  # gaps, padding and border
    line = MIN_TEXT_PX * 1.2
    return max(1, int((card_height - (line if voting else 0)) // line))


def wall_html(cards: list[dict], *, voting: bool, lang: str, prompt_lines: int = 2) -> str:
    """The cards as a grid that fits the screen; texts escaped (participants' words are data).

    A card's text is cut with "…" after the lines that fit (the facilitator can edit or merge long cards).
    """
    columns, rows = grid_shape(len(cards))
    lines = _lines_per_card(rows, voting, prompt_lines)
    parts = [f'<div class="br-wall" style="grid-template-columns: repeat({columns}, minmax(0, 1fr)); '
             f'grid-template-rows: repeat({rows}, minmax(0, 1fr));">']
    for card in cards:
        votes = ""
        if voting:
            votes = f'<div class="br-votes">● {html.escape(integer(card["votes"], lang))}</div>'
        parts.append(f'<div class="br-card"><div class="br-text" style="-webkit-line-clamp: {lines};">'
                     f'{html.escape(card["text"])}</div>{votes}</div>')
    parts.append("</div>")
    return "".join(parts)


def themes_html(themes: list[dict], lang: str) -> str:
    parts = ['<div class="br-themes">']
    for group in themes[:THEMES_ON_SCREEN]:
        name = theme_label(group["theme"], lang) if group["theme"] else t("dash.no_theme", lang)
        tone = t("pj.theme_cards", lang, tone=t(f"sentiment.{group['sentiment']}", lang), n=len(group["cards"]))
        examples = "".join(f'<div class="br-example">“{html.escape(text)}”</div>'
                           for text in group["cards"][:THEME_EXAMPLES])
        parts.append(f'<div class="br-theme"><div class="br-name">{html.escape(name)}</div>'
                     f'<div class="br-tone">{html.escape(tone)}</div>{examples}</div>')
    parts.append("</div>")
    return "".join(parts)


def room_html(view: dict, link: str, lang: str, k: int) -> str:
    """The whole projected screen but the journey chart: join panel left, the current part right."""
    join = [f'<div class="br-label">{html.escape(t("wsf.join_at", lang))}</div>',
            f'<div class="br-link">{_address_html(link)}</div>',
            f'<div class="br-code">{html.escape(view["code"])}</div>']
    if view["status"] == "ended":
        join = [f'<div class="br-closed">{html.escape(t("pj.ended_short", lang))}</div>']
    elif view["join_locked"]:
        join.append(f'<div class="br-closed">{html.escape(t("pj.locked", lang))}</div>')
    else:
        join.append('<img src="data:image/png;base64,' + _qr_base64(link) + '" alt="'
                    + html.escape(t("wsf.scan", lang)) + '">')
    meta = t("wsf.now", lang, n=view["position"] + 1, total=view["count"], kind=t(f"wsf.kind_{view['kind']}", lang))
    join.append(f'<div class="br-meta">{html.escape(meta)}</div>')
    if view["people"] is not None:
        join.append(f'<div class="br-meta">{html.escape(t("pj.people", lang, n=integer(view["people"], lang)))}</div>')

    stage = [f'<div class="br-prompt">{html.escape(view["prompt"])}</div>']
    if view["status"] == "ended":
        stage = [f'<div class="br-big">{html.escape(t("pj.ended", lang))}</div>']
    elif view["status"] == "paused":
        stage.append(f'<div class="br-big">{html.escape(t("pj.paused", lang))}</div>')
    elif view["kind"] in ("ideas", "voting"):
        if view["cards"]:
            stage.append(wall_html(view["cards"], voting=view["kind"] == "voting", lang=lang,
                                   prompt_lines=_prompt_lines(view["prompt"])))
        else:
            stage.append(f'<div class="br-note">{html.escape(t("pj.no_cards", lang))}</div>')
    elif view["kind"] == "themes":
        stage.append(themes_html(view["themes"], lang) if view["themes"] else
                     f'<div class="br-note">{html.escape(t("pj.no_cards", lang))}</div>')
    elif view["kind"] == "journey":
        stage.append(journey_svg(view["curve"], lang))
        stage.append(f'<div class="br-note">{html.escape(t("pj.journey_k", lang, k=k))}</div>')
    elif view["kind"] == "survey":
        stage.append(f'<div class="br-big">{html.escape(t("pj.survey", lang))}</div>')
    return (f'<div class="br-room"><div class="br-join">{"".join(join)}</div>'
            f'<div class="br-stage">{"".join(stage)}</div></div>')


def _address_html(link: str) -> str:
    """The join address without scheme and code, allowed to break only before a '/'."""
    address = link.split("://", 1)[-1].split("?", 1)[0]
    return "<wbr>/".join(html.escape(part) for part in address.split("/"))


@functools.lru_cache(maxsize=64)
def _qr_base64(link: str) -> str:
    return base64.b64encode(qr_png(link, scale=8)).decode("ascii")


def journey_svg(curve: list[dict], lang: str) -> str:
    """The room's curve, large, as an SVG image: every step on the axis, a mean only where k have rated it.

    A step under k ratings keeps its place (shown "–") and breaks the line; labels are escaped.
    """
    width, height, left, right, top, bottom = 1480, 700, 90, 40, 60, 110
    steps = max(1, len(curve))
    def x(i): return left + (width - left - right) * ((i + 0.5) / steps)
    def y(mean): return top + (height - top - bottom) * (5 - mean) / 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f"font-family=\"'Source Sans Pro', 'Noto Sans', 'DejaVu Sans', 'Liberation Sans', sans-serif\">"]
    for level in range(1, 6):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(level):.0f}" y2="{y(level):.0f}" '
                     f'stroke="#d0d0d0" stroke-width="2"/><text x="{left - 20}" y="{y(level) + 11:.0f}" '
                     f'font-size="{MIN_TEXT_PX}" text-anchor="end" fill="#3d3d3d">{level}</text>')
    segment: list[str] = []
    for i, step in enumerate(curve):
        parts.append(f'<text x="{x(i):.0f}" y="{height - bottom + 50}" font-size="{MIN_TEXT_PX}" '
                     f'text-anchor="middle" fill="#1b1b1b">{html.escape(step["label"])}</text>')
        if step["mean"] is None:
            if len(segment) > 1:
                parts.append(_polyline(segment))
            segment = []
            parts.append(f'<text x="{x(i):.0f}" y="{y(3) + 16:.0f}" font-size="64" text-anchor="middle" '
                         f'fill="#6b6b6b">–</text>')
            continue
        segment.append(f"{x(i):.0f},{y(step['mean']):.0f}")
        parts.append(f'<circle cx="{x(i):.0f}" cy="{y(step["mean"]):.0f}" r="16" fill="{charts.OWN_COLOUR}"/>'
                     f'<text x="{x(i):.0f}" y="{y(step["mean"]) - 30:.0f}" font-size="40" font-weight="700" '
                     f'text-anchor="middle" fill="#1b1b1b">{html.escape(decimal(step["mean"], lang))}</text>')
    if len(segment) > 1:
        parts.append(_polyline(segment))
    parts.append("</svg>")
    # st.html keeps no inline SVG (its sanitiser): the chart goes in as an image, drawn 1:1 at 1480 px wide.
    image = base64.b64encode("".join(parts).encode("utf-8")).decode("ascii")
    values = "; ".join(f'{step["label"]}: {"–" if step["mean"] is None else decimal(step["mean"], lang)}'
                       for step in curve)
    return (f'<img class="br-curve" src="data:image/svg+xml;base64,{image}" width="{width}" height="{height}" '
            f'alt="{html.escape(t("wsf.journey_alt", lang) + " " + values)}">')


def _polyline(points: list[str]) -> str:
    return (f'<polyline points="{" ".join(points)}" fill="none" stroke="{charts.OWN_COLOUR}" stroke-width="8" '
            'stroke-linejoin="round"/>')


def _open(config: Config, principal: Principal | None, workshop_id, view: str, lang: str) -> dict | None:
    """The workshop, checked and its opening audited once; None (with a message shown) without access."""
    with connection(config.db_path) as db:
        try:
            workshop = projection.workshop_for(db, principal, workshop_id)
        except projection.NoAccess:
            st.error(t("pj.no_access", lang))
            return None
        projection.record_opened(db, principal, workshop, view)
    return workshop


def projector_screen(config: Config, principal: Principal | None, workshop_id, lang: str) -> None:
    """The projector view: checked once on opening, then redrawn every second by itself."""
    st.html(_PROJECTOR_CSS)
    workshop = _open(config, principal, workshop_id, projection.PROJECTOR, lang)
    if workshop is None:
        return
    link = join_link(workshop["code"])

    @st.fragment(run_every=PROJECTOR_REFRESH_SECONDS)
    def draw() -> None:
        # Each redraw checks the staff session again: a view left open shows nothing once it has ended.
        still = current_principal(config)
        if still is None:
            st.html(f'<div class="br-big">{html.escape(t("pj.session_ended", lang))}</div>')
            return
        draw_projector(config, still, workshop["id"], link, lang)

    draw()


def draw_projector(config: Config, principal: Principal | None, workshop_id: int, link: str, lang: str) -> dict:
    """One redraw of the projector (what the fragment calls every second); returns what it showed."""
    with connection(config.db_path) as db:
        view = projection.room_view(db, principal, workshop_id, config.k)
    st.html(room_html(view, link, lang, config.k))
    return view


def remote_screen(config: Config, principal: Principal | None, workshop_id, lang: str) -> None:
    """The facilitator's controls on a phone; the projector follows by itself."""
    st.html(_REMOTE_CSS)
    st.page_link("pages/workshops.py", label=t("pj.all_workshops", lang), icon="↩️")
    workshop = _open(config, principal, workshop_id, projection.REMOTE, lang)
    if workshop is None:
        return

    @st.fragment(run_every=WALL_REFRESH_SECONDS)
    def draw() -> None:
        still = current_principal(config)
        if still is None:
            st.info(t("pj.session_ended", lang))
            return
        draw_remote(config, still, workshop["id"], lang)

    draw()


def _act(config: Config, principal: Principal, workshop_id: int, change, *args) -> None:
    with connection(config.db_path) as db:
        change(db, principal, workshop_id, *args)


def draw_remote(config: Config, principal: Principal | None, workshop_id: int, lang: str) -> dict:
    """One redraw of the remote: the state of the room, the controls and any card waiting to be read."""
    with connection(config.db_path) as db:
        view = projection.remote_view(db, principal, workshop_id, config.k)
    st.subheader(escape_markdown(view["title"]))
    st.caption(t("pj.remote_code", lang, code=view["code"]))
    position, last = view["position"], view["count"] - 1
    st.progress((position + 1) / view["count"], text=t("wsf.now", lang, n=position + 1, total=view["count"],
                                                        kind=t(f"wsf.kind_{view['kind']}", lang)))
    ended, paused, locked = view["status"] == "ended", view["status"] == "paused", view["join_locked"]
    act = (config, principal, workshop_id)
    with st.container(key="pjr_controls"):
        with st.container(key="pjr_row_move"):
            back, forward = st.columns(2)
            back.button(t("wsf.back", lang), key="pjr_back", on_click=_act, args=(*act, facilitation.previous_activity),
                        disabled=ended or position == 0, width="stretch")
            forward.button(t("wsf.next", lang), key="pjr_next", on_click=_act, args=(*act, facilitation.next_activity),
                           type="primary", disabled=ended or position == last, width="stretch")
        with st.container(key="pjr_row_room"):
            pause, lock = st.columns(2)
            pause.button(t("wsf.resume" if paused else "wsf.pause", lang), key="pjr_pause", on_click=_act,
                         args=(*act, facilitation.set_paused, not paused), disabled=ended, width="stretch")
            lock.button(t("wsf.unlock" if locked else "wsf.lock", lang), key="pjr_lock", on_click=_act,
                        args=(*act, facilitation.set_join_locked, not locked), disabled=ended, width="stretch")
    if ended:
        st.info(t("pj.ended_short", lang))
    elif paused:
        st.info(t("pj.paused", lang))
    people = "–" if view["people"] is None else integer(view["people"], lang)
    st.caption(t("pj.remote_counts", lang, cards=integer(len(view["cards"]), lang), people=people))
    if view["held"]:
        with st.container(border=True, key="pjr_held"):
            st.warning(t("wsf.held", lang, n=len(view["held"])), icon="🛟")
            for card in view["held"]:
                st.text(card["shown_text"])
                if card["kind"] != "ideas":
                    st.button(t("wsf.read_comment", lang), key=f"pjr_hide_{card['id']}", on_click=_moderate,
                              args=(config, principal, card["id"], "hidden"), type="primary", width="stretch")
                    continue
                show, hide = st.columns(2)
                show.button(t("wsf.show_card", lang), key=f"pjr_show_{card['id']}", on_click=_moderate,
                            args=(config, principal, card["id"], "shown"), width="stretch")
                hide.button(t("wsf.hide_card", lang), key=f"pjr_hide_{card['id']}", on_click=_moderate,
                            args=(config, principal, card["id"], "hidden"), type="primary", width="stretch")
    with st.expander(t("pj.end_heading", lang)):
        st.button(t("wsf.end", lang), key="pjr_end", on_click=_act, args=(*act, facilitation.end_workshop),
                  disabled=ended, width="stretch")
    return view


def _moderate(config: Config, principal: Principal, card_id: int, status: str) -> None:
    with connection(config.db_path) as db:
        facilitation.moderate(db, principal, card_id, status)
