"""Options several commands share, defined once."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from roadmap_tools.errors import UsageError


def parse_date(text: str) -> date:
    """Accept 2022-03-31 and 31.03.2022."""
    text = text.strip()
    for parse in (date.fromisoformat, _dotted):
        try:
            return parse(text)
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"«{text}» не дата: укажите ГГГГ-ММ-ДД или ДД.ММ.ГГГГ")


def _dotted(text: str) -> date:
    day, month, year = text.split(".")
    return date(int(year), int(month), int(day))


def parse_years(text: str) -> list:
    """«2022» or «2021-2024» -> [2021, 2022, 2023, 2024]."""
    parts = text.replace("–", "-").split("-")
    try:
        years = [int(p) for p in parts if p.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}»: годы указываются как 2022 или 2021-2024") from None
    if not 1 <= len(years) <= 2 or any(not 1900 <= y <= 2200 for y in years) or years[0] > years[-1]:
        raise argparse.ArgumentTypeError(f"«{text}»: годы указываются как 2022 или 2021-2024")
    return list(range(years[0], years[-1] + 1))


def parse_school_year_option(text: str) -> int:
    """«2023» or «2023-2024» -> 2023."""
    from roadmap_tools.settings import parse_school_year

    try:
        return parse_school_year(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{text}»: учебный год указывается как 2023 (это 2023-2024) или 2023-2024") from None


def add_school_year_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--school-year", type=parse_school_year_option, metavar="ГОД",
                        help="дорожная карта на учебный год: 2023 или 2023-2024 (сентябрь–декабрь без года — "
                             "2023, январь–август — 2024); по умолчанию из названия или «Настроек»")


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="вывести результат в формате JSON")


def add_output_option(parser: argparse.ArgumentParser, default_hint: str) -> None:
    parser.add_argument("-o", "--output", metavar="ФАЙЛ", help=f"куда записать результат (по умолчанию {default_hint})")


def print_json(obj: Any, *, lines: bool = False) -> None:
    """Print JSON with Russian letters as they are (ensure_ascii=False)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def fail_usage(message: str) -> None:
    raise UsageError(message)
