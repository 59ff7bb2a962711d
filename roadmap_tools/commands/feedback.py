"""Замечания куратора: по файлу на муниципалитет из листа «Строки отчётов» сводки.

Куратор выбирает в сводке «Решение» (ОДОБРЕНО, На доработку) и пишет «Комментарий
куратора»; команда раскладывает строки по муниципалитетам: в каждом файле его строки,
решения и комментарии, рядом черновик письма .eml. С --archive решения записываются
и в архив сводок (для листа «Динамика»).

Пример:
  roadmap-tools feedback "Сводка по региону.xlsx" -o Замечания/
  roadmap-tools feedback "Сводка по региону.xlsx" -o Замечания/ --archive "Архив сводок.sqlite" --json
"""

from __future__ import annotations

import argparse

from roadmap_tools.commands._common import add_json_option, admit_folder, print_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("summary", metavar="СВОДКА", help="сводка по региону (.xlsx), записанная consolidate")
    parser.add_argument(
        "-o",
        "--output",
        metavar="ПАПКА",
        default="Замечания куратора",
        help="папка для файлов замечаний (по умолчанию «Замечания куратора»)",
    )
    parser.add_argument(
        "--archive", metavar="ФАЙЛ_ИЛИ_URL", help="архив сводок (файл SQLite или postgresql://…), куда записать решения"
    )
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.consolidation.feedback import feedback_job

    run = feedback_job(args.summary, admit_folder(args.output), archive=args.archive)
    if args.json:
        print_json(run.to_json())
        return 0
    print(f"Файлов замечаний: {len(run.files)} (папка «{args.output}»).")
    for item in run.files:
        print(f"  {item.path.name}: строк {item.rows}, одобрено {item.approved}, на доработку {item.rework}")
    if run.archive is not None:
        print(f"Архив {run.archive['target']}: решения записаны в строки периода ({run.archive['rows_updated']}).")
    return 0
