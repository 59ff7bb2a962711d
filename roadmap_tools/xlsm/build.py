"""Build ``Roadmap.xlsm`` without Excel: openpyxl writes the sheets, then one
pass over the zip adds the VBA project, the ribbon and what Office needs to find them.

openpyxl does not keep a ribbon part, so the last step on the zip adds
``customUI/customUI14.xml`` and its relationship, ``xl/vbaProject.bin`` and its
relationship, the content types, and makes the workbook macro-enabled. Timestamps are
fixed, so the same sources give the same file.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

from roadmap_tools.resources import DATA as WORKBOOK_SOURCES  # package data: vba/ and ribbon/
from roadmap_tools.sheetplan.operations import SheetPlan, apply_openpyxl, column_index, column_letter
from roadmap_tools.workbook import schema as layout
from roadmap_tools.workbook import sheets as workbook_sheets
from roadmap_tools.workbook.settings import settings_from_rows

#: The committed workbook of the repository, rebuilt by developers with
#: ``roadmap-tools build-workbook -o workbook/Roadmap.xlsm``; the command's own default
#: is ``Roadmap.xlsm`` in the current folder, so an installed wheel needs no checkout.
DEFAULT_OUTPUT = Path("Roadmap.xlsm")

MACRO_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
VBA_PROJECT_TYPE = "application/vnd.ms-office.vbaProject"
VBA_PROJECT_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
CUSTOMUI_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
CUSTOMUI_PART = "customUI/customUI14.xml"
VBA_PART = "xl/vbaProject.bin"

#: Fixed document dates and zip timestamps: a rebuild gives the same bytes.
FIXED_TIME = datetime(2024, 1, 1, 0, 0, 0)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

#: codeName (the VBA module behind a sheet) of each sheet; ASCII identifiers.
SHEET_CODENAMES = {
    layout.SHEET_INSTRUCTIONS: "shInstructions",
    layout.SHEET_ROADMAP: "shRoadmap",
    layout.SHEET_GANTT: "shGantt",
    layout.SHEET_CHECK: "shCheck",
    layout.SHEET_FORM: "shForm",
    layout.SHEET_LISTS: "shLists",
    layout.SHEET_SETTINGS: "shSettings",
    "xlwings.conf": "shXlwingsConf",
}
WORKBOOK_CODENAME = "ThisWorkbook"

#: VBA modules taken from the package data ``roadmap_tools/data/vba`` (name, kind, file), in project order.
VBA_FILES = [
    ("xlwings", "standard", "xlwings.bas"),
    ("Dictionary", "class", "Dictionary.cls"),
    ("RoadmapRibbon", "standard", "RoadmapRibbon.bas"),
]


# --- sources ----------------------------------------------------------------------
def vba_modules(sources: Path = WORKBOOK_SOURCES) -> list:
    """The non-document VBA modules, read from ``sources/vba``."""
    from roadmap_tools.errors import RoadmapError
    from roadmap_tools.xlsm.vba_project import Module, source_from_file

    modules = []
    for name, kind, filename in VBA_FILES:
        path = sources / "vba" / filename
        if not path.exists():
            raise RoadmapError(
                "нет исходного текста модуля VBA: установка пакета неполна.",
                file=str(path),
                hint="Переустановите пакет: py -m pip install --force-reinstall roadmap_tools-….whl",
            )
        modules.append(Module(name, kind, source_from_file(path.read_text(encoding="ascii"))))
    return modules


def ribbon_source(sources: Path = WORKBOOK_SOURCES) -> bytes:
    return (sources / "ribbon" / "customUI14.xml").read_bytes()


def export_xlwings_modules(sources: Path = WORKBOOK_SOURCES) -> list:
    """Write xlwings' own modules (from its standalone quickstart, unchanged) to ``sources/vba``."""
    from roadmap_tools.xlsm.vba_project import read_template

    template = read_template()
    written = []
    for name, _, filename in VBA_FILES:
        if name in template.modules:
            path = sources / "vba" / filename
            path.parent.mkdir(parents=True, exist_ok=True)
            text = template.modules[name].source.replace("\r\n", "\n")
            path.write_bytes(text.replace("\n", "\r\n").encode("ascii"))
            written.append(path)
    return written


# --- sheets -----------------------------------------------------------------------
def find_roadmap_header(ws) -> tuple:
    """(header row, {field: column letter}) of the sheet «Дорожная карта»."""
    titles = {c.title.lower(): c.field for c in layout.ROADMAP_COLUMNS}
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 30)):
        found = {
            titles[str(cell.value).strip().lower()]: column_letter(cell.column)
            for cell in row
            if cell.value is not None and str(cell.value).strip().lower() in titles
        }
        if "activity" in found and "start" in found:
            return row[0].row, found
    # an empty sheet: the layout's own order, header in row 1
    return 1, {c.field: column_letter(i) for i, c in enumerate(layout.ROADMAP_COLUMNS, start=1)}


def build_openpyxl_workbook(data_plans: Sequence[SheetPlan]):
    """An openpyxl workbook with the roadmap's sheets (``data_plans``) and the build's own sheets."""
    from openpyxl import Workbook

    from roadmap_tools.actions.jobs import control_colour_plan
    from roadmap_tools.model import Roadmap, Source
    from roadmap_tools.workbook import sheets as workbook_sheets

    wb = Workbook()
    default = wb.active
    apply_openpyxl(wb, data_plans)
    if layout.SHEET_ROADMAP not in wb.sheetnames:
        wb.create_sheet(layout.SHEET_ROADMAP)
    ws = wb[layout.SHEET_ROADMAP]
    header_row, columns = find_roadmap_header(ws)
    missing = {"number", "activity", "start", "end", "control"} - set(columns)
    if missing:
        raise ValueError(f"«{layout.SHEET_ROADMAP}» lacks columns for the Gantt sheet: {sorted(missing)}")
    filled = max(ws.max_row - header_row, 0)
    rows = filled + workbook_sheets.GANTT_SPARE_ROWS
    # the very rules deadline control installs, so that running it replaces them
    in_sheet = Roadmap(
        source=Source(sheet=layout.SHEET_ROADMAP),
        column_index={name: column_index(letter) for name, letter in columns.items()},
    )
    plans = [control_colour_plan(in_sheet, header_row)]
    plans += workbook_sheets.build_sheet_plans(
        columns,
        header_row,
        rows,
        _gantt_years(wb, ws, header_row, columns),
        _column_texts(ws, header_row, columns["activity"]),
    )
    apply_openpyxl(wb, plans)
    if default.title not in workbook_sheets.SHEET_ORDER and default.max_row == 1 and default.cell(1, 1).value is None:
        wb.remove(default)
    order = {name: i for i, name in enumerate(workbook_sheets.SHEET_ORDER)}
    wb._sheets.sort(key=lambda s: order.get(s.title, len(order)))  # openpyxl has no public reorder
    wb.active = 0
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws is wb.worksheets[0]
    return wb


def _column_texts(ws, header_row: int, letter: str) -> list:
    return [
        str(v) if v is not None else ""
        for (v,) in ws.iter_rows(
            min_row=header_row + 1, min_col=column_index(letter), max_col=column_index(letter), values_only=True
        )
    ]


def _gantt_years(wb, ws, header_row: int, columns: Dict[str, str]) -> int:
    """How many years «Диаграмма Ганта» shows for the roadmap and «Настройки» just written."""
    rows = (
        [list(r) for r in wb[layout.SHEET_SETTINGS].iter_rows(values_only=True)]
        if layout.SHEET_SETTINGS in wb.sheetnames
        else []
    )
    settings = settings_from_rows(rows)
    dates = []
    for field in ("start", "end"):
        if field in columns:
            col = column_index(columns[field])
            for (value,) in ws.iter_rows(min_row=header_row + 1, min_col=col, max_col=col, values_only=True):
                if isinstance(value, (date, datetime)):
                    dates.append(value)
    return workbook_sheets.gantt_years(
        settings.get("first_year"), settings.get("last_year"), dates, settings.get("as_of") or date.today()
    )


def codenames(sheet_names: Iterable[str]) -> Dict[str, str]:
    """Sheet name -> codeName; sheets we do not know get Sheet1, Sheet2, ..."""
    result, n = {}, 0
    for name in sheet_names:
        if name in SHEET_CODENAMES:
            result[name] = SHEET_CODENAMES[name]
        else:
            n += 1
            while f"Sheet{n}" in SHEET_CODENAMES.values():
                n += 1
            result[name] = f"Sheet{n}"
    return result


# --- the zip ----------------------------------------------------------------------
def _add_relationship(xml: str, rel_id: str, rel_type: str, target: str) -> str:
    if f'Type="{rel_type}"' in xml:
        return xml
    return xml.replace(
        "</Relationships>", f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/></Relationships>'
    )


def _free_rel_id(xml: str, prefix: str) -> str:
    n = 1
    while f'Id="{prefix}{n}"' in xml:
        n += 1
    return f"{prefix}{n}"


def make_macro_enabled(xlsx: bytes, vba_project: bytes, ribbon: bytes) -> bytes:
    """Zip surgery: an .xlsx written by openpyxl -> .xlsm with a VBA project and a ribbon."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    parts = {name: src.read(name) for name in src.namelist()}
    types = parts["[Content_Types].xml"].decode("utf-8")
    types = types.replace(PLAIN_WORKBOOK_TYPE, MACRO_WORKBOOK_TYPE)
    if VBA_PART not in types:
        types = types.replace(
            "</Types>", f'<Override PartName="/{VBA_PART}" ContentType="{VBA_PROJECT_TYPE}"/></Types>'
        )
    parts["[Content_Types].xml"] = types.encode("utf-8")

    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    rels = _add_relationship(rels, _free_rel_id(rels, "rId"), VBA_PROJECT_REL, "vbaProject.bin")
    parts["xl/_rels/workbook.xml.rels"] = rels.encode("utf-8")

    root_rels = parts["_rels/.rels"].decode("utf-8")
    root_rels = _add_relationship(root_rels, "rIdRibbon", CUSTOMUI_REL, CUSTOMUI_PART)
    parts["_rels/.rels"] = root_rels.encode("utf-8")

    if "docProps/core.xml" in parts:  # openpyxl stamps «modified» with the time of saving
        stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        parts["docProps/core.xml"] = re.sub(
            rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", lambda m: m.group(1) + stamp, parts["docProps/core.xml"]
        )
    parts[VBA_PART] = vba_project
    parts[CUSTOMUI_PART] = ribbon

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        first = ["[Content_Types].xml", "_rels/.rels"]
        for name in first + sorted(n for n in parts if n not in first):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, parts[name])
    return out.getvalue()


def xlsm_bytes(data_plans: Sequence[SheetPlan], sources: Path = WORKBOOK_SOURCES) -> bytes:
    """The whole macro-enabled workbook as bytes."""
    from roadmap_tools.xlsm.vba_project import build_project, document_module

    wb = build_openpyxl_workbook(data_plans)
    names = codenames(wb.sheetnames)
    wb.code_name = WORKBOOK_CODENAME
    for ws in wb.worksheets:
        ws.sheet_properties.codeName = names[ws.title]
    wb.properties.creator = "roadmap-tools"
    wb.properties.lastModifiedBy = "roadmap-tools"
    wb.properties.title = "Дорожная карта"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    xlsx = buffer.getvalue()

    modules = [document_module(WORKBOOK_CODENAME, workbook=True)]
    modules += [document_module(names[name]) for name in wb.sheetnames]
    modules += vba_modules(sources)
    return make_macro_enabled(xlsx, build_project(modules), ribbon_source(sources))


def default_roadmap_plans(roadmap=None, settings: Optional[dict] = None) -> List[SheetPlan]:
    """Plans of «Дорожная карта», «Справочники» and «Настройки» for ``roadmap`` (None: empty)."""
    from roadmap_tools.model import Roadmap
    from roadmap_tools.workbook.book import roadmap_workbook_plans

    return roadmap_workbook_plans(roadmap if roadmap is not None else Roadmap(), settings=settings)


def build_workbook(
    output=DEFAULT_OUTPUT,
    roadmap=None,
    settings: Optional[dict] = None,
    sources: Path = WORKBOOK_SOURCES,
    data_plans: Optional[Sequence[SheetPlan]] = None,
) -> Path:
    """Write the macro-enabled workbook to ``output`` (atomically, the old file kept as .bak).

    The sheets «Дорожная карта», «Справочники» and «Настройки» come from
    ``roadmap_tools.workbook.book.roadmap_workbook_plans(roadmap, settings=settings)`` unless ``data_plans``
    are given.
    """
    from roadmap_tools.safeio import atomic_write

    plans = default_roadmap_plans(roadmap, settings) if data_plans is None else data_plans
    data = xlsm_bytes(plans, sources)
    return atomic_write(output, lambda tmp: tmp.write_bytes(data))
