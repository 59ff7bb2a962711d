"""Выгрузить дорожную карту из рабочей книги в Word (.docx): приложение к приказу.

Название, разделы, нумерация и столбцы исходного документа; альбомный лист A4,
Times New Roman, строка заголовка таблицы повторяется на каждой странице. Документ
читается командой import обратно в ту же дорожную карту.

Пример:
  roadmap-tools export-word Roadmap.xlsx -o "Приложение к приказу.docx"

Без -o документ пишется рядом с книгой: «ИМЯ - дорожная карта.docx» (прежний
файл с этим именем сохраняется как .bak).
Код выхода: 0 готово, 1 книга не читается или в ней нет мероприятий (причина по-русски),
2 ошибка в аргументах.
"""

from __future__ import annotations

import argparse

from roadmap_tools.commands._common import add_output_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", metavar="КНИГА", help="книга дорожной карты (.xlsx или .xlsm)")
    add_output_option(parser, "«ИМЯ - дорожная карта.docx» рядом с книгой")


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.reports.word_export import export_word  # the command line starts without python-docx

    roadmap, written = export_word(args.workbook, args.output)
    activities = sum(len(section.activities) for section in roadmap.sections)
    print(f"Выгружено мероприятий: {activities}, разделов: {len(roadmap.sections)}.")
    print(f"Документ Word: {written}")
    return 0
