"""The whole round down and back up (issue 16): requests to three executors, their answers
(one sorted, one with an inserted row, one with a conflict), collect, form, consolidate into
an archive for two periods and the first once more, the curator's decisions, feedback and
apply-feedback: every value lands where it belongs, nothing is overwritten, the archive holds
exactly two periods."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from conftest import run_cli

from roadmap_tools.executors.requests import REQUEST_COLUMNS, REQUEST_HEADER_ROW, SHEET_REQUEST
from roadmap_tools.workbook import schema as layout

PERIOD_1 = ("2022-01-01", "2022-06-30")
PERIOD_2 = ("2022-07-01", "2022-12-31")
EMAIL = "uo@penza.example.ru"


def info_for(row_id: str) -> str:
    return f"Проведено 15.03.2022, участников 40 (строка {row_id})"


def link_for(row_id: str) -> str:
    return f"https://uo.example.ru/docs/{row_id}.pdf"


def request_rows(path: Path) -> list:
    """(sheet row, values) of the data rows of a request workbook."""
    ws = openpyxl.load_workbook(path)[SHEET_REQUEST]
    return [
        (r, [c.value for c in ws[r][:6]])
        for r in range(REQUEST_HEADER_ROW + 1, ws.max_row + 1)
        if any(c.value for c in ws[r][:6])
    ]


def roadmap_by_id(path: Path) -> dict:
    """row id -> {header title: value} of «Дорожная карта»."""
    ws = openpyxl.load_workbook(path)[layout.SHEET_ROADMAP]
    header = [c.value for c in ws[1]]
    col = header.index("Код строки")
    rows = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[col]:
            rows[row[col]] = dict(zip(header, row))
    return rows


def set_roadmap_cell(path: Path, row_id: str, title: str, value) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.SHEET_ROADMAP]
    header = [c.value for c in ws[1]]
    for cells in ws.iter_rows(min_row=2):
        if cells[header.index("Код строки")].value == row_id:
            cells[header.index(title)].value = value
    wb.save(path)


def with_executor_email(source: Path, target: Path, executor: str, email: str) -> Path:
    shutil.copy2(source, target)
    wb = openpyxl.load_workbook(target)
    ws = wb[layout.SHEET_LISTS]
    assert ws["D1"].value == "E-mail исполнителя"
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, 3).value == executor:
            ws.cell(row, 4).value = email
    wb.save(target)
    return target


@pytest.fixture
def round_folder(sample_workbook, tmp_path):
    book = with_executor_email(sample_workbook, tmp_path / "Roadmap.xlsx", "Управление образования города Пензы", EMAIL)
    return tmp_path, book


def test_a_round_down_to_executors_and_back_up_through_the_curator(round_folder):
    folder, book = round_folder
    # --- requests for three executors ------------------------------------------------------------
    result = run_cli("requests", book, "--from", PERIOD_1[0], "--to", PERIOD_1[1], "-o", folder / "req", "--json")
    assert result.code == 0, result.err
    files = result.json()["files"]
    assert len(files) == 3
    by_executor = {f["executor"]: Path(f["file"]) for f in files}
    uo = by_executor["Управление образования города Пензы"]
    mku = next(p for name, p in by_executor.items() if name.startswith("МКУ"))
    schools = by_executor["Общеобразовательные учреждения города Пензы"]
    assert [f["eml"] is not None for f in files] == [
        f["executor"] == "Управление образования города Пензы" for f in files
    ]
    eml = next(Path(f["eml"]) for f in files if f["eml"])
    assert f"To: {EMAIL}" in eml.read_bytes().decode("utf-8", "replace")
    for f in files:
        assert f["activities"] == len(request_rows(Path(f["file"])))

    # the request: the form's words, only the cells to fill unlocked, the id hidden
    wb = openpyxl.load_workbook(uo)
    ws = wb[SHEET_REQUEST]
    assert [c.value for c in ws[REQUEST_HEADER_ROW][:6]] == REQUEST_COLUMNS
    assert ws.protection.sheet and not ws.protection.password
    first = REQUEST_HEADER_ROW + 1
    assert not ws[f"D{first}"].protection.locked and not ws[f"E{first}"].protection.locked
    assert ws[f"B{first}"].protection.locked and ws[f"F{first}"].protection.locked
    assert ws.column_dimensions["F"].hidden and wb["Служебный"].sheet_state == "hidden"

    ids = {p: [values[5] for _, values in request_rows(p)] for p in (uo, mku, schools)}
    stored = roadmap_by_id(book)
    assert set().union(*ids.values()) <= set(stored)  # the ids are stored in the roadmap's hidden column

    # --- answers -------------------------------------------------------------------------------------
    only_schools = [i for i in ids[schools] if i not in ids[uo] and i not in ids[mku]]
    silent_id = only_schools[0]  # nobody else was asked about it
    conflict_id = next(i for i in ids[schools] if i != silent_id)
    set_roadmap_cell(book, conflict_id, "Информация о проведении", "Своя запись методиста")

    def answer(path: Path, skip=(), sort=False, insert=False):
        wb = openpyxl.load_workbook(path)
        ws = wb[SHEET_REQUEST]
        rows = [[c.value for c in ws[r][:6]] for r, _ in request_rows(path)]
        for values in rows:
            if values[5] not in skip:
                values[3], values[4] = info_for(values[5]), link_for(values[5])
        if sort:  # the executor sorted by activity, descending
            rows.sort(key=lambda v: v[1], reverse=True)
        for offset, values in enumerate(rows):
            for col, value in enumerate(values, start=1):
                ws.cell(REQUEST_HEADER_ROW + 1 + offset, col).value = value
        if insert:  # a row of their own between two others, without an id
            ws.insert_rows(REQUEST_HEADER_ROW + 2)
            ws.cell(REQUEST_HEADER_ROW + 2, 2).value = "Дополнительно: встреча с родителями"
            ws.cell(REQUEST_HEADER_ROW + 2, 4).value = "Проведена 20.04.2022"
        target = folder / "answers" / path.name
        target.parent.mkdir(exist_ok=True)
        wb.save(target)
        return target

    answer(uo, sort=True)
    answer(mku, insert=True)
    answer(schools, skip=(silent_id,))
    stranger = openpyxl.Workbook()
    stranger.active["A1"] = "Заметки, не ответ"
    stranger.save(folder / "answers" / "заметки.xlsx")
    (folder / "answers" / "ответ школы 5.ods").write_bytes(b"PK\x03\x04 saved in another format")

    # --- collect -------------------------------------------------------------------------------------
    collected = run_cli("collect", book, folder / "answers", "--json")
    assert collected.code == 0, collected.err
    data = collected.json()
    assert len(data["files"]) == 3
    assert [c["in_roadmap"] for c in data["conflicts"]] == ["Своя запись методиста"]
    assert data["conflicts"][0]["in_answer"] == info_for(conflict_id)
    assert sorted(Path(u["file"]).name for u in data["unknown_files"]) == ["заметки.xlsx", "ответ школы 5.ods"]
    assert [r["text"] for r in data["unknown_rows"]] == ["Дополнительно: встреча с родителями"]
    silent = [u for u in data["unanswered"] if u["activity"] == stored[silent_id]["Мероприятие"]]
    assert silent and "не заполнил" in silent[0]["why"]

    after = roadmap_by_id(book)
    answered = set().union(*ids.values()) - {silent_id}
    for row_id, row in after.items():
        if row_id == conflict_id:
            assert row["Информация о проведении"] == "Своя запись методиста"  # never overwritten
            assert row["Ссылка на документ"] == link_for(row_id)
        elif row_id in answered:
            assert row["Информация о проведении"] == info_for(row_id), row_id
            assert row["Ссылка на документ"] == link_for(row_id)
        else:
            assert not row["Информация о проведении"] and not row["Ссылка на документ"], row_id
    sheet = openpyxl.load_workbook(book)["Сбор ответов"]
    assert "конфликтов — 1" in sheet["A1"].value

    again = run_cli("collect", book, folder / "answers", "--json").json()
    assert again["filled"] == 0 and len(again["conflicts"]) == 1  # a second collect changes nothing

    # --- forms, consolidation into the archive: two periods, the first once more ----------------
    for name, (start, end) in (("form1.xlsx", PERIOD_1), ("form2.xlsx", PERIOD_2)):
        assert run_cli("form", book, "--from", start, "--to", end, "-o", folder / "region" / name).code == 0
    archive = folder / "Архив.sqlite"
    expected = folder / "муниципалитеты.txt"
    expected.write_text("Пенза\nКузнецк\n", encoding="utf-8")
    summary = folder / "Сводка.xlsx"
    first = run_cli(
        "consolidate",
        folder / "region" / "form1.xlsx",
        "-o",
        summary,
        "--archive",
        archive,
        "--expected",
        expected,
        "--json",
    )
    assert first.code == 0, first.err
    assert first.json()["missing"] == ["Кузнецк"]
    assert (
        run_cli(
            "consolidate", folder / "region" / "form2.xlsx", "-o", folder / "Сводка2.xlsx", "--archive", archive
        ).code
        == 0
    )
    again = run_cli("consolidate", folder / "region" / "form1.xlsx", "-o", summary, "--archive", archive, "--json")
    assert again.code == 0, again.err
    periods = again.json()["archive"]["periods"]
    assert [p["period"] for p in periods] == [list(PERIOD_1), list(PERIOD_2)]
    form1_rows = first.json()["municipalities"][0]["activities"]
    assert periods[0]["rows"] == form1_rows
    with sqlite3.connect(archive) as db:
        assert db.execute("SELECT COUNT(*) FROM periods").fetchone()[0] == 2
        assert db.execute("SELECT COUNT(*) FROM report_rows").fetchone()[0] == form1_rows + periods[1]["rows"]
    wb = openpyxl.load_workbook(summary)
    dynamics = wb["Динамика"]
    assert [dynamics.cell(r, 1).value for r in (4, 5)] == ["Пенза", "Пенза"] and dynamics._charts

    # --- the curator's decisions, feedback, apply-feedback -----------------------------------------
    ws = wb["Строки отчётов"]
    header = [c.value for c in ws[3]]
    assert header[9:11] == ["Решение", "Комментарий куратора"]
    assert any('"ОДОБРЕНО,На доработку"' == dv.formula1 for dv in ws.data_validations.dataValidation)
    approved_id, rework_id = ws["L4"].value, ws["L5"].value
    ws["J4"], ws["J5"], ws["K5"] = "ОДОБРЕНО", "на доработку", "Нет ссылки на приказ"
    wb.save(summary)
    fed = run_cli("feedback", summary, "-o", folder / "fb", "--archive", archive, "--json")
    assert fed.code == 0, fed.err
    [item] = fed.json()["files"]
    assert (item["municipality"], item["approved"], item["rework"]) == ("Пенза", 1, 1)
    assert fed.json()["archive"]["rows_updated"] == form1_rows
    applied = run_cli("apply-feedback", book, item["file"], "--json")
    assert applied.code == 0, applied.err
    assert (applied.json()["applied"], applied.json()["rework"]) == (form1_rows, 1)
    final = roadmap_by_id(book)
    for row_id, row in final.items():
        decision = {approved_id: "ОДОБРЕНО", rework_id: "На доработку"}.get(row_id)
        assert row.get("Решение куратора") == decision, row_id
        assert row.get("Комментарий куратора") == ("Нет ссылки на приказ" if row_id == rework_id else None)
        # nothing else moved: the collected answers are where collect put them
        assert row["Информация о проведении"] == after[row_id]["Информация о проведении"]
    check = run_cli("check", book, "--json")
    rework = [f for f in check.json()["findings"] if f["code"] == "returned_for_rework"]
    assert len(rework) == 1 and "Нет ссылки на приказ" in rework[0]["message"]
    with sqlite3.connect(archive) as db:
        assert db.execute(
            "SELECT decision FROM report_rows WHERE row_id = ? AND period LIKE '2022-01-01%'", (approved_id,)
        ).fetchone() == ("ОДОБРЕНО",)


@pytest.mark.parametrize("fixture", ["roadmap_penza_2022_split", "roadmap_sarov_2021_2022"])
def test_the_round_on_other_roadmaps_puts_every_answer_and_decision_in_its_row(fixture, fixtures, tmp_path):
    book = tmp_path / "Roadmap.xlsx"
    assert run_cli("import", fixtures / f"{fixture}.docx", "-o", book).code == 0
    result = run_cli("requests", book, "--from", "2021-01-01", "--to", "2022-12-31", "-o", tmp_path / "req", "--json")
    assert result.code == 0, result.err
    asked = set()
    for item in result.json()["files"]:
        path = Path(item["file"])
        wb = openpyxl.load_workbook(path)
        ws = wb[SHEET_REQUEST]
        rows = [[c.value for c in ws[r][:6]] for r, _ in request_rows(path)]
        rows.reverse()  # sorted the other way round
        for offset, values in enumerate(rows):
            values[3], values[4] = info_for(values[5]), link_for(values[5])
            asked.add(values[5])
            for col, value in enumerate(values, start=1):
                ws.cell(REQUEST_HEADER_ROW + 1 + offset, col).value = value
        (tmp_path / "answers").mkdir(exist_ok=True)
        wb.save(tmp_path / "answers" / path.name)
    data = run_cli("collect", book, tmp_path / "answers", "--json").json()
    assert data["conflicts"] == [] and data["unknown_rows"] == []
    for row_id, row in roadmap_by_id(book).items():
        expected = info_for(row_id) if row_id in asked else None
        assert row["Информация о проведении"] == expected, row_id
    for name, (start, end) in (("h1.xlsx", PERIOD_1), ("h2.xlsx", PERIOD_2)):
        assert run_cli("form", book, "--from", start, "--to", end, "-o", tmp_path / "forms" / name).code == 0
    archive = tmp_path / "a.sqlite"
    for name in ("h1.xlsx", "h2.xlsx", "h1.xlsx"):
        out = run_cli(
            "consolidate", tmp_path / "forms" / name, "-o", tmp_path / f"s-{name}", "--archive", archive, "--json"
        )
        assert out.code == 0, out.err
    assert len(out.json()["archive"]["periods"]) == 2
    summary = tmp_path / "s-h1.xlsx"
    wb = openpyxl.load_workbook(summary)
    ws = wb["Строки отчётов"]
    rework = {ws.cell(r, 12).value: f"Замечание {r}" for r in range(4, ws.max_row + 1, 3)}
    for r in range(4, ws.max_row + 1):
        row_id = ws.cell(r, 12).value
        ws.cell(r, 10).value = "На доработку" if row_id in rework else "ОДОБРЕНО"
        ws.cell(r, 11).value = rework.get(row_id)
    wb.save(summary)
    fed = run_cli("feedback", summary, "-o", tmp_path / "fb", "--json")
    assert fed.code == 0, fed.err
    [item] = fed.json()["files"]
    applied = run_cli("apply-feedback", book, item["file"], "--json").json()
    assert applied["unmatched"] == [] and applied["rework"] == len(rework)
    final = roadmap_by_id(book)
    for row_id, comment in rework.items():
        assert (final[row_id]["Решение куратора"], final[row_id]["Комментарий куратора"]) == ("На доработку", comment)
    check = run_cli("check", book, "--json").json()
    assert sum(f["code"] == "returned_for_rework" for f in check["findings"]) == len(rework)
