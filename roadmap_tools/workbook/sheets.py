"""Sheets of ``Roadmap.xlsm`` that the build owns, as ``SheetPlan``s.

«Инструкция» (how to work with the book and what each button does), «Диаграмма
Ганта» (a month-by-month timeline drawn by formulas and conditional formatting, so it
follows the user's edits), the empty «Проверка» and «Форма мониторинга» that the
jobs fill, and ``xlwings.conf``, the sheet xlwings reads its settings from.
"""

from __future__ import annotations

from datetime import date
from typing import Dict, List, Optional, Sequence

from roadmap_tools.lexicon import vocab
from roadmap_tools.sheetplan.operations import (
    Border,
    ColumnWidths,
    ConditionalFill,
    Fill,
    Font,
    Formula,
    Freeze,
    Merge,
    NumberFormat,
    RowHeight,
    SheetPlan,
    Value,
    Values,
    Wrap,
    address,
    column_letter,
)
from roadmap_tools.workbook import schema as layout
from roadmap_tools.workbook.printing import page_setup
from roadmap_tools.workbook.textfit import LINE_HEIGHT, row_height
from roadmap_tools.xlsm.buttons import BUTTONS, GROUPS

SHEET_XLWINGS_CONF = "xlwings.conf"

#: Order of the sheets in the workbook.
SHEET_ORDER = [
    layout.SHEET_INSTRUCTIONS,
    layout.SHEET_ROADMAP,
    layout.SHEET_GANTT,
    layout.SHEET_CHECK,
    layout.SHEET_FORM,
    layout.SHEET_LISTS,
    layout.SHEET_SETTINGS,
    SHEET_XLWINGS_CONF,
]

#: Gantt geometry: helper columns A:F (F, the months of «Месяцы (для диаграммы)», hidden),
#: one column per month from G, data from row 5.
GANTT_MONTHS_COL = "F"
GANTT_FIRST_MONTH_COL = 7
GANTT_MAX_YEARS = 5
GANTT_HEADER_ROW = 4
GANTT_FIRST_ROW = 5
GANTT_SPARE_ROWS = 100
#: Bar colour of a row whose «Контроль срока» is still empty (before «Отметить просрочки»).
GANTT_UNCHECKED_COLOUR = "9BC2E6"
GANTT_MARKER_HEADER_COLOUR = "F4B084"
#: Widths of the columns before the months (F hidden), and of a month.
GANTT_WIDTHS = {"A": 7, "B": 45, "C": 11, "D": 11, "E": 14, GANTT_MONTHS_COL: 10}
GANTT_MONTH_WIDTH = 5
#: What a month cell holds: nothing to see, but content, so that LibreOffice, which leaves out
#: printed pages without content, prints the pages of months that only have coloured bars.
EMPTY_MONTH = Formula('=""')

HEADER_FILL = "DDEBF7"
#: Height of a row with a 14 pt title, points.
TITLE_ROW_HEIGHT = 22
#: Width of the one column of the empty «Проверка» and «Форма мониторинга».
HINT_WIDTH = 90


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


# --- «Инструкция» ----------------------------------------------------------------
STEPS = [
    (
        "Шаг 1. Импорт или ввод дорожной карты",
        "Нажмите «Импорт из Word» и выберите файл .docx с дорожной картой: мероприятия, разделы, сроки и "
        "исполнители попадут на лист «Дорожная карта». Можно вводить и править строки вручную: статус и "
        "исполнителя удобно выбирать из раскрывающихся списков (их значения — на листе «Справочники»).",
    ),
    (
        "Шаг 2. «Проверить» и «Отметить просрочки»",
        "«Проверить» находит незаполненные и нераспознанные сроки, исполнителей и статусы; замечания со "
        "ссылками на ячейки — на листе «Проверка». «Отметить просрочки» заполняет «Контроль срока» и "
        "«Просрочка, дн.» на дату контроля и окрашивает эти ячейки по состоянию срока; тем же цветом "
        "мероприятие закрашено на листе «Диаграмма Ганта».",
    ),
    (
        "Шаг 3. Форма мониторинга, письмо и e-mail",
        "«Форма мониторинга» собирает мероприятия отчётного периода; «Сопроводительное письмо» и "
        "«Письмо e-mail» готовят отправку формы. Реквизиты писем и период берутся с листа «Настройки».",
    ),
]

SHEET_PURPOSES = [
    (layout.SHEET_ROADMAP, "мероприятия дорожной карты: сроки, исполнители, статусы, отметки о выполнении"),
    (layout.SHEET_GANTT, "помесячная диаграмма сроков, цвет — по столбцу «Контроль срока»"),
    (layout.SHEET_CHECK, "замечания кнопки «Проверить»"),
    (layout.SHEET_FORM, "форма мониторинга за отчётный период"),
    (layout.SHEET_LISTS, "списки статусов и исполнителей для раскрывающихся списков"),
    (
        layout.SHEET_SETTINGS,
        "организация, название и годы дорожной карты, дата контроля, отчётный период, "
        "дней до «Скоро срок», реквизиты письма и e-mail",
    ),
    (SHEET_XLWINGS_CONF, "настройки xlwings: путь к Python (Interpreter_Win), если python не найден"),
]

NOTES = [
    "Цвета на листах «Дорожная карта» и «Диаграмма Ганта» обновляются сами, когда вы меняете даты и "
    "статусы: это условное форматирование, кнопки нажимать не нужно. «Контроль срока» пересчитывается "
    "кнопкой «Отметить просрочки».",
    "Все настройки — на листе «Настройки»: пустая дата контроля означает «сегодня», пустой отчётный "
    "период — текущий квартал.",
    "Если кнопки не работают: разрешите макросы (файл, полученный по почте, сначала разблокируйте: "
    "Свойства файла → «Разблокировать»), установите Python и пакет roadmap-tools, при необходимости "
    "укажите путь к pythonw.exe на листе «xlwings.conf» (Interpreter_Win). Подробно — в файле README.md пакета.",
    "Форма мониторинга и письма, которые отправляются наверх, — обычные файлы без макросов.",
    "Листы печатаются на А4 крупным шрифтом: широкие — на нескольких страницах по ширине, с повтором "
    "заголовков. «Диаграмма Ганта» печатается за годы дорожной карты и по её строкам: поменяли годы "
    "в «Настройках» или добавили мероприятия — нажмите «Проверить» или «Отметить просрочки», и область "
    "печати обновится.",
]


def instructions_plan() -> SheetPlan:
    """The sheet «Инструкция»: the three-step workflow, the buttons, the sheets."""
    rows: List[list] = [
        ["Дорожная карта: как работать с книгой", None, None],
        ["Все действия — на вкладке ленты «Дорожная карта». Порядок работы — три шага:", None, None],
        [None, None, None],
    ]
    bold_rows = [1]
    paragraphs = [1, 2]  # rows of one text across A:C
    for title, text in STEPS:
        bold_rows.append(len(rows) + 1)
        rows.append([title, None, None])
        paragraphs.append(len(rows) + 1)
        rows.append([text, None, None])
    rows.append([None, None, None])
    buttons_header = len(rows) + 1
    rows.append(["Кнопка", "Группа", "Что делает"])
    for b in BUTTONS:
        rows.append([b.label, GROUPS[b.group], b.supertip])
    buttons_last = len(rows)
    rows.append([None, None, None])
    sheets_header = len(rows) + 1
    rows.append(["Лист", "Что на нём", None])
    for sheet, purpose in SHEET_PURPOSES:
        rows.append([sheet, purpose, None])
    sheets_last = len(rows)
    rows.append([None, None, None])
    bold_rows.append(len(rows) + 1)
    rows.append(["Полезно знать", None, None])
    for note in NOTES:
        paragraphs.append(len(rows) + 1)
        rows.append([note, None, None])

    widths = {"A": 40, "B": 22, "C": 78}
    plan = SheetPlan(layout.SHEET_INSTRUCTIONS, reset=True, index=0, tab_colour="2F75B5")
    plan.add(Values("A1", rows))
    plan.add(ColumnWidths(widths))
    for index in paragraphs:
        plan.add(Merge(f"A{index}:C{index}"))
    for index, row in enumerate(rows, start=1):
        row_widths = [sum(widths.values())] if index in paragraphs else list(widths.values())
        height = row_height(row, row_widths)
        if height > LINE_HEIGHT:
            plan.add(RowHeight(index, height))
    plan.add(Wrap(f"A1:C{len(rows)}"))
    plan.add(Font("A1", bold=True, size=14))
    plan.add(RowHeight(1, TITLE_ROW_HEIGHT))
    for bold_row in bold_rows[1:]:
        plan.add(Font(f"A{bold_row}", bold=True))
    for first, last in ((buttons_header, buttons_last), (sheets_header, sheets_last)):
        plan.add(Font(f"A{first}:C{first}", bold=True))
        plan.add(Fill(f"A{first}:C{first}", HEADER_FILL))
        plan.add(Border(f"A{first}:C{last}"))
    plan.add(page_setup(list(widths.values())))
    return plan


# --- «Диаграмма Ганта» -------------------------------------------------------------
def gantt_years(first_year: Optional[int], last_year: Optional[int], dates: Sequence[date], as_of: date) -> int:
    """How many years the Gantt's months run over: what its formulas compute from «Настройки»
    (empty: the as-of year) widened to every date of the roadmap, at most ``GANTT_MAX_YEARS``."""
    years = [d.year for d in dates]
    first = min([first_year or as_of.year] + years)
    last = max([last_year or first] + years)
    return max(1, min(last - first + 1, GANTT_MAX_YEARS))


def gantt_plan(
    roadmap_columns: Dict[str, str],
    roadmap_header_row: int = 1,
    rows: int = 200,
    years: int = GANTT_MAX_YEARS,
    activities: Sequence[str] = (),
) -> SheetPlan:
    """The Gantt sheet: row n mirrors row ``roadmap_header_row + n`` of «Дорожная карта».

    ``roadmap_columns`` maps the fields number, activity, start, end, control and months
    (optional) to column letters of «Дорожная карта». A row is coloured in the months
    between its start and end that its months cell lists, or all of them when the cell is
    empty (see ``workbook.chart_months``). The months run over the years of «Настройки»
    (names ``rt_first_year``, ``rt_last_year``; empty: the year of the as-of date),
    at most ``GANTT_MAX_YEARS`` years.

    ``years``: how many of them print (see ``gantt_years``): the print area ends with
    their last month. ``activities``: the activity texts of the rows, for row heights
    that show them whole.
    """
    src = _quoted(layout.SHEET_ROADMAP) + "!"
    months = 12 * GANTT_MAX_YEARS
    first_col = column_letter(GANTT_FIRST_MONTH_COL)
    last_col = column_letter(GANTT_FIRST_MONTH_COL + months - 1)
    last_row = GANTT_FIRST_ROW + rows - 1

    plan = SheetPlan(layout.SHEET_GANTT, reset=True, tab_colour="70AD47")
    starts, ends = f"$C${GANTT_FIRST_ROW}:$C${last_row}", f"$D${GANTT_FIRST_ROW}:$D${last_row}"
    # the years of «Настройки», widened to every date of the roadmap
    first_year = f"=MIN(IF(N(rt_first_year)>0,rt_first_year,YEAR(D1)),IF(COUNT({starts})>0,YEAR(MIN({starts})),9999))"
    last_year = f"=MAX(IF(N(rt_last_year)>0,rt_last_year,D2),IF(COUNT({ends})>0,YEAR(MAX({ends})),0))"
    plan.add(
        Values(
            "A1",
            [
                ["Диаграмма Ганта", None, "Дата контроля:", Formula("=IF(N(rt_as_of)>0,rt_as_of,TODAY())")],
                ["Строится сама по листу «Дорожная карта».", None, "Годы:", Formula(first_year), Formula(last_year)],
            ],
        )
    )
    plan.add(NumberFormat("D1", "DD.MM.YYYY"))
    plan.add(Font("A1", bold=True, size=14))

    year_row: List[Value] = []
    month_row: List[Value] = []
    for i in range(months):
        col = column_letter(GANTT_FIRST_MONTH_COL + i)
        prev = column_letter(GANTT_FIRST_MONTH_COL + i - 1)
        if i == 0:
            month_row.append(Formula("=DATE($D$2,1,1)"))
            year_row.append(Formula(f"=YEAR({col}{GANTT_HEADER_ROW})"))
        else:
            month_row.append(
                Formula(
                    f'=IF({prev}{GANTT_HEADER_ROW}="","",IF(EDATE({prev}{GANTT_HEADER_ROW},1)>DATE($E$2,12,1),"",'
                    f"EDATE({prev}{GANTT_HEADER_ROW},1)))"
                )
            )
            year_row.append(
                Formula(
                    f'=IF({col}{GANTT_HEADER_ROW}="","",IF(MONTH({col}{GANTT_HEADER_ROW})=1,YEAR({col}{GANTT_HEADER_ROW}),""))'
                )
            )
    header: List[Value] = ["№", "Мероприятие", "Начало", "Окончание", "Контроль срока", "Месяцы"]
    plan.add(Values(address(GANTT_HEADER_ROW - 1, GANTT_FIRST_MONTH_COL), [year_row]))
    plan.add(Values(address(GANTT_HEADER_ROW, 1), [header + month_row]))
    plan.add(NumberFormat(f"{first_col}{GANTT_HEADER_ROW}:{last_col}{GANTT_HEADER_ROW}", "[$-419]MMM"))
    plan.add(Font(f"A{GANTT_HEADER_ROW}:{last_col}{GANTT_HEADER_ROW}", bold=True))
    plan.add(Fill(f"A{GANTT_HEADER_ROW}:{last_col}{GANTT_HEADER_ROW}", HEADER_FILL))

    c = roadmap_columns
    data = []
    for n in range(rows):
        r = GANTT_FIRST_ROW + n
        s = roadmap_header_row + 1 + n
        start, end = f"{src}{c['start']}{s}", f"{src}{c['end']}{s}"
        data.append(
            [
                Formula(f'=IF({src}{c["number"]}{s}="","",{src}{c["number"]}{s})'),
                Formula(f'=IF({src}{c["activity"]}{s}="","",{src}{c["activity"]}{s})'),
                Formula(f'=IF(AND({start}="",{end}=""),"",IF({start}="",{end},{start}))'),
                Formula(f'=IF(C{r}="","",IF({end}="",C{r},{end}))'),
                Formula(f'=IF({src}{c["control"]}{s}="","",{src}{c["control"]}{s})'),
                Formula(f'=IF({src}{c["months"]}{s}="","",{src}{c["months"]}{s})') if "months" in c else None,
            ]
            + [EMPTY_MONTH] * months
        )
    plan.add(Values(address(GANTT_FIRST_ROW, 1), data))
    plan.add(NumberFormat(f"C{GANTT_FIRST_ROW}:D{last_row}", "DD.MM.YYYY"))

    grid = f"{first_col}{GANTT_FIRST_ROW}:{last_col}{last_row}"
    r0, m0 = GANTT_FIRST_ROW, f"{first_col}${GANTT_HEADER_ROW}"
    listed = (
        f'OR(${GANTT_MONTHS_COL}{r0}="",ISNUMBER(SEARCH(";"&(YEAR({m0})*100+MONTH({m0}))&";",${GANTT_MONTHS_COL}{r0})))'
    )
    in_month = f'AND($C{r0}<>"",{m0}<>"",$C{r0}<=EOMONTH({m0},0),$D{r0}>={m0},{listed})'
    for status in vocab.CONTROL_STATUSES:
        plan.add(ConditionalFill(grid, f'=AND({in_month},$E{r0}="{status}")', vocab.CONTROL_COLOURS[status]))
    plan.add(ConditionalFill(grid, f'=AND({in_month},$E{r0}="")', GANTT_UNCHECKED_COLOUR))
    marker = 'AND({col}<>"",$D$1>={col},$D$1<=EOMONTH({col},0))'
    # The as-of month is marked in the header only: LibreOffice paints a grid-wide marker rule
    # over the status bars whatever the rules' priorities, which would hide the bars of that month.
    header_range = f"{first_col}{GANTT_HEADER_ROW - 1}:{last_col}{GANTT_HEADER_ROW}"
    plan.add(
        ConditionalFill(
            header_range, "=" + marker.format(col=f"{first_col}${GANTT_HEADER_ROW}"), GANTT_MARKER_HEADER_COLOUR
        )
    )

    widths = dict(GANTT_WIDTHS)
    widths.update({column_letter(GANTT_FIRST_MONTH_COL + i): GANTT_MONTH_WIDTH for i in range(months)})
    plan.add(ColumnWidths(widths, hidden=(GANTT_MONTHS_COL,)))
    plan.add(Wrap(f"A{GANTT_FIRST_ROW}:E{last_row}"))  # whole activity names, every cell of a row at its top
    for n, text in enumerate(activities):
        height = row_height([text], [GANTT_WIDTHS["B"]])
        if height > LINE_HEIGHT:
            plan.add(RowHeight(GANTT_FIRST_ROW + n, height))
    plan.add(Freeze(address(GANTT_FIRST_ROW, GANTT_FIRST_MONTH_COL)))
    plan.add(gantt_page_setup(years, len(activities)))
    return plan


def gantt_page_setup(years: int, activities: int):
    """What «Диаграмма Ганта» prints: its first ``years`` years (see ``gantt_years``) and the
    rows of ``activities`` activities, not the empty months and rows kept for later."""
    printed_months = 12 * max(1, min(years, GANTT_MAX_YEARS))
    printed = [w for letter, w in GANTT_WIDTHS.items() if letter != GANTT_MONTHS_COL]
    last_row = GANTT_FIRST_ROW + max(activities, 1) - 1
    return page_setup(
        printed + [GANTT_MONTH_WIDTH] * printed_months,
        title_rows=f"{GANTT_HEADER_ROW - 1}:{GANTT_HEADER_ROW}",
        title_columns=2,
        print_area=f"A1:{column_letter(GANTT_FIRST_MONTH_COL + printed_months - 1)}{last_row}",
    )


def gantt_print_plan(years: int, activities: int) -> SheetPlan:
    """The print area of an existing «Диаграмма Ганта», for the years and rows as they are now
    (deadline control refreshes it, so the printout follows the user's edits)."""
    return SheetPlan(layout.SHEET_GANTT, create=False).add(gantt_page_setup(years, activities))


# --- «Проверка», «Форма мониторинга» --------------------------------------------------
def hint_plan(sheet: str, hint: str) -> SheetPlan:
    """An empty sheet the jobs fill, with one line saying which button does it."""
    plan = SheetPlan(sheet, reset=True)
    plan.add(Values("A1", [[hint]]))
    plan.add(Font("A1", italic=True, colour="595959"))
    plan.add(ColumnWidths({"A": HINT_WIDTH}))
    plan.add(Wrap("A1"))
    plan.add(RowHeight(1, row_height([hint], [HINT_WIDTH])))
    plan.add(page_setup([HINT_WIDTH]))
    return plan


def check_plan() -> SheetPlan:
    return hint_plan(
        layout.SHEET_CHECK, "Здесь появятся замечания после нажатия кнопки «Проверить» на вкладке «Дорожная карта»."
    )


def form_plan() -> SheetPlan:
    return hint_plan(
        layout.SHEET_FORM,
        "Здесь появится форма мониторинга после нажатия кнопки «Форма мониторинга» на вкладке «Дорожная карта».",
    )


# --- xlwings.conf ---------------------------------------------------------------------
#: Keys xlwings reads from the sheet: A1 down to the first empty cell, key in A, value in B.
XLWINGS_CONF = [
    (
        "Interpreter_Win",
        "",
        "путь к pythonw.exe, например C:\\Users\\Имя\\AppData\\Local\\Programs\\Python\\Python311\\pythonw.exe; "
        "пусто: python из PATH",
    ),
    ("PYTHONPATH", "", "папки с кодом Python, если пакет roadmap-tools не установлен через pip"),
]


def xlwings_conf_plan() -> SheetPlan:
    """The sheet xlwings reads settings from (the keys must start in A1, without a header)."""
    rows: List[List[Optional[str]]] = [[key, value, comment] for key, value, comment in XLWINGS_CONF]
    rows += [
        [None, None, None],
        [
            "Настройки xlwings для кнопок ленты. Ключи — в столбце A с первой строки подряд, значения — "
            "в столбце B, без кавычек. Пустая строка завершает список.",
            None,
            None,
        ],
    ]
    plan = SheetPlan(SHEET_XLWINGS_CONF, reset=True)
    plan.add(Values("A1", rows))
    plan.add(Merge(f"A{len(rows)}:C{len(rows)}"))
    plan.add(Wrap(f"A{len(rows)}:C{len(rows)}"))
    widths = {"A": 18, "B": 40, "C": 80}
    plan.add(ColumnWidths(widths))
    plan.add(Font(f"C1:C{len(XLWINGS_CONF)}", italic=True, colour="595959"))
    plan.add(Wrap(f"C1:C{len(XLWINGS_CONF)}"))
    for number, row in enumerate(rows[: len(XLWINGS_CONF)], start=1):
        plan.add(RowHeight(number, row_height(row, list(widths.values()))))
    plan.add(RowHeight(len(rows), row_height(rows[-1][:1], [sum(widths.values())])))
    plan.add(page_setup(list(widths.values())))
    return plan


def build_sheet_plans(
    roadmap_columns: Dict[str, str],
    roadmap_header_row: int,
    gantt_rows: int,
    gantt_print_years: int = GANTT_MAX_YEARS,
    activities: Sequence[str] = (),
) -> list:
    """Plans of every sheet the build owns."""
    return [
        instructions_plan(),
        gantt_plan(roadmap_columns, roadmap_header_row, gantt_rows, gantt_print_years, activities),
        check_plan(),
        form_plan(),
        xlwings_conf_plan(),
    ]
