"""Загрузить замечания куратора в дорожную карту.

Решения и комментарии из файла замечаний (его присылает регион, см. roadmap-tools
feedback) записываются в столбцы «Решение куратора» и «Комментарий куратора» листа
«Дорожная карта»; строки находятся по скрытому коду, иначе по разделу и тексту
мероприятия. Проверка (roadmap-tools check) называет каждую строку, возвращённую на
доработку. Файл для другого муниципалитета не принимается (код выхода 1).

Пример:
  roadmap-tools apply-feedback Roadmap.xlsx "Замечания куратора - Пенза.xlsx"
"""

from __future__ import annotations

import argparse

from roadmap_tools.commands._common import add_json_option, print_json, writing


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", metavar="КНИГА", help="книга дорожной карты (.xlsx или .xlsm)")
    parser.add_argument("feedback", metavar="ФАЙЛ", help="файл замечаний куратора (.xlsx)")
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.consolidation.feedback import run_apply_feedback

    with writing([args.workbook]):  # held from reading the book to writing it back
        result = run_apply_feedback(args.workbook, args.feedback)
    if args.json:
        print_json(result.to_json())
        return 0
    data = result.to_json()
    print(
        f"Замечания куратора ({result.municipality}): строк {data['applied']}, одобрено {data['approved']}, "
        f"на доработку {data['rework']}; не найдено в дорожной карте: {len(result.unmatched)}."
    )
    for activity, _, comment in result.rework:
        print(
            f"  на доработку: строка {activity.source.row} {activity.number} {activity.activity[:60]}"
            + (f" — {comment}" if comment else "")
        )
    return 0
