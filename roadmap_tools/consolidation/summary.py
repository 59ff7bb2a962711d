"""The regional summary workbook: sheets as ``SheetPlan`` data, charts added by the writer.

Sheets: «Сводка» (one row per municipality and a totals row), «Просроченные»,
«Без информации или ссылки», «Прочитанные файлы», «Нечитаемые файлы», and
«Диаграммы» with native Excel bar charts (done and overdue by municipality).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, List, Optional, Sequence, Union

from roadmap_tools.consolidation.consolidate import SUMMARY_HEADER, Summary, total_of
from roadmap_tools.sheetplan import operations as sp
from roadmap_tools.workbook.printing import page_setup

SHEET_SUMMARY = "Сводка"
SHEET_OVERDUE = "Просроченные"
SHEET_INCOMPLETE = "Без информации или ссылки"
SHEET_FILES = "Прочитанные файлы"
SHEET_UNREADABLE = "Нечитаемые файлы"
SHEET_CHARTS = "Диаграммы"

HEADER_FILL = "DDEBF7"
TOTAL_FILL = "EDEDED"
#: Title rows above the table of «Сводка»; the table's header is on the next row.
SUMMARY_HEADER_ROW = 3


def _table_sheet(
    name: str, title: str, header: list, rows: list, widths: dict, table: str, wrap_cols: str = ""
) -> sp.SheetPlan:
    plan = sp.SheetPlan(name, reset=True)
    plan.add(sp.Values("A1", [[title]])).add(sp.Font("A1", bold=True, size=13))
    last_col = sp.column_letter(len(header))
    plan.add(sp.Values("A3", [header] + rows))
    plan.add(sp.Font(f"A3:{last_col}3", bold=True)).add(sp.Fill(f"A3:{last_col}3", HEADER_FILL))
    plan.add(sp.Wrap(f"A3:{last_col}{3 + len(rows)}"))
    plan.add(sp.Border(f"A3:{last_col}{3 + len(rows)}"))
    plan.add(sp.ColumnWidths(widths)).add(sp.Freeze("A4"))
    if rows:
        plan.add(sp.Table(table, f"A3:{last_col}{3 + len(rows)}"))
    plan.add(page_setup(list(widths.values()), title_rows="3:3", title_columns=1))
    return plan


def summary_plans(summary: Summary) -> List[sp.SheetPlan]:
    """Every sheet of the summary workbook, as plans (charts excepted: see ``write_summary``)."""
    as_of = f"{summary.as_of:%d.%m.%Y}"
    municipalities = summary.municipalities
    total = total_of(municipalities)
    rows: List[List[sp.Value]] = [
        [m.name, len(m.files), m.activities, m.reported, m.with_link, m.overdue, m.share_done] for m in municipalities
    ]
    plan = sp.SheetPlan(SHEET_SUMMARY, reset=True, index=0)
    plan.add(sp.Values("A1", [[f"Сводка по региону: исполнение дорожных карт муниципалитетов на {as_of}"]]))
    plan.add(sp.Font("A1", bold=True, size=13))
    plan.add(
        sp.Values(
            "A2",
            [
                [
                    f"Прочитано файлов: {len(summary.reports)}, не прочитано: "
                    f"{len(summary.unreadable)} (см. лист «{SHEET_UNREADABLE}»)"
                ]
            ],
        )
    )
    h = SUMMARY_HEADER_ROW
    last = h + len(rows) + 1
    plan.add(
        sp.Values(
            f"A{h}",
            [SUMMARY_HEADER]
            + rows
            + [
                [
                    "Итого",
                    len(total.files),
                    total.activities,
                    total.reported,
                    total.with_link,
                    total.overdue,
                    total.share_done,
                ]
            ],
        )
    )
    plan.add(sp.Font(f"A{h}:G{h}", bold=True)).add(sp.Fill(f"A{h}:G{h}", HEADER_FILL))
    plan.add(sp.Wrap(f"A{h}:G{h}", vertical="center", horizontal="center")).add(sp.RowHeight(h, 30))
    plan.add(sp.Font(f"A{last}:G{last}", bold=True)).add(sp.Fill(f"A{last}:G{last}", TOTAL_FILL))
    plan.add(sp.NumberFormat(f"G{h + 1}:G{last}", "0%"))
    plan.add(sp.Border(f"A{h}:G{last}"))
    widths = {"A": 34, "B": 9, "C": 13, "D": 14, "E": 12, "F": 12, "G": 13}
    plan.add(sp.ColumnWidths(widths))
    plan.add(sp.Freeze(f"B{h + 1}"))
    plan.add(page_setup(list(widths.values()), title_rows=f"{h}:{h}"))
    if rows:
        plan.add(sp.ConditionalFill(f"F{h + 1}:F{last - 1}", f"=F{h + 1}>0", "FFC7CE"))

    file_names = {id(r): Path(r.file).name for r in summary.reports}
    overdue = [
        [
            r.name,
            file_names[id(r)],
            row.section,
            row.number,
            row.activity,
            row.info or "",
            row.control or "нет информации после окончания периода",
        ]
        for r, row in summary.overdue_rows()
    ]
    incomplete = [
        [r.name, file_names[id(r)], row.section, row.number, row.activity, missing]
        for r, row, missing in summary.incomplete_rows()
    ]
    files = [
        [
            Path(r.file).name,
            r.name,
            r.name_source,
            r.kind,
            r.activities,
            r.reported,
            r.with_link,
            len(r.overdue_rows(summary.as_of)),
            str(Path(r.file).parent),
        ]
        for r in summary.reports
    ]
    unreadable = [[Path(u.file).name, u.reason, str(Path(u.file).parent)] for u in summary.unreadable]
    return [
        plan,
        _table_sheet(
            SHEET_OVERDUE,
            f"Просроченные мероприятия на {as_of}",
            ["Муниципалитет", "Файл", "Раздел", "№", "Мероприятие", "Информация", "Почему просрочено"],
            overdue,
            {"A": 22, "B": 22, "C": 28, "D": 6, "E": 55, "F": 35, "G": 22},
            "Просроченные",
        ),
        _table_sheet(
            SHEET_INCOMPLETE,
            "Мероприятия без информации о проведении или без ссылки",
            ["Муниципалитет", "Файл", "Раздел", "№", "Мероприятие", "Чего не хватает"],
            incomplete,
            {"A": 22, "B": 22, "C": 28, "D": 6, "E": 60, "F": 26},
            "БезИнформации",
        ),
        _table_sheet(
            SHEET_FILES,
            "Прочитанные файлы и чьи они",
            [
                "Файл",
                "Муниципалитет",
                "Откуда название",
                "Вид",
                "Мероприятий",
                "С информацией",
                "Со ссылкой",
                "Просрочено",
                "Папка",
            ],
            files,
            {"A": 30, "B": 22, "C": 16, "D": 15, "E": 12, "F": 13, "G": 11, "H": 11, "I": 40},
            "ПрочитанныеФайлы",
        ),
        _table_sheet(
            SHEET_UNREADABLE,
            "Файлы, которые не удалось прочитать",
            ["Файл", "Причина", "Папка"],
            unreadable,
            {"A": 32, "B": 80, "C": 40},
            "НечитаемыеФайлы",
        ),
    ]


def add_charts(workbook, summary: Summary) -> None:
    """Native Excel bar charts on «Диаграммы»: reported and overdue by municipality."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.worksheet.pagebreak import Break

    count = len(summary.municipalities)
    if not count:
        return
    ws = workbook[SHEET_CHARTS] if SHEET_CHARTS in workbook.sheetnames else workbook.create_sheet(SHEET_CHARTS, 1)
    data = workbook[SHEET_SUMMARY]
    h = SUMMARY_HEADER_ROW
    categories = Reference(data, min_col=1, min_row=h + 1, max_row=h + count)
    height = max(7.5, 0.6 * count + 3)  # cm: room for every municipality's name
    below = int(height / 0.5) + 3  # the second chart under the first (a row is about 0.5 cm)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"  # a chart 16 cm wide fits the page at full size
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.row_breaks.append(Break(id=below - 1))  # each chart on a page of its own when printed
    for anchor, title, cols, colours in (
        ("A1", "Мероприятия: с информацией о проведении и просроченные", (4, 6), ("70AD47", "C00000")),
        (f"A{below}", "Доля выполненных мероприятий", (7, 7), ("4472C4",)),
    ):
        chart = BarChart()
        chart.type = "bar"  # horizontal bars: dozens of names stay readable
        chart.style = 10
        chart.title = title
        chart.height, chart.width = height, 16
        for col in sorted(set(cols)):
            chart.add_data(Reference(data, min_col=col, min_row=h, max_row=h + count), titles_from_data=True)
        chart.set_categories(categories)
        chart.x_axis.scaling.orientation = "maxMin"  # first municipality on top, as in the table
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.y_axis.majorGridlines = None
        for series, colour in zip(chart.series, colours):
            series.graphicalProperties.solidFill = colour
            series.graphicalProperties.line.solidFill = colour
        if cols == (7, 7):
            chart.y_axis.numFmt = "0%"
            chart.y_axis.scaling.min = 0
            chart.y_axis.scaling.max = 1
            chart.legend = None
        ws.add_chart(chart, anchor)


def is_summary_workbook(path: Union[str, os.PathLike]) -> bool:
    """A summary this module wrote (an earlier run's), told by its sheets; not a report."""
    from roadmap_tools.safeio import workbook_sheet_names

    return {SHEET_SUMMARY, SHEET_FILES, SHEET_UNREADABLE} <= set(workbook_sheet_names(path))


def write_summary(
    summary: Summary, path: Union[str, os.PathLike], extra_plans: Sequence = (), extra_charts: Optional[Callable] = None
) -> Path:
    """Write the summary workbook through ``safeio.atomic_write`` (a backup of the old one kept).

    ``extra_plans``, ``extra_charts(workbook)``: the review's sheets and what plans cannot say
    (charts, a hidden sheet), from ``review.consolidation_extras``.
    """
    from openpyxl import Workbook

    from roadmap_tools.safeio import atomic_write
    from roadmap_tools.sheetplan import openpyxl_streamed

    def write(tmp: Path) -> None:
        workbook = Workbook()
        default = workbook.active
        # «Строки отчётов» (a row per report row) goes to the file row by row, not held as cells
        held = openpyxl_streamed.apply_holding_back(workbook, list(summary_plans(summary)) + list(extra_plans))
        workbook.remove(default)
        add_charts(workbook, summary)
        if extra_charts is not None:
            extra_charts(workbook)
        workbook.active = 0
        openpyxl_streamed.save(workbook, tmp, held)

    return atomic_write(path, write)
