"""The roadmap workbook's layout: the contract every part reads and writes.

Sheet names, the columns of «Дорожная карта» and the settings of «Настройки».
Readers find columns by their header (see ``vocab.HEADER_SYNONYMS``), so a user may
insert columns of their own or reorder them; writers use the order given here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from roadmap_tools.control import DEFAULT_DUE_SOON_DAYS

SHEET_INSTRUCTIONS = "Инструкция"
SHEET_ROADMAP = "Дорожная карта"
SHEET_GANTT = "Диаграмма Ганта"
SHEET_CHECK = "Проверка"
SHEET_FORM = "Форма мониторинга"
SHEET_LISTS = "Справочники"
SHEET_SETTINGS = "Настройки"

ROADMAP_TABLE_NAME = "ДорожнаяКарта"
#: Fill of the header row of «Дорожная карта» (drawn by hand: LibreOffice ignores table styles).
ROADMAP_HEADER_FILL = "BDD7EE"


@dataclass(frozen=True)
class Column:
    field: str  # model field name (``Activity`` attribute, or a derived one)
    title: str  # header as the user sees it
    width: float  # Excel column width, characters
    kind: str = "text"  # text | date | int
    hint: str = ""  # a note on the header cell: what the column is for


#: Months of a deadline in several separate spans, for «Диаграмма Ганта» (see ``workbook.chart_months``).
MONTHS_HINT = (
    "Заполняется при импорте из столбца «Сроки»: месяцы каждого этапа срока, если срок состоит "
    "из нескольких отдельных этапов («май, ноябрь 2022», «ежегодно в сентябре»), — по ним "
    "«Диаграмма Ганта» закрашивает только эти месяцы. Пусто: закрашивается всё от «Начала» до "
    "«Окончания». Поменяли «Начало» или «Окончание» вручную — очистите эту ячейку."
)

#: Columns of the sheet «Дорожная карта», in the order we write them. Their widths let the
#: sheet print on two landscape A4 pages across at 7 pt or larger (see ``printing``).
ROADMAP_COLUMNS = [
    Column("number", "№", 7),
    Column("section", "Раздел", 22),
    Column("activity", "Мероприятие", 55),
    Column("deadline", "Сроки", 20),
    Column("start", "Начало", 11, "date"),
    Column("end", "Окончание", 11, "date"),
    Column("months", "Месяцы (для диаграммы)", 14, hint=MONTHS_HINT),
    Column("executor", "Ответственные исполнители", 30),
    Column("result", "Ожидаемый результат", 28),
    Column("status", "Статус", 14),
    Column("done_date", "Дата выполнения", 12, "date"),
    Column("info", "Информация о проведении", 36),
    Column("link", "Ссылка на документ", 24),
    Column("note", "Примечание", 16),
    Column("control", "Контроль срока", 16),
    Column("days_overdue", "Просрочка, дн.", 10, "int"),
]
ROADMAP_FIELDS = [c.field for c in ROADMAP_COLUMNS]
#: The hidden technical column holding each row's stable id: added by the first request to
#: executors (``requests``) after the last column, then kept by every reader and re-import
#: as a column of the user's own (it follows its activity). See ``rowid``.
ROW_ID_COLUMN = Column(
    "row_id",
    "Код строки",
    12,
    hint="Служебный код строки: по нему ответы исполнителей и замечания куратора "
    "находят своё мероприятие. Не меняйте и не удаляйте.",
)
#: The curator's answer on a row, written by «Замечания куратора» (``feedback.apply_feedback_job``).
REVIEW_COLUMNS = [
    Column("decision", "Решение куратора", 16),
    Column("curator_comment", "Комментарий куратора", 40),
]

#: Columns written by the tool, never typed by the user.
DERIVED_FIELDS = ("start", "end", "months", "control", "days_overdue")


@dataclass(frozen=True)
class Setting:
    key: str  # name in code
    label: str  # what the user sees in column A of «Настройки»
    default: Any = ""
    kind: str = "text"  # text | date | int | year
    hint: str = ""  # shown in column C


#: The sheet «Настройки»: one setting per row, label in A, value in B, hint in C.
SETTINGS = [
    Setting("title", "Название дорожной карты"),
    Setting("organisation", "Организация (муниципалитет)"),
    Setting("first_year", "Первый год дорожной карты", None, "year"),
    Setting("last_year", "Последний год дорожной карты", None, "year"),
    Setting("as_of", "Дата контроля", None, "date", "пусто: сегодня"),
    Setting("period_from", "Начало отчётного периода", None, "date", "пусто: начало текущего квартала"),
    Setting("period_to", "Конец отчётного периода", None, "date", "пусто: конец текущего квартала"),
    Setting("due_soon_days", "Дней до «Скоро срок»", DEFAULT_DUE_SOON_DAYS, "int"),
    Setting("import_file", "Файл для импорта", "", "text", "заполняется кнопкой «Импорт из Word»"),
    Setting("source_file", "Импортировано из файла", "", "text", "заполняется при импорте"),
    Setting("source_columns", "Столбцы исходной таблицы", "", "text", "заполняется при импорте, по одному в строке"),
    # cover letter
    Setting("sender_name", "Отправитель: наименование органа"),
    Setting("sender_address", "Отправитель: адрес"),
    Setting("sender_contacts", "Отправитель: телефон, e-mail"),
    Setting("letter_number", "Исходящий номер письма"),
    Setting("letter_date", "Дата письма", None, "date", "пусто: сегодня"),
    Setting(
        "addressee",
        "Адресат (должность, Ф.И.О. в дательном падеже)",
        "",
        "text",
        "можно и в именительном: «Министр образования … И. О. Фамилия» будет склонено",
    ),
    Setting("addressee_org", "Адресат: организация"),
    Setting("request_number", "Номер письма-запроса"),
    Setting("request_date", "Дата письма-запроса", None, "date"),
    Setting("signatory_position", "Подписант: должность"),
    Setting("signatory_name", "Подписант: Ф.И.О."),
    Setting("executor_name", "Исполнитель письма: Ф.И.О."),
    Setting("executor_phone", "Исполнитель письма: телефон"),
    Setting(
        "sender_requisites", "Отправитель: ОКПО, ОГРН, ИНН/КПП", "", "text", "строки под адресом бланка, можно пусто"
    ),
    Setting(
        "request_from",
        "Письмо-запрос: от кого (в родительном падеже)",
        "",
        "text",
        "пусто: «Адресат: организация» в родительном падеже; можно и в именительном",
    ),
    Setting(
        "letter_about",
        "Письмо: о мероприятиях чего (в родительном падеже)",
        "",
        "text",
        "пусто: дорожной карты «Название дорожной карты»",
    ),
    Setting("salutation", "Обращение («Уважаемый …!»)", "", "text", "пусто: письмо без обращения"),
    Setting("attachment_pages", "Приложение: листов", None, "int", "пусто: считается по форме мониторинга"),
    # e-mail
    Setting("email_to", "E-mail получателя"),
    Setting("email_from", "E-mail отправителя"),
    Setting("email_subject", "Тема письма", "", "text", "пусто: составляется из названия и периода"),
    Setting("smtp_host", "SMTP-сервер"),
    Setting("smtp_port", "SMTP-порт", None, "int", "пусто: 587 для starttls, 465 для ssl, 25 без защиты"),
    Setting("smtp_user", "SMTP-логин"),
    Setting("smtp_security", "SMTP-защита (starttls, ssl, нет)", "starttls"),
    # added last so that the cells of the settings above (their names rt_*) stay where they were
    Setting(
        "school_year",
        "Учебный год",
        None,
        "school_year",
        "например 2023-2024: сроки без года ложатся в этот учебный год; пусто: календарные годы",
    ),
]
SETTINGS_BY_KEY = {s.key: s for s in SETTINGS}
SETTINGS_BY_LABEL = {s.label: s for s in SETTINGS}
