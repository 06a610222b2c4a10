"""Small files that unpack to huge tables, as a hostile tester built them (issue 13, 'Logins and uploads')."""

from __future__ import annotations

import io
import zipfile

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Svar" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>')


def xlsx(sheet_rows: str, dimension: str = "A1:B2") -> bytes:
    """An .xlsx whose first sheet holds `sheet_rows` (the XML inside <sheetData>), packed with the best compression."""
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<dimension ref="{dimension}"/><sheetData>{sheet_rows}</sheetData></worksheet>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


def million_row_xlsx(rows: int = 1_000_000) -> bytes:
    """A header and `rows` rows of a date and a face, without cell references: a few hundred kB packed."""
    row = '<row><c t="inlineStr"><is><t>2026-09-01</t></is></c><c><v>4</v></c></row>'
    header = '<row><c t="inlineStr"><is><t>Datum</t></is></c><c t="inlineStr"><is><t>lyssnad</t></is></c></row>'
    return xlsx(header + row * rows, dimension=f"A1:B{rows + 1}")


def wide_row_xlsx(cells: int) -> bytes:
    """One header row of `cells` cells holding a value each."""
    return xlsx("<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * cells + "</row>"
                '<row><c t="inlineStr"><is><t>2026-09-01</t></is></c></row>')


def empty_header_csv(cells: int = 500_000) -> bytes:
    """A CSV whose header is `cells` empty cells, then one row."""
    return (";" * (cells - 1) + "\n2026-09-01;4\n").encode()
