"""Regional consolidation: whose each report is, what it counts, and files that cannot be read."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from bench.formgen import expected_by_municipality, generate_forms
from roadmap_tools.consolidation.consolidate import consolidate, find_report_files
from roadmap_tools.consolidation.report_reader import (
    NAME_FROM_FILE,
    NAME_FROM_LETTER,
    NAME_FROM_TITLE,
    Report,
    Unreadable,
    find_urls,
    has_information,
    municipality_from_file_name,
    municipality_in,
    period_in,
    read_report,
)
from tests.conftest import FIXTURES, REPORT_FIXTURE, gold

AS_OF = date(2025, 1, 15)


def gold_counts() -> dict:
    """What the fixture 002 holds, counted from its gold file, not from our reader."""
    data = gold(REPORT_FIXTURE)
    rows = [row for section in data["sections"] for row in section["rows"]]
    url = re.compile(r"https?://")
    return {
        "sections": len(data["sections"]),
        "activities": len(rows),
        "reported": sum(1 for r in rows if r["info"].strip()),
        "with_link": sum(1 for r in rows if url.search(r["link"]) or url.search(r["info"])),
    }


# --- the Word report 002 ---------------------------------------------------------
@pytest.mark.parametrize("suffix", ["", "_split"])
def test_word_report_002_counts_its_rows_sections_and_links(suffix):
    expected = gold_counts()
    report = read_report(FIXTURES / f"{REPORT_FIXTURE}{suffix}.docx", AS_OF)
    assert isinstance(report, Report), report
    assert (report.activities, len(report.sections), report.reported, report.with_link) == (
        13,
        4,
        expected["reported"],
        expected["with_link"],
    )
    assert expected["activities"] == 13 and expected["sections"] == 4
    assert [r.activity for r in report.rows] == [
        r["activity"] for s in gold(REPORT_FIXTURE)["sections"] for r in s["rows"]
    ]


def test_a_word_table_broken_in_two_by_a_page_break_is_read_as_one(tmp_path):
    import copy

    import docx

    document = docx.Document(str(FIXTURES / f"{REPORT_FIXTURE}.docx"))
    first = document.tables[0]._tbl
    second = copy.deepcopy(first)
    for tr in list(second.tr_lst):
        second.remove(tr)
    for tr in list(first.tr_lst)[10:]:  # rows from item 8 on go to a table of their own, no header
        first.remove(tr)
        second.append(tr)
    first.addnext(second)
    document.save(tmp_path / "two_tables.docx")
    report = read_report(tmp_path / "two_tables.docx", AS_OF)
    assert (report.activities, len(report.sections), report.with_link) == (13, 4, gold_counts()["with_link"])


def test_word_report_002_is_kuznetsk_from_the_cover_letter():
    report = read_report(FIXTURES / f"{REPORT_FIXTURE}.docx", AS_OF)
    assert (report.name, report.name_source) == ("Кузнецк", NAME_FROM_LETTER)


def test_word_report_002_period_is_read_from_the_letter_and_nothing_is_overdue():
    report = read_report(FIXTURES / f"{REPORT_FIXTURE}.docx", AS_OF)
    assert report.period == (date(2023, 2, 1), date(2023, 5, 31))
    assert report.overdue_rows(AS_OF) == []  # every row has its information


# --- what counts -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, counts",
    [
        ("Приказ №109 от 15.02.2023", True),
        ("", False),
        ("   ", False),
        ("-", False),
        ("—", False),
        ("нет", False),
        ("Нет.", False),
        ("не проводилось", False),
        ("Не проводилось.", False),
        ("отсутствует", False),
        ("Нет данных", False),
        ("Мероприятие не проводилось в связи с карантином", False),
        ("мероприятие перенесено на IV квартал", False),
        ("Перенесено на сентябрь", False),
        ("Проведено 12.04.2023, перенесено одно занятие", True),
        ("Не менее 20 участников, протокол №3", True),
    ],
)
def test_information_cell_counts_only_when_it_says_something(text, counts):
    assert has_information(text) is counts


@pytest.mark.parametrize(
    "text, urls",
    [
        (
            "Приказ (ссылка на документ: https://uokuzneck.ucoz.ru/a/prikaz.pdf )",
            ["https://uokuzneck.ucoz.ru/a/prikaz.pdf"],
        ),
        (
            "Ссылка на новость: http://moulizei21.ucoz.ru/news/2023-02-20-2010.",
            ["http://moulizei21.ucoz.ru/news/2023-02-20-2010"],
        ),
        ("https://a.ru/1, https://b.ru/2;", ["https://a.ru/1", "https://b.ru/2"]),
        ("«https://disk.yandex.ru/d/g7QA6»", ["https://disk.yandex.ru/d/g7QA6"]),
        ("сайт школы www.school.ru", []),
        ("сайт школы www.school.ru/news/12, группа vk.com/wall-5_77", ["www.school.ru/news/12", "vk.com/wall-5_77"]),
        ("uo-kushva.ru/docs/prikaz.pdf и https://a.ru/x", ["uo-kushva.ru/docs/prikaz.pdf", "https://a.ru/x"]),
        ("e-mail: uo@mail.ru, тел. 2-54-18", []),
        ("школа1.рф/svedenia/", ["школа1.рф/svedenia/"]),
        ("Протокол совещания", []),
    ],
)
def test_links_are_http_addresses_found_anywhere_in_the_text(text, urls):
    assert find_urls(text) == urls


# --- whose report ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, name",
    [
        ("Мониторинг исполнения мероприятий муниципальной дорожной карты города Кузнецка за период", "Кузнецк"),
        ("Управление образования города Кузнецка Белинского улица, д. 11", "Кузнецк"),
        ("Дорожная карта ГО Карпинск на 2022 год", "Карпинск"),
        ("Отдел образования администрации городского округа Карпинск", "Карпинск"),
        ("г. Заречный", "Заречный"),
        ("г.Заречный", "Заречный"),
        ("Управление образования города Пензы", "Пенза"),
        ("города Сарова", "Саров"),
        ("города Нижнего Ломова", "Нижний Ломов"),
        ("г. Нижний Ломов", "Нижний Ломов"),
        ("Отдел образования Бессоновского района Пензенской области", "Бессоновский район"),
        ("Сердобского муниципального района", "Сердобский район"),
        ("муниципального образования «Город Кузнецк»", "Кузнецк"),
        ("Министерство образования Пензенской области", ""),
        ("Мониторинг исполнения мероприятий «Равенство образовательных возможностей в 2023 году»", ""),
    ],
)
def test_municipality_is_named_in_the_nominative(text, name):
    assert municipality_in(text) == name


@pytest.mark.parametrize(
    "file_name, name",
    [
        ("Отчет_г.Кузнецк_2023.xlsx", "Кузнецк"),
        ("Кузнецк.xlsx", "Кузнецк"),
        ("отчет Сердобский район 2 кв 2023.docx", "Сердобский район"),
        ("мониторинг_Каменка_1 квартал.xlsx", "Каменка"),
    ],
)
def test_municipality_from_the_file_name_when_nothing_else_names_it(file_name, name):
    assert municipality_from_file_name(file_name) == name


@pytest.mark.parametrize(
    "text, period",
    [
        ("Мониторинг … за период с 01.02.2023 по 31.05.2023", (date(2023, 2, 1), date(2023, 5, 31))),
        ("в период с февраля по май 2023 года по запрашиваемой форме.", (date(2023, 2, 1), date(2023, 5, 31))),
        ("Мониторинг исполнения мероприятий за 1 квартал 2023 года", (date(2023, 1, 1), date(2023, 3, 31))),
        ("Мониторинг исполнения мероприятий", None),
        ("письмо №01-13/702 от 10.05.2023, исх. 26.05.2023", None),  # dates of letters are not a period
    ],
)
def test_reporting_period_from_the_title(text, period):
    assert period_in(text) == period


# --- many files ----------------------------------------------------------------------
def _password_protected(source: Path, target: Path) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    with open(source, "rb") as fh, open(target, "wb") as out:
        ooxml.OOXMLFile(fh).encrypt("пароль", out)


def _unrelated_table(target: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Фамилия", "Имя", "Класс"])
    wb.active.append(["Иванов", "Пётр", "5А"])
    wb.save(target)


def _header_without_rows(target: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Мониторинг исполнения мероприятий города Сердобска"])
    wb.active.append(["№ п/п", "Мероприятие", "Информация о проведении", "Ссылка на документ"])
    wb.save(target)


#: file name -> (how to make it from a good form, words its reason must contain)
BAD_FILES = {
    "broken.xlsx": (lambda good, p: p.write_bytes(good.read_bytes()[:2000]), "повреждён"),
    "empty.xlsx": (lambda good, p: p.write_bytes(b""), "пуст"),
    "empty.docx": (lambda good, p: p.write_bytes(b""), "пуст"),
    "password.xlsx": (_password_protected, "паролем"),
    "unrelated.xlsx": (lambda good, p: _unrelated_table(p), "не найдена таблица"),
    "header_only.xlsx": (lambda good, p: _header_without_rows(p), "нет ни одного мероприятия"),
    "old.xls": (
        lambda good, p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        "старый формат Excel",
    ),
    "old.doc": (lambda good, p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "старый формат Word"),
    "not_a_zip.docx": (lambda good, p: p.write_text("это не документ", encoding="utf-8"), "не является документом"),
}


@pytest.fixture(scope="module")
def reports_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    expected = generate_forms(folder / "forms", 30, seed=7, docx_every=6, as_of=AS_OF)
    shutil.copy(FIXTURES / f"{REPORT_FIXTURE}.docx", folder / f"{REPORT_FIXTURE}.docx")
    good = Path(expected[0].file)
    bad = folder / "bad"
    bad.mkdir()
    for name, (make, _) in BAD_FILES.items():
        make(good, bad / name)
    (bad / "~$form_0001.xlsx").write_bytes(b"lock")  # Excel's lock file: not a report
    (bad / "notes.txt").write_text("не отчёт", encoding="utf-8")  # not a report format: skipped
    return folder, expected


def test_generated_forms_with_the_word_report_and_bad_files_give_correct_totals(reports_folder):
    folder, expected = reports_folder
    summary = consolidate([folder], as_of=AS_OF, workers=1)
    want = expected_by_municipality(expected)
    kuznetsk = want.setdefault("Кузнецк", {"files": 0, "activities": 0, "reported": 0, "with_link": 0, "overdue": 0})
    counts = gold_counts()
    kuznetsk["files"] += 1
    kuznetsk["activities"] += counts["activities"]
    kuznetsk["reported"] += counts["reported"]
    kuznetsk["with_link"] += counts["with_link"]
    got = {
        m.name: {
            "files": len(m.files),
            "activities": m.activities,
            "reported": m.reported,
            "with_link": m.with_link,
            "overdue": m.overdue,
        }
        for m in summary.municipalities
    }
    assert got == want
    assert summary.total.activities == sum(w["activities"] for w in want.values())


def test_every_bad_file_is_listed_with_its_reason(reports_folder):
    folder, _ = reports_folder
    summary = consolidate([folder], as_of=AS_OF, workers=1)
    reasons = {Path(u.file).name: u.reason for u in summary.unreadable}
    assert set(reasons) == set(BAD_FILES)
    for name, (_, words) in BAD_FILES.items():
        assert words in reasons[name], (name, reasons[name])


def test_reading_in_parallel_gives_the_same_result_in_the_same_order(reports_folder):
    folder, _ = reports_folder
    one = consolidate([folder], as_of=AS_OF, workers=1)
    two = consolidate([folder], as_of=AS_OF, workers=2)
    assert len(one.reports) + len(one.unreadable) >= 24  # enough files for the parallel path
    assert one.to_json() == two.to_json()
    assert [r.file for r in one.reports] == [r.file for r in two.reports]


def test_what_a_worker_sends_back_is_the_report_it_read(reports_folder):
    from roadmap_tools.consolidation.consolidate import _packed, _unpacked

    folder, _ = reports_folder
    results = [read_report(path, AS_OF) for path in find_report_files([folder])]
    assert any(isinstance(r, Unreadable) for r in results) and any(isinstance(r, Report) for r in results)
    assert [_unpacked(_packed(r), {}) for r in results] == results


def test_json_has_municipalities_and_unreadable_files(reports_folder):
    folder, _ = reports_folder
    data = consolidate([folder], as_of=AS_OF, workers=1).to_json()
    assert set(data) == {"municipalities", "unreadable"}
    assert set(data["municipalities"][0]) == {
        "name",
        "files",
        "activities",
        "reported",
        "with_link",
        "overdue",
        "share_done",
    }
    assert set(data["unreadable"][0]) == {"file", "reason"}
    for m in data["municipalities"]:
        assert m["share_done"] == round(m["reported"] / m["activities"], 4)


def test_lock_files_backups_temporary_files_and_the_summary_itself_are_skipped(tmp_path):
    for name in (
        "a.xlsx",
        "b.docx",
        "c.xlsm",
        "~$a.xlsx",
        ".~lock.a.xlsx#",
        "a.bak.xlsx",
        ".a.x.xlsx.tmp",
        "notes.txt",
        "summary.xlsx",
        "sub/d.xlsx",
        ".hidden/e.xlsx",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    found = find_report_files([tmp_path], exclude=[tmp_path / "summary.xlsx"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.xlsx", "b.docx", "c.xlsm", "sub/d.xlsx"]


def test_globs_and_files_named_twice_are_read_once(tmp_path):
    for name in ("a.xlsx", "b.xlsx", "c.docx"):
        (tmp_path / name).write_bytes(b"x")
    found = find_report_files([str(tmp_path / "*.xlsx"), tmp_path / "a.xlsx", str(tmp_path / "**" / "*.docx")])
    assert [p.name for p in found] == ["a.xlsx", "b.xlsx", "c.docx"]


def test_a_missing_file_named_explicitly_is_reported_not_fatal(tmp_path):
    summary = consolidate([tmp_path / "нет_такого.xlsx"], as_of=AS_OF)
    assert [u.reason for u in summary.unreadable] == ["файл не найден."]


# --- forms as municipalities type them ----------------------------------------------
def _form(path: Path, title: str, header: list, rows: list) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_columns_in_another_order_and_wording_are_found_by_their_header(tmp_path):
    path = _form(
        tmp_path / "x.xlsx",
        "Отчёт г. Каменка за период с 01.01.2024 по 31.03.2024",
        ["Ссылка", "Информация о выполнении", "Наименование мероприятия", "№"],
        [
            ["Организационная работа"],
            ["https://a.ru/1", "Проведено совещание", "Совещание руководителей", "1"],
            [None, "-", "Семинар", "2"],
        ],
    )
    report = read_report(path, AS_OF)
    assert (report.name, report.name_source) == ("Каменка", NAME_FROM_TITLE)
    assert [(r.section, r.number, r.activity, r.reported, r.has_link) for r in report.rows] == [
        ("Организационная работа", "1", "Совещание руководителей", True, True),
        ("Организационная работа", "2", "Семинар", False, False),
    ]
    assert [r.number for r in report.overdue_rows(AS_OF)] == ["2"]


def test_an_excel_hyperlink_behind_plain_text_counts_as_a_link(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["№", "Мероприятие", "Информация о проведении", "Ссылка на документ"])
    ws.append(["1", "Совещание", "Проведено", "Приказ"])
    ws["D2"].hyperlink = "https://uo.example.ru/prikaz.pdf"
    wb.save(tmp_path / "Спасск.xlsx")
    report = read_report(tmp_path / "Спасск.xlsx", AS_OF)
    assert (report.name, report.name_source) == ("Спасск", NAME_FROM_FILE)
    assert report.rows[0].urls == ["https://uo.example.ru/prikaz.pdf"]


def test_a_form_without_a_period_has_nothing_overdue(tmp_path):
    path = _form(
        tmp_path / "x.xlsx",
        "Мониторинг исполнения мероприятий г. Спасск",
        ["№", "Мероприятие", "Информация о проведении"],
        [["1", "Совещание", ""]],
    )
    report = read_report(path, AS_OF)
    assert report.period is None and report.overdue_rows(AS_OF) == []


def test_files_of_one_municipality_are_summed_whatever_the_case_of_its_name(tmp_path):
    header = ["№", "Мероприятие", "Информация о проведении", "Ссылка"]
    _form(tmp_path / "a.xlsx", "Мониторинг города Кузнецка", header, [["1", "Совещание", "Проведено", ""]])
    _form(tmp_path / "b.xlsx", "Мониторинг г. Кузнецк", header, [["1", "Семинар", "", "https://a.ru"]])
    shutil.copy(FIXTURES / f"{REPORT_FIXTURE}.docx", tmp_path / "c.docx")
    summary = consolidate([tmp_path], as_of=AS_OF)
    assert [(m.name, len(m.files), m.activities, m.reported) for m in summary.municipalities] == [
        ("Кузнецк", 3, 15, 14)
    ]


def test_the_form_our_checks_write_is_read_back(tmp_path):
    from openpyxl import Workbook

    from roadmap_tools.actions.jobs import form_plans
    from roadmap_tools.monitoring_form import FormRow, FormSection, MonitoringForm
    from roadmap_tools.sheetplan import operations as sp

    form = MonitoringForm(
        "Мониторинг исполнения мероприятий", "Дорожная карта ГО Карпинск", date(2024, 1, 1), date(2024, 3, 31)
    )
    form.sections = [
        FormSection(
            "Организационное сопровождение",
            [
                FormRow("1", "Создание рабочей команды", "Приказ №5", "https://k.ru/5.pdf"),
                FormRow("2", "Семинар", "", ""),
            ],
        ),
        FormSection("Методическая поддержка", [FormRow("3", "Вебинар", "Проведён, 40 чел.", "")]),
    ]
    wb = Workbook()
    sp.apply_openpyxl(wb, form_plans(form, in_workbook=False))
    wb.save(tmp_path / "form.xlsx")
    report = read_report(tmp_path / "form.xlsx", AS_OF)
    assert isinstance(report, Report), report
    assert (report.activities, report.reported, report.with_link, len(report.sections)) == (3, 2, 1, 2)
    assert report.period == (date(2024, 1, 1), date(2024, 3, 31))
    assert [r.number for r in report.overdue_rows(AS_OF)] == ["2"]


# --- the summary workbook ------------------------------------------------------------
def test_summary_workbook_has_its_sheets_totals_and_native_charts(reports_folder, tmp_path):
    from openpyxl import load_workbook

    from roadmap_tools.consolidation.summary import write_summary

    folder, _ = reports_folder
    summary = consolidate([folder], as_of=AS_OF, workers=1)
    path = write_summary(summary, tmp_path / "Сводка.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "Сводка",
        "Диаграммы",
        "Просроченные",
        "Без информации или ссылки",
        "Прочитанные файлы",
        "Нечитаемые файлы",
    ]
    ws = wb["Сводка"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_col=7)]
    body, total = rows[:-1], rows[-1]
    assert [r[0] for r in body] == [m.name for m in summary.municipalities]
    assert total[:6] == [
        "Итого",
        len(summary.reports),
        summary.total.activities,
        summary.total.reported,
        summary.total.with_link,
        summary.total.overdue,
    ]
    assert ws.cell(row=4, column=7).number_format == "0%"
    assert wb["Нечитаемые файлы"].max_row == 3 + len(BAD_FILES)
    assert wb["Просроченные"].max_row == 3 + len(summary.overdue_rows())
    with zipfile.ZipFile(path) as zf:
        chart = zf.read("xl/charts/chart1.xml").decode("utf-8")
    assert "barChart" in chart and "Сводка" in chart


# --- our own roadmap workbooks ------------------------------------------------------
def test_a_roadmap_workbook_counts_overdue_by_its_deadline_control_status(tmp_path):
    from roadmap_tools.model import Activity, Roadmap, Section
    from roadmap_tools.workbook.book import write_roadmap_workbook

    activities = [
        Activity(number="1", activity="Совещание", deadline="март 2022"),  # past, no report: overdue
        Activity(
            number="2",
            activity="Семинар",
            deadline="март 2022",
            status="Выполнено",
            done_date=date(2022, 3, 20),
            info="Проведён, 30 чел.",
            link="https://k.ru/2",
        ),
        Activity(number="3", activity="Консультации", deadline="по мере необходимости", info="-"),
        Activity(number="4", activity="Форум", deadline="декабрь 2023", info="Готовится"),
    ]
    roadmap = Roadmap(
        title="Дорожная карта ГО Карпинск", years=[2022, 2023], sections=[Section("Организация", activities)]
    )
    path = write_roadmap_workbook(roadmap, tmp_path / "карта.xlsx")
    report = read_report(path, date(2023, 1, 15))
    assert isinstance(report, Report), report
    assert (report.name, report.kind) == ("Карпинск", "дорожная карта")
    assert (report.activities, report.reported, report.with_link) == (4, 2, 1)
    assert [r.number for r in report.overdue_rows(date(2023, 1, 15))] == ["1"]
    later = read_report(path, date(2024, 1, 15))
    assert [r.number for r in later.overdue_rows(date(2024, 1, 15))] == ["1", "4"]


def test_a_file_too_big_to_be_a_report_is_refused_unopened(tmp_path, monkeypatch):
    from roadmap_tools.consolidation import report_reader

    path = _form(
        tmp_path / "x.xlsx",
        "Мониторинг г. Спасск",
        ["№", "Мероприятие", "Информация о проведении"],
        [["1", "Совещание", "Проведено"]],
    )
    monkeypatch.setattr(report_reader, "MAX_REPORT_BYTES", 1000)
    result = read_report(path, AS_OF)
    assert isinstance(result, Unreadable) and "слишком большой" in result.reason


def test_a_macro_workbook_is_read_by_its_cells_only(tmp_path):
    path = _form(
        tmp_path / "x.xlsx",
        "Мониторинг г. Спасск",
        ["№", "Мероприятие", "Информация о проведении"],
        [["1", "Совещание", "Проведено"]],
    )
    macro = tmp_path / "x.xlsm"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(macro, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("xl/vbaProject.bin", b'\xd0\xcf\x11\xe0 Sub Auto_Open(): Shell "calc": End Sub')
    report = read_report(macro, AS_OF)
    assert (report.name, report.activities, report.reported) == ("Спасск", 1, 1)
