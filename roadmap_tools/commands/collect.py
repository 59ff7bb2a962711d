"""Собрать ответы исполнителей в отчётные столбцы дорожной карты.

Читает вернувшиеся книги запросов (папку целиком или файлы) и вписывает ответы в
«Информация о проведении» и «Ссылка на документ» листа «Дорожная карта». Строки
находятся по скрытому коду, даже если исполнитель сортировал, фильтровал или вставлял
строки. Ячейка, где уже записан другой текст, — конфликт: он перечислен на листе «Сбор
ответов» и не перезаписывается. Там же — чужие файлы, строки без кода и мероприятия,
на которые никто не ответил. Ответ по другой дорожной карте не принимается (код выхода 1).

Пример:
  roadmap-tools collect Roadmap.xlsx Ответы/
  roadmap-tools collect Roadmap.xlsx "Ответ Иванова.xlsx" "Ответ школы.xlsx" --json
"""

from __future__ import annotations

import argparse

from roadmap_tools.commands._common import add_json_option, print_json, writing


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", metavar="КНИГА", help="книга дорожной карты (.xlsx или .xlsm)")
    parser.add_argument("paths", nargs="+", metavar="ПАПКА_ИЛИ_ФАЙЛ", help="ответы исполнителей: папка или файлы")
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.executors.collect import run_collect

    with writing([args.workbook]):  # held from reading the book to writing the answers into it
        result = run_collect(args.workbook, args.paths)
    if args.json:
        print_json(result.to_json())
        return 0
    print(
        f"Прочитано ответов: {len(result.files)}; заполнено ячеек: {len(result.filled)}; "
        f"конфликтов: {len(result.conflicts)}; без ответа: {len(result.unanswered)}; "
        f"чужих файлов: {len(result.unknown_files)}; строк без кода: {len(result.unknown_rows)}."
    )
    print("Подробности на листе «Сбор ответов».")
    return 0
