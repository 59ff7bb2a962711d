"""Print settings chosen for A4: orientation, pages across, what the Gantt prints.

The printed result itself is measured in test_print_libreoffice.py; these pin down the
choices, fast, without LibreOffice.
"""

from __future__ import annotations

import pytest
from conftest import SAMPLE_DOCX, run_cli
from openpyxl import load_workbook

from roadmap_tools.sheetplan.operations import bounds, column_letter
from roadmap_tools.workbook import schema as layout
from roadmap_tools.workbook.printing import MIN_PRINTED_PT, POINTS_PER_WIDTH_CHAR, page_setup, printable_width
from roadmap_tools.workbook.sheets import GANTT_FIRST_MONTH_COL, GANTT_FIRST_ROW


@pytest.mark.parametrize(
    "widths, font, landscape, pages",
    [
        ([7, 50, 20], 11, False, 1),  # fits a portrait page at full size
        ([45, 50, 45], 11, True, 1),  # wider: landscape, one page across
        ([7, 50, 62, 44], 11, True, 1),  # the monitoring form: scaled, still readable
        ([7, 50, 62, 44], 8, True, 2),  # the same with 8 pt text: two pages across
        ([7, 22, 55, 20, 11, 11, 28, 28, 14, 12, 36, 24, 16, 16, 10], 11, True, 2),  # «Дорожная карта»
        ([30] * 20, 11, True, 5),
    ],
)
def test_orientation_and_pages_across_keep_the_printed_text_readable(widths, font, landscape, pages):
    setup = page_setup(widths, smallest_font=font, title_columns=1)
    assert (setup.landscape, setup.pages_wide) == (landscape, pages)
    # at the scale that puts the widest page's columns on one page, the text stays readable
    scale = min(1.0, printable_width(setup.landscape) / (POINTS_PER_WIDTH_CHAR * sum(widths) / pages))
    assert pages > 1 or font * scale >= MIN_PRINTED_PT
    assert (setup.title_columns == "A:A") == (pages > 1)


def _gantt_area(path) -> tuple:
    ws = load_workbook(path)[layout.SHEET_GANTT]
    _, _, last_row, last_col = bounds(ws.print_area.split("!")[-1].replace("$", ""))
    return last_row - GANTT_FIRST_ROW + 1, (last_col - GANTT_FIRST_MONTH_COL + 1) // 12


def test_the_gantt_prints_the_years_and_rows_of_the_roadmap_and_follows_changed_years(tmp_path):
    book = tmp_path / "Roadmap.xlsm"
    assert run_cli("build-workbook", "-o", book).code == 0
    assert _gantt_area(book) == (27, 2)  # the sample: 27 activities, December 2021 to December 2022
    ws = load_workbook(book)[layout.SHEET_GANTT]
    assert ws.print_title_rows and ws.print_title_cols  # header rows and activity names on every page

    wb = load_workbook(book, keep_vba=True)
    settings = wb[layout.SHEET_SETTINGS]
    row = next(
        r
        for r in range(1, settings.max_row + 1)
        if settings.cell(r, 1).value == layout.SETTINGS_BY_KEY["last_year"].label
    )
    settings.cell(row, 2).value = 2024
    wb.save(book)
    assert run_cli("overdue", book, "--as-of", "2022-06-30").code == 0
    assert _gantt_area(book) == (27, 4)  # deadline control sets the print area to 2021-2024


def test_the_helper_columns_are_hidden_from_view_and_print(tmp_path):
    book = tmp_path / "Roadmap.xlsm"
    assert run_cli("build-workbook", "-o", book).code == 0
    wb = load_workbook(book)
    months = [c.field for c in layout.ROADMAP_COLUMNS].index("months") + 1
    assert wb[layout.SHEET_ROADMAP].column_dimensions[column_letter(months)].hidden
    assert wb[layout.SHEET_GANTT].column_dimensions["F"].hidden


def test_importing_into_the_empty_ribbon_workbook_sets_the_gantt_print_area_to_the_new_rows(tmp_path):
    book = tmp_path / "Roadmap.xlsm"
    assert run_cli("build-workbook", "--empty", "-o", book).code == 0
    assert _gantt_area(book)[0] == 1  # no activities yet: the header and one row
    assert run_cli("import", SAMPLE_DOCX, "-o", book).code == 0
    assert _gantt_area(book) == (27, 2)
    assert run_cli("check", book).code in (0, 1)  # the check keeps it as it is
    assert _gantt_area(book) == (27, 2)
