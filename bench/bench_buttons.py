"""Timings of the three buttons on a generated 2,000-activity roadmap, and import times.

    python bench/bench_buttons.py [--activities 2000]

Prints, for check, overdue and form: the pure core (plans included) and the whole
job on a workbook (read with openpyxl, apply, save); then the import time of each
module a button needs, measured in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MONTHS = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]
DEADLINES = [
    "{m} 2022 г.",
    "{m} – {n} 2022 г.",
    "до 15 {g} 2022 г.",
    "II квартал 2022 г.",
    "в течение 2022 года",
    "ежегодно ({m})",
    "по мере необходимости",
    "{m}, {n} 2022 г.",
]
GENITIVE = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
TOPICS = [
    "семинар",
    "совещание",
    "мониторинг",
    "анализ результатов",
    "вебинар",
    "конференция",
    "курсы",
    "методическая помощь",
    "отчёт",
    "приказ",
]


def generated_roadmap(n: int):
    from roadmap_tools.deadlines import parse_deadline
    from roadmap_tools.model import Activity, Roadmap, Section, Source

    sections = []
    per_section = 100
    for s in range(n // per_section):
        acts = []
        for i in range(per_section):
            k = s * per_section + i
            m = k % 12
            text = DEADLINES[k % len(DEADLINES)].format(m=MONTHS[m], n=MONTHS[min(m + 2, 11)], g=GENITIVE[m])
            a = Activity(
                number=f"{s + 1}.{i + 1}",
                activity=f"{TOPICS[k % len(TOPICS)].capitalize()} № {k} "
                f"для педагогов школ с низкими результатами, этап {k // 7}",
                deadline=text,
                executor="МБОУ ДПО МЦ",
                result="Аналитическая справка",
                status="Выполнено" if k % 3 == 0 else "",
                done_date=date(2022, 3, 1) if k % 3 == 0 else None,
                info="1 марта 2022 г. проведено" if k % 3 == 0 else "",
                link="https://mc.example.ru/d/%d" % k if k % 3 == 0 else "",
                section=f"Раздел {s + 1}",
            )
            a.parsed = parse_deadline(text, [2022])
            acts.append(a)
        sections.append(Section(f"{s + 1}. Раздел {s + 1}", acts))
    return Roadmap(
        title="Сгенерированная дорожная карта", years=[2022], sections=sections, source=Source(sheet="Дорожная карта")
    )


def timed(label: str, fn, repeat: int = 3, seconds: bool = False):
    """Best of ``repeat`` runs, printed; returns the result, or the seconds with ``seconds``."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    print(f"  {label:<44} {best * 1000:8.1f} ms")
    return best if seconds else result


def excel_door_timings(book: Path) -> list:
    """The ribbon's functions on the same workbook through xlwings' remote engine (the engine of
    xlwings Lite and Server): read the sheets from the client's JSON, run the job, queue the actions.
    Desktop Excel applies the same plans over COM; there is no Excel here to time that part."""
    import os

    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # the free licence, for measuring only
    try:
        import xlwings as xw

        from roadmap_tools import excel
        from tests.excel_harness import book_json_from_xlsx
    except ImportError as exc:
        print(f"Excel door skipped: {exc}")
        return []
    if "remote" not in [engine.name for engine in xw.engines]:
        from xlwings.pro import _xlremote

        xw.engines.add(xw.main.Engine(impl=_xlremote.engine))
    xw.__pro__ = True
    data = book_json_from_xlsx(book)
    print("The same buttons through xlwings (remote engine; read, job, actions; best of 3):")
    return [
        timed("check_entries", lambda: excel.check_entries(xw.Book(json=data)), seconds=True),
        timed("flag_overdue", lambda: excel.flag_overdue(xw.Book(json=data), as_of=date(2022, 6, 1)), seconds=True),
        timed(
            "monitoring_form",
            lambda: excel.monitoring_form(
                xw.Book(json=data), period_from=date(2022, 4, 1), period_to=date(2022, 6, 30)
            ),
            seconds=True,
        ),
    ]


def import_time(module: str) -> float:
    code = f"import time; t=time.perf_counter(); import {module}; print(time.perf_counter()-t)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=str(Path(__file__).resolve().parents[1])
    )
    if out.returncode:
        return float("nan")
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=2000)
    args = parser.parse_args()
    from roadmap_tools.actions import jobs as plans

    roadmap = generated_roadmap(args.activities)
    count = sum(1 for _ in roadmap.activities())
    print(f"Core on {count} activities (best of 3):")
    check = timed("check (findings + plans)", lambda: plans.check_job(roadmap, {}, (), {}, date(2022, 12, 31)))
    timed("overdue (statuses + plans)", lambda: plans.overdue_job(roadmap, {}, date(2022, 6, 1)))
    timed("form (selection + plans)", lambda: plans.form_job(roadmap, {}, date(2022, 4, 1), date(2022, 6, 30)))
    print(f"  ({len(check.findings)} findings)")

    try:
        from roadmap_tools.actions.on_file import run_check, run_form, run_overdue
        from roadmap_tools.workbook.book import write_roadmap_workbook
    except ImportError as exc:
        print(f"Workbook jobs skipped: {exc}")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            book = Path(tmp) / "bench.xlsx"
            write_roadmap_workbook(roadmap, book)
            print(f"Whole job on a workbook of {count} activities (read, apply, save; best of 3):")
            cli = [
                timed("run_check", lambda: run_check(book, today=date(2022, 12, 31)), seconds=True),
                timed("run_overdue", lambda: run_overdue(book, as_of=date(2022, 6, 1)), seconds=True),
                timed(
                    "run_form (+ separate form file)",
                    lambda: run_form(book, date(2022, 4, 1), date(2022, 6, 30), output=Path(tmp) / "form.xlsx"),
                    seconds=True,
                ),
            ]

            door = excel_door_timings(book)
            if door:
                print("Ratios, whole job on the file / the same button through xlwings:")
                for label, cli_seconds, door_seconds in zip(("check", "overdue", "form"), cli, door):
                    print(f"  {label:<44} {cli_seconds / door_seconds:8.1f}x")

    print("Import time in a fresh interpreter:")
    modules = [
        "roadmap_tools.checks",
        "roadmap_tools.control",
        "roadmap_tools.monitoring_form",
        "roadmap_tools.actions.jobs",
        "roadmap_tools.actions.on_file",
        "roadmap_tools.workbook.book",
        "roadmap_tools.excel",
        "openpyxl",
    ]
    for module in modules:
        seconds = import_time(module)
        shown = "not present" if seconds != seconds else f"{seconds * 1000:8.1f} ms"
        print(f"  {module:<44} {shown}")


if __name__ == "__main__":
    main()
