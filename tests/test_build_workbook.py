"""The build of workbook/Roadmap.xlsm: sheets, VBA project, ribbon, and what is committed."""

import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import convert_with_libreoffice, run_cli

from roadmap_tools.lexicon import vocab
from roadmap_tools.sheetplan.operations import column_letter
from roadmap_tools.workbook import schema as layout
from roadmap_tools.workbook.sheets import GANTT_FIRST_MONTH_COL, GANTT_FIRST_ROW, SHEET_ORDER, SHEET_XLWINGS_CONF
from roadmap_tools.xlsm import vba_project as vp
from roadmap_tools.xlsm.build import CUSTOMUI_PART, MACRO_WORKBOOK_TYPE, VBA_PART, WORKBOOK_SOURCES
from roadmap_tools.xlsm.buttons import BUTTONS

COMMITTED_WORKBOOK = Path(__file__).parent.parent / "workbook" / "Roadmap.xlsm"
ROADMAP_LETTER = {c.field: column_letter(i) for i, c in enumerate(layout.ROADMAP_COLUMNS, start=1)}
FIRST_MONTH, SECOND_MONTH = column_letter(GANTT_FIRST_MONTH_COL), column_letter(GANTT_FIRST_MONTH_COL + 1)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "Roadmap.xlsm"
    result = run_cli("build-workbook", "-o", out)
    assert result.code == 0, result.err
    return out


def _parts(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_workbook_is_macro_enabled_with_its_vba_project_and_ribbon(built):
    parts = _parts(built)
    types = parts["[Content_Types].xml"].decode()
    assert f'PartName="/xl/workbook.xml" ContentType="{MACRO_WORKBOOK_TYPE}"' in types
    assert 'PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"' in types
    assert 'Target="vbaProject.bin"' in parts["xl/_rels/workbook.xml.rels"].decode()
    root_rels = parts["_rels/.rels"].decode()
    assert "relationships/ui/extensibility" in root_rels and f'Target="{CUSTOMUI_PART}"' in root_rels
    assert parts[CUSTOMUI_PART] == (WORKBOOK_SOURCES / "ribbon" / "customUI14.xml").read_bytes()


def test_every_sheet_has_a_code_name_with_its_document_module(built):
    parts = _parts(built)
    modules = vp.read_project(parts[VBA_PART]).modules
    assert 'codeName="ThisWorkbook"' in parts["xl/workbook.xml"].decode()
    sheets = [n for n in parts if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == len(SHEET_ORDER)
    for name in sheets:
        code_name = re.search(r'<sheetPr[^>]*codeName="(\w+)"', parts[name].decode()).group(1)
        assert modules[code_name].kind == "document"
    documents = [m for m in modules.values() if m.kind == "document"]
    assert len(documents) == len(sheets) + 1  # and ThisWorkbook


def test_sheets_are_in_order_with_the_sample_roadmap(built):
    wb = openpyxl.load_workbook(built)
    assert wb.sheetnames == SHEET_ORDER
    roadmap = wb[layout.SHEET_ROADMAP]
    assert [c.value for c in roadmap[1]] == [c.title for c in layout.ROADMAP_COLUMNS]
    assert roadmap.max_row > 20  # the activities of examples/sample_roadmap_penza_2022.docx
    assert "ДорожнаяКарта" in roadmap.tables


def test_instructions_name_every_button_and_the_three_steps(built):
    ws = openpyxl.load_workbook(built)[layout.SHEET_INSTRUCTIONS]
    text = "\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)
    for b in BUTTONS:
        assert b.label in text and b.supertip in text
    for step in ("Шаг 1", "Шаг 2", "Шаг 3"):
        assert step in text


def test_xlwings_conf_keys_start_in_a1_as_xlwings_reads_them(built):
    ws = openpyxl.load_workbook(built)[SHEET_XLWINGS_CONF]
    assert [ws["A1"].value, ws["A2"].value, ws["A3"].value] == ["Interpreter_Win", "PYTHONPATH", None]


def test_gantt_rows_follow_the_roadmap_rows_and_are_coloured_by_deadline_control(built):
    wb = openpyxl.load_workbook(built)
    ws = wb[layout.SHEET_GANTT]
    roadmap = wb[layout.SHEET_ROADMAP]
    for n in (0, roadmap.max_row - 2, roadmap.max_row + 50):
        row = GANTT_FIRST_ROW + n
        assert f"'Дорожная карта'!C{2 + n}" in ws[f"B{row}"].value
        assert f"'Дорожная карта'!{ROADMAP_LETTER['control']}{2 + n}" in ws[f"E{row}"].value
        assert f"'Дорожная карта'!{ROADMAP_LETTER['months']}{2 + n}" in ws[f"F{row}"].value
    rules = [(rule.formula[0], rule.dxf.fill.bgColor.rgb) for cf in ws.conditional_formatting for rule in cf.rules]
    for status, colour in vocab.CONTROL_COLOURS.items():
        assert any(f'"{status}"' in formula and rgb.endswith(colour) for formula, rgb in rules), status
    assert "rt_first_year" in ws["D2"].value and "rt_as_of" in ws["D1"].value


def _roadmap_rules(path: Path) -> list:
    """(range, formula, colour, stop) of every rule on «Дорожная карта», in priority order."""
    ws = openpyxl.load_workbook(path)[layout.SHEET_ROADMAP]
    rules = sorted(
        (
            (rule.priority, str(cf.sqref), rule.formula[0], rule.dxf.fill.bgColor.rgb[-6:], bool(rule.stopIfTrue))
            for cf in ws.conditional_formatting
            for rule in cf.rules
        )
    )
    return [rule[1:] for rule in rules]


def test_the_build_installs_the_colour_rules_of_deadline_control_which_replaces_them(built, tmp_path):
    from roadmap_tools.actions.jobs import CONTROL_RULES, control_colour_plan
    from roadmap_tools.sheetplan.operations import ConditionalFill
    from roadmap_tools.workbook.book import read_roadmap_workbook

    book = tmp_path / "Roadmap.xlsm"
    book.write_bytes(built.read_bytes())
    roadmap, _ = read_roadmap_workbook(book)
    expected = [
        (op.range, op.formula.lstrip("="), op.colour, op.stop)
        for op in control_colour_plan(roadmap).ops
        if isinstance(op, ConditionalFill)
    ]
    assert len(expected) == len(CONTROL_RULES)
    assert _roadmap_rules(book) == expected
    for _ in range(2):
        assert run_cli("overdue", book, "--as-of", "01.06.2022").code == 0
        assert _roadmap_rules(book) == expected


def test_rebuild_gives_the_same_bytes(built, tmp_path):
    again = tmp_path / "again.xlsm"
    assert run_cli("build-workbook", "-o", again).code == 0
    assert again.read_bytes() == built.read_bytes()


def _content(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    cells = {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}
    parts = _parts(path)
    return {
        "sheets": wb.sheetnames,
        "cells": cells,
        "names": sorted(wb.defined_names),
        "vba": vp.module_sources(parts[VBA_PART]),
        "ribbon": parts[CUSTOMUI_PART],
    }


def test_committed_workbook_is_what_the_build_makes(built):
    assert COMMITTED_WORKBOOK.exists(), (
        "workbook/Roadmap.xlsm is not committed: roadmap-tools build-workbook -o workbook/Roadmap.xlsm"
    )
    committed, rebuilt = _content(COMMITTED_WORKBOOK), _content(built)
    for key in ("sheets", "names", "vba", "ribbon", "cells"):
        assert committed[key] == rebuilt[key], f"{key} differ: roadmap-tools build-workbook -o workbook/Roadmap.xlsm"


def test_roadmap_option_takes_the_roadmap_of_another_workbook(built, tmp_path):
    out = tmp_path / "from_book.xlsm"
    result = run_cli("build-workbook", "--roadmap", built, "-o", out)
    assert result.code == 0, result.err
    original = openpyxl.load_workbook(built)[layout.SHEET_ROADMAP]
    copied = openpyxl.load_workbook(out)[layout.SHEET_ROADMAP]
    assert [r[2] for r in copied.iter_rows(values_only=True)] == [r[2] for r in original.iter_rows(values_only=True)]


def test_empty_option_builds_without_the_sample(tmp_path):
    out = tmp_path / "empty.xlsm"
    assert run_cli("build-workbook", "--empty", "-o", out).code == 0
    roadmap = openpyxl.load_workbook(out)[layout.SHEET_ROADMAP]
    assert all(v is None for row in roadmap.iter_rows(min_row=2, values_only=True) for v in row)


def test_missing_roadmap_workbook_is_a_russian_error(tmp_path):
    result = run_cli("build-workbook", "--roadmap", tmp_path / "нет.xlsx", "-o", tmp_path / "x.xlsm")
    assert result.code == 1 and "файл не найден" in result.err and "Traceback" not in result.err


@pytest.mark.libreoffice
def test_libreoffice_opens_it_lists_every_vba_module_and_prints_it(built, soffice, tmp_path):
    ods = convert_with_libreoffice(soffice, built, "ods", tmp_path / "ods")
    with zipfile.ZipFile(ods) as zf:
        library = zf.read("Basic/VBAProject/script-lb.xml").decode()
        ribbon_module = zf.read("Basic/VBAProject/RoadmapRibbon.xml").decode()
    listed = set(re.findall(r'library:name="(\w+)"', library)) - {"VBAProject"}
    assert listed == set(vp.module_sources(_parts(built)[VBA_PART]))
    for b in BUTTONS:
        assert f"Sub {b.callback}(control As IRibbonControl)" in ribbon_module
    pdf = convert_with_libreoffice(soffice, built, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


@pytest.mark.libreoffice
def test_gantt_months_and_rows_compute_in_libreoffice(built, soffice, tmp_path):
    xlsx = convert_with_libreoffice(soffice, built, "xlsx", tmp_path / "xlsx")
    wb = openpyxl.load_workbook(xlsx, data_only=True)
    gantt, roadmap = wb[layout.SHEET_GANTT], wb[layout.SHEET_ROADMAP]
    starts = [r[4] for r in roadmap.iter_rows(min_row=2, values_only=True) if isinstance(r[4], datetime)]
    # the years of «Настройки», widened to the earliest date of the roadmap (December 2021 in the sample)
    first_year = min(wb[layout.SHEET_SETTINGS]["B4"].value, min(starts).year)
    assert first_year == 2021
    assert gantt[f"{FIRST_MONTH}4"].value == datetime(first_year, 1, 1)
    assert gantt[f"{SECOND_MONTH}4"].value == datetime(first_year, 2, 1)
    assert gantt[f"B{GANTT_FIRST_ROW}"].value == roadmap["C2"].value
    assert gantt[f"C{GANTT_FIRST_ROW}"].value == roadmap["E2"].value
