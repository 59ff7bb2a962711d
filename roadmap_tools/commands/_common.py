"""Options several commands share, defined once."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, overload

from roadmap_tools.errors import UsageError
from roadmap_tools.safeio import OutputKind, check_name, check_output, write_locks
from roadmap_tools.workbook.settings import (
    EXCEL_FIRST_DATE,
    EXCEL_LAST_DATE,
    EXCEL_RANGE_WORDS,
    OutsideExcelDates,
    in_excel_range,
)


def parse_date(text: str) -> date:
    """Accept 2022-03-31 and 31.03.2022, within the dates Excel can hold (1900 to 9999)."""
    text = text.strip()
    year = _year_of(text)
    if year is not None and not EXCEL_FIRST_DATE.year <= year <= EXCEL_LAST_DATE.year:
        raise argparse.ArgumentTypeError(f"«{text}»: {EXCEL_RANGE_WORDS}")
    for parse in (date.fromisoformat, _dotted):
        try:
            return in_excel_range(parse(text))
        except OutsideExcelDates:
            raise argparse.ArgumentTypeError(f"«{text}»: {EXCEL_RANGE_WORDS}") from None
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"«{text}» не дата: укажите ГГГГ-ММ-ДД или ДД.ММ.ГГГГ")


def _year_of(text: str) -> Optional[int]:
    """The year as written (ГГГГ-ММ-ДД or ДД.ММ.ГГГГ), even one ``date`` cannot hold; None if no shape."""
    parts = text.split("-") if "-" in text[1:] else text.split(".")[::-1]
    if len(parts) == 3 and all(p.strip().lstrip("-").isdigit() for p in parts) and len(parts[0]) < 12:
        return int(parts[0])
    return None


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
    from roadmap_tools.workbook.settings import parse_school_year

    try:
        return parse_school_year(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{text}»: учебный год указывается как 2023 (это 2023-2024) или 2023-2024"
        ) from None


def add_school_year_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--school-year",
        type=parse_school_year_option,
        metavar="ГОД",
        help="дорожная карта на учебный год: 2023 или 2023-2024 (сентябрь–декабрь без года — "
        "2023, январь–август — 2024); по умолчанию из названия или «Настроек»",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="вывести результат в формате JSON")


def add_output_option(parser: argparse.ArgumentParser, default_hint: str) -> None:
    parser.add_argument("-o", "--output", metavar="ФАЙЛ", help=f"куда записать результат (по умолчанию {default_hint})")


@overload
def admit_output(output: str, kinds: Sequence[OutputKind], inputs: Iterable = (), option: str = "-o") -> Path: ...
@overload
def admit_output(
    output: Optional[str], kinds: Sequence[OutputKind], inputs: Iterable = (), option: str = "-o"
) -> Optional[Path]: ...
def admit_output(
    output: Optional[str], kinds: Sequence[OutputKind], inputs: Iterable = (), option: str = "-o"
) -> Optional[Path]:
    """The output a user named, refused (exit 2) if it is an input or its extension does not fit."""
    if output is None:
        return None
    return check_output(output, kinds, inputs, option=option)


def admit_folder(folder: str, option: str = "-o") -> Path:
    """A folder a command writes several files into: refused (exit 2) if a file has that name."""
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise UsageError(
            f"{option} «{path}»: это файл, а команда пишет несколько файлов в папку.",
            hint="Укажите папку (новую или существующую).",
        )
    check_name(path)
    return path


#: Held around a command that writes: the files it writes, from before it reads them until written.
writing = write_locks


def print_json(obj: Any, *, lines: bool = False) -> None:
    """Print JSON with Russian letters as they are (ensure_ascii=False)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def fail_usage(message: str) -> None:
    raise UsageError(message)
