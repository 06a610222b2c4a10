"""The results in plain words and large type, as a PDF to show children. No quotes.

Figures and actions come from `insights` and `you_said_we_did`, so access,
privacy and the audit log work exactly as on the dashboard.

    >>> pdf = children_summary(db, principal, filters, k=5, language="sv")
    >>> pdf[:5]
    b'%PDF-'
"""

from __future__ import annotations

import math
from dataclasses import replace

import sqlite_utils

from analysis.taxonomy import theme_label
from barnrosten.access.roles import Principal
from barnrosten.formatting import integer, month_label
from barnrosten.i18n import t
from barnrosten.results import insights, you_said_we_did
from barnrosten.results.filters import YOUNG, Filters
from barnrosten.results.pdf_document import Document


def in_ten(share: float) -> int:
    """'About n in 10' for a share: the nearest whole number, halves up (0.65 is 7 in 10, not Python's 6)."""
    return math.floor(share * 10 + 0.5)


def children_summary(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
                     language: str = "sv", municipality_name: str | None = None, audience: str = "children") -> bytes:
    """The same results in plain words and large type, to show children (PDF bytes). No quotes."""
    def tr(key, **values):
        return t(key, language, **values)

    # Children and young people only: guardians answer surveys of their own, and are not "barn och unga".
    if filters.group not in ("children", "youth", "placed"):
        filters = replace(filters, group=YOUNG)
    overview = insights.overview(db, principal, filters, k)
    place = municipality_name or tr("dash.network")
    doc = Document(f"{tr('kids.title')} · {place}")
    doc.heading(tr("kids.title"), 26)
    doc.paragraph(tr("kids.lead", place=place, start=month_label(filters.start, language),
                     end=month_label(filters.end, language)), 15)
    if overview.respondents.value:
        doc.paragraph(tr("kids.respondents", n=integer(overview.respondents.value, language)), 15)
    if overview.listened_share is not None:
        doc.paragraph(tr("kids.listened", n=in_ten(overview.listened_share)), 15, "B")
    themes = [r for r in insights.themes(db, principal, filters, k) if r["theme"] and r["comments"]][:3]
    if themes:
        doc.heading(tr("kids.themes_heading"), 20)
        for row in themes:
            doc.paragraph(f"• {theme_label(row['theme'], language)}", 15)
    if filters.municipality:
        rows = you_said_we_did.public_actions(db, filters.municipality, audience)
        if rows:
            doc.heading(tr("kids.actions_heading"), 20)
            for row in rows:
                doc.paragraph(f"{tr('public.you_said')} {row['said']}", 14)
                doc.paragraph(f"{tr('public.we_did')} {row['did']}", 14, "B")
    doc.heading(tr("help.title"), 18)
    doc.paragraph(tr("help.body"), 13)
    return bytes(doc.output())
