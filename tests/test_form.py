"""The monitoring form: which activities a period lists, and the layout of the filled report (002)."""

from datetime import date

import pytest
from conftest import REPORT_FIXTURE, gold

from roadmap_tools.actions.jobs import form_plans
from roadmap_tools.model import Activity, Deadline, Roadmap, Section, Source
from roadmap_tools.monitoring_form import FORM_COLUMNS, FORM_TITLE, select_for_period, touches_period
from roadmap_tools.sheetplan import operations as sp

D = date
Q2 = (D(2022, 4, 1), D(2022, 6, 30))


def dl(kind, *spans, text="срок"):
    return Deadline(text, kind, tuple(spans))


CASES = [
    ("period inside", dl("period", (D(2022, 5, 1), D(2022, 5, 31))), None, True),
    ("period overlapping the start", dl("period", (D(2022, 3, 1), D(2022, 4, 30))), None, True),
    ("period before", dl("period", (D(2022, 1, 1), D(2022, 3, 31))), None, False),
    ("period after", dl("period", (D(2022, 7, 1), D(2022, 7, 31))), None, False),
    ("due date inside", dl("deadline", (D(2022, 6, 30), D(2022, 6, 30))), None, True),
    ("due date a day after", dl("deadline", (D(2022, 7, 1), D(2022, 7, 1))), None, False),
    (
        "milestone in the period",
        dl("milestones", (D(2022, 1, 1), D(2022, 1, 31)), (D(2022, 5, 1), D(2022, 5, 31))),
        None,
        True,
    ),
    (
        "milestones around the period",
        dl("milestones", (D(2022, 1, 1), D(2022, 1, 31)), (D(2022, 11, 1), D(2022, 11, 30))),
        None,
        False,
    ),
    (
        "recurring occurrence in the period",
        dl("recurring", (D(2021, 6, 1), D(2021, 6, 30)), (D(2022, 6, 1), D(2022, 6, 30))),
        None,
        True,
    ),
    ("during the year", dl("continuous", (D(2022, 1, 1), D(2022, 12, 31))), None, True),
    ("always, no dates", dl("continuous"), None, True),
    ("on demand", dl("on_demand"), None, True),
    ("missing", dl("missing"), None, False),
    ("unparsed", dl("unparsed"), None, False),
    ("done in the period though due before", dl("period", (D(2022, 1, 1), D(2022, 1, 31))), D(2022, 4, 5), True),
    ("done before the period, due before", dl("period", (D(2022, 1, 1), D(2022, 1, 31))), D(2022, 1, 20), False),
]


@pytest.mark.parametrize("deadline,done,listed", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_which_deadlines_fall_in_a_period(deadline, done, listed):
    activity = Activity(activity="x", deadline=deadline.text, parsed=deadline, done_date=done)
    assert touches_period(activity, *Q2) is listed


def _roadmap(numbers=("1.1", "1.2", "2.1")):
    may = dl("period", (D(2022, 5, 1), D(2022, 5, 31)), text="май 2022")
    january = dl("period", (D(2022, 1, 1), D(2022, 1, 31)), text="январь 2022")
    acts = [
        Activity(
            number=numbers[0],
            activity="Семинар  для\nучителей",
            deadline="май 2022",
            parsed=may,
            info="15 мая 2022 г. проведён семинар",
            link="https://mc.example.ru/1",
            source=Source(row=2),
        ),
        Activity(number=numbers[1], activity="Приказ", deadline="январь 2022", parsed=january, source=Source(row=3)),
        Activity(number=numbers[2], activity="Анализ", deadline="май 2022", parsed=may, source=Source(row=4)),
    ]
    return Roadmap(
        title="Дорожная карта города N",
        years=[2022],
        sections=[Section("Организация", acts[:2]), Section("Анализ", acts[2:])],
    )


def test_form_keeps_sections_in_order_and_drops_empty_ones():
    form = select_for_period(_roadmap(), *Q2)
    assert [s.title for s in form.sections] == ["Организация", "Анализ"]
    assert [[r.number for r in s.rows] for s in form.sections] == [["1.1"], ["2.1"]]
    first = form.sections[0].rows[0]
    assert (first.activity, first.info, first.link, first.roadmap_row) == (
        "Семинар для учителей",
        "15 мая 2022 г. проведён семинар",
        "https://mc.example.ru/1",
        2,
    )
    assert form.sections[1].rows[0].to_fill == ["info", "link"]


def test_unnumbered_roadmap_is_numbered_through_the_form_like_the_filled_report():
    form = select_for_period(_roadmap(numbers=("", "", "")), D(2022, 1, 1), D(2022, 12, 31))
    assert [r.number for r in form.rows()] == ["1", "2", "3"]


def test_trailing_dot_of_a_number_is_dropped():
    form = select_for_period(_roadmap(numbers=("1.1.", "1.2.", "2.1.")), *Q2)
    assert [r.number for r in form.rows()] == ["1.1", "2.1"]


def test_form_json_shape():
    data = select_for_period(_roadmap(), *Q2).to_json()
    assert data["period"] == ["2022-04-01", "2022-06-30"]
    assert data["sections"][0] == {
        "title": "Организация",
        "rows": [
            {
                "number": "1.1",
                "activity": "Семинар для учителей",
                "info": "15 мая 2022 г. проведён семинар",
                "link": "https://mc.example.ru/1",
            }
        ],
    }


def test_form_columns_are_those_of_the_filled_report():
    assert FORM_COLUMNS == gold(REPORT_FIXTURE)["columns"]


def _sheet(form, in_workbook=False):
    from openpyxl import Workbook

    wb = Workbook()
    sp.apply_openpyxl(wb, form_plans(form, "Форма мониторинга", in_workbook=in_workbook))
    return wb["Форма мониторинга"]


def test_form_sheet_is_laid_out_like_the_filled_report():
    ws = _sheet(select_for_period(_roadmap(), *Q2))
    assert ws["A1"].value == FORM_TITLE and ws["A1"].font.bold
    assert ws["A2"].value == "Дорожная карта города N"
    assert ws["A3"].value == "за период с 01.04.2022 по 30.06.2022"
    assert [ws.cell(4, c).value for c in range(1, 5)] == FORM_COLUMNS
    assert ws["A5"].value == "Организация" and ws["A5"].font.bold and "A5:D5" in ws.merged_cells
    assert [ws.cell(6, c).value for c in range(1, 5)] == [
        "1.1",
        "Семинар для учителей",
        "15 мая 2022 г. проведён семинар",
        "https://mc.example.ru/1",
    ]
    assert ws["A7"].value == "Анализ" and "A7:D7" in ws.merged_cells
    assert ws["A8"].value == "2.1"


def test_cells_still_to_fill_stand_out():
    ws = _sheet(select_for_period(_roadmap(), *Q2))
    assert ws["C8"].fill.fgColor.rgb.endswith("FFF2CC") and ws["D8"].fill.fgColor.rgb.endswith("FFF2CC")
    assert ws["C6"].fill.fill_type is None


def test_form_prints_landscape_on_a4_fitted_to_width_with_the_header_repeated():
    ws = _sheet(select_for_period(_roadmap(), *Q2))
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$4:$4"


def test_form_in_the_workbook_says_where_to_fill_it():
    ws = _sheet(select_for_period(_roadmap(), *Q2), in_workbook=True)
    assert "Дорожная карта" in ws["A4"].value
    assert ws["B5"].value == FORM_COLUMNS[1]
    assert ws.print_title_rows == "$5:$5"


def test_empty_period_says_so():
    ws = _sheet(select_for_period(_roadmap(), D(2023, 1, 1), D(2023, 3, 31)))
    assert "нет мероприятий" in ws["B5"].value
