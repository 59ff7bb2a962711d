"""Running a button twice changes nothing the second time; the user's own work survives."""

from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from roadmap_books import roadmap_book

from roadmap_tools.actions.on_file import run_check, run_form, run_overdue


def snapshot(path):
    """Everything a user sees: values, fills, fonts, notes, merges, conditional formats, names."""
    wb = load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None or c.comment or c.fill.fill_type or c.font.bold:
                    cells[c.coordinate] = (
                        c.value,
                        c.fill.fill_type,
                        c.fill.fgColor.rgb,
                        c.font.bold,
                        c.comment.text if c.comment else None,
                    )
        rules = sorted(
            (str(cf.sqref), r.priority, tuple(r.formula), r.dxf.fill.bgColor.rgb if r.dxf else None)
            for cf in ws.conditional_formatting
            for r in cf.rules
        )
        sheets[ws.title] = (cells, sorted(map(str, ws.merged_cells.ranges)), rules)
    names = sorted((n, d.attr_text) for n, d in wb.defined_names.items())
    return wb.sheetnames, sheets, names


def add_user_work(path):
    wb = load_workbook(path)
    ws = wb["Дорожная карта"]
    extra = ws.max_column + 2
    ws.cell(1, extra, "Мой столбец")
    ws.cell(2, extra, "моя пометка")
    ws["C3"].comment = Comment("Уточнить у директора", "Методист")
    ws["C6"].comment = Comment("Это повтор? спросить", "Методист")  # a cell the check marks in 001
    ws["B4"].fill = PatternFill("solid", start_color="00B0F0", end_color="00B0F0")
    ws["C4"].font = Font(bold=True)
    wb.save(path)
    return extra


def user_work_survives(path, extra):
    ws = load_workbook(path)["Дорожная карта"]
    assert ws.cell(1, extra).value == "Мой столбец" and ws.cell(2, extra).value == "моя пометка"
    assert ws["C3"].comment.text == "Уточнить у директора"
    assert ws["C6"].comment.text == "Это повтор? спросить"
    assert ws["B4"].fill.fgColor.rgb.endswith("00B0F0")
    assert ws["C4"].font.bold


JOBS = {
    "check": lambda p: run_check(p, today=date(2022, 12, 31)),
    "overdue": lambda p: run_overdue(p, as_of=date(2022, 6, 1)),
    "form": lambda p: run_form(p, date(2022, 4, 1), date(2022, 6, 30)),
}


@pytest.mark.parametrize("job", list(JOBS))
def test_second_run_changes_nothing_and_user_work_survives(job, tmp_path):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    extra = add_user_work(book)
    JOBS[job](book)
    first = snapshot(book)
    JOBS[job](book)
    assert snapshot(book) == first
    user_work_survives(book, extra)


def test_all_three_buttons_in_turn_twice(tmp_path):
    book = roadmap_book("roadmap_karpinsk_2022", tmp_path)
    extra = add_user_work(book)
    for job in JOBS.values():
        job(book)
    first = snapshot(book)
    for job in JOBS.values():
        job(book)
    assert snapshot(book) == first
    user_work_survives(book, extra)
