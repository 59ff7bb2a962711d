"""requests and collect on their own: what goes to whom, the ids that stay, answers that
disagree, and the Russian messages on bad input (an answer to another roadmap, a period
with nobody to ask, a bad e-mail in «Справочники»)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLE_DOCX, run_cli

from roadmap_tools.executors.requests import REQUEST_HEADER_ROW, SHEET_REQUEST
from roadmap_tools.workbook import schema as layout

H1 = ("2022-01-01", "2022-06-30")


@pytest.fixture
def book(sample_workbook, tmp_path) -> Path:
    target = tmp_path / "Roadmap.xlsx"
    target.write_bytes(sample_workbook.read_bytes())
    return target


def requests_of(book: Path, folder: Path) -> dict:
    result = run_cli("requests", book, "--from", H1[0], "--to", H1[1], "-o", folder, "--json")
    assert result.code == 0, result.err
    return {f["executor"]: Path(f["file"]) for f in result.json()["files"]}


def fill(path: Path, target: Path, text) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_REQUEST]
    for row in range(REQUEST_HEADER_ROW + 1, ws.max_row + 1):
        ws.cell(row, 4).value = text(ws.cell(row, 6).value)
        ws.cell(row, 4).data_type = "s"  # typed as text (in Excel: with a leading apostrophe)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def ids_in_sheet(book: Path) -> dict:
    ws = openpyxl.load_workbook(book)[layout.SHEET_ROADMAP]
    header = [c.value for c in ws[1]]
    return {
        row[header.index("Мероприятие")]: row[header.index("Код строки")]
        for row in ws.iter_rows(min_row=2, values_only=True)
        if row[header.index("Мероприятие")]
    }


def test_each_executor_gets_only_the_activities_of_the_period_where_they_are_named(book, tmp_path):
    files = requests_of(book, tmp_path / "req")
    for executor, path in files.items():
        ws = openpyxl.load_workbook(path)[SHEET_REQUEST]
        assert ws["A2"].value == f"Исполнитель: {executor}"
        assert ws["A3"].value == "за период с 01.01.2022 по 30.06.2022"
    # «Управление образования … МКУ «…» …» in one cell: the activity goes to both, not to a third name
    assert len(files) == 3


def test_ids_survive_a_reimport_of_the_roadmap(book, tmp_path):
    requests_of(book, tmp_path / "req")
    before = ids_in_sheet(book)
    assert run_cli("import", SAMPLE_DOCX, "-o", book).code == 0
    assert ids_in_sheet(book) == before
    ws = openpyxl.load_workbook(book)[layout.SHEET_ROADMAP]
    header = [c.value for c in ws[1]]
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(header.index("Код строки") + 1)].hidden


def test_requests_again_keep_the_ids_already_stored(book, tmp_path):
    requests_of(book, tmp_path / "one")
    first = ids_in_sheet(book)
    ws_book = openpyxl.load_workbook(book)
    ws = ws_book[layout.SHEET_ROADMAP]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("Мероприятие") + 1).value += " (уточнено)"  # the text corrected later
    ws_book.save(book)
    requests_of(book, tmp_path / "two")
    second = ids_in_sheet(book)
    assert list(second.values()) == list(first.values())


def test_two_executors_who_disagree_are_a_conflict_and_nothing_is_written(book, tmp_path):
    files = requests_of(book, tmp_path / "req")
    uo = files["Управление образования города Пензы"]
    mku = next(p for name, p in files.items() if name.startswith("МКУ"))
    shared = set(c.value for c in openpyxl.load_workbook(uo)[SHEET_REQUEST]["F"][REQUEST_HEADER_ROW:]) & set(
        c.value for c in openpyxl.load_workbook(mku)[SHEET_REQUEST]["F"][REQUEST_HEADER_ROW:]
    )
    assert shared
    fill(uo, tmp_path / "answers" / uo.name, lambda i: f"Управление: сделано ({i})")
    fill(mku, tmp_path / "answers" / mku.name, lambda i: f"МКУ: сделано ({i})")
    data = run_cli("collect", book, tmp_path / "answers", "--json").json()
    conflicted = {c["activity"] for c in data["conflicts"]}
    assert len(conflicted) == len(shared) and all(c["in_roadmap"] == "" for c in data["conflicts"])
    by_text = {
        row[2]: row for row in openpyxl.load_workbook(book)[layout.SHEET_ROADMAP].iter_rows(min_row=2, values_only=True)
    }
    header = [c.value for c in openpyxl.load_workbook(book)[layout.SHEET_ROADMAP][1]]
    for text in conflicted:
        assert by_text[text][header.index("Информация о проведении")] is None


def test_an_answer_to_another_roadmap_is_refused_and_nothing_is_written(book, tmp_path, fixtures):
    other = tmp_path / "Sarov.xlsx"
    assert run_cli("import", fixtures / "roadmap_sarov_2021_2022.docx", "-o", other).code == 0
    result = run_cli("requests", other, "--from", "2021-01-01", "--to", "2022-12-31", "-o", tmp_path / "sarov")
    assert result.code == 0, result.err
    foreign = sorted((tmp_path / "sarov").glob("*.xlsx"))[0]
    fill(foreign, tmp_path / "answers" / foreign.name, lambda i: "Проведено 01.02.2022")
    before = book.read_bytes()
    result = run_cli("collect", book, tmp_path / "answers")
    assert result.code == 1
    assert "по другой дорожной карте" in result.err and foreign.name in result.err
    assert book.read_bytes() == before


def test_a_period_with_nobody_to_ask_is_a_russian_message(book, tmp_path):
    result = run_cli("requests", book, "--from", "2030-01-01", "--to", "2030-03-31", "-o", tmp_path / "req")
    assert result.code == 1 and "запрашивать некого" in result.err
    assert not (tmp_path / "req").exists()


def test_a_bad_email_in_the_lists_names_the_sheet_and_the_executor(book, tmp_path):
    wb = openpyxl.load_workbook(book)
    ws = wb[layout.SHEET_LISTS]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 3).value == "Управление образования города Пензы")
    ws.cell(row, 4).value = "uo at penza"
    wb.save(book)
    result = run_cli("requests", book, "--from", H1[0], "--to", H1[1], "-o", tmp_path / "req")
    assert result.code == 1
    assert "Справочники" in result.err and "uo at penza" in result.err and "Управление образования" in result.err


def test_collect_with_no_answer_files_says_so(book, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_cli("collect", book, tmp_path / "empty")
    assert result.code == 1 and "не найдено ни одного файла ответа" in result.err


def test_a_cell_starting_with_equals_stays_text(book, tmp_path):
    files = requests_of(book, tmp_path / "req")
    path = files["Общеобразовательные учреждения города Пензы"]
    fill(path, tmp_path / "answers" / path.name, lambda i: "=СУММ(1;2) провели")
    assert run_cli("collect", book, tmp_path / "answers").code == 0
    ws = openpyxl.load_workbook(book)[layout.SHEET_ROADMAP]
    header = [c.value for c in ws[1]]
    cells = [row[header.index("Информация о проведении")] for row in ws.iter_rows(min_row=2)]
    written = [c for c in cells if c.value]
    assert written and all(c.data_type == "s" and c.value == "=СУММ(1;2) провели" for c in written)


def test_the_id_column_goes_after_a_column_of_the_users_own_and_inside_the_table(book, tmp_path):
    wb = openpyxl.load_workbook(book)
    ws = wb[layout.SHEET_ROADMAP]
    own = ws.max_column + 1
    ws.cell(1, own).value = "Мой столбец"
    ws.cell(2, own).value = "моя пометка"
    wb.save(book)
    requests_of(book, tmp_path / "req")
    ws = openpyxl.load_workbook(book)[layout.SHEET_ROADMAP]
    assert (ws.cell(1, own).value, ws.cell(2, own).value) == ("Мой столбец", "моя пометка")
    assert ws.cell(1, own + 1).value == "Код строки" and ws.cell(2, own + 1).value
    [table] = ws.tables.values()
    assert table.ref == f"A1:{openpyxl.utils.get_column_letter(own + 1)}{ws.max_row}"


def test_a_roadmap_without_executors_is_told_to_fill_the_column(tmp_path, fixtures):
    book = tmp_path / "Karpinsk.xlsx"
    assert run_cli("import", fixtures / "roadmap_karpinsk_2022.docx", "-o", book).code == 0
    result = run_cli("requests", book, "--from", "2022-01-01", "--to", "2022-12-31", "-o", tmp_path / "req")
    assert result.code == 1 and "не указан ни один исполнитель" in result.err
    assert "Ответственные исполнители" in result.err and not (tmp_path / "req").exists()


@pytest.mark.parametrize(
    "cell, expected",
    [
        (
            "Управление образования города Пензы, МКУ «ЦКО» г. Пензы",
            ["Управление образования города Пензы", "МКУ «ЦКО» г. Пензы"],
        ),
        ("МБОУ ДПО МЦ ОбОО, в т.ч. школы с низкими результатами", ["МБОУ ДПО МЦ ОбОО", "школы с низкими результатами"]),
        ("ОО;\nМЦ", ["ОО", "МЦ"]),
        ("  -  ", []),
    ],
)
def test_an_executor_cell_is_split_into_its_parts(cell, expected):
    from roadmap_tools.executors.names import executor_parts

    assert executor_parts(cell) == expected


def test_two_names_written_on_one_line_give_both_and_a_short_name_is_matched_as_a_word(tmp_path):
    from roadmap_tools.executors.names import executor_names, executors_of
    from roadmap_tools.model import Activity, Roadmap, Section

    cells = ["МБОУ ДПО МЦ", "ОбОО", "МБОУ ДПО МЦ ОбОО", "ОО, МБОУ ДПО МЦ", "ОбОО с высокими результатами"]
    roadmap = Roadmap(
        sections=[Section("", [Activity(activity=f"Мероприятие {i}", executor=c) for i, c in enumerate(cells)])]
    )
    names = executor_names(roadmap)
    assert names == ["МБОУ ДПО МЦ", "ОбОО", "ОО", "ОбОО с высокими результатами"]
    activities = list(roadmap.activities())
    assert executors_of(activities[2], names) == ["МБОУ ДПО МЦ", "ОбОО"]
    assert executors_of(activities[1], names) == ["ОбОО"]  # «ОО» is not inside «ОбОО»


def test_a_hyperlink_behind_words_keeps_its_address(book, tmp_path):
    files = requests_of(book, tmp_path / "req")
    path = files["Общеобразовательные учреждения города Пензы"]
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_REQUEST]
    first = REQUEST_HEADER_ROW + 1
    ws.cell(first, 5).value = "Приказ № 5"
    ws.cell(first, 5).hyperlink = "https://school5.example.ru/prikaz5.pdf"
    row_id = ws.cell(first, 6).value
    (tmp_path / "answers").mkdir()
    wb.save(tmp_path / "answers" / path.name)
    assert run_cli("collect", book, tmp_path / "answers").code == 0
    ws = openpyxl.load_workbook(book)[layout.SHEET_ROADMAP]
    header = [c.value for c in ws[1]]
    [row] = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[header.index("Код строки")] == row_id]
    assert row[header.index("Ссылка на документ")] == "Приказ № 5 (https://school5.example.ru/prikaz5.pdf)"


def test_answers_still_land_after_the_roadmap_title_was_corrected(book, tmp_path):
    files = requests_of(book, tmp_path / "req")
    path = files["Управление образования города Пензы"]
    fill(path, tmp_path / "answers" / path.name, lambda i: f"Проведено ({i})")
    wb = openpyxl.load_workbook(book)
    settings = wb[layout.SHEET_SETTINGS]
    row = next(c.row for c in settings["A"] if c.value == layout.SETTINGS_BY_KEY["title"].label)
    settings.cell(row, 2).value = "Дорожная карта (название исправлено)"
    wb.save(book)
    data = run_cli("collect", book, tmp_path / "answers", "--json").json()
    assert data["filled"] > 0 and data["conflicts"] == []


def test_answers_find_their_rows_after_the_roadmap_sheet_itself_was_sorted(book, tmp_path):
    files = requests_of(book, tmp_path / "req")
    for path in files.values():
        fill(path, tmp_path / "answers" / path.name, lambda i: f"Проведено ({i})")
    wb = openpyxl.load_workbook(book)
    ws = wb[layout.SHEET_ROADMAP]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    rows.reverse()  # the methodologist sorted the sheet the other way round
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c).value = value
    wb.save(book)
    assert run_cli("collect", book, tmp_path / "answers").code == 0
    ws = openpyxl.load_workbook(book)[layout.SHEET_ROADMAP]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2, values_only=True):
        info = row[header.index("Информация о проведении")]
        assert info is None or info == f"Проведено ({row[header.index('Код строки')]})"


def test_ten_thousand_schools_are_named_in_a_moment():
    import time

    from roadmap_tools.executors.names import executor_names
    from roadmap_tools.model import Activity, Roadmap, Section

    activities = [
        Activity(activity=f"Мероприятие {i}", executor=f"МБОУ СОШ № {i}, Управление образования") for i in range(10000)
    ]
    started = time.perf_counter()
    names = executor_names(Roadmap(sections=[Section("", activities)]))
    assert len(names) == 10001 and time.perf_counter() - started < 10  # pairwise comparison took minutes
