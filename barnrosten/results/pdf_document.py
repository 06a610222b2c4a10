"""The PDF document every report is built on: A4, the report font, headings, paragraphs, tables and charts.

Used by the board report, the children's summary and the workshop papers, so
fonts and layout match. Charts are the dashboard's own Altair charts rendered
to PNG by vl-convert (no browser, no network). Text is written as plain text:
fpdf2 reads no markup unless asked to.
"""

from __future__ import annotations

import io
from pathlib import Path

import vl_convert
from fpdf import FPDF

from barnrosten.formatting import TEXT
from barnrosten.results import charts

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core: covers å ä ö and much more
CHART_WIDTH_PX = 720
TABLE_FONT_SIZE = 9.5
CELL_PADDING_MM = 3
MIN_TEXT_COLUMN_MM = 30


class Document(FPDF):
    """An A4 document with the report font, headings, paragraphs, tables and charts."""

    def __init__(self, footer_text: str, language: str = "sv"):
        super().__init__(format="A4")
        self.footer_text, self.language = footer_text, language
        self.set_auto_page_break(auto=True, margin=18)
        if (FONT_DIR / "DejaVuSans.ttf").exists():
            self.add_font("body", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.family = "body"
        else:  # pragma: no cover - make test installs the font; without it, Latin-1 text still prints
            self.family = "helvetica"
        self.add_page()

    def text_safe(self, text: str) -> str:
        return text if self.family == "body" else text.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.cell(0, 6, self.text_safe(f"{self.footer_text} · {self.page_no()}"), align="C")

    def heading(self, text: str, size: int = 16) -> None:
        if self.get_y() > self.h - 70:  # never leave a heading alone at the foot of a page
            self.add_page()
        self.ln(3)
        self.set_font(self.family, "B", size)
        self.multi_cell(0, size * 0.5, self.text_safe(text), new_x="LMARGIN", new_y="NEXT", align="L")
        self.ln(1)

    def paragraph(self, text: str, size: int = 10.5, style: str = "") -> None:
        self.set_font(self.family, style, size)
        self.multi_cell(0, size * 0.5, self.text_safe(text), new_x="LMARGIN", new_y="NEXT", align="L")
        self.ln(1.5)

    def result_table(self, table) -> None:
        """A result table (`barnrosten.results.tables.ResultTable`) as the screen shows it: text left, figures right.

        A column is as wide as its longest word or figure; text columns share what is left of the page.
        """
        header, rows = table.header(self.language), table.cells(self.language)
        is_text = [c.kind == TEXT for c in table.columns]
        self.set_font(self.family, "B", TABLE_FONT_SIZE)
        needed = [max(self.get_string_width(self.text_safe(word)) for word in (heading.split() or [""]))
                  for heading in header]
        self.set_font(self.family, "", TABLE_FONT_SIZE)
        for row in rows:
            needed = [max(n, self.get_string_width(self.text_safe(cell))) for n, cell in zip(needed, row)]
        figures = sum(n + CELL_PADDING_MM for n, text in zip(needed, is_text) if not text)
        room = max(MIN_TEXT_COLUMN_MM, (self.epw - figures) / max(1, sum(is_text)))
        widths = tuple(min(room, n + CELL_PADDING_MM) if text else n + CELL_PADDING_MM
                       for n, text in zip(needed, is_text))
        self.table(header, rows, widths=widths, align=tuple("LEFT" if text else "RIGHT" for text in is_text),
                   width=min(self.epw, sum(widths)))

    def table(self, header: list[str], rows: list[list[str]], widths: tuple | None = None,
              align: str | tuple = "LEFT", width: float | None = None) -> None:
        self.set_font(self.family, "", TABLE_FONT_SIZE)
        with super().table(col_widths=widths, text_align=align, line_height=5.5, width=width,
                           align="LEFT" if width else "CENTER") as table:
            for index, row in enumerate([header, *rows]):
                cells = table.row()
                for value in row:
                    if index == 0:
                        self.set_font(self.family, "B", TABLE_FONT_SIZE)
                    cells.cell(self.text_safe(str(value)))
                    self.set_font(self.family, "", TABLE_FONT_SIZE)
        self.ln(2)

    def chart(self, chart, language: str) -> None:
        spec = charts.finish(chart, language, width=CHART_WIDTH_PX).to_dict()
        png = vl_convert.vegalite_to_png(spec, scale=2)
        self.image(io.BytesIO(png), w=self.epw)
        self.ln(2)
