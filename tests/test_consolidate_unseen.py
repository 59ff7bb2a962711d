"""Consolidation on reports written the way municipalities really answer, none seen by the reader's author.

Each builder writes one report (python-docx or openpyxl) and returns what a regional
methodologist counts in it by hand: the municipality's name, activities, reported,
with a link, overdue (as of ``AS_OF``, after every period below). The totals are
checked through the library and through ``consolidate --json``.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional

import pytest

from roadmap_tools.consolidation.consolidate import consolidate
from roadmap_tools.consolidation.report_reader import Report, read_report
from tests.conftest import FIXTURES, REPORT_FIXTURE

AS_OF = date(2025, 1, 15)


@dataclass
class Want:
    name: str
    activities: int
    reported: int
    with_link: int
    overdue: int
    sections: Optional[int] = None


# --- writing documents as people do ---------------------------------------------------
def _docx(path: Path, before: list, tables: list, after: list = ()) -> Path:
    """A Word document: paragraphs, then tables (each a list of rows; a row of one string is a
    section merged across the table; ``None`` between tables is a page break), then paragraphs."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    for table_rows in tables:
        if table_rows is None:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            continue
        width = max(len(r) for r in table_rows if not isinstance(r, str))
        table = document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for row in table_rows:
            cells = table.add_row().cells
            if isinstance(row, str):
                merged = cells[0].merge(cells[-1])
                merged.text = row
                continue
            if isinstance(row, tuple) and row and row[0] == "numbered-section":
                cells[0].text = row[1]
                merged = cells[1].merge(cells[-1])
                merged.text = row[2]
                continue
            for cell, text in zip(cells, row):
                cell.text = text
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _xlsx(path: Path, rows_by_sheet: dict, merges: dict = None, hyperlinks: dict = None) -> Path:
    """A workbook typed by hand: sheet -> rows (lists of values, placed from column A)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet, rows in rows_by_sheet.items():
        ws = wb.create_sheet(sheet)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None and value != "":
                    ws.cell(row=r, column=c, value=value)
        for ref in (merges or {}).get(sheet, []):
            ws.merge_cells(ref)
        for ref, target in (hyperlinks or {}).get(sheet, {}).items():
            ws[ref].hyperlink = target
    wb.save(path)
    return path


COVER_HEADER = [
    "№",
    "Наименование мероприятия",
    "Информация о выполнении (дата, документ, количество участников)",
    "Ссылка на подтверждающие материалы",
    "Примечание",
]


# --- the reports ----------------------------------------------------------------------
def word_letter_from_a_city_district_with_postponed_and_several_urls(folder: Path):
    path = _docx(
        folder / "УО Кушва исх 412.docx",
        [
            "Управление образования администрации Кушвинского городского округа",
            "ул. Красноармейская, д. 16, г. Кушва, 624300",
            "тел. (34344) 2-54-18, e-mail: uo-kushva@mail.ru",
            "от 05.04.2023 № 412",
            "Начальнику отдела общего образования Министерства образования Свердловской области",
            "О предоставлении информации",
            "Управление образования направляет информацию о реализации дорожной карты по запрашиваемой форме.",
            "Информация о реализации дорожной карты по повышению качества образования за I квартал 2023 года",
        ],
        [
            [
                COVER_HEADER,
                "1. Организационно-управленческие мероприятия",
                [
                    "1",
                    "Создание муниципальной рабочей группы",
                    "Приказ УО от 12.01.2023 № 5",
                    "https://kushva-uo.ru/docs/prikaz5.pdf",
                    "",
                ],
                [
                    "2",
                    "Совещание с руководителями ОО",
                    "15.02.2023, совещание, 14 участников",
                    "ссылка: https://kushva-uo.ru/news/123",
                    "",
                ],
                "2. Методическое сопровождение",
                ["3", "Семинар для учителей математики", "не проводилось", "-", "перенесено"],
                [
                    "4",
                    "Диагностика профессиональных дефицитов педагогов",
                    "20.03.2023 проведена диагностика, 56 педагогов",
                    "https://kushva-uo.ru/a.pdf, https://disk.yandex.ru/d/xYz12",
                    "",
                ],
                [
                    "5",
                    "Методический десант в школы с низкими результатами",
                    "мероприятие перенесено на IV квартал",
                    "нет",
                    "",
                ],
            ]
        ],
        ["Начальник Управления образования                    Н.В. Сычёва"],
    )
    return path, Want("Кушвинский городской округ", 5, 3, 3, 2, 2)


def word_letter_of_a_district_with_numbered_section_rows_and_period_in_the_letter(folder: Path):
    path = _docx(
        folder / "Сердобск_район.docx",
        [
            "Отдел образования администрации Сердобского района",
            "442895, Пензенская область, г. Сердобск, ул. Ленина, 90",
            "Отдел образования администрации Сердобского района направляет информацию об исполнении "
            "мероприятий дорожной карты за период с 01.01.2023 по 30.06.2023.",
            "Отчёт об исполнении мероприятий дорожной карты",
        ],
        [
            [
                ["№ п/п", "Мероприятие", "Информация о проведении мероприятия", "Ссылка на документ"],
                ("numbered-section", "I.", "Организационное сопровождение"),
                ["1", "Заседание муниципальной рабочей группы", "Проведено 10.02.2023", "http://serdobsk-uo.ru/1"],
                ["2", "Мониторинг образовательных результатов", "-", "-"],
                ("numbered-section", "II.", "Работа с педагогами"),
                ["3", "Курсы повышения квалификации", "12 педагогов прошли курсы", ""],
                [
                    "4",
                    "Семинар для заместителей директоров",
                    "Проведён 14.04.2023, 25 чел.",
                    "https://serdobsk-uo.ru/s",
                ],
            ]
        ],
    )
    return path, Want("Сердобский район", 4, 3, 2, 1, 2)


def word_mku_sender_in_the_genitive_after_g_with_rows_split_across_pages(folder: Path):
    path = _docx(
        folder / "zarechny.docx",
        [
            "МКУ «Управление образования» г. Заречного",
            "Исх. № 01-12/233 от 03.07.2023",
            "Мониторинг исполнения мероприятий дорожной карты за 2 квартал 2023 года",
        ],
        [
            [
                ["№", "Мероприятие", "Информация о проведении", "Ссылка"],
                "Организационное сопровождение",
                [
                    "1",
                    "Совещание руководителей общеобразовательных организаций",
                    "Проведено совещание 12.04.2023,",
                    "https://zar-uo.ru/1",
                ],
                ["", "", "присутствовало 20 человек", ""],
                ["2", "Родительское собрание по вопросам ГИА", "", ""],
                "Работа с обучающимися",
                [
                    "3",
                    "Муниципальная олимпиада",
                    "Проведена 20.05.2023",
                    "Ссылка на новость: https://zar-uo.ru/news/olimp",
                ],
                ["", "по математике для 5-8 классов", "", ""],
            ]
        ],
    )
    return path, Want("Заречный", 3, 2, 2, 1, 2)


def word_without_letter_table_continued_after_a_page_break_with_its_header_repeated(folder: Path):
    header = ["№ п/п", "Наименование мероприятия", "Информация о выполнении", "Ссылка на документ"]
    path = _docx(
        folder / "НТагил.docx",
        [
            "Мониторинг исполнения мероприятий дорожной карты Комитета по образованию города Нижний Тагил "
            "за период с 01.01.2023 по 31.03.2023",
        ],
        [
            [
                header,
                ["1", "2", "3", "4"],
                ["1", "Совещание", "Проведено 11.01.2023", "https://tagil-edu.ru/1"],
                ["2", "Семинар", "Проведён 02.02.2023, 40 чел.", "https://tagil-edu.ru/2"],
                ["3", "Консультации для родителей", "не проводились", ""],
            ],
            None,
            [
                header,
                ["4", "Конкурс методических разработок", "Итоги подведены 28.03.2023", "Приказ № 77"],
                [
                    "5",
                    "Форум молодых педагогов",
                    "Проведён 30.03.2023",
                    "http://tagil-edu.ru/forum, http://vk.com/forum",
                ],
            ],
            [
                ["Председатель комитета", "__________", "А.А. Петров"],
            ],
        ],
    )
    return path, Want("Нижний Тагил", 5, 4, 3, 1)


def word_title_names_the_city_in_parentheses(folder: Path):
    path = _docx(
        folder / "info_2kv.docx",
        [
            "Информация о реализации дорожной карты «Равенство образовательных возможностей» "
            "за II квартал 2023 года (г. Кузнецк)",
        ],
        [
            [
                ["№", "Мероприятие", "Информация о проведении", "Ссылка на документ", "Примечание"],
                [
                    "1",
                    "Заседание ГМО учителей русского языка",
                    "Проведено 12.04.2023, 18 чел.",
                    "https://uokuzneck.ucoz.ru/gmo",
                    "",
                ],
                ["2", "Открытые уроки в школах ШНОР", "нет", "", "в связи с карантином"],
            ]
        ],
    )
    return path, Want("Кузнецк", 2, 1, 1, 1)


def word_title_in_the_genitive_with_links_written_in_the_information(folder: Path):
    path = _docx(
        folder / "Кузнецк_отчет_май.docx",
        [
            "Мониторинг исполнения мероприятий дорожной карты города Кузнецка в период с марта по май 2023 года",
        ],
        [
            [
                ["№п/п", "Мероприятие", "Информация о проведении мероприятия"],
                ["1", "Педагогический марафон", "Проведён 10.03.2023, ссылка: https://uokuzneck.ucoz.ru/marafon"],
                ["2", "Фестиваль открытых уроков", "Проведён 05.04.2023 (http://school3-kuz.ru/news/5)"],
                ["3", "Стажировка молодых учителей", "—"],
            ]
        ],
    )
    return path, Want("Кузнецк", 3, 2, 2, 1)


def excel_file_named_for_the_city_with_a_title_that_names_nobody(folder: Path):
    path = _xlsx(
        folder / "Отчет_Кузнецк_2кв.xlsx",
        {
            "Лист1": [
                ["Мониторинг исполнения мероприятий дорожной карты"],
                [],
                ["№", "Мероприятие", "Информация о проведении", "Ссылка"],
                [1, "Собеседование с руководителями ОО", "Проведено 14.06.2023", "https://uokuzneck.ucoz.ru/sobes"],
            ]
        },
    )
    return path, Want("Кузнецк", 1, 1, 1, 0)


def excel_title_merged_header_in_row_3_numbering_row_and_a_district_in_the_prepositional(folder: Path):
    path = _xlsx(
        folder / "Никольский.xlsx",
        {
            "Лист1": [
                ["Мониторинг исполнения мероприятий дорожной карты в Никольском районе за I квартал 2023 года"],
                [],
                ["№", "Наименование мероприятия", "Сроки", "Информация о выполнении", "Ссылка на документ"],
                [1, 2, 3, 4, 5],
                ["Организационное сопровождение"],
                [1, "Совещание руководителей", "январь", "Проведено 25.01.2023", "https://nikolsk-uo.ru/1"],
                [2, "Анкетирование педагогов", "февраль", "Анкетирование проведено, 120 педагогов", ""],
                ["Методическое сопровождение"],
                [3, "Семинар", "март", "-", ""],
                [4, "Открытые уроки", "март", "Проведено 6 открытых уроков", "https://nikolsk-uo.ru/4"],
            ]
        },
        merges={"Лист1": ["A1:E1", "A5:E5", "A8:E8"]},
    )
    return path, Want("Никольский район", 4, 3, 2, 1, 2)


def excel_form_on_the_second_sheet_info_far_right_hyperlinks_behind_text(folder: Path):
    blank = [None] * 3
    path = _xlsx(
        folder / "Карпинск 2023.xlsx",
        {
            "Инструкция": [["Заполните форму на листе «Отчёт»."], ["Срок представления: до 05.06.2023"]],
            "Отчёт": [
                ["Отчёт о реализации дорожной карты ГО Карпинск за период с 01.02.2023 по 31.05.2023"],
                [],
                [],
                ["№ п/п", "Мероприятие", "Срок", "Ответственный", *blank, "Информация о выполнении", "Ссылка"],
                [
                    "1",
                    "Создание рабочей команды",
                    "февраль",
                    "Управление образования",
                    *blank,
                    "Приказ № 34 от 03.02.2023",
                    "Приказ",
                ],
                ["2", "Семинар по формирующему оцениванию", "март", "ИМЦ", *blank, "Проведён, 31 участник", "Новость"],
                ["3", "Педсоветы в школах", "апрель", "ОО", *blank, "", ""],
                [
                    "4",
                    "Муниципальная конференция",
                    "май",
                    "ИМЦ",
                    *blank,
                    "Проведена 25.05.2023",
                    "https://karpinsk-edu.ru/conf",
                ],
            ],
        },
        merges={"Отчёт": ["A1:I1"]},
        hyperlinks={"Отчёт": {"I5": "https://karpinsk-edu.ru/prikaz34.pdf", "I6": "https://karpinsk-edu.ru/news/7"}},
    )
    return path, Want("Карпинск", 4, 3, 3, 1)


def excel_signature_and_executor_lines_under_the_table(folder: Path):
    path = _xlsx(
        folder / "bessonovka.xlsx",
        {
            "TDSheet": [
                ["Мониторинг исполнения мероприятий дорожной карты Бессоновского района за 1 полугодие 2023 года"],
                ["№ п/п", "Мероприятие", "Информация о проведении мероприятия", "Ссылка на документ"],
                ["1", "Совещание", "Проведено 17.01.2023", "https://bess-uo.ru/1"],
                ["2", "Круглый стол", "Проведён 20.04.2023", ""],
                ["3", "Конкурс", "не проводилось", ""],
                [],
                ["", "Начальник отдела образования ____________ Е.П. Морозова"],
                ["", "Исп. Ильина О.В., тел. 8(8412) 25-16-30"],
            ]
        },
    )
    return path, Want("Бессоновский район", 3, 2, 1, 1)


def excel_numbered_section_rows_and_sub_numbers(folder: Path):
    path = _xlsx(
        folder / "Лунино.xlsx",
        {
            "Форма": [
                ["Информация о реализации дорожной карты Лунинского района за 2 квартал 2023 года"],
                [
                    "№",
                    "Наименование\nмероприятия",
                    "Информация о выполнении (дата, документ, количество участников)",
                    "Ссылка на подтверждающие материалы",
                    "Примечание",
                ],
                ["1.", "Организационное сопровождение", "", "", ""],
                ["1.1.", "Совещание", "Проведено 04.04.2023", "https://lunino-uo.ru/1", ""],
                ["1.2.", "Приказ о рабочей группе", "Приказ № 81 от 10.04.2023", "", ""],
                ["2.", "Работа с педагогами", "", "", ""],
                ["2.1.", "Курсы", "", "", "перенесено"],
                ["2.2.", "Наставничество", "Закреплены 6 пар наставников", "https://lunino-uo.ru/2", ""],
            ]
        },
    )
    return path, Want("Лунинский район", 4, 3, 2, 1, 2)


def _roadmap(title: str, organisation: str = ""):
    from roadmap_tools.model import Activity, Roadmap, Section

    first, second = "Организационное сопровождение", "Методическое сопровождение"
    return Roadmap(
        title=title,
        organisation=organisation,
        years=[2023],
        sections=[
            Section(
                first,
                [
                    Activity(
                        section=first,
                        number="1",
                        activity="Создание рабочей группы",
                        deadline="февраль 2023",
                        status="Выполнено",
                        done_date=date(2023, 2, 10),
                        info="Приказ № 12 от 10.02.2023",
                        link="https://penza-uo.ru/12.pdf",
                    ),
                    Activity(section=first, number="2", activity="Совещание руководителей", deadline="март 2023"),
                ],
            ),
            Section(
                second,
                [
                    # information written, but no status «Выполнено»: the workbook's own control says «Просрочено»
                    Activity(
                        section=second,
                        number="3",
                        activity="Семинар",
                        deadline="март 2023",
                        info="Проведён 22.03.2023, 30 чел.",
                    ),
                    Activity(section=second, number="4", activity="Конференция", deadline="ноябрь 2023"),
                ],
            ),
        ],
    )


def roundtrip_of_our_own_form_written_by_the_form_command(folder: Path):
    from roadmap_tools.workbook.book import write_roadmap_workbook
    from tests.conftest import run_cli

    books = folder.parent / (folder.name + "_books")  # the roadmap itself is not among the reports
    books.mkdir(exist_ok=True)
    book = write_roadmap_workbook(_roadmap("Дорожная карта города Пензы на 2023 год"), books / "penza.xlsx")
    form = folder / "Форма_Пенза_1кв.xlsx"
    result = run_cli("form", str(book), "--from", "01.01.2023", "--to", "31.03.2023", "-o", str(form))
    assert result.code == 0, result.err
    return form, Want("Пенза", 3, 2, 1, 1, 2)


def roadmap_workbook_named_by_its_organisation_with_control_statuses(folder: Path):
    from roadmap_tools.workbook.book import write_roadmap_workbook

    path = write_roadmap_workbook(
        _roadmap("Дорожная карта «500+»", "Управление образования города Каменки"), folder / "карта.xlsx"
    )
    # as of AS_OF every deadline has passed: all but 1 (done, «Выполнено») are «Просрочено»
    return path, Want("Каменка", 4, 2, 1, 3, 2)


def excel_second_file_of_the_same_city_in_the_genitive(folder: Path):
    path = _xlsx(
        folder / "мониторинг.xlsx",
        {
            "Лист1": [
                ["Мониторинг исполнения мероприятий города Каменки за период с 01.09.2023 по 31.12.2023"],
                ["№", "Мероприятие", "Информация о проведении", "Ссылка на документ"],
                ["1", "Августовское совещание", "Проведено", "ссылка https://kamenka-uo.ru/a"],
                ["2", "Методический день", "", ""],
            ]
        },
    )
    return path, Want("Каменка", 2, 1, 1, 1)


def word_fixture_002_renamed_as_a_municipality_sends_it(folder: Path):
    path = folder / "Отчет_Кузнецк_2023.docx"
    shutil.copy(FIXTURES / f"{REPORT_FIXTURE}.docx", path)
    return path, Want("Кузнецк", 13, 13, 12, 0, 4)  # item 13 has no link (see its gold file)


def word_links_without_http_and_a_signature_table_as_wide_as_the_report(folder: Path):
    path = _docx(
        folder / "serdobsk_gorod.docx",
        [
            "Отдел образования администрации города Сердобска",
            "Мониторинг исполнения мероприятий за период с 01.01.2023 по 31.03.2023",
        ],
        [
            [
                ["№ п/п", "Мероприятие", "Информация о проведении", "Ссылка на документ"],
                ["1", "Совещание", "Проведено 20.01.2023", "serdobsk-uo.ru/docs/prot1.pdf"],
                ["2", "Семинар", "Проведён 15.02.2023", "сайт отдела www.serdobsk-uo.ru"],  # a bare site: no evidence
                ["3", "Родительский всеобуч", "Проведён 10.03.2023", "группа ВКонтакте vk.com/wall-1234_56"],
            ],
            [
                ["Начальник отдела образования", "", "", "Т.В. Кузьмина"],
                ["Исполнитель", "", "", "О.П. Лаврова, 2-11-34"],
            ],
        ],
    )
    return path, Want("Сердобск", 3, 3, 2, 0)


def _add_hyperlinks(path: Path, links: dict) -> None:
    """Put each cell text of ``links`` (text -> address) behind a Word hyperlink, as people insert them."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    for cell in (c for table in document.tables for row in table.rows for c in row.cells):
        for paragraph in cell.paragraphs:
            if paragraph.text in links:
                rid = document.part.relate_to(links[paragraph.text], RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
                hyperlink = OxmlElement("w:hyperlink")
                hyperlink.set(qn("r:id"), rid)
                for run in list(paragraph._p.r_lst):
                    hyperlink.append(run)
                paragraph._p.append(hyperlink)
    document.save(str(path))


def word_hyperlinks_behind_text_in_the_link_column(folder: Path):
    path = _docx(
        folder / "Отчет_Каменка_1кв.docx",
        [
            "Мониторинг исполнения мероприятий дорожной карты г. Каменка за I квартал 2024 года",
        ],
        [
            [
                ["№ п/п", "Мероприятие", "Информация о проведении мероприятия", "Ссылка на документ"],
                ["1", "Заседание рабочей группы", "Проведено 18.01.2024", "Протокол № 1"],
                ["2", "Конкурс «Учитель года»", "Проведён 20.02.2024, 12 участников", "Новость на сайте"],
                ["3", "Педагогические чтения", "Проведены 28.03.2024", "Приказ № 40"],  # plain text, no link behind it
            ]
        ],
    )
    _add_hyperlinks(
        path,
        {"Протокол № 1": "https://kamenka-uo.ru/protokol1.pdf", "Новость на сайте": "https://kamenka-uo.ru/news/44"},
    )
    return path, Want("Каменка", 3, 3, 2, 0)


REPORTS: list = [
    word_hyperlinks_behind_text_in_the_link_column,
    word_links_without_http_and_a_signature_table_as_wide_as_the_report,
    word_letter_from_a_city_district_with_postponed_and_several_urls,
    word_letter_of_a_district_with_numbered_section_rows_and_period_in_the_letter,
    word_mku_sender_in_the_genitive_after_g_with_rows_split_across_pages,
    word_without_letter_table_continued_after_a_page_break_with_its_header_repeated,
    word_title_names_the_city_in_parentheses,
    word_title_in_the_genitive_with_links_written_in_the_information,
    excel_file_named_for_the_city_with_a_title_that_names_nobody,
    excel_title_merged_header_in_row_3_numbering_row_and_a_district_in_the_prepositional,
    excel_form_on_the_second_sheet_info_far_right_hyperlinks_behind_text,
    excel_signature_and_executor_lines_under_the_table,
    excel_numbered_section_rows_and_sub_numbers,
    roundtrip_of_our_own_form_written_by_the_form_command,
    roadmap_workbook_named_by_its_organisation_with_control_statuses,
    excel_second_file_of_the_same_city_in_the_genitive,
    word_fixture_002_renamed_as_a_municipality_sends_it,
]


# --- files that cannot be read ----------------------------------------------------------
def _letter_without_table(path: Path) -> None:
    _docx(path, ["Управление образования города Сердобска", "Направляем отчёт во вложении."], [])


def _roadmap_not_a_report(path: Path) -> None:
    _xlsx(path, {"Лист1": [["№", "Мероприятие", "Срок", "Ответственный"], ["1", "Совещание", "март", "УО"]]})


def _truncated_docx(path: Path) -> None:
    source = FIXTURES / f"{REPORT_FIXTURE}.docx"
    path.write_bytes(source.read_bytes()[:3000])


def _password_protected(path: Path) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = path.with_name("plain_" + path.name)
    _xlsx(plain, {"Лист1": [["№", "Мероприятие", "Информация о проведении"], ["1", "Совещание", "Проведено"]]})
    with open(plain, "rb") as fh, open(path, "wb") as out:
        ooxml.OOXMLFile(fh).encrypt("1234", out)
    plain.unlink()


BAD: dict = {
    "Письмо без таблицы.docx": (_letter_without_table, "не найдена таблица"),
    "Дорожная карта вместо отчёта.xlsx": (_roadmap_not_a_report, "не найдена таблица"),
    "Отчёт_обрезан.docx": (_truncated_docx, "повреждён"),
    "Отчёт_с_паролем.xlsx": (_password_protected, "паролем"),
    "пустой.xlsx": (lambda p: p.write_bytes(b""), "пуст"),
}


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    folder = tmp_path_factory.mktemp("unseen")
    built = [(builder.__name__,) + builder(folder) for builder in REPORTS]
    bad = folder / "bad"
    bad.mkdir()
    for name, (make, _) in BAD.items():
        make(bad / name)
    return folder, built


@pytest.mark.parametrize("builder", [b.__name__ for b in REPORTS])
def test_each_unseen_report_is_named_and_counted_as_a_methodologist_counts_it(unseen, builder):
    _, built = unseen
    _, path, want = next(item for item in built if item[0] == builder)
    report = read_report(path, AS_OF)
    assert isinstance(report, Report), report
    got = Want(
        report.name,
        report.activities,
        report.reported,
        report.with_link,
        len(report.overdue_rows(AS_OF)),
        len(report.sections) if want.sections is not None else None,
    )
    assert got == want, [(r.section, r.number, r.activity, r.info, r.link) for r in report.rows]


def _expected_totals(built) -> dict:
    totals: dict = {}
    for _, _path, want in built:
        entry = totals.setdefault(
            want.name, {"name": want.name, "files": 0, "activities": 0, "reported": 0, "with_link": 0, "overdue": 0}
        )
        entry["files"] += 1
        for key in ("activities", "reported", "with_link", "overdue"):
            entry[key] += getattr(want, key)
    for entry in totals.values():
        entry["share_done"] = round(entry["reported"] / entry["activities"], 4)
    return totals


def test_unseen_reports_are_summed_by_municipality_and_bad_files_listed(unseen):
    folder, built = unseen
    summary = consolidate([folder], as_of=AS_OF, workers=1)
    got = {m["name"]: dict(m, files=len(m["files"])) for m in summary.to_json()["municipalities"]}
    assert got == _expected_totals(built)
    reasons = {Path(u.file).name: u.reason for u in summary.unreadable}
    assert set(reasons) == set(BAD)
    for name, (_, words) in BAD.items():
        assert words in reasons[name], (name, reasons[name])


def test_unseen_reports_through_the_command_line_json(unseen):
    from tests.conftest import run_cli

    folder, built = unseen
    result = run_cli("consolidate", str(folder), "--json", "--as-of", AS_OF.strftime("%d.%m.%Y"))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    got = {m["name"]: dict(m, files=len(m["files"])) for m in data["municipalities"]}
    assert got == _expected_totals(built)
    assert sorted(Path(u["file"]).name for u in data["unreadable"]) == sorted(BAD)


# --- names as senders and titles write them ----------------------------------------------
@pytest.mark.parametrize(
    "text, name",
    [
        ("МКУ «Управление образования» г. Заречного", "Заречный"),
        ("Управление образования г. Нижнего Ломова", "Нижний Ломов"),
        ("Комитет по образованию города Нижний Тагил", "Нижний Тагил"),
        ("Отдел образования администрации Сердобского района", "Сердобский район"),
        ("Мониторинг исполнения мероприятий в Никольском районе за I квартал 2023 года", "Никольский район"),
        ("Управление образования администрации Кушвинского городского округа", "Кушвинский городской округ"),
        ("Отдел образования Бессоновского муниципального района", "Бессоновский район"),
        ("Управление образования администрации городского округа Карпинск", "Карпинск"),
    ],
)
def test_sender_blocks_and_titles_name_the_municipality_in_the_nominative(text, name):
    from roadmap_tools.consolidation.report_reader import municipality_in

    assert municipality_in(text) == name


@pytest.mark.parametrize(
    "title, period",
    [
        (
            "Информация о реализации дорожной карты за II квартал 2023 года (г. Кузнецк)",
            (date(2023, 4, 1), date(2023, 6, 30)),
        ),
        ("Отчёт ГО Карпинск за период с 01.02.2023 по 31.05.2023", (date(2023, 2, 1), date(2023, 5, 31))),
        ("Мониторинг в Никольском районе за I квартал 2023 года", (date(2023, 1, 1), date(2023, 3, 31))),
        ("Мониторинг за период (с 01.09.2023 по 31.12.2023)", (date(2023, 9, 1), date(2023, 12, 31))),
    ],
)
def test_the_period_of_titles_as_municipalities_write_them(title, period):
    from roadmap_tools.consolidation.report_reader import period_in

    assert period_in(title) == period
