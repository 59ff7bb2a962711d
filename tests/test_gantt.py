"""«Диаграмма Ганта»: a deadline of several separate spans is drawn as its spans, not as one bar."""

import re
from datetime import date

import openpyxl
import pytest
from conftest import FIXTURES, convert_with_libreoffice

from roadmap_tools.deadlines import parse_deadline
from roadmap_tools.model import Activity, Roadmap, Section
from roadmap_tools.reading.importer import import_roadmap
from roadmap_tools.sheetplan.operations import column_letter
from roadmap_tools.workbook import schema as layout
from roadmap_tools.workbook.book import chart_months, write_roadmap_workbook
from roadmap_tools.workbook.sheets import GANTT_FIRST_MONTH_COL, GANTT_FIRST_ROW, GANTT_HEADER_ROW, GANTT_MONTHS_COL

YEARS = [2021, 2022]


@pytest.mark.parametrize(
    "text, months",
    [
        ("Май 2022 года Ноябрь 2022 года", ";202205;202211;"),
        ("Сентябрь – октябрь ежегодно", ";202109;202110;202209;202210;"),
        ("ежегодно (июнь)", ";202106;202206;"),
        ("I квартал, III квартал 2022", ";202201;202202;202203;202207;202208;202209;"),
        # spans that fill every month between start and end: one bar says it all
        ("январь, февраль 2022", ""),
        ("ежегодно", ""),
        # one span, no dates
        ("май 2022", ""),
        ("в течение 2022 года", ""),
        ("по мере необходимости", ""),
        ("", ""),
    ],
)
def test_months_column_lists_the_months_of_separate_spans_only(text, months):
    assert chart_months(parse_deadline(text, YEARS)) == months


def test_import_writes_the_months_column_with_a_hint_on_its_header(tmp_path):
    path = write_roadmap_workbook(import_roadmap(FIXTURES / "roadmap_penza_2022.docx"), tmp_path / "R.xlsx")
    sheet = openpyxl.load_workbook(path)[layout.SHEET_ROADMAP]
    header = [c.value for c in sheet[1]]
    deadline, months = header.index("Сроки"), header.index("Месяцы (для диаграммы)")
    assert months == header.index("Окончание") + 1
    assert "Диаграмма Ганта" in sheet.cell(1, months + 1).comment.text
    by_deadline = {row[deadline]: row[months] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert by_deadline["Май 2022 года Ноябрь 2022 года"] == ";202205;202211;"
    assert by_deadline["Январь-февраль 2022 года"] is None


def test_reimport_into_a_workbook_without_the_months_column_adds_it_and_reads_the_same(tmp_path):
    from roadmap_tools.workbook.book import read_roadmap_workbook

    roadmap = import_roadmap(FIXTURES / "roadmap_penza_2022.docx")
    path = write_roadmap_workbook(roadmap, tmp_path / "R.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[layout.SHEET_ROADMAP]
    months = [c.value for c in sheet[1]].index("Месяцы (для диаграммы)") + 1
    sheet.delete_cols(months)  # a workbook written before the column existed
    del sheet.tables[layout.ROADMAP_TABLE_NAME]
    workbook.save(path)
    before, _ = read_roadmap_workbook(path)
    write_roadmap_workbook(roadmap, path)
    header = [c.value for c in openpyxl.load_workbook(path)[layout.SHEET_ROADMAP][1]]
    assert header[-1] == "Месяцы (для диаграммы)" and header.count("Месяцы (для диаграммы)") == 1
    after, _ = read_roadmap_workbook(path)
    assert after.to_json() == before.to_json()


def _probe_bars(built, rows: list, columns: list):
    """A copy of ``built`` whose cell ``Probe!{column j}{i}`` holds the Gantt's bar rules as evaluated at
    (rows[i-1], columns[j-1]), so LibreOffice computes what the conditional formatting shows."""
    from openpyxl.formula.translate import Translator

    workbook = openpyxl.load_workbook(built)
    gantt = workbook[layout.SHEET_GANTT]
    origin = f"{column_letter(GANTT_FIRST_MONTH_COL)}{GANTT_FIRST_ROW}"
    bars = [
        rule.formula[0] for cf in gantt.conditional_formatting for rule in cf.rules if str(cf.sqref).startswith(origin)
    ]
    assert len(bars) >= 2
    probe = workbook.create_sheet("Probe")
    quoted = "'" + layout.SHEET_GANTT + "'!"
    for i, row in enumerate(rows, start=1):
        for j, col in enumerate(columns, start=1):
            # the references as the rule sees them in that cell, then pointed at the Gantt sheet
            text = ",".join(Translator("=" + f, origin=origin).translate_formula(f"{col}{row}")[1:] for f in bars)
            text = re.sub(_REFERENCE, lambda m: m.group(1) + quoted + m.group(2), text)
            probe.cell(i, j).value = f"=OR({text})"
    out = built.parent / "probe.xlsx"
    workbook.save(out)
    return out


#: A cell reference outside a string literal: «$C9», «L$4» (string literals are matched and kept whole).
_REFERENCE = re.compile(r'("[^"]*"|[^A-Za-z_$"]|^)(\$?[A-Z]{1,3}\$?\d+)(?![\d(])')


@pytest.mark.libreoffice
def test_milestones_are_coloured_in_their_months_only_after_libreoffice_recalculates(soffice, tmp_path):
    roadmap = Roadmap(
        title="Проба",
        years=YEARS,
        sections=[
            Section(
                "Раздел",
                [
                    Activity(number="1", activity="Этапы в мае и ноябре", deadline="Май 2022 года Ноябрь 2022 года"),
                    Activity(number="2", activity="Весь год", deadline="в течение 2022 года"),
                ],
            )
        ],
    )
    built = tmp_path / "Roadmap.xlsm"
    from roadmap_tools.xlsm.build import build_workbook

    build_workbook(built, roadmap)
    # the grid starts in January 2021: May..November 2022 are months 17..23
    columns = [column_letter(GANTT_FIRST_MONTH_COL + 12 + m - 1) for m in range(5, 12)]
    rows = [GANTT_FIRST_ROW, GANTT_FIRST_ROW + 1]
    xlsx = convert_with_libreoffice(soffice, _probe_bars(built, rows, columns), "xlsx", tmp_path / "lo")
    computed = openpyxl.load_workbook(xlsx, data_only=True)
    gantt = computed[layout.SHEET_GANTT]
    assert [gantt[f"{c}{GANTT_HEADER_ROW}"].value.date() for c in columns] == [date(2022, m, 1) for m in range(5, 12)]
    assert gantt[f"{GANTT_MONTHS_COL}{GANTT_FIRST_ROW}"].value == ";202205;202211;"
    bars = [[cell.value for cell in row] for row in computed["Probe"].iter_rows()]
    assert bars[0] == [True, False, False, False, False, False, True]  # May .. November
    assert bars[1] == [True] * 7  # a one-span deadline is still one bar
