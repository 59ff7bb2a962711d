"""`roadmap-tools overdue`: statuses at a fixed date, JSON shape, the columns and their colour rules."""

from openpyxl import load_workbook
from roadmap_books import header_columns, roadmap_book, set_cells

STATUSES = ["Выполнено", "Выполнено с опозданием", "В срок", "Скоро срок", "Просрочено", "Без срока"]


def test_overdue_json_shape_at_a_fixed_date(cli, tmp_path):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    result = cli("overdue", book, "--as-of", "01.06.2022", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["as_of"] == "2022-06-01"
    assert list(data["summary"]) == STATUSES
    assert sum(data["summary"].values()) == len(data["activities"]) == 22
    first = data["activities"][0]
    assert set(first) == {"row", "number", "activity", "status", "due", "days_overdue"}
    # «Сентябрь - октябрь 2021 г.», nothing reported
    assert (first["row"], first["status"], first["due"], first["days_overdue"]) == (2, "Просрочено", "2021-10-31", 213)
    # «Сентябрь – октябрь ежегодно»: the 2021 occurrence passed without a report
    second = data["activities"][1]
    assert (second["status"], second["due"]) == ("Просрочено", "2021-10-31")


def test_reported_activities_count_as_done_and_done_late(cli, tmp_path):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    col = header_columns(book)
    status, done = col["Статус"], col["Дата выполнения"]
    from datetime import date

    set_cells(
        book,
        "Дорожная карта",
        {
            f"{status}2": "Выполнено",
            f"{done}2": date(2021, 10, 20),
            f"{status}4": "Выполнено",
            f"{done}4": date(2022, 2, 10),
        },
    )
    data = cli("overdue", book, "--as-of", "2022-06-01", "--json").json()
    by_row = {a["row"]: a for a in data["activities"]}
    assert by_row[2]["status"] == "Выполнено"
    assert by_row[4]["status"] == "Выполнено с опозданием"  # «Январь 2022 г.» done in February


def test_status_column_written_and_coloured_by_rules(cli, tmp_path):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    out = tmp_path / "out.xlsx"
    result = cli("overdue", book, "--as-of", "2022-06-01", "-o", out)
    assert result.code == 0 and "Просрочено: 8" in result.out
    col = header_columns(out)
    ws = load_workbook(out)["Дорожная карта"]
    control, days = col["Контроль срока"], col["Просрочка, дн."]
    assert ws[f"{control}2"].value == "Просрочено" and ws[f"{days}2"].value == 213
    assert ws[f"{control}10"].value in STATUSES
    rules = [(str(cf.sqref), r.formula[0]) for cf in ws.conditional_formatting for r in cf.rules]
    assert len(rules) == 7 and all(sqref == f"{control}2:{days}1048576" for sqref, _ in rules)
    assert any("rt_as_of" in f and col["Окончание"] in f for _, f in rules)
    # the workbook itself is untouched when -o is given
    assert load_workbook(book)["Дорожная карта"][f"{control}2"].value in (None, "")


def test_explicit_date_becomes_the_control_date_of_the_workbook(cli, tmp_path):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    cli("overdue", book, "--as-of", "2022-06-01")
    from datetime import date

    from roadmap_tools.workbook.book import read_settings

    assert read_settings(book)["as_of"] == date(2022, 6, 1)
    # and without --as-of the date comes from «Настройки»
    assert cli("overdue", book, "--json").json()["as_of"] == "2022-06-01"


def test_bad_date_is_a_usage_error(cli, tmp_path):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    result = cli("overdue", book, "--as-of", "31.02.2022")
    assert result.code == 2 and "не дата" in result.err


def test_every_text_on_deadline_control_says_it_colours_the_two_cells_not_the_rows():
    # the rules above cover «Контроль срока»..«Просрочка, дн.» only: no text may promise whole rows
    from roadmap_tools.commands import overdue
    from roadmap_tools.workbook.sheets import STEPS
    from roadmap_tools.xlsm.buttons import BUTTONS

    texts = [b.supertip for b in BUTTONS if b.function == "flag_overdue"] + [STEPS[1][1], overdue.__doc__]
    assert len(texts) == 3
    for text in texts:
        assert "ячейк" in text and "«Контроль срока»" in text
        assert not any(word in text for word in ("строки", "строку", "цвета строк")), text
