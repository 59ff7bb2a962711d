"""Запросы исполнителям: по книге на каждого исполнителя с мероприятиями периода.

Для отчётного периода (--from/--to, иначе «Настройки», иначе текущий квартал) каждому
исполнителю, названному в столбце «Ответственные исполнители», — своя небольшая книга:
его мероприятия периода, заголовки как в форме мониторинга, незащищёнными оставлены
только ячейки «Информация о проведении мероприятия» и «Ссылка на документ» (защита
листа без пароля). У каждой строки скрытый постоянный «Код строки» (он же записывается
в скрытый столбец листа «Дорожная карта»). Если на листе «Справочники» в столбце
«E-mail исполнителя» указан адрес, рядом кладётся черновик письма .eml.

Пример:
  roadmap-tools requests Roadmap.xlsx --from 01.01.2022 --to 30.06.2022 -o Запросы/
  roadmap-tools requests Roadmap.xlsx -o Запросы/ --json
"""

from __future__ import annotations

import argparse

from roadmap_tools.commands._common import add_json_option, admit_folder, parse_date, print_json, writing


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", metavar="КНИГА", help="книга дорожной карты (.xlsx или .xlsm)")
    parser.add_argument("--from", dest="start", type=parse_date, metavar="ДАТА", help="начало периода")
    parser.add_argument("--to", dest="end", type=parse_date, metavar="ДАТА", help="конец периода")
    parser.add_argument(
        "-o",
        "--output",
        metavar="ПАПКА",
        default="Запросы исполнителям",
        help="папка для книг запросов (по умолчанию «Запросы исполнителям»)",
    )
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.executors.requests import run_requests

    output = admit_folder(args.output)
    with writing([args.workbook]):  # the book gets the rows' hidden codes
        result = run_requests(args.workbook, output, start=args.start, end=args.end)
    if args.json:
        print_json(result.to_json())
        return 0
    print(f"Запросы за период с {result.start:%d.%m.%Y} по {result.end:%d.%m.%Y}: файлов — {len(result.files)}.")
    for item in result.files:
        mail = f", письмо: {item.eml.name}" if item.eml else ""
        print(f"  {item.path.name}: {item.executor} — мероприятий {len(item.activities)}{mail}")
    if result.without_executor:
        print(f"Без исполнителя (никому не отправлены): {len(result.without_executor)}.")
    return 0
