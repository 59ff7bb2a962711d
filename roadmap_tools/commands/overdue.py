"""Контроль сроков: состояние срока каждого мероприятия на дату.

Состояния: Выполнено, Выполнено с опозданием, В срок, Скоро срок (срок в ближайшие
N дней, N задаётся на листе «Настройки», по умолчанию 14), Просрочено (с числом дней),
Без срока. У сроков из нескольких этапов и ежегодных сроков считается каждый этап:
прошедший этап без отчёта — просрочка. Результат пишется в столбцы «Контроль срока»
и «Просрочка, дн.» листа «Дорожная карта»; цвета задаёт условное форматирование, и
Excel перекрашивает эти ячейки (и полосы «Диаграммы Ганта»), когда меняются статус,
дата выполнения или дата контроля.

Дата контроля: --as-of, иначе «Дата контроля» из «Настройки», иначе сегодня.

Пример:
  roadmap-tools overdue Roadmap.xlsx --as-of 01.06.2022
  roadmap-tools overdue Roadmap.xlsx --as-of 2022-06-01 -o Контроль.xlsx --json
"""

from __future__ import annotations

import argparse
from pathlib import Path

from roadmap_tools.commands._common import (
    add_json_option,
    add_output_option,
    add_school_year_option,
    admit_output,
    parse_date,
    print_json,
    writing,
)
from roadmap_tools.safeio import MACRO_WORKBOOK, WORKBOOK


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", metavar="КНИГА", help="книга дорожной карты (.xlsx или .xlsm)")
    parser.add_argument("--as-of", type=parse_date, metavar="ДАТА", help="дата контроля (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)")
    add_output_option(parser, "сама книга")
    add_school_year_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.actions.on_file import run_overdue

    # macros go on only from an .xlsm into an .xlsm; a book without them stays .xlsx
    kinds = (WORKBOOK, MACRO_WORKBOOK) if Path(args.workbook).suffix.lower() == ".xlsm" else (WORKBOOK,)
    output = admit_output(args.output, kinds, [args.workbook])
    with writing([output or args.workbook]):
        result = run_overdue(args.workbook, as_of=args.as_of, output=output, school_year=args.school_year)
    if args.json:
        print_json(result.to_json())
        return 0
    print(f"Контроль сроков на {result.as_of:%d.%m.%Y}:")
    for activity, status in result.entries:
        if status.status == "Просрочено":
            number = f"№ {activity.number.strip()} " if activity.number.strip() else ""
            text = " ".join(activity.activity.split())
            text = text if len(text) <= 70 else text[:69] + "…"
            print(f"  просрочено на {status.days_overdue} дн. (срок {status.due:%d.%m.%Y}): {number}{text}")
    for name, count in result.summary.items():
        print(f"  {name}: {count}")
    return 0
