"""`roadmap-tools check` on roadmaps nobody showed us, end to end as a user meets it.

Each builder writes one Word roadmap the way municipal roadmaps vary (column order and
wording, numbering schemes, no executor column, several years, an academic year) with a
few planted defects, or none. The test imports it with ``roadmap-tools import``, types
reporting values into the workbook as a user would, runs ``roadmap-tools check --json``
and compares the exact set of (code, cell, number) findings. Cells are found from the
header row of «Дорожная карта» and the row of the activity, never written by hand.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from word_tables import DOWN, Span, new_document, paragraphs, roadmap_table, save

from roadmap_tools.workbook.schema import ROADMAP_COLUMNS, SHEET_ROADMAP

TITLE = {c.field: c.title for c in ROADMAP_COLUMNS}
#: The column a finding of each code points at (as the issue describes the checks).
CODE_FIELD = {
    "missing_activity": "activity",
    "missing_deadline": "deadline",
    "missing_executor": "executor",
    "missing_result": "result",
    "bad_deadline": "deadline",
    "deadline_outside_years": "deadline",
    "deadline_far_outside_years": "deadline",
    "start_after_end": "deadline",
    "duplicate_number": "number",
    "numbering_gap": "number",
    "numbering_order": "number",
    "unnumbered": "number",
    "mixed_numbering": "number",
    "bad_number": "number",
    "number_section_mismatch": "number",
    "duplicate_activity": "activity",
    "near_duplicate_activity": "activity",
    "bad_status": "status",
    "status_synonym": "status",
    "done_without_evidence": "info",
    "done_without_info": "info",
    "done_without_link": "link",
    "done_date_future": "done_date",
    "done_date_before_start": "done_date",
    "bad_done_date": "done_date",
    "done_date_without_done": "status",
    "bad_link": "link",
    "info_without_date": "info",
    "no_executors": "executor",
    "no_results": "result",
}
TODAY = date.today()
A_MONTH_AHEAD = TODAY + timedelta(days=30)


# --- the workbook as a user sees it -------------------------------------------------------
class Book:
    """The sheet «Дорожная карта» of an imported workbook: columns by header, rows by activity."""

    def __init__(self, path: Path):
        from openpyxl import load_workbook

        self.path = path
        self.wb = load_workbook(path)
        self.ws = self.wb[SHEET_ROADMAP]
        self.columns = {c.value: c.column_letter for c in self.ws[1] if c.value}

    def column(self, field: str) -> str:
        return self.columns[TITLE[field]]

    def row(self, locator: str) -> int:
        """The row of the activity numbered ``locator``, or else whose text contains it."""
        number, activity = self.column("number"), self.column("activity")
        rows = range(2, self.ws.max_row + 1)
        by_number = [r for r in rows if str(self.ws[f"{number}{r}"].value or "").strip() == locator]
        if len(by_number) == 1:
            return by_number[0]
        by_text = [r for r in rows if locator in str(self.ws[f"{activity}{r}"].value or "")]
        assert len(by_text) == 1, f"{locator!r} names rows {by_number or by_text}"
        return by_text[0]

    def cell(self, locator: str, field: str) -> str:
        return f"{self.column(field)}{self.row(locator)}"

    def number(self, locator: str) -> str:
        return str(self.ws[self.cell(locator, "number")].value or "").strip()

    def type(self, reports: dict) -> None:
        """``{locator: {field: value}}`` typed into the reporting cells, then saved."""
        for locator, values in reports.items():
            for field, value in values.items():
                self.ws[self.cell(locator, field)] = value
        self.wb.save(self.path)


def imported(cli, build, tmp_path) -> Book:
    document = build(tmp_path / f"{build.__name__}.docx")
    book = tmp_path / f"{build.__name__}.xlsx"
    result = cli("import", document, "-o", book)
    assert result.code == 0, result.err
    return Book(book)


def checked(cli, book: Book) -> list:
    result = cli("check", book.path, "--json")
    data = result.json()
    assert result.code == (1 if data["errors"] else 0)
    for f in data["findings"]:
        assert f["sheet"] == SHEET_ROADMAP and f["severity"] in ("error", "warning")
        assert any("а" <= ch <= "я" for ch in f["message"].lower()), f
    return data["findings"]


def expected_findings(book: Book, planted: list) -> set:
    return {(code, book.cell(locator, CODE_FIELD[code]), book.number(locator)) for code, locator in planted}


def paragraphs_of_an_order(d, organisation, title):
    paragraphs(
        d,
        organisation,
        "ПРИКАЗ",
        "от 16.01.2023 № 12",
        "",
        "Об утверждении дорожной карты",
        "Приложение к приказу",
        title,
    )


# --- 1 ------------------------------------------------------------------------------------
def razdel_sections_dotted_items_missing_executor_result_and_a_gap(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Управление образования администрации Невьянского городского округа",
        "План мероприятий («дорожная карта») по повышению качества образования на 2023-2025 годы",
    )
    roadmap_table(
        d,
        [
            [
                "№ п/п",
                "Наименование мероприятия",
                "Срок исполнения",
                "Ответственный исполнитель",
                "Ожидаемый результат",
            ],
            [Span("Раздел 1. Организационные мероприятия", 5)],
            [
                "1.1.",
                "Назначение муниципального координатора проекта",
                "январь 2023",
                "Управление образования",
                "Приказ",
            ],
            ["1.2.", "Совещание с руководителями школ по итогам ВПР", "март 2023", "", "Протокол совещания"],
            [
                "1.4.",
                "Разработка муниципальной программы поддержки школ с низкими результатами",
                "II квартал 2023",
                "Управление образования",
                "Программа",
            ],
            [Span("Раздел 2. Методическое сопровождение", 5)],
            ["2.1.", "Работа методических объединений учителей-предметников", "в течение 2023-2025 гг.", "ИМЦ", ""],
            [
                "2.2.",
                "Курсы повышения квалификации учителей математики",
                "ежегодно, до 1 сентября",
                "Руководители ОО",
                "Удостоверения",
            ],
            [
                "2.3",
                "Стажировки молодых учителей в школах с высокими результатами",
                "IV квартал 2024",
                "ИМЦ",
                "Отчёт о стажировке",
            ],
        ],
    )
    return save(d, path)


PLANTED_1 = [
    ("missing_executor", "1.2."),
    ("numbering_gap", "1.4."),
    ("missing_result", "2.1."),
    ("mixed_numbering", "2.3"),
]


# --- 2 ------------------------------------------------------------------------------------
def numbered_through_unnumbered_sections_every_kind_of_deadline_clean(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Отдел образования администрации Режевского городского округа",
        "Дорожная карта по реализации проекта «500+» на 2023-2025 годы",
    )
    roadmap_table(
        d,
        [
            ["№", "Мероприятие", "Сроки", "Ответственные", "Результат"],
            [Span("Работа с педагогами", 5)],
            [
                "1",
                "Семинар для учителей математики по подготовке к ОГЭ",
                "март, июнь, сентябрь 2023",
                "ИМЦ",
                "Материалы семинара",
            ],
            [
                "2",
                "Семинар для учителей русского языка по подготовке к ОГЭ",
                "март, июнь, сентябрь 2023",
                "ИМЦ",
                "Материалы семинара",
            ],
            ["3", "Наставничество молодых учителей", "постоянно", "Руководители ОО", "Приказы о наставничестве"],
            [Span("Работа с обучающимися", 5)],
            [
                "4",
                "Консультации для выпускников по запросу школ",
                "по мере необходимости",
                "ИМЦ",
                "Журнал консультаций",
            ],
            ["5", "Муниципальная олимпиада по математике", "ежегодно в мае", "Отдел образования", "Приказ об итогах"],
            ["6", "Анализ результатов ВПР", "до 15.03.2023", "ИМЦ", "Аналитическая справка"],
            ["7", "Летняя профильная смена", "2024-2025 гг.", "Отдел образования", "Программа смены"],
            ["8", "Мониторинг посещаемости занятий", "в течение 2023 года", "ОО", "Справка"],
        ],
    )
    return save(d, path)


# --- 3 ------------------------------------------------------------------------------------
def items_restart_in_each_numbered_section_executor_second_clean(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Управление образования Артинского муниципального округа",
        "План мероприятий по повышению качества образования в 2024 году",
    )
    roadmap_table(
        d,
        [
            ["N п/п", "Исполнители", "Мероприятия", "Сроки проведения", "Планируемый результат"],
            [Span("1. Кадровое обеспечение", 5)],
            [
                "1",
                "ИМЦ",
                "Курсы повышения квалификации учителей начальных классов",
                "I полугодие 2024",
                "Удостоверения",
            ],
            [
                "2",
                "ИМЦ",
                "Курсы повышения квалификации учителей начальных классов",
                "II полугодие 2024",
                "Удостоверения",
            ],
            ["3", "Руководители ОО", "Аттестация педагогических работников", "в течение года", "Приказы"],
            [Span("2. Работа с родителями", 5)],
            [
                "1",
                "Руководители ОО",
                "Родительские собрания по вопросам подготовки к ГИА",
                "февраль 2024",
                "Протоколы собраний",
            ],
            ["2", "Управление образования", "Муниципальное родительское собрание", "апрель 2024", "Протокол"],
        ],
    )
    return save(d, path)


# --- 4 ------------------------------------------------------------------------------------
def three_level_numbering_gap_and_duplicate_at_the_third_level(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Управление образования городского округа Сухой Лог",
        "Дорожная карта по реализации Концепции развития математического образования на 2024 год",
    )
    roadmap_table(
        d,
        [
            ["№", "Наименование мероприятия", "Срок исполнения", "Исполнитель", "Ожидаемый результат"],
            ["1.", "Организационные мероприятия", "", "", ""],
            ["1.1.", "Мониторинг", "", "", ""],
            ["1.1.1.", "Мониторинг результатов ОГЭ по математике", "июль 2024", "ИМЦ", "Справка"],
            ["1.1.2.", "Мониторинг результатов ЕГЭ по математике", "июль 2024", "ИМЦ", "Справка"],
            ["1.1.4.", "Мониторинг результатов ВПР по математике", "май 2024", "ИМЦ", "Справка"],
            ["1.2.", "Совещания", "", "", ""],
            ["1.2.1.", "Совещание руководителей ШМО", "август 2024", "ИМЦ", "Протокол"],
            ["1.2.1.", "Совещание заместителей директоров по УВР", "сентябрь 2024", "ИМЦ", "Протокол"],
            ["2.", "Работа с одарёнными детьми", "", "", ""],
            [
                "2.1.",
                "Муниципальная олимпиада по математике",
                "ноябрь 2024",
                "Управление образования",
                "Приказ об итогах",
            ],
            ["2.2.", "Математический турнир для 5-6 классов", "декабрь 2024", "ИМЦ", "Приказ об итогах"],
        ],
    )
    return save(d, path)


PLANTED_4 = [("numbering_gap", "Мониторинг результатов ВПР"), ("duplicate_number", "Совещание заместителей директоров")]


# --- 5 ------------------------------------------------------------------------------------
def no_executor_column_missing_deadline_and_result(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Комитет по образованию администрации города Урай",
        "Комплекс мер по развитию функциональной грамотности на 2023 год",
    )
    roadmap_table(
        d,
        [
            ["№ п/п", "Содержание мероприятия", "Срок", "Ожидаемые результаты"],
            ["1.", "Формирование команды тьюторов по функциональной грамотности", "февраль 2023", "Список тьюторов"],
            ["2.", "Банк заданий по читательской грамотности", "", "Банк заданий"],
            ["3.", "Диагностика естественнонаучной грамотности обучающихся 8 классов", "октябрь 2023", ""],
            ["4.", "Семинар для заместителей директоров", "ноябрь 2023", "Материалы семинара"],
        ],
    )
    return save(d, path)


PLANTED_5 = [("missing_deadline", "2."), ("missing_result", "3.")]


# --- 6 ------------------------------------------------------------------------------------
def academic_year_roadmap_clean(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Управление образования администрации Асбестовского городского округа",
        "Дорожная карта по подготовке к государственной итоговой аттестации на 2023/2024 учебный год",
    )
    roadmap_table(
        d,
        [
            ["№ п/п", "Мероприятие", "Сроки", "Ответственные", "Результат"],
            ["1", "Анализ результатов ГИА прошлого года", "август 2023", "ИМЦ", "Аналитическая справка"],
            [
                "2",
                "Пробные экзамены по математике и русскому языку",
                "декабрь 2023, март 2024",
                "ОО",
                "Результаты пробных экзаменов",
            ],
            ["3", "Консультации для выпускников", "в течение учебного года", "ОО", "Графики консультаций"],
            ["4", "Информирование родителей о порядке ГИА", "сентябрь 2023 – май 2024", "ОО", "Протоколы собраний"],
            ["5", "Итоговое совещание с руководителями", "июнь 2024", "Управление образования", "Протокол"],
        ],
    )
    return save(d, path)


# --- 7 ------------------------------------------------------------------------------------
def duplicated_activity_and_genuinely_different_neighbours(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Отдел образования администрации Тавдинского городского округа",
        "Дорожная карта по реализации проекта адресной методической помощи «500+» на 2023-2024 годы",
    )
    roadmap_table(
        d,
        [
            ["№ п/п", "Мероприятие", "Срок реализации", "Ответственный", "Результат"],
            [
                "1",
                "Назначение муниципального координатора проекта «500+»",
                "январь 2023",
                "Отдел образования",
                "Приказ",
            ],
            ["2", "Назначение школьного координатора проекта «500+»", "январь 2023", "Руководители ОО", "Приказы ОО"],
            ["3", "Анализ рисковых профилей школ", "февраль 2023", "ИМЦ", "Аналитическая справка"],
            [
                "4",
                "Разработка концептуальных документов школ",
                "март 2023",
                "Руководители ОО",
                "Концептуальные документы",
            ],
            ["5", "Анализ рисковых профилей школ.", "февраль 2023", "ИМЦ", "Аналитическая справка"],
            ["6", "Методический семинар для учителей математики", "апрель 2023", "ИМЦ", "Материалы"],
            ["7", "Методический семинар для учителей физики", "апрель 2023", "ИМЦ", "Материалы"],
            ["8", "Мониторинг реализации программ антирисковых мер, этап 1", "июнь 2023", "ИМЦ", "Справка"],
            ["9", "Мониторинг реализации программ антирисковых мер, этап 2", "июнь 2023", "ИМЦ", "Справка"],
        ],
    )
    return save(d, path)


PLANTED_7 = [("duplicate_activity", "5")]


# --- 8 ------------------------------------------------------------------------------------
def deadlines_unreadable_outside_the_years_and_reversed(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Управление образования Берёзовского городского округа",
        "План мероприятий («дорожная карта») по повышению качества образования на 2023-2025 годы",
    )
    roadmap_table(
        d,
        [
            ["№", "Сроки исполнения", "Мероприятие", "Ответственный исполнитель", "Результат"],
            ["1", "31.02.2023", "Совещание руководителей ОО", "Управление образования", "Протокол"],
            ["2", "когда-нибудь", "Обновление сайта методической службы", "ИМЦ", "Сайт"],
            [
                "3",
                "декабрь 2026",
                "Итоговая конференция по результатам проекта",
                "Управление образования",
                "Сборник материалов",
            ],
            ["4", "август 2035", "Публичный отчёт о реализации дорожной карты", "Управление образования", "Отчёт"],
            ["5", "15.05.2024 - 01.03.2024", "Обучение экспертов предметных комиссий", "ИМЦ", "Сертификаты"],
            ["6", "IV квартал 2025", "Анализ реализации дорожной карты", "ИМЦ", "Аналитическая справка"],
        ],
    )
    return save(d, path)


PLANTED_8 = [
    ("bad_deadline", "1"),
    ("bad_deadline", "2"),
    ("deadline_outside_years", "3"),
    ("deadline_far_outside_years", "4"),
    ("start_after_end", "5"),
]


# --- 9 ------------------------------------------------------------------------------------
def unnumbered_row_spaced_number_and_duplicate_number(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "МКУ «Управление образования Полевского городского округа»",
        "Дорожная карта по повышению качества образования на 2023-2024 годы",
    )
    roadmap_table(
        d,
        [
            ["№ п/п", "Мероприятие (содержание деятельности)", "Сроки", "Исполнители", "Ожидаемый результат"],
            [Span("3. Повышение квалификации", 5)],
            ["3.1", "Курсы для учителей русского языка", "март 2023", "ИМЦ", "Удостоверения"],
            ["3.2", "Курсы для учителей истории", "апрель 2023", "ИМЦ", "Удостоверения"],
            ["3.2", "Курсы для учителей химии", "май 2023", "ИМЦ", "Удостоверения"],
            [Span("4. Оценка качества", 5)],
            ["4.1", "Региональные проверочные работы в 6 классах", "октябрь 2023", "ОО", "Результаты РПР"],
            ["", "Анализ результатов региональных проверочных работ", "ноябрь 2023", "ИМЦ", "Справка"],
            ["4. 3", "Совещание по итогам оценочных процедур", "декабрь 2023", "Управление образования", "Протокол"],
        ],
    )
    return save(d, path)


PLANTED_9 = [
    ("duplicate_number", "Курсы для учителей химии"),
    ("unnumbered", "Анализ результатов"),
    ("mixed_numbering", "4. 3"),
]


# --- 10 -----------------------------------------------------------------------------------
def reports_typed_by_a_user(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Управление образования администрации Камышловского городского округа",
        "План мероприятий («дорожная карта») по повышению качества образования на 2023-2025 годы",
    )
    rows = [
        ["№ п/п", "Мероприятие", "Сроки", "Ответственные исполнители", "Ожидаемый результат"],
        [Span("1. Организационно-управленческие мероприятия", 5)],
    ]
    subjects = [
        "Совещание с руководителями ОО",
        "Семинар для заместителей директоров",
        "Заседание муниципального методического совета",
        "Конференция учителей математики",
        "Круглый стол по наставничеству",
        "Открытые уроки в школах-партнёрах",
        "Муниципальный конкурс «Учитель года»",
        "Фестиваль школьных театров",
        "Родительское собрание по вопросам ГИА",
        "Педагогические чтения",
    ]
    months = [
        "февраль 2023",
        "март 2023",
        "апрель 2023",
        "май 2023",
        "сентябрь 2023",
        "октябрь 2023",
        "ноябрь 2023",
        "декабрь 2023",
        "январь 2024",
        "февраль 2024",
    ]
    for i, (subject, month) in enumerate(zip(subjects, months), start=1):
        rows.append([f"1.{i}", subject, month, "Управление образования", "Протокол"])
    roadmap_table(d, rows)
    return save(d, path)


REPORTS_10 = {
    "1.1": {"status": "Выполнено"},  # no info, no link
    "1.2": {
        "status": "выполнено",
        "done_date": datetime(2023, 3, 20),
        "info": "Семинар проведён 20.03.2023, 34 участника",
        "link": "https://uo-kam.ru/news/12",
    },
    "1.3": {
        "status": "Выполненно",
        "info": "Заседание проведено 12 апреля 2023 года",
        "link": "https://uo-kam.ru/news/15",
    },
    "1.4": {
        "status": "Выполнено",
        "done_date": datetime.combine(A_MONTH_AHEAD, datetime.min.time()),
        "info": "Конференция 25.05.2023",
        "link": "https://uo-kam.ru/news/18",
    },
    "1.5": {
        "status": "Выполнено",
        "done_date": datetime(2022, 9, 1),
        "info": "Проведён 26.09.2023",
        "link": "https://uo-kam.ru/news/20",
    },
    "1.6": {"status": "Выполнено", "info": "Уроки даны 17.10.2023", "link": "www.uo-kam.ru"},
    "1.7": {
        "status": "Выполнено",
        "info": "Конкурс проведён 15 ноября 2023 года",
        "link": "см. https://uo-kam.ru/news/31",
    },
    "1.8": {
        "status": "Выполнено",
        "info": "Фестиваль проведён, участвовали 12 школ",
        "link": "https://uo-kam.ru/news/35",
    },
    "1.9": {"status": "Выполнено", "info": "Собрание проведено в январе 2024 г.", "link": "https://uo-kam.ru/news/41"},
    "1.10": {"status": "В работе"},
}
PLANTED_10 = [
    ("done_without_evidence", "1.1"),
    ("status_synonym", "1.2"),
    ("bad_status", "1.3"),
    ("done_date_future", "1.4"),
    ("done_date_before_start", "1.5"),
    ("bad_link", "1.6"),
    ("info_without_date", "1.8"),
]


# --- 11 -----------------------------------------------------------------------------------
def several_years_wordy_headers_and_a_note_column_clean(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Департамент образования администрации города Нижний Тагил",
        "Комплекс мер («дорожная карта») по реализации программы «Равенство "
        "образовательных возможностей» на 2023 – 2025 гг.",
    )
    roadmap_table(
        d,
        [
            [
                "№ п/п",
                "Наименование мероприятия",
                "Срок реализации",
                "Ответственные исполнители",
                "Ожидаемые результаты / показатели",
                "Примечание",
            ],
            [Span("1. Нормативное обеспечение", 6)],
            [
                "1.1",
                "Разработка положения о муниципальной системе наставничества",
                "I квартал 2023",
                "Департамент образования",
                "Положение",
                "",
            ],
            [
                "1.2",
                "Утверждение перечня школ-участников программы",
                "до 1 февраля 2023",
                "Департамент образования",
                "Приказ",
                "по согласованию с министерством",
            ],
            [Span("2. Поддержка школ", 6)],
            [
                "2.1",
                "Адресные консультации для администрации школ",
                "ежеквартально",
                "ИМЦ",
                "Не менее 4 консультаций в год",
                "",
            ],
            [
                "2.2",
                "Сетевое взаимодействие школ-партнёров",
                "2023-2025 гг.",
                "Руководители ОО",
                "Договоры о сетевом взаимодействии",
                "",
            ],
            [
                "2.3",
                "Мониторинг образовательных результатов школ-участников",
                "ежегодно, июнь",
                "ИМЦ",
                "Аналитическая справка",
                "",
            ],
            [
                "2.4",
                "Итоговая конференция по результатам программы",
                "ноябрь 2025",
                "Департамент образования",
                "Резолюция конференции",
                "",
            ],
        ],
    )
    return save(d, path)


# --- 12 -----------------------------------------------------------------------------------
def deadline_first_missing_activity_text_and_executor(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Управление образования Красноуфимского округа",
        "Дорожная карта по сопровождению школ с низкими образовательными результатами на 2024 год",
    )
    roadmap_table(
        d,
        [
            ["№", "Срок исполнения", "Содержание мероприятия", "Форма представления результата", "Ответственный"],
            ["1.", "январь 2024", "Анализ результатов оценочных процедур", "Справка", "ИМЦ"],
            ["2.", "февраль 2024", "", "Протокол", "Управление образования"],
            ["3.", "март 2024", "Посещение уроков в школах с низкими результатами", "Справка", ""],
            ["4.", "апрель 2024", "Семинар для учителей начальных классов", "Материалы", "ИМЦ"],
        ],
    )
    return save(d, path)


PLANTED_12 = [("missing_activity", "2."), ("missing_executor", "3.")]


# --- 13 -----------------------------------------------------------------------------------
def subject_sections_repeat_the_same_seminar(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Управление образования Ирбитского муниципального образования",
        "Дорожная карта по подготовке к ГИА на 2024 год",
    )
    roadmap_table(
        d,
        [
            ["№ п/п", "Мероприятие", "Срок", "Исполнитель", "Результат"],
            [Span("1. Математика", 5)],
            ["1.1", "Семинар для учителей по подготовке к ОГЭ", "февраль 2024", "ИМЦ", "Материалы семинара"],
            ["1.2", "Пробный экзамен в 9 классах", "март 2024", "ОО", "Результаты"],
            [Span("2. Русский язык", 5)],
            ["2.1", "Семинар для учителей по подготовке к ОГЭ", "февраль 2024", "ИМЦ", "Материалы семинара"],
            ["2.2", "Пробный экзамен в 9 классах", "апрель 2024", "ОО", "Результаты"],
        ],
    )
    return save(d, path)


PLANTED_13 = [("duplicate_activity", "2.1")]  # a warning: the same seminar under another subject


# --- 14 -----------------------------------------------------------------------------------
def roman_sections_dotted_items_past_ten_with_reports_a_methodologist_accepts(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Управление образования Талицкого городского округа",
        "План мероприятий («дорожная карта») по повышению качества образования на 2023 год",
    )
    rows = [
        ["№ п/п", "Мероприятие", "Сроки", "Ответственные", "Ожидаемый результат"],
        [Span("I. Работа с педагогами", 5)],
    ]
    subjects = [
        "Семинар учителей математики",
        "Семинар учителей физики",
        "Семинар учителей химии",
        "Семинар учителей биологии",
        "Семинар учителей истории",
        "Семинар учителей географии",
        "Семинар учителей литературы",
        "Семинар учителей информатики",
        "Семинар учителей музыки",
        "Семинар учителей технологии",
        "Семинар учителей физкультуры",
    ]
    for i, subject in enumerate(subjects, start=1):
        rows.append([f"1.{i}." if i != 10 else "1.10", subject, "октябрь 2023", "ИМЦ", "Материалы"])
    rows += [
        [Span("II. Работа с обучающимися", 5)],
        ["2.1.", "Школьный этап олимпиады", "сентябрь – октябрь 2023", "ОО", "Протоколы"],
        ["2.2.", "Муниципальный этап олимпиады", "ноябрь – декабрь 2023", "Управление образования", "Приказ об итогах"],
    ]
    roadmap_table(d, rows)
    return save(d, path)


REPORTS_14 = {
    "1.1.": {
        "status": "Выполнено",
        "done_date": datetime(2023, 10, 12),
        "info": "Семинар проведён 12 октября 2023 года, 25 участников",
        "link": "https://uo-talica.ru/news/101",
    },
    "1.2.": {"status": "Выполнено", "info": "Проведён в октябре 2023 г.", "link": "см. https://uo-talica.ru/news/102"},
    "1.3.": {
        "status": "Выполнено",
        "info": "Приказ от 03.10.2023 № 210",
        "link": "https://uo-talica.ru/docs/210.pdf, https://vk.com/wall-1_55",
    },
    "1.4.": {"status": "Выполнено", "info": "Проведено 10.2023", "link": "http://школа-талица.рф/news"},
    "1.5.": {"status": "В работе"},
    "1.6.": {"status": "Не начато"},
    "2.1.": {
        "status": "Выполнено",
        "done_date": "25.10.2023",
        "info": "Олимпиада прошла с 2 по 20 октября 2023 г.",
        "link": "https://uo-talica.ru/olimp",
    },
}
PLANTED_14 = [("mixed_numbering", "1.10")]


# --- 15 -----------------------------------------------------------------------------------
def executor_and_deadline_merged_down_across_rows_clean(path):
    d = new_document()
    paragraphs_of_an_order(
        d,
        "Отдел образования администрации Пышминского городского округа",
        "План мероприятий по повышению качества образования на 2023-2024 годы",
    )
    roadmap_table(
        d,
        [
            ["№ п/п", "Мероприятие", "Срок", "Ответственный", "Ожидаемый результат"],
            [
                "1",
                "Проведение диагностических работ по математике в 5 классах",
                "сентябрь 2023",
                "ИМЦ",
                "Результаты диагностики",
            ],
            [
                "2",
                "Проведение диагностических работ по русскому языку в 5 классах",
                DOWN,
                DOWN,
                "Результаты диагностики",
            ],
            ["3", "Анализ результатов диагностических работ", "октябрь 2023", DOWN, "Аналитическая справка"],
            ["4", "Совещание с руководителями по итогам диагностики", "ноябрь 2023", "Отдел образования", "Протокол"],
        ],
    )
    return save(d, path)


CASES = [
    (razdel_sections_dotted_items_missing_executor_result_and_a_gap, {}, PLANTED_1),
    (numbered_through_unnumbered_sections_every_kind_of_deadline_clean, {}, []),
    (items_restart_in_each_numbered_section_executor_second_clean, {}, []),
    (three_level_numbering_gap_and_duplicate_at_the_third_level, {}, PLANTED_4),
    (no_executor_column_missing_deadline_and_result, {}, PLANTED_5),
    (academic_year_roadmap_clean, {}, []),
    (duplicated_activity_and_genuinely_different_neighbours, {}, PLANTED_7),
    (deadlines_unreadable_outside_the_years_and_reversed, {}, PLANTED_8),
    (unnumbered_row_spaced_number_and_duplicate_number, {}, PLANTED_9),
    (reports_typed_by_a_user, REPORTS_10, PLANTED_10),
    (several_years_wordy_headers_and_a_note_column_clean, {}, []),
    (deadline_first_missing_activity_text_and_executor, {}, PLANTED_12),
    (subject_sections_repeat_the_same_seminar, {}, PLANTED_13),
    (roman_sections_dotted_items_past_ten_with_reports_a_methodologist_accepts, REPORTS_14, PLANTED_14),
    (executor_and_deadline_merged_down_across_rows_clean, {}, []),
]


@pytest.mark.parametrize("build, reports, planted", [pytest.param(*c, id=c[0].__name__) for c in CASES])
def test_check_finds_exactly_the_planted_defects(cli, tmp_path, build, reports, planted):
    book = imported(cli, build, tmp_path)
    book.type(reports)
    got = {(f["code"], f["cell"], f["number"]) for f in checked(cli, book)}
    assert got == expected_findings(book, planted)


# --- deadline control and the monitoring form on an unseen roadmap ------------------------
#: Reports on the roadmap of every kind of deadline (``numbered_through_…_clean``): 1 and 2 are
#: milestones (март, июнь, сентябрь 2023), 3 «постоянно», 4 «по мере необходимости», 5 «ежегодно
#: в мае», 6 «до 15.03.2023», 7 «2024-2025 гг.», 8 «в течение 2023 года».
REPORTS_EVERY_KIND = {
    "1": {
        "status": "Выполнено",
        "done_date": datetime(2023, 3, 20),
        "info": "Семинар 20.03.2023",
        "link": "https://imc-rezh.ru/1",
    },
    "2": {
        "status": "Выполнено",
        "done_date": datetime(2023, 6, 25),
        "info": "Семинары 21.03 и 25.06.2023",
        "link": "https://imc-rezh.ru/2",
    },
    "6": {
        "status": "Выполнено",
        "done_date": datetime(2023, 4, 3),
        "info": "Справка от 03.04.2023",
        "link": "https://imc-rezh.ru/6",
    },
}


@pytest.fixture
def every_kind_book(cli, tmp_path) -> Book:
    book = imported(cli, numbered_through_unnumbered_sections_every_kind_of_deadline_clean, tmp_path)
    book.type(REPORTS_EVERY_KIND)
    return book


def test_reports_on_every_kind_of_deadline_give_no_finding(cli, every_kind_book):
    assert checked(cli, every_kind_book) == []


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (
            "10.07.2023",
            {
                "1": ("Просрочено", "2023-06-30", 10),  # June's milestone passed, only March reported
                "2": ("Выполнено", "2023-06-30", None),  # March and June reported, September ahead
                "3": ("В срок", "2025-12-31", None),  # «постоянно»: through the roadmap's years
                "4": ("Без срока", None, None),  # «по мере необходимости»
                "5": ("Просрочено", "2023-05-31", 40),  # May 2023 of «ежегодно в мае» not reported
                "6": ("Выполнено с опозданием", "2023-03-15", None),
                "7": ("В срок", "2025-12-31", None),
                "8": ("В срок", "2023-12-31", None),
            },
        ),
        (
            "20.09.2023",
            {
                "1": ("Просрочено", "2023-06-30", 82),
                "2": ("Скоро срок", "2023-09-30", None),  # the September milestone has begun
                "3": ("В срок", "2025-12-31", None),
                "4": ("Без срока", None, None),
                "5": ("Просрочено", "2023-05-31", 112),
                "6": ("Выполнено с опозданием", "2023-03-15", None),
                "7": ("В срок", "2025-12-31", None),
                "8": ("В срок", "2023-12-31", None),
            },
        ),
    ],
)
def test_overdue_on_an_unseen_roadmap_counts_each_kind_of_deadline(cli, every_kind_book, as_of, expected):
    result = cli("overdue", every_kind_book.path, "--as-of", as_of, "--json")
    assert result.code == 0, result.err
    got = {a["number"]: (a["status"], a["due"], a["days_overdue"]) for a in result.json()["activities"]}
    assert got == expected
    from openpyxl import load_workbook

    ws = load_workbook(every_kind_book.path)[SHEET_ROADMAP]
    control = every_kind_book.column("control")
    assert {n: ws[f"{control}{every_kind_book.row(n)}"].value for n in expected} == {
        n: status for n, (status, _, _) in expected.items()
    }


@pytest.mark.parametrize(
    "start, end, expected",
    [
        # June's milestones, «постоянно», «по мере необходимости», May of «ежегодно», the year's
        # «в течение», and 6 reported done in April although due in March
        (
            "01.04.2023",
            "30.06.2023",
            {"Работа с педагогами": ["1", "2", "3"], "Работа с обучающимися": ["4", "5", "6", "8"]},
        ),
        ("01.01.2024", "31.03.2024", {"Работа с педагогами": ["3"], "Работа с обучающимися": ["4", "7"]}),
    ],
)
def test_form_on_an_unseen_roadmap_selects_the_rows_of_the_period(cli, every_kind_book, start, end, expected):
    result = cli("form", every_kind_book.path, "--from", start, "--to", end, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert {s["title"]: [r["number"] for r in s["rows"]] for s in data["sections"]} == expected
    rows = {r["number"]: r for s in data["sections"] for r in s["rows"]}
    if "6" in rows:
        assert (rows["6"]["info"], rows["6"]["link"]) == ("Справка от 03.04.2023", "https://imc-rezh.ru/6")
    assert data["left_out"] == 0
