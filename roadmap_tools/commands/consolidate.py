"""Свести отчёты муниципалитетов в одну сводку по региону.

Читает заполненные формы мониторинга и рабочие книги дорожных карт (.xlsx, .xlsm,
.docx; папки просматриваются целиком, можно указывать маски), определяет, чей каждый
отчёт (по заголовку формы, по реквизитам сопроводительного письма или по имени файла),
и записывает сводку: строка на муниципалитет (мероприятий, с информацией, со ссылкой,
просрочено, доля выполненных), просроченные мероприятия, мероприятия без информации
или ссылки, диаграммы и список файлов, которые не удалось прочитать, с причиной.
Макросы в присланных файлах не запускаются: читаются только значения ячеек.

Пример:
  roadmap-tools consolidate Отчёты/ "Почта/**/*.docx" -o Сводка.xlsx
  roadmap-tools consolidate Отчёты/ --json --as-of 2023-06-01
  roadmap-tools consolidate Отчёты/ -o Сводка.xlsx --csv строки.csv
  roadmap-tools consolidate Отчёты/ -o Сводка.xlsx --archive --expected муниципалитеты.txt

Лист «Строки отчётов» — все строки отчётов со столбцами «Решение» (ОДОБРЕНО, На доработку)
и «Комментарий куратора» для проверки куратором (решения, уже вписанные в прежнюю сводку
с тем же именем, сохраняются; дальше: roadmap-tools feedback). С --archive строки периода
записываются в архив сводок (SQLite, по умолчанию «Архив сводок.sqlite» рядом со сводкой,
или сервер PostgreSQL: postgresql://…); повторная сводка того же периода заменяет его, и
в сводке появляется лист «Динамика» с диаграммами. С --expected (список муниципалитетов,
по одному в строке, или первый столбец книги) сводка называет тех, кто не отчитался.

Код выхода 0, даже если часть файлов не прочитана (они перечислены в сводке);
1, если не найдено ни одного файла или ни один не прочитан.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from roadmap_tools.collector import fewer_collections
from roadmap_tools.commands._common import (
    add_json_option,
    add_output_option,
    admit_output,
    parse_date,
    print_json,
    writing,
)
from roadmap_tools.errors import RoadmapError, UsageError
from roadmap_tools.safeio import CSV, WORKBOOK, same_file

if TYPE_CHECKING:
    from roadmap_tools.consolidation.consolidate import Summary

DEFAULT_OUTPUT = "Сводка по региону.xlsx"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="ПУТЬ", help="файлы, папки или маски (*.xlsx, **/*.docx)")
    add_output_option(parser, f"«{DEFAULT_OUTPUT}» в текущей папке")
    add_json_option(parser)
    parser.add_argument(
        "--as-of", type=parse_date, metavar="ДАТА", help="дата, на которую считать просрочки (по умолчанию сегодня)"
    )
    parser.add_argument(
        "--workers", type=int, metavar="N", help="сколько процессов читают файлы (по умолчанию все ядра)"
    )
    parser.add_argument(
        "--csv", metavar="ФАЙЛ", help="ещё и все строки отчётов одной таблицей CSV (для своих расчётов: Excel, pandas)"
    )
    parser.add_argument(
        "--archive",
        nargs="?",
        const="",
        metavar="ФАЙЛ_ИЛИ_URL",
        help="архив сводок по периодам (без значения: «Архив сводок.sqlite» рядом со сводкой)",
    )
    parser.add_argument("--expected", metavar="ФАЙЛ", help="список муниципалитетов региона (.txt или .xlsx)")
    parser.add_argument(
        "--from",
        dest="period_from",
        type=parse_date,
        metavar="ДАТА",
        help="начало отчётного периода (по умолчанию из заголовков отчётов)",
    )
    parser.add_argument("--to", dest="period_to", type=parse_date, metavar="ДАТА", help="конец отчётного периода")
    parser.add_argument("--progress", action="store_true", help="показывать ход чтения, даже если вывод не в терминал")


class ProgressBar:
    """A one-line text bar on stderr: «Чтение отчётов [#####-----] 412/1000»."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.monotonic()
        self.last_drawn = 0.0

    def __call__(self, done: int, total: int, file: str) -> None:
        now = time.monotonic()
        if done not in (0, total) and now - self.last_drawn < 0.1:
            return  # redraw at most ten times a second
        self.last_drawn = now
        filled = self.width * done // total if total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\rЧтение отчётов [{bar}] {done}/{total} ({now - self.started:.0f} с)")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def run(args: argparse.Namespace) -> int:
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers: укажите число процессов от 1.")
    if (args.period_from is None) != (args.period_to is None):
        raise UsageError("период сводки: укажите обе даты, --from и --to.")
    if args.period_from and args.period_from > args.period_to:
        raise UsageError(f"--from {args.period_from:%d.%m.%Y} позже --to {args.period_to:%d.%m.%Y}.")
    writes_summary = not args.json or args.output
    output = admit_output(DEFAULT_OUTPUT if args.output is None else args.output, (WORKBOOK,), args.paths)
    csv = admit_output(args.csv, (CSV,), args.paths + [output], option="--csv")
    if writes_summary:
        refuse_a_report_as_output(args.paths, output)
    refuse_an_archive_over_a_file(args.archive, args.paths + [output, csv, args.expected])
    show = args.progress or (sys.stderr.isatty() and not args.json)
    with writing([output if writes_summary else None, csv]):
        return _consolidate(args, output, csv, show)


def refuse_a_report_as_output(paths: list, output: Path) -> None:
    """The summary never replaces a file the inputs select (a report in a folder being read);
    only a summary of an earlier run there is replaced (and kept as .bak)."""
    from roadmap_tools.consolidation.consolidate import find_report_files
    from roadmap_tools.consolidation.summary import is_summary_workbook

    if not output.exists() or is_summary_workbook(output):
        return
    if any(same_file(output, found) for found in find_report_files(paths)):
        raise UsageError(
            f"-o «{output}»: этот файл лежит среди отчётов, которые читает команда, и был бы "
            "заменён сводкой; ничего не изменено.",
            hint="Укажите для сводки файл вне папок с отчётами.",
        )


def refuse_an_archive_over_a_file(archive: Optional[str], files: list) -> None:
    """The archive is a database of its own: never one of the reports, the summary or the CSV."""
    from roadmap_tools.consolidation.archive import is_url

    if not archive or is_url(archive):
        return
    for other in files:
        if other is not None and same_file(Path(archive), Path(other)):
            raise UsageError(
                f"--archive «{archive}»: это тот же файл, что и «{other}»; архив — отдельная база, ничего не изменено.",
                hint="Укажите для архива другой файл, например «Архив сводок.sqlite».",
            )


def _consolidate(args: argparse.Namespace, output: Path, csv: Optional[Path], show: bool) -> int:
    from roadmap_tools.consolidation.consolidate import consolidate

    summary = consolidate(
        args.paths, progress=ProgressBar() if show else None, workers=args.workers, as_of=args.as_of, exclude=[output]
    )
    if not summary.reports and not summary.unreadable:
        raise RoadmapError(
            "не найдено ни одного отчёта (.xlsx, .xlsm, .docx) по указанным путям: " + ", ".join(args.paths) + ".",
            hint="Проверьте пути и маски.",
        )
    # Not while reading: the reading processes (forked from this one, they would inherit it)
    # leave cycles that only the collector frees (5,000 forms: 77 MB each at the usual
    # threshold, 555 MB at this one).
    with fewer_collections():
        return _summarise(args, output, csv, summary)


def _summarise(args: argparse.Namespace, output: Path, csv: Optional[Path], summary: Summary) -> int:
    from roadmap_tools.consolidation.archive import default_archive_path
    from roadmap_tools.consolidation.consolidate import total_of
    from roadmap_tools.consolidation.review import consolidation_extras

    archive = args.archive
    if archive == "":
        archive = str(default_archive_path(output))
    extras = consolidation_extras(summary, output, args.period_from, args.period_to, archive, args.expected)
    if args.json:
        print_json({**summary.to_json(), **extras.json})
    if not args.json or args.output:
        from roadmap_tools.consolidation.summary import write_summary

        write_summary(summary, output, extras.plans, extras.charts)
    if args.csv:
        from roadmap_tools.consolidation.consolidate import write_rows_csv

        assert csv is not None  # admitted from args.csv
        write_rows_csv(summary, csv)
    if not args.json:
        municipalities = summary.municipalities  # summed once: every row of every report is counted
        total = total_of(municipalities)
        print(
            f"Прочитано отчётов: {len(summary.reports)}, муниципалитетов: {len(municipalities)}, "
            f"мероприятий: {total.activities}, с информацией: {total.reported}, со ссылкой: "
            f"{total.with_link}, просрочено: {total.overdue}."
        )
        if summary.unreadable:
            print(f"Не прочитано файлов: {len(summary.unreadable)} (причины на листе «Нечитаемые файлы»):")
            for item in summary.unreadable[:10]:
                print(f"  {item.file}: {item.reason}")
            if len(summary.unreadable) > 10:
                print(f"  … и ещё {len(summary.unreadable) - 10}")
        if "missing" in extras.json:
            print(
                f"Не отчитались: {len(extras.json['missing'])}"
                + (": " + ", ".join(extras.json["missing"]) if extras.json["missing"] else ".")
            )
        if "archive" in extras.json:
            print(f"Архив: {extras.json['archive']['target']}, периодов: {len(extras.json['archive']['periods'])}.")
        print(f"Сводка записана: {output}")
        if args.csv:
            print(f"Строки отчётов (CSV): {csv}")
    if not summary.reports:
        print("Ошибка: ни один файл не удалось прочитать как отчёт.", file=sys.stderr)
        return 1
    return 0
