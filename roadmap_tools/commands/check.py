"""Проверить дорожную карту: пропуски, сроки, нумерацию, повторы, отчётные поля.

Находки записываются в книгу: лист «Проверка» со ссылками на ячейки, а сами ячейки
на листе «Дорожная карта» подсвечиваются (ошибки — красным, предупреждения — жёлтым)
и получают примечание, что исправить. При повторной проверке старые отметки снимаются.
Код выхода 1, если есть ошибки.

Пример:
  roadmap-tools check Roadmap.xlsx
  roadmap-tools check Roadmap.xlsx --json
"""

from __future__ import annotations

import argparse

from roadmap_tools.commands._common import add_json_option, add_school_year_option, print_json, writing


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", metavar="КНИГА", help="книга дорожной карты (.xlsx или .xlsm)")
    add_school_year_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.actions.on_file import run_check

    with writing([args.workbook]):  # held from reading the book to writing it back
        result = run_check(args.workbook, school_year=args.school_year)
    if args.json:
        print_json(result.to_json())
    else:
        for f in result.findings:
            place = f"{f.sheet}!{f.cell}" if f.cell else f.sheet
            number = f" (№ {f.number})" if f.number.strip() else ""
            print(f"{f.severity_ru}: {place}{number}: {f.message}")
        print(f"Итого: ошибок — {result.errors}, предупреждений — {result.warnings}. Подробности на листе «Проверка».")
    return 1 if result.errors else 0
