"""Показать всю работу на примере: дорожная карта Пензы 2022 года, которую несёт пакет.

Импортирует пример из Word в рабочую книгу с примерными настройками, проверяет её,
отмечает просрочки на дату контроля, собирает форму мониторинга за отчётный период,
пишет сопроводительное письмо и черновик e-mail, собирает Roadmap.xlsm с лентой и
диаграммой Ганта. Все файлы — в папке -o (по умолчанию out).

Пример:
  roadmap-tools demo -o out
"""

from __future__ import annotations

import argparse
import sys

from roadmap_tools.commands._common import add_output_option, admit_folder, writing
from roadmap_tools.safeio import check_name


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_output_option(parser, "папка out")


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.demo import BOOK_NAME, XLSM_NAME, run_demo

    output = admit_folder("out" if args.output is None else args.output)
    check_name(output / XLSM_NAME)
    with writing([output / BOOK_NAME, output / XLSM_NAME]):  # each book is read and updated step after step
        result = run_demo(output, progress=lambda text: print(text, file=sys.stderr, flush=True))
    print()
    for line in result.lines:
        print(line)
    print("\nФайлы:")
    for what, path in result.files:
        print(f"  {what}: {path}")
    return 0
