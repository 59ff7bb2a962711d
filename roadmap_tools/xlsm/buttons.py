"""The buttons of the ribbon tab «Дорожная карта», as data.

One line per button: what the user sees (label, tips, icon, group), the VBA callback
the ribbon calls, and the function of ``roadmap_tools.excel`` that callback runs
through xlwings' ``RunPython``. The ribbon XML and the VBA module of callbacks are
generated from this list (``roadmap_tools.xlsm.ribbon``), so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

RIBBON_TAB_ID = "tabRoadmap"
RIBBON_TAB_LABEL = "Дорожная карта"

#: Groups of the tab, in order: id -> label.
GROUPS = {
    "grpData": "Данные",
    "grpControl": "Контроль",
    "grpReports": "Отчёты",
    "grpReview": "Исполнители и куратор",
}


@dataclass(frozen=True)
class Button:
    id: str  # ribbon control id (ASCII)
    group: str  # key of GROUPS
    label: str  # caption under the icon
    screentip: str  # bold first line of the tooltip
    supertip: str  # the tooltip's explanation
    image_mso: str  # a built-in Office icon
    callback: str  # VBA Sub called by the ribbon: Sub <callback>(control As IRibbonControl)
    function: str  # function of roadmap_tools.excel that the callback runs
    asks_for_file: bool = False  # the callback first asks for a document (import), see IMPORT_FILE_TYPES


#: What the import button's file dialog offers: (description, patterns) for Excel's GetOpenFilename
#: (no commas in a description: the filter is a comma-separated list).
IMPORT_FILE_TYPES = (
    ("Дорожная карта", "*.docx;*.doc;*.pdf;*.rtf;*.odt;*.xlsx;*.xlsm"),
    ("Все файлы", "*.*"),
)


BUTTONS = [
    Button(
        "btnImportFromWord",
        "grpData",
        "Импорт из Word",
        "Импорт дорожной карты из Word или PDF",
        "Выберите документ с дорожной картой: Word (.docx, .doc), PDF с текстом, .rtf, .odt "
        "или книгу Excel. Таблица мероприятий попадёт на лист «Дорожная карта», разделы, "
        "сроки и исполнители распознаются автоматически. Путь к файлу сохраняется в "
        "«Настройках» (параметр «Файл для импорта»).",
        "FileOpen",
        "OnImportFromWord",
        "import_from_word",
        asks_for_file=True,
    ),
    Button(
        "btnExportToWord",
        "grpData",
        "Дорожная карта в Word",
        "Дорожная карта в Word",
        "Сохраняет книгу и выгружает дорожную карту рядом с ней документом Word: приложение "
        "к приказу с названием, разделами и столбцами исходного документа, альбомный A4, "
        "Times New Roman, заголовок таблицы на каждой странице.",
        "FileSaveAsWordDocx",
        "OnExportToWord",
        "export_to_word",
    ),
    Button(
        "btnCheckEntries",
        "grpControl",
        "Проверить",
        "Проверить дорожную карту",
        "Проверяет лист «Дорожная карта»: пропуски, нераспознанные и выходящие за годы сроки, "
        "нумерацию, повторы мероприятий, статусы, даты выполнения и ссылки. Замечания со "
        "ссылками на ячейки — на листе «Проверка»; ячейки подсвечены, в примечании сказано, "
        "что исправить.",
        "DataValidation",
        "OnCheckEntries",
        "check_entries",
    ),
    Button(
        "btnFlagOverdue",
        "grpControl",
        "Отметить просрочки",
        "Отметить просрочки на дату контроля",
        "Заполняет столбцы «Контроль срока» и «Просрочка, дн.» на дату контроля из "
        "«Настроек» (пусто: сегодня) и окрашивает эти ячейки по состоянию срока: просрочено, "
        "скоро срок, в срок, выполнено.",
        "FunctionsDateTimeInsertGallery",
        "OnFlagOverdue",
        "flag_overdue",
    ),
    Button(
        "btnMonitoringForm",
        "grpReports",
        "Форма мониторинга",
        "Форма мониторинга за отчётный период",
        "Собирает мероприятия отчётного периода (см. «Настройки») в форму мониторинга на листе «Форма мониторинга».",
        "TableInsert",
        "OnMonitoringForm",
        "monitoring_form",
    ),
    Button(
        "btnCoverLetter",
        "grpReports",
        "Сопроводительное письмо",
        "Сопроводительное письмо",
        "Составляет сопроводительное письмо к форме мониторинга по реквизитам из "
        "«Настроек»: отправитель, адресат, номер и дата, подписант.",
        "FileNew",
        "OnCoverLetter",
        "cover_letter",
    ),
    Button(
        "btnEmailDraft",
        "grpReports",
        "Письмо e-mail",
        "Черновик письма e-mail",
        "Готовит черновик письма e-mail по адресам и теме из «Настроек» с формой мониторинга "
        "и сопроводительным письмом во вложении; черновик открывается в почтовой программе.",
        "FileSendAsAttachment",
        "OnEmailDraft",
        "email_draft",
    ),
    Button(
        "btnRequests",
        "grpReview",
        "Запрос исполнителям",
        "Запросы исполнителям за отчётный период",
        "Каждому исполнителю — своя книга с его мероприятиями отчётного периода (см. «Настройки»): "
        "заполнить нужно только жёлтые ячейки. Книги и черновики писем (если в «Справочниках» указан "
        "e-mail исполнителя) — в папке «Запросы исполнителям» рядом с книгой.",
        "MailMergeStartLetters",
        "OnRequests",
        "requests_to_executors",
    ),
    Button(
        "btnCollect",
        "grpReview",
        "Собрать ответы",
        "Собрать ответы исполнителей",
        "Вписывает ответы из папки «Ответы исполнителей» рядом с книгой в «Информация о проведении» "
        "и «Ссылка на документ». Уже заполненное не перезаписывается: конфликты, чужие файлы и "
        "мероприятия без ответа — на листе «Сбор ответов».",
        "ImportExcel",
        "OnCollect",
        "collect_answers",
    ),
    Button(
        "btnCuratorFeedback",
        "grpReview",
        "Замечания куратора",
        "Загрузить замечания куратора",
        "Переносит решения и комментарии куратора из файла «Замечания куратора - ….xlsx» рядом с книгой "
        "в столбцы «Решение куратора» и «Комментарий куратора»; строки на доработку показывает проверка.",
        "ReviewAcceptChange",
        "OnCuratorFeedback",
        "curator_feedback",
    ),
]
BUTTONS_BY_ID = {b.id: b for b in BUTTONS}


#: The xlwings command a callback runs: the function takes no arguments and finds
#: the workbook with ``xw.Book.caller()``.
def run_python_command(button: Button) -> str:
    return f"import roadmap_tools.excel as rt; rt.{button.function}()"
