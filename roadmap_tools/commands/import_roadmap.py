"""Импортировать дорожную карту из Word (.docx, .doc), PDF, .rtf, .odt или Excel в рабочую книгу.

Находит в документе таблицу дорожной карты по заголовкам столбцов (в любом порядке и
формулировке: «№ п/п», «Мероприятие», «Сроки», «Исполнители», «Ожидаемый результат»),
разделы, строки, разорванные переходом на новую страницу, и продолжения таблицы;
название, организацию и годы берёт из текста документа. Пишет рабочую книгу с листами
«Дорожная карта», «Справочники», «Настройки». Если книга уже есть, она обновляется:
свои столбцы пользователя, отметки о выполнении и другие листы сохраняются.
Заполненные в документе отчётные столбцы («Отметка о выполнении», «Примечание» и т. п.)
переносятся в отчётные столбцы книги, а столбцы документа, которых у нас нет, —
сохраняются на листе «Дорожная карта» после наших, с заголовками и значениями; вывод
(и --json: kept_columns, report_columns) называет их.

Пример:
  roadmap-tools import приказ.docx -o Roadmap.xlsx
  roadmap-tools import приказ.docx --json
  roadmap-tools import план.pdf --school-year 2023-2024

PDF читается, если в нём есть текст (скан без текста не читается); .doc, .rtf и .odt —
через LibreOffice, если он установлен. Учебный год (--school-year) берётся и из названия
(«на 2023-2024 учебный год»): сроки без года ложатся в него.

Без -o книга пишется рядом с документом: ИМЯ_roadmap.xlsx. С --json без -o только
выводит JSON и ничего не пишет.
Код выхода: 0 готово, 1 документ не прочитан (причина по-русски), 2 ошибка в аргументах.
"""

from __future__ import annotations

import argparse
import sys

from roadmap_tools.commands._common import (
    add_json_option,
    add_output_option,
    add_school_year_option,
    admit_output,
    print_json,
    writing,
)
from roadmap_tools.safeio import MACRO_WORKBOOK, WORKBOOK, check_readable

NAME = "import"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="ФАЙЛ", help="дорожная карта: .docx, .pdf (с текстом), .doc, .rtf, .odt, .xlsx или .xlsm"
    )
    add_output_option(parser, "ИМЯ_roadmap.xlsx рядом с документом")
    add_school_year_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.reading.importer import (
        default_output,
        import_json,
        import_roadmap,
        import_to_workbook,
        kept_columns_text,
    )

    if args.json and not args.output:
        print_json(import_json(import_roadmap(args.file, args.school_year)))
        return 0
    # an existing roadmap book may be an .xlsm (its macros kept); a new one is an .xlsx
    output = admit_output(args.output, (WORKBOOK, MACRO_WORKBOOK), [args.file]) or default_output(
        check_readable(args.file)
    )
    with writing([output]):  # an existing book is read, then updated
        roadmap, written = import_to_workbook(args.file, output, args.school_year)
    if args.json:
        print_json(import_json(roadmap))
        return 0
    activities = sum(len(section.activities) for section in roadmap.sections)
    years = (
        "–".join(str(y) for y in (roadmap.years[:1] + roadmap.years[-1:] if len(roadmap.years) > 1 else roadmap.years))
        or "не найдены"
    )
    period = (
        f"учебный год: {roadmap.school_year}-{roadmap.school_year + 1}" if roadmap.school_year else f"годы: {years}"
    )
    print(f"Импортировано мероприятий: {activities}, разделов: {len(roadmap.sections)}, {period}.")
    kept = kept_columns_text(roadmap)
    if kept:
        print(kept)
    print(f"Рабочая книга: {written}")
    if not roadmap.title:
        print("Название дорожной карты в документе не найдено: впишите его на листе «Настройки».", file=sys.stderr)
    return 0
