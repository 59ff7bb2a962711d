"""Форма мониторинга исполнения мероприятий за отчётный период.

Собирает мероприятия, сроки которых приходятся на период, в форму «Мониторинг
исполнения мероприятий …» (№п/п, мероприятие, информация о проведении, ссылка на
документ) с разделами; информация и ссылки берутся из отчётных столбцов листа
«Дорожная карта», незаполненные ячейки выделены. Форма пишется на лист «Форма
мониторинга» книги и, с -o, в отдельный файл .xlsx для отправки (А4, альбомная).

Период: --from/--to, иначе даты из «Настройки», иначе текущий квартал. Если задана
только одна дата, вторая берётся из «Настройки» (об этом сказано в выводе); если там
её нет — ошибка в аргументах (код 2) с указанием, чего не хватает.

Пример:
  roadmap-tools form Roadmap.xlsx --from 01.04.2022 --to 30.06.2022 -o Форма_2кв.xlsx
  roadmap-tools form Roadmap.xlsx --json
"""

from __future__ import annotations

import argparse

from roadmap_tools.commands._common import (
    add_json_option,
    add_output_option,
    add_school_year_option,
    admit_output,
    parse_date,
    print_json,
    writing,
)
from roadmap_tools.safeio import WORKBOOK


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", metavar="КНИГА", help="книга дорожной карты (.xlsx или .xlsm)")
    parser.add_argument("--from", dest="start", type=parse_date, metavar="ДАТА", help="начало периода")
    parser.add_argument("--to", dest="end", type=parse_date, metavar="ДАТА", help="конец периода")
    add_output_option(parser, "только лист «Форма мониторинга» в книге")
    add_school_year_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.actions.on_file import run_form

    output = admit_output(args.output, (WORKBOOK,), [args.workbook])
    with writing([args.workbook, output]):
        result = run_form(args.workbook, start=args.start, end=args.end, output=output, school_year=args.school_year)
    form = result.form
    if args.json:
        print_json(result.to_json())
        return 0
    rows = form.rows()
    to_fill = sum(bool(r.to_fill) for r in rows)
    if result.period_note:
        print(result.period_note)
    print(f"Форма мониторинга {form.period_text}: мероприятий — {len(rows)}, из них ещё не заполнено — {to_fill}.")
    if form.left_out:
        print(f"Не вошли из-за пустого или нераспознанного срока: {form.left_out} (см. «Проверка»).")
    print("Лист «Форма мониторинга» обновлён" + (f"; файл: {args.output}" if args.output else "") + ".")
    return 0
