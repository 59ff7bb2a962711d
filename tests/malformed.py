"""A corpus of malformed and hostile input files, generated on the fly, one small function per kind.

Each maker writes one file at the path it is given; ``CORPUS`` lists them with what
must happen to them (refused with a given phrase, or read and worked on). Used by
``test_robustness.py`` and by ``robustness_report.py`` (the table in the README).
"""

from __future__ import annotations

import os
import random
import struct
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Dict, Optional, Tuple

TESTS = Path(__file__).parent
ROADMAP_DOCX = TESTS / "fixtures" / "roadmap_sarov_2021_2022.docx"
REPORT_DOCX = TESTS / "fixtures" / "report_kuznetsk_2023.docx"
SECRET = "SECRET-MARKER-7f3a9c"  # written into a local file that an external entity points at
SHEET1 = "xl/worksheets/sheet1.xml"
_SS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class Bases:
    """Good files the malformed ones are made from, built once per directory."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._cache: Dict[str, Path] = {}

    def _once(self, name: str, build: Callable[[Path], None]) -> Path:
        if name not in self._cache:
            path = self.directory / name
            if not path.exists():
                build(path)
            self._cache[name] = path
        return self._cache[name]

    @property
    def docx(self) -> Path:
        return ROADMAP_DOCX

    @property
    def workbook(self) -> Path:
        """The roadmap workbook ``import`` makes of a real roadmap (22 activities)."""

        def build(path):
            from roadmap_tools.reading.importer import import_to_workbook

            import_to_workbook(ROADMAP_DOCX, path)

        return self._once("base_roadmap.xlsx", build)

    @property
    def secret(self) -> Path:
        def build(path):
            path.write_text(SECRET + "\n", encoding="utf-8")

        return self._once("secret.txt", build)

    def big_roadmap(self) -> Path:
        return self._once("big_roadmap_10000.xlsx", lambda p: write_roadmap(p, _many_activities(10_000)))

    def zip_bomb(self) -> Path:
        return self._once("zip_bomb.xlsx", _zip_bomb)


# --- helpers ----------------------------------------------------------------------------
def rezip(src: Path, dst: Path, replace: Optional[dict] = None, order: Optional[list] = None) -> None:
    """Copy an archive, replacing members (bytes) or dropping them (None)."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = (
                replace.get(info.filename, zin.read(info.filename))
                if info.filename in replace
                else zin.read(info.filename)
            )
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in replace.items():
            if data is not None and name not in zin.namelist():
                zout.writestr(name, data)


def write_roadmap(path: Path, activities: list, settings: Optional[dict] = None) -> None:
    from roadmap_tools.model import Roadmap, Section
    from roadmap_tools.workbook.book import write_roadmap_workbook

    sections: list = []
    for activity in activities:
        if not sections or sections[-1].title != activity.section:
            sections.append(Section(title=activity.section))
        sections[-1].activities.append(activity)
    roadmap = Roadmap(
        title="Дорожная карта (тест)",
        organisation="Управление образования",
        years=[2022],
        sections=sections,
        has_executor_column=True,
    )
    write_roadmap_workbook(roadmap, path, settings)


def _activity(n: int, deadline: str, text: str = "", section: str = "1. Организационные мероприятия", **extra):
    from roadmap_tools.model import Activity

    return Activity(
        number=f"1.{n}",
        activity=text or f"Мероприятие номер {n}: совещание руководителей",
        deadline=deadline,
        executor="Управление образования",
        result="Протокол",
        section=section,
        **extra,
    )


_DEADLINES = [
    "январь 2022",
    "до 1 марта 2022 года",
    "II квартал",
    "в течение года",
    "ежегодно (июнь)",
    "сентябрь-октябрь",
    "по мере необходимости",
    "31.12.2022",
    "",
    "когда-нибудь",
]


def _many_activities(count: int) -> list:
    return [
        _activity(n, _DEADLINES[n % len(_DEADLINES)], section=f"{n // 500 + 1}. Раздел {n // 500 + 1}")
        for n in range(1, count + 1)
    ]


def _edit_workbook(base: Path, path: Path, edit: Callable) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(base)
    edit(workbook)
    workbook.save(path)


def _sheet_xml(rows_xml: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<worksheet xmlns="{_SS}"><sheetData>{rows_xml}</sheetData></worksheet>'
    ).encode("utf-8")


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header_row() -> str:
    return '<row r="1">' + _inline("A1", "№") + _inline("B1", "Мероприятие") + _inline("C1", "Сроки") + "</row>"


_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    + "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(2, 10))
    + "]>"
)


def _xxe(secret: Path) -> str:
    return f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret.resolve().as_uri()}">]>'


def _docx_body(table_xml: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{_W}"><w:body>'
        "<w:p><w:r><w:t>ДОРОЖНАЯ КАРТА на 2022 год</w:t></w:r></w:p>"
        f"{table_xml}<w:sectPr/></w:body></w:document>"
    ).encode("utf-8")


def _w_table(rows: list) -> str:
    def cell(text):
        return f'<w:tc><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>'

    return "<w:tbl>" + "".join("<w:tr>" + "".join(cell(t) for t in row) + "</w:tr>" for row in rows) + "</w:tbl>"


def _docx_table(path: Path, rows: list, nested_in: Optional[Tuple[int, int]] = None) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("ДОРОЖНАЯ КАРТА на 2022 год")
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if nested_in:
        inner = table.cell(*nested_in).add_table(rows=2, cols=2)
        inner.cell(0, 0).text = "Мероприятие"
        inner.cell(0, 1).text = "Сроки"
        inner.cell(1, 0).text = "Вложенное мероприятие"
        inner.cell(1, 1).text = "май 2022"
    document.save(str(path))


_ROADMAP_ROWS = [
    ["№ п/п", "Наименование мероприятия", "Сроки", "Ответственный исполнитель"],
    ["1", "Совещание руководителей школ", "январь 2022", "Управление образования"],
    ["2", "Семинар для заместителей директоров", "II квартал", "Методический центр"],
]


# --- the makers: one per kind ---------------------------------------------------------------
def zero_bytes(path: Path, bases: Bases) -> None:
    path.write_bytes(b"")


def random_bytes(path: Path, bases: Bases) -> None:
    path.write_bytes(random.Random(42).randbytes(20_000))


def text_with_office_name(path: Path, bases: Bases) -> None:
    path.write_text("№;Мероприятие;Сроки\n1;Совещание;январь 2022\n", encoding="cp1251")


PRINTED_ROADMAP = Path(__file__).parent / "fixtures" / "pdf" / "roadmap_penza_2022.pdf"


def truncated_pdf(path: Path, bases: Bases) -> None:
    data = PRINTED_ROADMAP.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def scanned_pdf(path: Path, bases: Bases) -> None:
    path.write_bytes((PRINTED_ROADMAP.parent / "scanned_roadmap_no_text.pdf").read_bytes())


def pdf_without_table(path: Path, bases: Bases) -> None:
    # a PDF of one text line and no ruling lines: written by hand, the smallest valid file
    text = "BT /F1 12 Tf 72 720 Td (Plan meropriyatiy) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)


def truncated_zip(path: Path, bases: Bases) -> None:
    data = (bases.workbook if path.suffix == ".xlsx" else bases.docx).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def zip_without_office_parts(path: Path, bases: Bases) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "не документ")


def docx_renamed_xlsx(path: Path, bases: Bases) -> None:
    path.write_bytes(bases.docx.read_bytes())


def xlsx_renamed_docx(path: Path, bases: Bases) -> None:
    path.write_bytes(bases.workbook.read_bytes())


def wrong_content_types(path: Path, bases: Bases) -> None:
    src = bases.workbook if path.suffix == ".xlsx" else bases.docx
    types = (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
        b'2006/content-types"><Default Extension="xml" ContentType="text/plain"/></Types>'
    )
    rezip(src, path, {"[Content_Types].xml": types})


def missing_content_types(path: Path, bases: Bases) -> None:
    rezip(bases.workbook if path.suffix == ".xlsx" else bases.docx, path, {"[Content_Types].xml": None})


def missing_sheet_part(path: Path, bases: Bases) -> None:
    rezip(bases.workbook, path, {SHEET1: None})


def missing_document_part(path: Path, bases: Bases) -> None:
    rezip(bases.docx, path, {"word/document.xml": None})


def broken_sheet_xml(path: Path, bases: Bases) -> None:
    rezip(bases.workbook, path, {SHEET1: _sheet_xml(_header_row() + '<row r="2"><c r="A2"><v>1')})


def broken_document_xml(path: Path, bases: Bases) -> None:
    rezip(bases.docx, path, {"word/document.xml": _docx_body("<w:tbl><w:tr><w:tc>")})


def wrong_xml_encoding(path: Path, bases: Bases) -> None:
    xml = _sheet_xml(_header_row()).replace(b'encoding="UTF-8"', b'encoding="UTF-16"')
    rezip(bases.workbook, path, {SHEET1: xml})


def no_roadmap_sheet(path: Path, bases: Bases) -> None:
    _edit_workbook(bases.workbook, path, lambda wb: wb.remove(wb["Дорожная карта"]))


def no_settings_sheet(path: Path, bases: Bases) -> None:
    _edit_workbook(bases.workbook, path, lambda wb: wb.remove(wb["Настройки"]))


def roadmap_sheet_without_header(path: Path, bases: Bases) -> None:
    def edit(wb):
        wb["Дорожная карта"].delete_rows(1)
        for table in list(wb["Дорожная карта"].tables):
            del wb["Дорожная карта"].tables[table]

    _edit_workbook(bases.workbook, path, edit)


def empty_roadmap_sheet(path: Path, bases: Bases) -> None:
    def edit(wb):
        ws = wb["Дорожная карта"]
        ws.delete_rows(2, ws.max_row)
        for table in list(ws.tables):
            del ws.tables[table]

    _edit_workbook(bases.workbook, path, edit)


def empty_workbook(path: Path, bases: Bases) -> None:
    import openpyxl

    openpyxl.Workbook().save(path)


def merged_cells_everywhere(path: Path, bases: Bases) -> None:
    def edit(wb):
        ws = wb["Дорожная карта"]
        for table in list(ws.tables):
            del ws.tables[table]
        for row in range(2, ws.max_row, 2):
            for col in range(1, ws.max_column, 2):
                ws.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col + 1)
        ws.merge_cells("A1:B1")
        wb["Настройки"].merge_cells("A2:C3")

    _edit_workbook(bases.workbook, path, edit)


def big_roadmap_10000_rows(path: Path, bases: Bases) -> None:
    path.write_bytes(bases.big_roadmap().read_bytes())


def odd_spaces_in_headers_and_deadlines(path: Path, bases: Bases) -> None:
    def edit(wb):
        ws = wb["Дорожная карта"]
        for cell in ws[1]:
            if isinstance(cell.value, str):
                cell.value = "\u200b" + cell.value.replace(" ", "\u00a0") + "\u00a0"
        deadline = next(c.column for c in ws[1] if "Сроки" in str(c.value))
        for row in range(2, ws.max_row + 1):
            cell = ws.cell(row, deadline)
            if isinstance(cell.value, str):
                cell.value = "\u00a0" + cell.value.replace(" ", "\u00a0\u200b") + "\u200b"

    _edit_workbook(bases.workbook, path, edit)


def _dates_in_date_columns(path: Path, bases: Bases, kinds: list) -> None:
    def edit(wb):
        ws = wb["Дорожная карта"]
        titles = {str(c.value): c.column for c in ws[1]}
        for index, row in enumerate(range(2, ws.max_row + 1)):
            for title in ("Начало", "Окончание", "Дата выполнения"):
                ws.cell(row, titles[title]).value = kinds[index % len(kinds)]

    _edit_workbook(bases.workbook, path, edit)


def dates_as_text_numbers_and_serials(path: Path, bases: Bases) -> None:
    _dates_in_date_columns(
        path, bases, ["01.03.2022", 44621, 44621.75, "2022-03-01", date(2022, 3, 1), "44621", " 01.03.2022\u00a0"]
    )


def nonsense_in_date_columns(path: Path, bases: Bases) -> None:
    _dates_in_date_columns(path, bases, ["вчера", -5, 10**9, "31.02.2022", True])


def invalid_date_in_settings(path: Path, bases: Bases) -> None:
    def edit(wb):
        settings = wb["Настройки"]
        for row in range(2, settings.max_row + 1):
            if "Дата" in str(settings.cell(row, 1).value or ""):
                settings.cell(row, 2).value = "31.02.2022"

    _edit_workbook(bases.workbook, path, edit)


def absurd_numbers_in_deadlines(path: Path, bases: Bases) -> None:
    """A number of 5,000 digits, and days and years no date holds, where deadlines are written."""
    absurd = ["до " + "9" * 5000, "3333333333 декабря", "ежегодно до 11111111111 марта", "01.01." + "9" * 40]

    def edit(wb):
        ws = wb["Дорожная карта"]
        titles = {str(c.value): c.column for c in ws[1]}
        column = next(c for t, c in titles.items() if t.startswith("Срок"))
        for index, row in enumerate(range(2, ws.max_row + 1)):
            ws.cell(row, column).value = absurd[index % len(absurd)]

    _edit_workbook(bases.workbook, path, edit)


def date_excel_cannot_hold_in_settings(path: Path, bases: Bases) -> None:
    """«Дата контроля» 01.01.0001 as text: what an earlier version wrote for --as-of 0001-01-01."""

    def edit(wb):
        settings = wb["Настройки"]
        for row in range(2, settings.max_row + 1):
            if str(settings.cell(row, 1).value or "").strip() == "Дата контроля":
                settings.cell(row, 2).value = "01.01.0001"

    _edit_workbook(bases.workbook, path, edit)


def formulas_and_errors_in_cells(path: Path, bases: Bases) -> None:
    def edit(wb):
        ws = wb["Дорожная карта"]
        for row in range(2, ws.max_row + 1):
            for col in range(1, ws.max_column + 1):
                if (row + col) % 4 == 0:
                    ws.cell(row, col).value = "=1/0"
                elif (row + col) % 4 == 1:
                    ws.cell(row, col).value = ["#REF!", "#N/A", "#VALUE!", "#DIV/0!"][row % 4]
                    ws.cell(row, col).data_type = "e"
        wb["Настройки"]["B2"] = "=UNKNOWNFUNC(A1)"

    _edit_workbook(bases.workbook, path, edit)


def control_characters_in_cells(path: Path, bases: Bases) -> None:
    rows = (
        _header_row()
        + '<row r="2">'
        + _inline("A2", "1")
        + _inline("B2", "Совещание_x0007_ с_x0000_ управлением_x001F_")
        + _inline("C2", "май_x000B_ 2022")
        + "</row>"
    )
    rezip(bases.workbook, path, {SHEET1: _sheet_xml(rows)})


def billion_laughs_xlsx(path: Path, bases: Bases) -> None:
    rows = (
        _header_row()
        + '<row r="2">'
        + _inline("A2", "1")
        + _inline("B2", "&lol9;")
        + _inline("C2", "май 2022")
        + "</row>"
    )
    rezip(bases.workbook, path, {SHEET1: _sheet_xml(rows, _LAUGHS)})


def billion_laughs_docx(path: Path, bases: Bases) -> None:
    body = _docx_body(_w_table([["Мероприятие", "Сроки"], ["&lol9;", "май 2022"]]), _LAUGHS)
    rezip(bases.docx, path, {"word/document.xml": body})


def external_entity_xlsx(path: Path, bases: Bases) -> None:
    rows = (
        _header_row()
        + '<row r="2">'
        + _inline("A2", "1")
        + _inline("B2", "&xxe;")
        + _inline("C2", "май 2022")
        + "</row>"
    )
    rezip(bases.workbook, path, {SHEET1: _sheet_xml(rows, _xxe(bases.secret))})


def external_entity_docx(path: Path, bases: Bases) -> None:
    body = _docx_body(_w_table([["Мероприятие", "Сроки"], ["&xxe;", "май 2022"]]), _xxe(bases.secret))
    rezip(bases.docx, path, {"word/document.xml": body})


def external_entity_in_content_types(path: Path, bases: Bases) -> None:
    with zipfile.ZipFile(bases.workbook) as zf:
        types = zf.read("[Content_Types].xml").decode("utf-8")
    types = types.replace("<Types", _xxe(bases.secret) + "<Types", 1)
    rezip(bases.workbook, path, {"[Content_Types].xml": types.encode("utf-8")})


def zip_bomb(path: Path, bases: Bases) -> None:
    path.write_bytes(bases.zip_bomb().read_bytes())


def _zip_bomb(path: Path) -> None:
    """A workbook whose sheet unpacks to 600 MB of zeros (2.7 MB on disk)."""
    zeros = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open(SHEET1, "w") as fh:
            for _ in range(600):
                fh.write(zeros)


def zip_bomb_with_forged_sizes(path: Path, bases: Bases) -> None:
    """A sheet of 40 MB that the archive's directory says is 2 KB (readers that trust it are fooled)."""
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>' for r in range(1, 1001))
    rezip(bases.workbook, path, {SHEET1: _sheet_xml(rows * 1000)})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(SHEET1)
    forged = 2048
    struct.pack_into("<I", data, info.header_offset + 22, forged)  # local header: uncompressed size
    position = data.find(b"PK\x01\x02")
    while position >= 0:  # central directory entries
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == SHEET1.encode():
            struct.pack_into("<I", data, position + 24, forged)
        position = data.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(data))


def sheet_with_a_cell_far_away(path: Path, bases: Bases) -> None:
    rows = _header_row() + '<row r="1048576">' + _inline("XFD1048576", "конец") + "</row>"
    rezip(bases.workbook, path, {SHEET1: _sheet_xml(rows)})


def sheet_with_150000_rows(path: Path, bases: Bases) -> None:
    rows = "".join(
        f'<row><c t="inlineStr"><is><t>{n}</t></is></c><c t="inlineStr"><is><t>Совещание {n * 7919 % 10007}'
        f"</t></is></c></row>"
        for n in range(150_000)
    )
    rezip(bases.workbook, path, {SHEET1: _sheet_xml(_header_row() + rows)})


def encrypted_office_file(path: Path, bases: Bases) -> None:
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") * 20)


def old_binary_format(path: Path, bases: Bases) -> None:
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504 + "Workbook".encode("utf-16-le") * 20)


def docx_without_table(path: Path, bases: Bases) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("ДОРОЖНАЯ КАРТА на 2022 год")
    document.save(str(path))


def docx_nested_tables(path: Path, bases: Bases) -> None:
    _docx_table(path, _ROADMAP_ROWS, nested_in=(1, 1))


def docx_one_column_table(path: Path, bases: Bases) -> None:
    _docx_table(path, [["Мероприятие"], ["Совещание"], ["Семинар"]])


def docx_header_with_one_known_column(path: Path, bases: Bases) -> None:
    _docx_table(path, [["Мероприятие", "Школа", "Адрес"], ["Совещание", "СОШ № 1", "ул. Ленина, 1"]])


def docx_formula_like_text(path: Path, bases: Bases) -> None:
    _docx_table(
        path, [_ROADMAP_ROWS[0]] + [[str(n), text, "май 2022", text] for n, text in enumerate(FORMULA_LIKE, start=1)]
    )


def docx_merged_cells_everywhere(path: Path, bases: Bases) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("ДОРОЖНАЯ КАРТА на 2022 год")
    table = document.add_table(rows=8, cols=4)
    for c, text in enumerate(_ROADMAP_ROWS[0]):
        table.cell(0, c).text = text
    for r in range(1, 8):
        for c, text in enumerate([str(r), f"Мероприятие {r}", "май 2022", "Управление"]):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(3, 0))
    table.cell(4, 1).merge(table.cell(5, 3))
    table.cell(6, 0).merge(table.cell(7, 3))
    document.save(str(path))


def good_workbook(path: Path, bases: Bases) -> None:
    path.write_bytes(bases.workbook.read_bytes())


def good_document(path: Path, bases: Bases) -> None:
    path.write_bytes(bases.docx.read_bytes())


def read_only_workbook(path: Path, bases: Bases) -> None:
    path.write_bytes(bases.workbook.read_bytes())
    os.chmod(path, 0o444)


def workbook_open_in_excel(path: Path, bases: Bases) -> None:
    path.write_bytes(bases.workbook.read_bytes())
    path.with_name("~$" + path.name).write_bytes(b"\x0bMethodist" + b" " * 40)


def workbook_open_in_libreoffice(path: Path, bases: Bases) -> None:
    path.write_bytes(bases.workbook.read_bytes())
    path.with_name(f".~lock.{path.name}#").write_text("Methodist,host,01.06.2022 10:00,", encoding="utf-8")


FORMULA_LIKE = [
    '=HYPERLINK("http://evil.example","x")',
    "+7 (999) 123-45-67",
    "-5",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
    "=1+1",
]

#: Commands that write into the workbook they are given.
IN_PLACE = {"check", "overdue", "form", "requests", "collect", "apply-feedback"}


@dataclass
class Malformed:
    kind: str  # what it is, in the README's table
    file: str  # the name it is written under (extension and odd characters matter)
    make: Callable[[Path, Bases], None]
    refused: str = ""  # every command must fail with a message containing this
    works: Tuple[str, ...] = ()  # commands that must succeed on it
    group: str = ""  # for the README: broken archive, hostile, odd content, ...
    extra_files: Tuple[str, ...] = field(default=())


WORKBOOK_COMMANDS = ("import", "check", "overdue", "form")
CORPUS = [
    Malformed("zero bytes", "пустой.xlsx", zero_bytes, "пуст (0 байт)", group="broken"),
    Malformed("random bytes named .xlsx", "шум.xlsx", random_bytes, "не является документом Office", group="broken"),
    Malformed(
        "CSV text named .xlsx", "таблица.xlsx", text_with_office_name, "не является документом Office", group="broken"
    ),
    Malformed("truncated zip (.xlsx)", "обрезанная книга.xlsx", truncated_zip, "повреждён", group="broken"),
    Malformed("truncated zip (.docx)", "обрезанный приказ.docx", truncated_zip, "повреждён", group="broken"),
    Malformed("zip without Office parts", "архив.xlsx", zip_without_office_parts, "не документ Office", group="broken"),
    Malformed(".docx renamed .xlsx", "приказ.xlsx", docx_renamed_xlsx, "документ Word", group="wrong type"),
    Malformed(".xlsx renamed .docx", "книга.docx", xlsx_renamed_docx, "Excel", group="wrong type"),
    Malformed("wrong [Content_Types].xml (.xlsx)", "типы.xlsx", wrong_content_types, group="broken"),
    Malformed("wrong [Content_Types].xml (.docx)", "типы.docx", wrong_content_types, group="broken"),
    Malformed("no [Content_Types].xml", "без типов.xlsx", missing_content_types, group="broken"),
    Malformed(
        "workbook.xml points at a missing sheet part",
        "без листа.xlsx",
        missing_sheet_part,
        "его данных в файле нет",
        group="broken",
    ),
    Malformed("no word/document.xml", "без тела.docx", missing_document_part, group="broken"),
    Malformed("sheet XML cut off", "битый лист.xlsx", broken_sheet_xml, group="broken"),
    Malformed("document XML cut off", "битый документ.docx", broken_document_xml, group="broken"),
    Malformed("sheet XML declares UTF-16 but is UTF-8", "кодировка.xlsx", wrong_xml_encoding, group="broken"),
    Malformed("password-protected (OLE/CFB)", "с паролем.xlsx", encrypted_office_file, "паролем", group="wrong type"),
    Malformed("old .xls", "старая.xls", old_binary_format, group="wrong type"),
    Malformed("old .doc", "старый.doc", old_binary_format, group="wrong type"),
    Malformed("random bytes named .pdf", "шум.pdf", random_bytes, group="broken"),
    Malformed("truncated PDF", "обрезанный приказ.pdf", truncated_pdf, group="broken"),
    Malformed("scanned PDF (pictures, no text)", "скан.pdf", scanned_pdf, group="odd content"),
    Malformed("PDF without a table", "без таблицы.pdf", pdf_without_table, group="odd content"),
    Malformed(
        "billion laughs in a sheet", "смех.xlsx", billion_laughs_xlsx, "недопустимую XML-конструкцию", group="hostile"
    ),
    Malformed(
        "billion laughs in a document",
        "смех.docx",
        billion_laughs_docx,
        "недопустимую XML-конструкцию",
        group="hostile",
    ),
    Malformed(
        "external entity (XXE) in a sheet",
        "xxe.xlsx",
        external_entity_xlsx,
        "недопустимую XML-конструкцию",
        group="hostile",
    ),
    Malformed(
        "external entity (XXE) in a document",
        "xxe.docx",
        external_entity_docx,
        "недопустимую XML-конструкцию",
        group="hostile",
    ),
    Malformed(
        "external entity in [Content_Types].xml",
        "xxe типы.xlsx",
        external_entity_in_content_types,
        "недопустимую XML-конструкцию",
        group="hostile",
    ),
    Malformed("zip bomb: 600 MB of zeros in 2.7 MB", "бомба.xlsx", zip_bomb, "zip-бомба", group="hostile"),
    Malformed(
        "zip bomb with forged sizes (40 MB said to be 2 KB)",
        "бомба2.xlsx",
        zip_bomb_with_forged_sizes,
        "zip-бомба",
        group="hostile",
    ),
    Malformed(
        "one cell at XFD1048576", "далеко.xlsx", sheet_with_a_cell_far_away, "лист слишком большой", group="too large"
    ),
    Malformed(
        "150,000 rows without cell references",
        "длинный.xlsx",
        sheet_with_150000_rows,
        "лист слишком большой",
        group="too large",
    ),
    Malformed("no sheet «Дорожная карта»", "без карты.xlsx", no_roadmap_sheet, group="odd content"),
    Malformed(
        "no sheet «Настройки»", "без настроек.xlsx", no_settings_sheet, works=WORKBOOK_COMMANDS, group="odd content"
    ),
    Malformed(
        "roadmap sheet without its header row", "без заголовка.xlsx", roadmap_sheet_without_header, group="odd content"
    ),
    Malformed("roadmap sheet with a header and no rows", "пустая карта.xlsx", empty_roadmap_sheet, group="odd content"),
    Malformed("new empty workbook", "новая.xlsx", empty_workbook, group="odd content"),
    Malformed("merged cells everywhere (.xlsx)", "объединения.xlsx", merged_cells_everywhere, group="odd content"),
    Malformed(
        "merged cells everywhere (.docx)",
        "объединения.docx",
        docx_merged_cells_everywhere,
        works=("import",),
        group="odd content",
    ),
    Malformed(
        "10,000-row roadmap",
        "большая карта.xlsx",
        big_roadmap_10000_rows,
        works=WORKBOOK_COMMANDS,
        group="large but fine",
    ),
    Malformed(
        "non-breaking and zero-width spaces in headers and deadlines",
        "пробелы.xlsx",
        odd_spaces_in_headers_and_deadlines,
        works=WORKBOOK_COMMANDS,
        group="odd content",
    ),
    Malformed(
        "dates as text, numbers and Excel serials",
        "даты.xlsx",
        dates_as_text_numbers_and_serials,
        works=WORKBOOK_COMMANDS,
        group="odd content",
    ),
    Malformed(
        "nonsense in date columns («вчера», -5, 10^9, 31.02)",
        "не даты.xlsx",
        nonsense_in_date_columns,
        works=WORKBOOK_COMMANDS,
        group="odd content",
    ),
    Malformed(
        "31.02.2022 as a date in «Настройки»", "плохая настройка.xlsx", invalid_date_in_settings, group="odd content"
    ),
    Malformed(
        "a 5,000-digit number and a 10-digit day as deadlines",
        "числа.xlsx",
        absurd_numbers_in_deadlines,
        works=WORKBOOK_COMMANDS,
        group="odd content",
    ),
    Malformed(
        "01.01.0001 (a date Excel cannot hold) in «Настройки»",
        "дата до 1900.xlsx",
        date_excel_cannot_hold_in_settings,
        group="odd content",
    ),
    Malformed(
        "formulas and #REF!, #N/A in cells",
        "формулы.xlsx",
        formulas_and_errors_in_cells,
        works=WORKBOOK_COMMANDS,
        group="odd content",
    ),
    Malformed(
        "control characters (_x0007_) in cells",
        "управляющие.xlsx",
        control_characters_in_cells,
        works=("import",),
        group="odd content",
    ),
    Malformed(".docx without a table", "без таблицы.docx", docx_without_table, group="odd content"),
    Malformed(".docx with nested tables", "вложенные.docx", docx_nested_tables, works=("import",), group="odd content"),
    Malformed(".docx with a one-column table", "один столбец.docx", docx_one_column_table, group="odd content"),
    Malformed(
        ".docx header with one known column",
        "чужие столбцы.docx",
        docx_header_with_one_known_column,
        group="odd content",
    ),
    Malformed(
        ".docx with formula-looking text", "формулы.docx", docx_formula_like_text, works=("import",), group="hostile"
    ),
    Malformed(
        "good workbook, name with spaces, quotes, Cyrillic",
        "Дорожная «карта» '№1' (копия).xlsx",
        good_workbook,
        works=WORKBOOK_COMMANDS,
        group="fine",
    ),
    Malformed(
        "good document, name with spaces and quotes",
        "Приказ «о карте» 'копия'.docx",
        good_document,
        works=("import",),
        group="fine",
    ),
    Malformed(
        "good workbook, a name of 245 bytes", "д" * 120 + ".xlsx", good_workbook, works=WORKBOOK_COMMANDS, group="fine"
    ),
    Malformed(
        "good workbook, a name starting with a dash",
        "-карта.xlsx",
        good_workbook,
        works=WORKBOOK_COMMANDS,
        group="fine",
    ),
    Malformed("read-only workbook", "только чтение.xlsx", read_only_workbook, works=("import",), group="locked"),
    Malformed(
        "workbook open in Excel (~$ owner file)",
        "открыта.xlsx",
        workbook_open_in_excel,
        works=("import",),
        group="locked",
        extra_files=("~$открыта.xlsx",),
    ),
    Malformed(
        "workbook open in LibreOffice (.~lock file)",
        "открыта в LO.xlsx",
        workbook_open_in_libreoffice,
        works=("import",),
        group="locked",
        extra_files=(".~lock.открыта в LO.xlsx#",),
    ),
]
#: What a command that writes into the locked or read-only workbook must say.
LOCKED_MESSAGES = {
    "read-only workbook": "только для чтения",
    "workbook open in Excel (~$ owner file)": "открыт в Excel",
    "workbook open in LibreOffice (.~lock file)": "открыт в Excel",
}


# --- running a command as the user would, with limits ----------------------------------------
ROOT = TESTS.parent
MEMORY_LIMIT = 2 * 1024**3
TIMEOUT = 120


@dataclass
class Outcome:
    args: list
    code: int
    out: str
    err: str
    seconds: float


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_command(args: list, cwd: Path, timeout: float = TIMEOUT) -> Outcome:
    """``python -m roadmap_tools ARGS`` in a subprocess with a memory limit and a timeout."""
    import subprocess
    import sys
    import time

    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    env.pop("ROADMAP_TOOLS_DEBUG", None)
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "roadmap_tools", *map(str, args)],
        cwd=str(cwd),
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        preexec_fn=_limit_memory if os.name == "posix" else None,
    )
    return Outcome([str(a) for a in args], proc.returncode, proc.stdout, proc.stderr, time.monotonic() - started)


def children_max_rss_mb() -> float:
    """The largest resident memory of any finished child process so far, in MB (Linux: KB units)."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
