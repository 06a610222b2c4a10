"""Workshop papers: a printable sheet with the join code and QR code, and the summary as PDF.

Built on the reports' PDF document (`barnrosten/results/pdf_document.py`), so fonts and layout match.
Participant text is written as plain text.
"""

from __future__ import annotations

import io

import sqlite_utils

from analysis.taxonomy import theme_label
from barnrosten.access.roles import Principal
from barnrosten.i18n import t
from barnrosten.results.pdf_document import Document
from barnrosten.workshops import facilitation


def join_sheet(workshop: dict, link: str, language: str = "sv") -> bytes:
    """An A4 page to print and put on the table: title, the code in large type, the QR code, the link."""
    import segno

    doc = Document(workshop["title"])
    doc.heading(workshop["title"], 24)
    doc.paragraph(t("ws.join_lead", language), 14)
    doc.heading(t("wsf.join_at", language), 18)
    doc.set_font(doc.family, "B", 64)
    doc.cell(0, 30, workshop["code"], align="C", new_x="LMARGIN", new_y="NEXT")
    qr = io.BytesIO()
    segno.make(link, error="m").save(qr, kind="png", scale=12, border=2)
    doc.image(qr, x=(doc.w - 110) / 2, w=110)
    doc.ln(4)
    doc.paragraph(link, 11)
    return bytes(doc.output())


def summary_pdf(db: sqlite_utils.Database, principal: Principal | None, workshop_id: int, k: int,
                language: str = "sv") -> bytes:
    """The workshop's results: cards with votes, the journey curve, themes and the facilitator's notes."""
    summary = facilitation.summary_rows(db, principal, workshop_id, k)  # checks the facilitator, logs the view
    workshop = summary["workshop"]
    doc = Document(workshop["title"])
    doc.heading(workshop["title"], 20)
    doc.paragraph(f"{workshop['created_at'][:10]} · {t('group.' + workshop['audience'], language)}", 11)
    if summary["participants"] is not None:
        doc.paragraph(t("wsr.participants", language, n=summary["participants"]), 11)
    doc.heading(t("wsf.kind_ideas", language))
    if summary["cards"]:
        doc.table([t("wsf.csv_text", language), t("wsr.votes", language)],
                  [[c["shown_text"], str(c["votes"])] for c in summary["cards"]], widths=(85, 15))
    for curve in summary["curves"].values():
        doc.heading(t("wsf.kind_journey", language))
        doc.table([t("wsf.step", language), t("wsf.mood", language), t("wsf.ratings", language)],
                  [[s["label"], "–" if s["mean"] is None else f"{s['mean']:.1f}".replace(".", ","),
                    "–" if s["ratings"] is None else str(s["ratings"])] for s in curve], widths=(50, 25, 25))
        doc.paragraph(t("wsf.journey_k", language, k=k), 9)
    if summary["themes"]:
        doc.heading(t("wsf.kind_themes", language))
        for group in summary["themes"]:
            label = theme_label(group["theme"], language) if group["theme"] else t("dash.no_theme", language)
            doc.paragraph(f"{label} · {t('sentiment.' + group['sentiment'], language)} · {len(group['cards'])}", 11, "B")
            for text in group["cards"]:
                doc.paragraph(f"• {text}", 10)
    if summary["notes"]:
        doc.heading(t("wsf.notes", language))
        doc.paragraph(summary["notes"], 10.5)
    return bytes(doc.output())
