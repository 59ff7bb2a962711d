"""Прочитать сроки, как они написаны в дорожной карте: вид срока, начало, конец.

Сроки берутся из аргументов, а если их нет, со стандартного ввода (по одному в строке).
Срок без года относится к первому году дорожной карты (--years), а в учебном году
(--school-year 2023) сентябрь–декабрь — к 2023 году, январь–август — к 2024.

Пример:
  roadmap-tools deadlines "Январь-февраль 2022 года" "ежегодно (июнь)" --years 2021-2024
  cat сроки.txt | roadmap-tools deadlines --years 2022 --json
  roadmap-tools deadlines "II четверть" "28-29 февраля" --school-year 2023

Код выхода: 0 все сроки прочитаны, 1 есть нераспознанные или пустые, 2 ошибка в аргументах.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from typing import List, Optional

from roadmap_tools.commands._common import add_json_option, add_school_year_option, parse_years, print_json
from roadmap_tools.deadlines import parse_deadline
from roadmap_tools.errors import RoadmapError
from roadmap_tools.lexicon.vocab import DEADLINE_KIND_TITLES
from roadmap_tools.model import Deadline

NOT_READ = ("unparsed", "missing")
#: No deadline holds a number longer than this (a date without dots is 8 digits: 01032022).
MAX_DIGITS = 12
_DIGIT_RUN = re.compile(r"\d{%d,}" % (MAX_DIGITS + 1))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "phrases",
        nargs="*",
        metavar="СРОК",
        help="срок, как он написан; без аргументов сроки читаются со стандартного ввода",
    )
    parser.add_argument(
        "--years", type=parse_years, default=[], metavar="ГОДЫ", help="годы дорожной карты: 2022 или 2021-2024"
    )
    add_school_year_option(parser)
    add_json_option(parser)


def _read_stdin() -> List[str]:
    if sys.stdin.isatty():
        print("Введите сроки, по одному в строке; конец ввода: Ctrl+D (в Windows Ctrl+Z, Enter).", file=sys.stderr)
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # already text (a StringIO in tests, an IDE's console)
        return [line.rstrip("\r\n") for line in sys.stdin.read().splitlines()]
    return decode_lines(raw.read())


def decode_lines(data: bytes) -> List[str]:
    """Lines of UTF-8 text (a BOM allowed); a line that is not UTF-8 is an input error naming it."""
    lines = []
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            lines.append(line.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError as exc:
            raise RoadmapError(
                f"стандартный ввод, строка {number}: текст не в кодировке UTF-8 (байт {line[exc.start]:#04x} "
                f"в позиции {exc.start + 1}); сроки не прочитаны.",
                hint="Сохраните файл со сроками в кодировке UTF-8 (в Блокноте: «Сохранить как», кодировка "
                "UTF-8) и повторите.",
            ) from None
    return lines


def refuse_absurd_numbers(phrases: List[str], from_stdin: bool) -> None:
    """A number of thousands of digits is no deadline: an input error naming the line."""
    for number, text in enumerate(phrases, start=1):
        run = _DIGIT_RUN.search(text)
        if run:
            where = f"стандартный ввод, строка {number}" if from_stdin else f"срок № {number} в аргументах"
            raise RoadmapError(
                f"{where}: число из {len(run.group())} цифр ({run.group()[:20]}…) — это не срок "
                f"(в сроке не бывает чисел длиннее {MAX_DIGITS} цифр); сроки не прочитаны.",
                hint="Исправьте эту строку и повторите.",
            )


def _day(d: Optional[date]) -> str:
    return d.strftime("%d.%m.%Y") if d else "—"


def _note(d: Deadline) -> str:
    if d.reason and d.kind in NOT_READ:
        return d.reason
    if len(d.spans) > 1:
        return (
            f"сроков: {len(d.spans)}; "
            + ", ".join(f"{_day(a)}–{_day(b)}" if a != b else _day(a) for a, b in d.spans[:3])
            + (", …" if len(d.spans) > 3 else "")
        )
    return d.reason


def format_table(parsed: List[Deadline]) -> str:
    """The parses as a plain-text table in Russian."""
    header = ["Срок", "Вид", "Начало", "Конец", "Пояснение"]
    rows = [[d.text, DEADLINE_KIND_TITLES[d.kind], _day(d.start), _day(d.end), _note(d)] for d in parsed]
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header) - 1)]
    lines = []
    for r in [header] + rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1])
        if r is header:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * len(header[-1]))
    return "\n".join(line.rstrip() for line in lines)


def run(args: argparse.Namespace) -> int:
    phrases = args.phrases if args.phrases else _read_stdin()
    refuse_absurd_numbers(phrases, from_stdin=not args.phrases)
    parsed = [parse_deadline(text, args.years, args.school_year) for text in phrases]
    if args.json:
        for d in parsed:
            print_json(d.to_json())
    elif parsed:
        print(format_table(parsed))
        bad = sum(d.kind in NOT_READ for d in parsed)
        print(
            f"\nПрочитано сроков: {len(parsed) - bad} из {len(parsed)}"
            + (f"; не распознано или пусто: {bad}" if bad else "")
        )
    return 1 if any(d.kind in NOT_READ for d in parsed) else 0
