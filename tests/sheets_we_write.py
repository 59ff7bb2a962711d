"""Every kind of workbook the tool writes, made the way a user makes them, for tests that
look at all of them: what a user sees in their cells, and what they print.

The demo (its roadmap.xlsx, Roadmap.xlsm with results, the form file), the workbook
``build-workbook --empty`` makes, a fixture roadmap imported, checked, controlled and
its form written with ``-o``, a Word roadmap with columns of its own, and a
consolidation summary.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from conftest import FIXTURES, REPORT_FIXTURE, run_cli
from word_tables import new_document, paragraphs, roadmap_table, save

from bench.formgen import generate_forms

#: Columns of its own a Word roadmap may have, which we keep.
FUNDING = "Объём финансирования, тыс. руб."
AGREED = "Согласовано с ОО"


def roadmap_with_own_columns(path):
    """A Word roadmap with two columns we have no field for and a filled «Отметка о выполнении»."""
    document = new_document()
    paragraphs(document, "План мероприятий («дорожная карта») по повышению качества образования на 2023 год")
    roadmap_table(
        document,
        [
            ["№", "Мероприятие", "Сроки", "Ответственные", FUNDING, "Отметка о выполнении", AGREED],
            ["1", "Семинар для заместителей директоров", "март 2023", "ИМЦ", "15,5", "Выполнено", "да"],
            ["2", "Мониторинг результатов ВПР", "май 2023", "ЦОКО", "", "", ""],
            ["3", "Совещание руководителей", "сентябрь 2023", "Управление", "1 200", "В работе", ""],
        ],
    )
    return save(document, path)


def _ok(*args) -> None:
    result = run_cli(*args)
    assert result.code == 0, (args, result.out, result.err)


def written_workbooks(folder: Path) -> dict:
    """name -> path of each workbook the tool writes, all made in ``folder``."""
    books = {}
    demo = folder / "demo"
    _ok("demo", "-o", demo)
    books["демо: книга"] = demo / "roadmap.xlsx"
    books["демо: книга с лентой"] = demo / "Roadmap.xlsm"
    books["демо: форма"] = next(demo.glob("*форма мониторинга.xlsx"))

    empty = folder / "empty" / "Roadmap.xlsm"
    empty.parent.mkdir()
    _ok("build-workbook", "--empty", "-o", empty)
    books["пустая книга с лентой"] = empty

    # a roadmap of another municipality, with the columns of its own document
    roadmap = folder / "fixture" / "Roadmap.xlsx"
    roadmap.parent.mkdir()
    _ok("import", FIXTURES / "roadmap_penza_2022.docx", "-o", roadmap)
    run_cli("check", roadmap)  # exit 1 when it finds errors: the sheet is written all the same
    _ok("overdue", roadmap, "--as-of", "2022-06-30")
    form = roadmap.parent / "Форма.xlsx"
    _ok("form", roadmap, "--from", "2022-04-01", "--to", "2022-06-30", "-o", form)
    books["другая карта: книга"] = roadmap
    books["другая карта: форма"] = form

    # a Word roadmap with columns of its own, kept on «Дорожная карта» after ours
    own = folder / "own"
    own.mkdir()
    _ok("import", roadmap_with_own_columns(own / "карта.docx"), "-o", own / "Roadmap.xlsx")
    books["карта со своими столбцами"] = own / "Roadmap.xlsx"

    reports = folder / "reports"
    generate_forms(reports, 6, seed=5, docx_every=3, as_of=date(2025, 1, 15))
    shutil.copy(FIXTURES / f"{REPORT_FIXTURE}.docx", reports)
    (reports / "пустой.xlsx").write_bytes(b"")
    summary = folder / "Сводка.xlsx"
    _ok("consolidate", reports, "--as-of", "2025-01-15", "-o", summary)
    books["сводка"] = summary

    # requests to executors, their answers collected, a summary with its archive, the curator's feedback
    region = folder / "region"
    region.mkdir()
    _ok("requests", roadmap, "--from", "2022-01-01", "--to", "2022-06-30", "-o", region / "запросы")
    books["запрос исполнителю"] = sorted((region / "запросы").glob("*.xlsx"))[0]
    _ok("collect", roadmap, region / "запросы")  # «Сбор ответов» on the roadmap's book
    _ok("form", roadmap, "--from", "2022-01-01", "--to", "2022-06-30", "-o", region / "отчёты" / "форма.xlsx")
    _ok(
        "consolidate",
        region / "отчёты",
        "-o",
        region / "Сводка.xlsx",
        "--archive",
        region / "архив.sqlite",
        "--expected",
        _expected(region / "муниципалитеты.txt"),
    )
    books["сводка с архивом"] = region / "Сводка.xlsx"
    _ok("feedback", region / "Сводка.xlsx", "-o", region / "замечания")
    books["замечания куратора"] = sorted((region / "замечания").glob("*.xlsx"))[0]
    return books


def _expected(path: Path) -> Path:
    path.write_text("Пенза\nКузнецк\n", encoding="utf-8")
    return path
