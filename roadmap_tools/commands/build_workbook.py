"""Собрать рабочую книгу Roadmap.xlsm с вкладкой ленты «Дорожная карта» (без Excel).

Книга собирается из того, что несёт сам пакет: модули VBA, лента и листы. На лист
«Дорожная карта» попадает пример — дорожная карта Пензы 2022 года, или дорожная карта
из указанной книги (--roadmap). Без -o книга записывается в Roadmap.xlsm в текущей
папке. Предыдущая версия файла сохраняется как .bak.

Пример:
  roadmap-tools build-workbook
  roadmap-tools build-workbook -o Моя_карта.xlsm --roadmap дорожная_карта.xlsx
"""

from __future__ import annotations

import argparse

from roadmap_tools.commands._common import add_output_option, admit_output
from roadmap_tools.resources import SAMPLE_ROADMAP
from roadmap_tools.safeio import MACRO_WORKBOOK


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_output_option(parser, "Roadmap.xlsm")
    parser.add_argument("--roadmap", metavar="КНИГА.xlsx", help="взять дорожную карту из этой книги вместо примера")
    parser.add_argument("--empty", action="store_true", help="собрать книгу без примера (пустая дорожная карта)")


def load_roadmap(args: argparse.Namespace):
    """(roadmap, settings) for the sheet «Дорожная карта»: the user's book, the sample, or nothing."""
    if args.empty:
        return None, None
    if args.roadmap:
        from roadmap_tools.safeio import check_archive
        from roadmap_tools.workbook.book import read_roadmap_workbook

        check_archive(args.roadmap)
        return read_roadmap_workbook(args.roadmap)
    from roadmap_tools.reading.importer import import_roadmap

    return import_roadmap(SAMPLE_ROADMAP), None


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.xlsm.build import DEFAULT_OUTPUT, build_workbook

    # the book carries macros: only ever an .xlsm, never over the roadmap it takes
    target = admit_output(
        str(DEFAULT_OUTPUT) if args.output is None else args.output, (MACRO_WORKBOOK,), [args.roadmap]
    )
    roadmap, settings = load_roadmap(args)
    output = build_workbook(target, roadmap, settings)
    print(f"Книга записана: {output}")
    return 0
