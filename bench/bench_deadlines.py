"""Benchmark: our deadline parser against dateparser on the example phrases.

Run from the repository root:  python bench/bench_deadlines.py [FILE.tsv]

Prints phrases per second of each parser, how many phrases each gets right, and the
ratios. Ours is right when kind, start and end all match the file; dateparser returns
one date, so it is counted right when that date is the expected start or end (the most
it could get). It reads a phrase without a year against the roadmap's first year
(``RELATIVE_BASE``), as ours does. dateparser is a bench/test dependency only.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roadmap_tools.deadlines import _parse_deadline_uncached, parse_deadline  # noqa: E402
from tests.test_deadlines_examples import EXAMPLES, accepts, load_examples  # noqa: E402


def ours_right(row) -> bool:
    _, years, text, kinds, starts, ends = row
    d = parse_deadline(text, years)
    return d.kind in kinds and accepts(starts, d.start) and accepts(ends, d.end)


def dateparser_right(row, parse) -> bool:
    _, years, text, _kinds, starts, ends = row
    found = parse(text, years)
    if found is None:
        return False
    day = found.date().isoformat()
    return day in [s for s in starts + ends if s not in ("*", "null")]


def per_second(fn, rows, min_seconds: float) -> float:
    """Phrases per second of ``fn`` over all rows, repeated for at least ``min_seconds``."""
    done, start = 0, time.perf_counter()
    while True:
        for row in rows:
            fn(row)
        done += len(rows)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return done / elapsed


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else EXAMPLES
    rows = load_examples(path)
    try:
        import dateparser
    except ImportError:
        print("Нужен dateparser: pip install dateparser", file=sys.stderr)
        return 2

    def dp_parse(text, years):
        settings = {"RELATIVE_BASE": datetime(years[0], 1, 1)} if years else None
        return dateparser.parse(text, languages=["ru"], settings=settings)

    dp_parse("1 марта 2022", [2022])  # first call loads dateparser's language data: not timed

    ours_ok = sum(ours_right(r) for r in rows)
    dp_ok = sum(dateparser_right(r, dp_parse) for r in rows)
    # the parser itself: ``parse_deadline`` caches its answers (a roadmap repeats its deadlines),
    # and repeating the same 65 phrases would measure the cache
    ours_speed = per_second(lambda r: _parse_deadline_uncached(r[2], r[1]), rows, 1.0)
    dp_speed = per_second(lambda r: dp_parse(r[2], r[1]), rows, 1.0)

    n = len(rows)
    print(f"Фразы: {path.name}, {n} шт.")
    print(f"{'парсер':<16}{'фраз/с':>12}{'верно':>12}")
    print(f"{'roadmap_tools':<16}{ours_speed:>12,.0f}{f'{ours_ok}/{n}':>12}".replace(",", " "))
    print(f"{'dateparser':<16}{dp_speed:>12,.0f}{f'{dp_ok}/{n}':>12}".replace(",", " "))
    print(f"Скорость: roadmap_tools / dateparser = {ours_speed / dp_speed:.1f}")
    print(f"Верно: roadmap_tools {ours_ok / n:.0%}, dateparser {dp_ok / n:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
