"""The xlwings applier: each plan operation becomes the right remote actions, and a
plan applied through xlwings shows the same as the same plan applied by openpyxl."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from excel_harness import apply_actions, assert_same_workbooks, enable_remote_engine, remote_book, typed_value

from roadmap_tools.sheetplan import operations as sp
from roadmap_tools.sheetplan.xlwings_applier import apply_plans, excel_value, freeze_range, width_in_points


@pytest.fixture(autouse=True)
def remote_engine(monkeypatch):
    enable_remote_engine(monkeypatch)


@pytest.fixture
def workbook(tmp_path):
    """A small workbook of the user's: data, a note, a rule and a name of their own."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Данные"
    ws.append(["№", "Мероприятие", "Срок", "Статус"])
    ws.append(["1.1.", "Совещание", date(2022, 3, 31), "Выполнено"])
    ws.append(["1.2.", "Семинар", date(2022, 6, 30), None])
    ws["E1"] = "своя колонка"
    wb.create_sheet("Справочники").append(["Статус"])
    for status in ["Выполнено", "В работе", "Не начато"]:
        wb["Справочники"].append([status])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return path


def actions_for(path, plans):
    book = remote_book(path)
    apply_plans(book, plans)
    return book.json()["actions"]


def only(actions, func):
    found = [a for a in actions if a["func"] == func]
    assert found, f"no {func} action in {[a['func'] for a in actions]}"
    return found


@pytest.mark.parametrize("text", ["=СУММ(A1:A3)", "+7 (8412) 55-55-55", "-", "@все", "'цитата", "1.10.", "2022"])
def test_text_that_excel_would_evaluate_is_written_as_text(workbook, text):
    actions = actions_for(workbook, [sp.SheetPlan("Данные", [sp.Values("B2", [[text]])])])
    written = only(actions, "setValues")[0]["values"][0][0]
    assert written == "'" + text
    assert typed_value(written) == text


@pytest.mark.parametrize(
    "value, sent",
    [
        (date(2022, 3, 31), "2022-03-31"),
        (datetime(2022, 3, 31), "2022-03-31"),
        (datetime(2022, 3, 31, 10, 30), "2022-03-31 10:30:00"),
        (5, 5),
        (2.5, 2.5),
        (True, True),
        (None, ""),
        ("", ""),
        (sp.Formula('=IF(C2="",1,2)'), '=IF(C2="",1,2)'),
    ],
)
def test_values_reach_excel_as_their_own_type(workbook, value, sent):
    actions = actions_for(workbook, [sp.SheetPlan("Данные", [sp.Values("C2", [[value]])])])
    assert only(actions, "setValues")[0]["values"] == [[sent]]


def test_a_block_of_values_is_one_call_padded_to_a_rectangle(workbook):
    rows = [["a", "b", "c"], ["d"], ["e", "f"]]
    actions = actions_for(workbook, [sp.SheetPlan("Данные", [sp.Values("B5", rows)])])
    (call,) = only(actions, "setValues")
    assert (call["start_row"], call["start_column"]) == (4, 1)
    assert call["values"] == [["'a", "'b", "'c"], ["'d", "", ""], ["'e", "'f", ""]]


def test_date_columns_get_the_russian_date_format_one_call_per_column(workbook):
    rows = [[date(2022, 1, d), "x", date(2022, 2, d)] for d in range(1, 6)]
    actions = actions_for(workbook, [sp.SheetPlan("Данные", [sp.Values("A10", rows)])])
    formats = only(actions, "setNumberFormat")
    assert len(formats) == 2
    assert {(a["start_column"], a["row_count"], a["args"][0]) for a in formats} == {
        (0, 5, "DD.MM.YYYY"),
        (2, 5, "DD.MM.YYYY"),
    }


@pytest.mark.parametrize(
    "op, func, args",
    [
        (sp.Fill("A1:D3", "FFC7CE"), "setRangeColor", ["#FFC7CE"]),
        (sp.Fill("A1:D3", None), "setRangeColor", [None]),
        (sp.NumberFormat("C2:C3", "DD.MM.YYYY"), "setNumberFormat", ["DD.MM.YYYY"]),
        (sp.ClearContents("A2:D3"), "rangeClearContents", [None]),
        (sp.Merge("A5:D5"), "rangeMerge", [False]),
        (sp.ClearConditionalFormats("A2:D3"), "clearConditionalFormats", []),
    ],
)
def test_range_operations_are_one_action_on_the_whole_range(workbook, op, func, args):
    (action,) = only(actions_for(workbook, [sp.SheetPlan("Данные", [op])]), func)
    assert action["args"] == args
    first, _, last = op.range.partition(":")
    r0, c0 = sp.parse_address(first)
    r1, c1 = sp.parse_address(last or first)
    assert (action["start_row"], action["start_column"], action["row_count"], action["column_count"]) == (
        r0 - 1,
        c0 - 1,
        r1 - r0 + 1,
        c1 - c0 + 1,
    )


def test_font_sets_only_what_the_plan_names(workbook):
    actions = actions_for(workbook, [sp.SheetPlan("Данные", [sp.Font("A1:D1", bold=True, colour="9C0006")])])
    assert [a["args"] for a in only(actions, "setFontProperty")] == [["bold", True], ["color", "#9C0006"]]


def test_wrap_sets_wrapping_and_alignment(workbook):
    actions = actions_for(workbook, [sp.SheetPlan("Данные", [sp.Wrap("A1:D3", "center", "left")])])
    assert only(actions, "setWrapText")[0]["args"] == [True]
    assert only(actions, "setVerticalAlignment")[0]["args"] == ["Center"]
    assert only(actions, "setHorizontalAlignment")[0]["args"] == ["Left"]


def test_borders_are_thin_and_grey_on_every_side_of_every_cell(workbook):
    actions = actions_for(workbook, [sp.SheetPlan("Данные", [sp.Border("A1:D3")])])
    styles = {a["args"][0]: a["args"][2] for a in only(actions, "setBorderProperty") if a["args"][1] == "line_style"}
    assert styles == {
        side: "continuous"
        for side in ["edge_top", "edge_bottom", "edge_left", "edge_right", "inside_vertical", "inside_horizontal"]
    }


def test_a_note_is_added_replaced_or_deleted(tmp_path, workbook):
    wb = openpyxl.load_workbook(workbook)
    wb["Данные"]["B2"].comment = openpyxl.comments.Comment("старое", "user")
    wb.save(workbook)
    actions = actions_for(
        workbook,
        [sp.SheetPlan("Данные", [sp.Note("B3", "Срок не распознан"), sp.Note("B2", "новое"), sp.Note("B2", None)])],
    )
    assert only(actions, "addNote")[0]["args"] == ["$B$3", "Срок не распознан"]
    assert only(actions, "setNoteText")[0]["args"] == ["$B$2", "новое"]
    assert only(actions, "deleteNote")[0]["args"] == ["$B$2"]


def test_hyperlinks_keep_their_text_as_text_and_have_a_russian_tip(workbook):
    actions = actions_for(
        workbook,
        [
            sp.SheetPlan(
                "Данные", [sp.Hyperlink("D2", "#'Данные'!B3", "=перейти"), sp.Hyperlink("D3", "https://edu.ru/doc")]
            )
        ],
    )
    first, second = only(actions, "addHyperlink")
    assert first["args"][:2] == ["#'Данные'!B3", "=перейти"]
    assert first["args"][2].startswith("Перейти")
    assert second["args"][:2] == ["https://edu.ru/doc", "https://edu.ru/doc"]
    assert ["'=перейти"] in [a["values"][0] for a in only(actions, "setValues")]


def test_column_widths_in_characters_become_points_for_office_js(workbook):
    actions = actions_for(workbook, [sp.SheetPlan("Данные", [sp.ColumnWidths({"A": 7, "C": 55})])])
    widths = {a["start_column"]: a["args"][0] for a in only(actions, "setColumnWidth")}
    assert widths == {0: width_in_points(7), 2: width_in_points(55)}
    assert width_in_points(8.43) == pytest.approx(48, abs=0.5)  # Excel's default column


@pytest.mark.parametrize("cell, frozen", [("A2", "1:1"), ("B1", "A:A"), ("C4", "A1:B3"), ("A4", "1:3")])
def test_freeze_takes_the_first_scrolling_cell(cell, frozen):
    assert freeze_range(cell) == frozen


def test_conditional_fills_keep_the_plan_order_of_priority(workbook):
    actions = actions_for(
        workbook,
        [
            sp.SheetPlan(
                "Данные",
                [
                    sp.ClearConditionalFormats(),
                    sp.ConditionalFill("A2:D3", '$D2="Выполнено"', "C6EFCE", stop=True),
                    sp.ConditionalFill("A2:D3", "$C2<TODAY()", "FFC7CE"),
                ],
            )
        ],
    )
    clear = only(actions, "clearConditionalFormats")[0]
    assert (clear["row_count"], clear["column_count"]) == (1048576, 16384)
    added = [a["args"][0] for a in only(actions, "addConditionalFormat")]
    # Excel puts each new rule on top, so the plan's first rule is added last.
    assert [(e["formula"], e["fill_color"].upper(), e["stop_if_true"]) for e in added] == [
        ("=$C2<TODAY()", "#FFC7CE", False),
        ('=$D2="Выполнено"', "#C6EFCE", True),
    ]
    assert actions.index(clear) < actions.index(only(actions, "addConditionalFormat")[0])


def test_list_validation_takes_its_list_from_the_sheet_range(workbook):
    actions = actions_for(
        workbook, [sp.SheetPlan("Данные", [sp.ListValidation("D2:D100", "='Справочники'!$A$2:$A$4")])]
    )
    source, dropdown = only(actions, "setDataValidationList")[0]["args"]
    assert source == {
        "type": "range",
        "sheet_position": 1,
        "start_row": 1,
        "start_column": 0,
        "row_count": 3,
        "column_count": 1,
    }
    assert dropdown is True


def test_a_defined_name_is_added_then_redefined(workbook):
    actions = actions_for(
        workbook,
        [
            sp.SheetPlan(
                "Данные",
                [sp.DefinedName("ДатаКонтроля", "='Данные'!$C$2"), sp.DefinedName("ДатаКонтроля", "='Данные'!$C$3")],
            )
        ],
    )
    assert only(actions, "namesAdd")[0]["args"] == ["ДатаКонтроля", "='Данные'!$C$2"]
    assert only(actions, "setNameRefersTo")[0]["args"][-1] == "='Данные'!$C$3"


def test_a_new_sheet_goes_where_the_plan_says(workbook):
    actions = actions_for(workbook, [sp.SheetPlan("Проверка", [sp.Values("A1", [["x"]])], index=1)])
    assert only(actions, "addSheet")[0]["args"] == [1, "Проверка"]
    assert only(actions, "setValues")[0]["sheet_position"] == 1


def test_a_reset_sheet_is_replaced_by_a_fresh_one_in_the_same_place(workbook):
    actions = actions_for(workbook, [sp.SheetPlan("Данные", [sp.Values("A1", [["новое"]])], reset=True)])
    assert only(actions, "sheetDelete")[0]["sheet_position"] == 0
    assert only(actions, "addSheet")[0]["args"] == [0, "Данные"]


def test_a_missing_sheet_that_must_exist_is_a_russian_error(workbook):
    from roadmap_tools.errors import RoadmapError

    with pytest.raises(RoadmapError, match="нет листа «Дорожная карта»"):
        actions_for(workbook, [sp.SheetPlan("Дорожная карта", [sp.Values("A1", [["x"]])], create=False)])


def every_op_plans():
    return [
        sp.SheetPlan(
            "Данные",
            [
                sp.Values("A2", [["=1+1", "Совещание «500+»", date(2022, 4, 1), "В работе", 3, 2.5]]),
                sp.Values("A4", [["1.3.", "-список", datetime(2022, 9, 1), None]]),
                sp.ClearContents("E1"),
                sp.Fill("A1:D1", "DDEBF7"),
                sp.Fill("A3:D3", "FFC7CE"),
                sp.Fill("A3:B3", None),
                sp.Font("A1:D1", bold=True),
                sp.Wrap("A1:D4"),
                sp.NumberFormat("C2:C4", "DD.MM.YYYY"),
                sp.Border("A1:D4"),
                sp.Note("B2", "Проверьте срок"),
                sp.Hyperlink("D4", "https://edu.ru/doc", "документ"),
                sp.Merge("A6:D6"),
                sp.ColumnWidths({"A": 7, "B": 55}),
                sp.RowHeight(1, 30),
                sp.Freeze("A2"),
                sp.Table("Мероприятия", "A1:D4"),
                sp.ClearConditionalFormats(),
                sp.ConditionalFill("A2:D4", '$D2="Выполнено"', "C6EFCE", stop=True),
                sp.ConditionalFill("A2:D4", "$C2<DATE(2022,6,1)", "FFC7CE"),
                sp.ListValidation("D2:D50", "='Справочники'!$A$2:$A$4"),
                sp.DefinedName("Статусы", "='Справочники'!$A$2:$A$4"),
            ],
        ),
        sp.SheetPlan(
            "Проверка",
            [
                sp.Values("A1", [["Лист", "Ячейка", "Замечание"], ["Данные", "B2", "=ошибка"]]),
                sp.Hyperlink("B2", "#'Данные'!B2", "B2"),
            ],
            index=1,
            reset=True,
        ),
    ]


def test_a_plan_applied_through_xlwings_shows_the_same_as_through_openpyxl(workbook, tmp_path):
    from roadmap_tools.sheetplan.operations import apply_openpyxl

    cli = openpyxl.load_workbook(workbook)
    apply_openpyxl(cli, every_op_plans())
    cli.save(tmp_path / "cli.xlsx")
    door, alerts = apply_actions(workbook, actions_for(workbook, every_op_plans()), tmp_path / "door.xlsx")
    assert not alerts
    assert_same_workbooks(openpyxl.load_workbook(tmp_path / "cli.xlsx"), door)
    assert door["Данные"]["A2"].value == "=1+1" and door["Данные"]["A2"].data_type == "s"


def test_applying_a_plan_twice_gives_the_same_workbook(workbook, tmp_path):
    once, _ = apply_actions(workbook, actions_for(workbook, every_op_plans()), tmp_path / "once.xlsx")
    twice, _ = apply_actions(
        tmp_path / "once.xlsx", actions_for(tmp_path / "once.xlsx", every_op_plans()), tmp_path / "twice.xlsx"
    )
    assert_same_workbooks(once, twice)


def test_excel_value_never_turns_text_into_a_formula():
    assert excel_value("=A1") == "'=A1"
    assert excel_value(sp.Formula("=A1")) == "=A1"
