"""Import a roadmap from a Word document, a PDF or an Excel workbook: ``import_roadmap(path)``.

Every failure is a ``RoadmapError`` in Russian that names the file and says what was
expected; nothing is written here (see ``workbook.write_roadmap_workbook``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Optional, Union

import olefile

from roadmap_tools import safeio
from roadmap_tools.errors import RoadmapError
from roadmap_tools.model import Roadmap, Source
from roadmap_tools.reading import docmeta, headers, office
from roadmap_tools.reading.docx_tables import DocxContent, read_docx
from roadmap_tools.reading.pdf_tables import read_pdf
from roadmap_tools.reading.tablerows import REPORT_FIELDS, ParsedTables, parse_tables
from roadmap_tools.workbook import schema as layout
from roadmap_tools.workbook.settings import to_date

WORD_FORMATS = (".docx", ".docm")
EXCEL_FORMATS = (".xlsx", ".xlsm")
PDF_FORMATS = (".pdf",)
#: Text documents LibreOffice turns into .docx before the import (old Word, RTF, OpenDocument).
CONVERTED_FORMATS = (".doc", ".rtf", ".odt")
SUPPORTED = "документ Word (.docx, .doc), PDF с текстом, .rtf, .odt или книга Excel (.xlsx, .xlsm)"
#: Rows at the top of a sheet where the roadmap's header may be.
SHEET_HEADER_SEARCH = 40

REQUIRED_TITLES = {"activity": "Мероприятие", "deadline": "Сроки"}
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXPECTED_COLUMNS = "«№», «Мероприятие», «Сроки», «Ответственные исполнители», «Ожидаемый результат»"
_NO_TABLE_IN_WORD = "Если таблица вставлена картинкой или текстом, вставьте её в документ таблицей Word."
_NO_TABLE_IN_PDF = (
    "Таблица в PDF находится по линиям сетки. Если у таблицы нет линий, откройте PDF в Word "
    "(он переведёт его в документ), проверьте таблицу и импортируйте сохранённый .docx."
)


def import_roadmap(path: Union[str, Path], school_year: Optional[int] = None) -> Roadmap:
    """Read the roadmap of a .docx, .pdf, .doc/.rtf/.odt, .xlsx or .xlsm file (format by extension, checked by content).

    ``school_year`` (2023 for 2023-2024) says the roadmap runs by that school year, whatever
    its title says; without it a title «на 2023-2024 учебный год» says so.
    """
    roadmap = _import_roadmap(path)
    if school_year is not None:
        roadmap.school_year, roadmap.years = school_year, [school_year, school_year + 1]
    return roadmap


def _import_roadmap(path: Union[str, Path]) -> Roadmap:
    source = safeio.check_readable(path)
    suffix = source.suffix.lower()
    if suffix in PDF_FORMATS:
        return _import_document(read_pdf(source), str(path), _NO_TABLE_IN_PDF)
    if suffix in CONVERTED_FORMATS:
        return _import_converted(source, str(path))
    if suffix in (".xls", ".ods") or (suffix not in WORD_FORMATS + EXCEL_FORMATS and _is_ole(source)):
        raise RoadmapError(
            f"формат «{suffix or 'без расширения'}» не поддерживается: ожидается {SUPPORTED}.",
            file=str(path),
            hint=_resave_hint(suffix),
        )
    if suffix not in WORD_FORMATS + EXCEL_FORMATS:
        raise RoadmapError(
            f"формат «{suffix or 'без расширения'}» не поддерживается: ожидается {SUPPORTED}.", file=str(path)
        )
    if suffix in WORD_FORMATS and _is_old_word(source):  # a .doc renamed to .docx: read as the .doc it is
        return _import_converted(source, str(path))
    if _is_ole(source):
        raise safeio.password_protected(path)
    if suffix in WORD_FORMATS:
        return _import_docx(source, str(path))
    return _import_xlsx(source, str(path))


def _is_ole(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(8) == _OLE_SIGNATURE


def _is_old_word(path: Path) -> bool:
    """A Word 97-2003 document (an OLE file with the stream «WordDocument») and not an encrypted .docx."""
    if not _is_ole(path):
        return False
    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("WordDocument") and not ole.exists("EncryptionInfo")
    except (OSError, ValueError, IndexError, TypeError):  # olefile's refusals of a broken file
        return False


def _resave_hint(suffix: str) -> str:
    if suffix in (".xls", ".ods"):
        return "Откройте файл в Excel и сохраните его как «Книга Excel (*.xlsx)»."
    return "Откройте файл в Word и сохраните его как «Документ Word (*.docx)»."


def _import_converted(source: Path, name: str) -> Roadmap:
    """An old Word, RTF or OpenDocument file: a .docx copy made by LibreOffice in a temporary folder."""
    if not office.find_soffice():
        raise RoadmapError(
            f"файл «{source.suffix.lower()}» читается только через LibreOffice, а он на этом компьютере не установлен.",
            file=name,
            hint=office.RESAVE_AS_DOCX,
        )
    with tempfile.TemporaryDirectory(prefix="roadmap-import-") as folder:
        converted = office.convert(source, Path(folder), "docx")
        try:
            content = read_docx(converted)
        except RoadmapError as exc:  # the user knows the original, not our temporary copy
            raise RoadmapError(exc.message, file=name, sheet=exc.sheet, cell=exc.cell, hint=exc.hint) from exc
        return _import_document(content, name)


def _import_docx(path: Path, name: str) -> Roadmap:
    return _import_document(read_docx(path), name)  # checked and its failures put into words by safeio


def _import_document(content: DocxContent, name: str, no_table_hint: str = _NO_TABLE_IN_WORD) -> Roadmap:
    """A document read into tables and paragraphs (Word, PDF): its roadmap."""
    if not content.tables:
        raise RoadmapError(
            f"в документе нет таблиц: ожидалась таблица дорожной карты со столбцами {_EXPECTED_COLUMNS}.",
            file=name,
            hint=no_table_hint,
        )
    parsed = parse_tables(content.tables, Source(file=name))
    _require_roadmap(parsed, name, "в документе")
    header_table = parsed.header_table
    assert header_table is not None  # found with the header, which _require_roadmap has seen
    # a title may be the table's own first row, merged across it, above the header
    title_rows = [" ".join(t for t in row.texts if t) for row in content.tables[header_table][: parsed.header_row]]
    meta = docmeta.document_meta(
        content.paragraphs_before(header_table) + title_rows, content.paragraphs(), _deadlines(parsed)
    )
    return _roadmap(parsed, meta, Source(file=name))


def _import_xlsx(path: Path, name: str) -> Roadmap:
    from roadmap_tools.reading.xlsx_values import read_workbook_sheets
    from roadmap_tools.workbook import book as workbook

    sheets = read_workbook_sheets(path)  # checked and its failures put into words by safeio
    names = [sheet.name for sheet in sheets]
    if layout.SHEET_ROADMAP in names and layout.SHEET_SETTINGS in names:
        return workbook.read_roadmap_workbook(path, file=name)[0]
    unrecognised = []
    for sheet in sheets:
        parsed = parse_tables([sheet.rows], Source(file=name, sheet=sheet.name), SHEET_HEADER_SEARCH)
        if parsed.layout is None:
            unrecognised.extend(parsed.unrecognised)
            continue
        _require_roadmap(parsed, name, f"на листе «{sheet.name}»")
        above = [" ".join(t for t in row.texts if t) for row in sheet.rows[: parsed.header_row]]
        meta = docmeta.document_meta(above, above, _deadlines(parsed))
        return _roadmap(parsed, meta, Source(file=name, sheet=sheet.name))
    _require_roadmap(ParsedTables(unrecognised=unrecognised), name, "в книге")
    raise AssertionError("unreachable")


def _require_roadmap(parsed: ParsedTables, name: str, where: str) -> None:
    if parsed.layout is None:
        seen = [row for row in parsed.unrecognised if any(row)]
        example = ""
        for row in seen:
            missing = headers.missing_required(headers.recognise_header(row))
            if len(missing) < len(REQUIRED_TITLES):
                names = ", ".join(f"«{REQUIRED_TITLES[f]}»" for f in missing)
                raise RoadmapError(
                    f"{where} таблица без столбца {names}: это не дорожная карта (заголовки: "
                    + ", ".join(f"«{t}»" for t in row if t)[:300]
                    + ").",
                    file=name,
                    hint="Дорожная карта должна содержать столбцы «Мероприятие» и «Сроки».",
                )
        if seen:
            example = " Первая строка первой таблицы: " + ", ".join(f"«{t}»" for t in seen[0] if t)[:300] + "."
        raise RoadmapError(
            f"{where} не найдена таблица дорожной карты: не распознаны заголовки столбцов. "
            f"Ожидалась строка заголовка со столбцами {_EXPECTED_COLUMNS} "
            f"(обязательны мероприятие и сроки).{example}",
            file=name,
            hint="Переименуйте заголовки столбцов, например «Мероприятие» и «Сроки», и повторите.",
        )
    if not any(section.activities for section in parsed.sections):
        raise RoadmapError(
            f"{where} таблица дорожной карты найдена, но в ней нет ни одного мероприятия.",
            file=name,
            hint="Проверьте, что строки мероприятий находятся под заголовком таблицы.",
        )


def _deadlines(parsed: ParsedTables) -> list:
    return [activity.deadline for section in parsed.sections for activity in section.activities]


def _roadmap(parsed: ParsedTables, meta: docmeta.DocumentMeta, source: Source) -> Roadmap:
    table_layout = parsed.layout
    assert table_layout is not None  # _require_roadmap has let only a roadmap through
    columns = [" ".join(title.split()) for title in table_layout.titles]
    fields = table_layout.fields
    for section in parsed.sections:
        for activity in section.activities:
            activity.done_date = _done_date(activity.done_date)
    return Roadmap(
        title=meta.title,
        organisation=meta.organisation,
        years=list(meta.years),
        sections=parsed.sections,
        school_year=meta.school_year,
        columns=columns,
        has_executor_column="executor" in fields,
        source=source,
        column_index={field: index + 1 for field, index in fields.items()},
        kept_columns=[title for _, title in table_layout.other_columns],
        report_columns={name: columns[fields[name]] for name in REPORT_FIELDS if name in fields},
    )


def _done_date(text):
    """A document's «Дата выполнения» as a date where it is one; as typed otherwise (the check
    points at it), None when empty."""
    if not text:
        return None
    try:
        return to_date(text) or text
    except (ValueError, TypeError, OverflowError):
        return text


def import_json(roadmap: Roadmap) -> dict:
    """What ``import --json`` prints: the roadmap, and the document's columns kept and carried over."""
    return {
        **roadmap.to_json(),
        "kept_columns": list(roadmap.kept_columns),
        "report_columns": dict(roadmap.report_columns),
    }


def kept_columns_text(roadmap: Roadmap) -> str:
    """What import said of the document's columns it kept or carried over, in Russian ("" if none)."""
    lines = []
    titles = {c.field: c.title for c in layout.ROADMAP_COLUMNS}
    carried = [
        f"«{title}» → «{titles[name]}»"
        for name, title in roadmap.report_columns.items()
        if title.lower() != titles[name].lower()
    ]
    if roadmap.report_columns:
        lines.append(
            "Отчётные столбцы документа перенесены: "
            + ", ".join(carried or (f"«{t}»" for t in roadmap.report_columns.values()))
            + "."
        )
    if roadmap.kept_columns:
        lines.append(
            f"Свои столбцы документа сохранены на листе «{layout.SHEET_ROADMAP}» (после наших): "
            + ", ".join(f"«{t}»" for t in roadmap.kept_columns)
            + "."
        )
    return " ".join(lines)


def default_output(path: Union[str, Path]) -> Path:
    """Where ``import`` writes when no output is given: beside the document, «NAME_roadmap.xlsx»."""
    source = Path(path)
    return source.with_name(f"{source.stem}_roadmap.xlsx")


def import_plans(
    path: Union[str, Path], existing: Optional[dict] = None, settings: Optional[dict] = None, gantt: bool = False
) -> tuple:
    """(Roadmap, sheet plans) importing ``path`` into an open workbook (the ribbon's button).

    ``existing``: the workbook's current sheets as rows of values (see
    ``workbook.roadmap_sheet_plans``); ``settings``: its current «Настройки»; ``gantt``: the
    workbook has «Диаграмма Ганта» (its print area then follows the new roadmap).
    """
    from roadmap_tools.workbook import book as workbook

    roadmap = import_roadmap(path)
    return roadmap, workbook.roadmap_workbook_plans(roadmap, existing, settings, gantt=gantt)


def import_to_workbook(
    path: Union[str, Path], output: Optional[Union[str, Path]] = None, school_year: Optional[int] = None
) -> tuple:
    """(Roadmap, written path): import ``path`` and write or update the roadmap workbook.

    The document is read in full before anything is written, so a bad document leaves
    no file behind.
    """
    from roadmap_tools.workbook.book import write_roadmap_workbook

    roadmap = import_roadmap(path, school_year)
    target = Path(output) if output else default_output(path)
    return roadmap, write_roadmap_workbook(roadmap, target)
