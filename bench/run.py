"""Every job against its floor, in one run: a table of job, time, floor, ratio, target, PASS/FAIL.

    python bench/run.py                         # everything (a few minutes on 2 cores)
    python bench/run.py --forms /tmp/forms      # keep the generated forms there, reuse them next time

Times are CPU seconds (the process and its worker processes), best of ``--repeat`` runs:
on a shared machine they move much less than wall-clock times, and each ratio is taken
between figures measured in the same run.

- «Командная строка»: ``run_check`` / ``run_overdue`` on a 20,000-activity roadmap workbook
  against openpyxl loading and saving the same book. Target: at most 1.1 times.
- «Сводка, чтение»: ``consolidate`` of 1,000 forms (960 .xlsx, 40 .docx with a cover letter)
  with 2 worker processes, against python-calamine reading every sheet of the same .xlsx
  files (lxml parsing ``word/document.xml`` of the .docx) with 2 processes. Target: 3 times.
- «Сводка, вся команда»: ``roadmap-tools consolidate ПАПКА -o Сводка.xlsx --workers 2`` as a
  user runs it (a new interpreter, imports, reading, the summary workbook), against the same
  floor. Target: 6 times.
- «Лента»: the buttons through xlwings' remote engine (the engine of xlwings Lite; reading
  the sheets from the client's JSON, the job, the queued actions) at 20,000 activities; the
  floor shown is the core job alone (``plans.*_job`` on the roadmap). Target: 1 CPU second.
- «Память»: peak resident memory of the largest process of ``roadmap-tools consolidate`` on
  5,000 forms. Target: under 300 MB.
"""

from __future__ import annotations

import argparse
import compileall
import copy
import gc
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_buttons import generated_roadmap  # noqa: E402
from bench.bench_consolidate import generate  # noqa: E402

AS_OF = date(2025, 1, 15)


# --- measuring ---------------------------------------------------------------------
def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best_cpu(fn, repeat: int, before=None) -> float:
    """The least CPU time of ``repeat`` runs of ``fn`` (``before`` runs untimed before each)."""
    return interleaved({"": fn}, repeat, before)[""]


def interleaved(jobs: dict, repeat: int, before=None) -> dict:
    """Name -> the least CPU time of ``repeat`` runs of each job, the jobs taking turns, so
    that a busy moment of a shared machine falls on a job and its floor alike."""
    best = {name: float("inf") for name in jobs}
    for _ in range(repeat):
        for name, fn in jobs.items():
            if before:
                before()
            # no garbage of the run before: which job pays for collecting it would depend on the order
            gc.collect()
            started = cpu_seconds()
            fn()
            best[name] = min(best[name], cpu_seconds() - started)
    return best


class Table:
    def __init__(self):
        self.rows = []

    def ratio(self, job: str, seconds: float, floor: float, target: float) -> None:
        ratio = seconds / floor
        self.rows.append((job, f"{seconds:.2f}", f"{floor:.2f}", f"{ratio:.2f}x", f"<= {target:g}x", ratio <= target))
        print(f"  {job}: {seconds:.2f} s, floor {floor:.2f} s, {ratio:.2f}x", file=sys.stderr)

    def absolute(
        self,
        job: str,
        value: float,
        floor: str,
        target: float,
        unit: str,
        strict: bool = False,
        floor_value: Optional[float] = None,
    ) -> None:
        """A row judged by its own value; with ``floor_value`` its ratio to that floor is shown too."""
        ok = value < target if strict else value <= target
        ratio = f"{value / floor_value:.2f}x" if floor_value else ""
        self.rows.append(
            (job, f"{value:.2f} {unit}".strip(), floor, ratio, f"{'<' if strict else '<='} {target:g} {unit}", ok)
        )
        print(f"  {job}: {value:.2f} {unit}", file=sys.stderr)

    def print(self) -> None:
        header = ("job", "time", "floor", "ratio", "target", "")
        rows = [header] + [r[:5] + ("PASS" if r[5] else "FAIL",) for r in self.rows]
        widths = [max(len(str(r[i])) for r in rows) for i in range(6)]
        for index, row in enumerate(rows):
            print(
                "  ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w) for i, (v, w) in enumerate(zip(row, widths)))
            )
            if index == 0:
                print("  ".join("-" * w for w in widths))


# --- command line jobs ----------------------------------------------------------------
def openpyxl_load_and_save(source: Path, target: Path) -> None:
    import openpyxl

    openpyxl.load_workbook(source).save(target)


def bench_cli(table: Table, book: Path, work: Path, repeat: int) -> None:
    from roadmap_tools.actions.on_file import run_check, run_overdue

    copy = work / "job.xlsx"
    fresh = lambda: shutil.copyfile(book, copy)  # noqa: E731 - every run starts from the same book
    best = interleaved(
        {
            "floor": lambda: openpyxl_load_and_save(copy, work / "saved.xlsx"),
            "check": lambda: run_check(copy, today=date(2022, 12, 31)),
            "overdue": lambda: run_overdue(copy, as_of=date(2022, 6, 1)),
        },
        repeat,
        fresh,
    )
    for label in ("check", "overdue"):
        table.ratio(
            f"Командная строка: {label}, 20 000 мероприятий / openpyxl load+save", best[label], best["floor"], 1.1
        )


# --- the ribbon through xlwings' remote engine --------------------------------------------
def bench_ribbon(table: Table, book: Path, repeat: int) -> None:
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # the free licence, for measuring only
    import xlwings as xw
    from xlwings.pro import _xlremote

    from roadmap_tools import excel
    from roadmap_tools.actions import jobs as plans
    from roadmap_tools.workbook.book import read_roadmap_workbook
    from tests.excel_harness import book_json_from_xlsx

    if "remote" not in [engine.name for engine in xw.engines]:
        xw.engines.add(xw.main.Engine(impl=_xlremote.engine))
    xw.__pro__ = True
    data = book_json_from_xlsx(book)
    roadmap, settings = read_roadmap_workbook(book)
    # xlwings keeps what a button adds (sheets, notes) in the JSON it was given: every run
    # gets a copy of the client's JSON, made before the clock starts, as every click gets its own
    client = {}

    def fresh_json() -> None:
        client["json"] = copy.deepcopy(data)  # ``interleaved`` collects the garbage after it

    jobs = [
        (
            "check",
            lambda: excel.check_entries(xw.Book(json=client["json"])),
            lambda: plans.check_job(roadmap, settings, [], {}, date(2022, 12, 31)),
        ),
        (
            "overdue",
            lambda: excel.flag_overdue(xw.Book(json=client["json"]), as_of=date(2022, 6, 1)),
            lambda: plans.overdue_job(roadmap, settings, date(2022, 6, 1)),
        ),
        (
            "form",
            lambda: excel.monitoring_form(
                xw.Book(json=client["json"]), period_from=date(2022, 4, 1), period_to=date(2022, 6, 30)
            ),
            lambda: plans.form_job(roadmap, settings, date(2022, 4, 1), date(2022, 6, 30)),
        ),
    ]
    for label, button, core in jobs:
        best = interleaved({"button": button, "core": core}, repeat, fresh_json)
        seconds, core_seconds = best["button"], best["core"]
        table.absolute(
            f"Лента (xlwings remote): {label}, 20 000 мероприятий",
            seconds,
            f"ядро {core_seconds:.2f}",
            1.0,
            "s",
            floor_value=core_seconds,
        )


# --- consolidation ------------------------------------------------------------------------
def floor_read(path: str) -> int:
    """What reading a report costs at the least: python-calamine's values of every sheet of an
    .xlsx; lxml's parse of the body of a .docx."""
    if path.endswith(".docx"):
        from lxml import etree

        with zipfile.ZipFile(path) as zf:
            return len(etree.fromstring(zf.read("word/document.xml")))
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(path)
    cells = sum(
        len(row)
        for name in workbook.sheet_names
        for row in workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    )
    workbook.close()
    return cells


def floor_read_all(files: list, workers: int) -> None:
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(floor_read, files, chunksize=max(1, len(files) // (workers * 8))))


def run_command(args: list) -> None:
    subprocess.run(
        [sys.executable, "-m", "roadmap_tools", *args],
        check=True,
        cwd=str(ROOT),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def bench_consolidation(table: Table, forms: Path, work: Path, repeat: int, workers: int = 2) -> None:
    from roadmap_tools.consolidation.consolidate import consolidate, find_report_files

    files = [str(p) for p in find_report_files([forms])]
    output = work / "Сводка.xlsx"
    best = interleaved(
        {
            "floor": lambda: floor_read_all(files, workers),
            "reading": lambda: consolidate([forms], workers=workers, as_of=AS_OF),
            "whole": lambda: run_command(
                ["consolidate", str(forms), "-o", str(output), "--workers", str(workers), "--as-of", AS_OF.isoformat()]
            ),
        },
        repeat,
    )
    table.ratio(f"Сводка, чтение: {len(files)} форм, {workers} процесса / calamine", best["reading"], best["floor"], 3)
    table.ratio(f"Сводка, вся команда: {len(files)} форм / calamine", best["whole"], best["floor"], 6)


# The peak of this process is VmHWM (Linux), not ru_maxrss: Linux keeps a process's ru_maxrss
# across execve, so a command started from this bench (holding a 20,000-activity book) would
# report the bench's own size. Worker processes forked by the command start their peak anew.
_PEAK = """
import resource, sys
from roadmap_tools.cli import main
code = main(sys.argv[1:])
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    with open("/proc/self/status") as status:
        own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print(max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
"""


def bench_memory(table: Table, forms: Path, work: Path, workers: int = 2) -> None:
    count = sum(1 for _ in forms.rglob("form_*"))
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            _PEAK,
            "consolidate",
            str(forms),
            "-o",
            str(work / "Сводка5000.xlsx"),
            "--workers",
            str(workers),
            "--as-of",
            AS_OF.isoformat(),
        ],
        check=True,
        cwd=str(ROOT),
        capture_output=True,
        text=True,
    )
    peak_mb = int(out.stdout.strip().splitlines()[-1]) / 1024  # ru_maxrss is in KiB on Linux
    table.absolute(f"Память: сводка {count} форм, пик RSS крупнейшего процесса", peak_mb, "", 300, "MB", strict=True)


# --- the run ---------------------------------------------------------------------------
def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--forms", help="folder for the generated forms (reused when filled; default: temporary)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each measurement; the best counts")
    parser.add_argument("--activities", type=int, default=20000)
    parser.add_argument("--skip", action="append", default=[], choices=["cli", "ribbon", "consolidation", "memory"])
    args = parser.parse_args(argv)

    # the package's bytecode, as pip compiles it when it installs the wheel on a user's machine:
    # a checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module anew in
    # each command the bench starts
    compileall.compile_dir(str(ROOT / "roadmap_tools"), quiet=1)

    from roadmap_tools.workbook.book import write_roadmap_workbook

    table = Table()
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as tmp:
        work = Path(tmp)
        forms = Path(args.forms) if args.forms else work / "forms"
        if not {"cli", "ribbon"} <= set(args.skip):
            book = work / "roadmap.xlsx"
            started = time.perf_counter()
            write_roadmap_workbook(generated_roadmap(args.activities), book)
            print(
                f"roadmap of {args.activities} activities written in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
            if "cli" not in args.skip:
                bench_cli(table, book, work, args.repeat)
            if "ribbon" not in args.skip:
                bench_ribbon(table, book, args.repeat)
        if "consolidation" not in args.skip:
            generate(forms / "1000", 1000, 2)
            bench_consolidation(table, forms / "1000", work, args.repeat)
        if "memory" not in args.skip:
            generate(forms / "5000", 5000, 2)
            bench_memory(table, forms / "5000", work)
    print(f"CPU seconds, best of {args.repeat}; {os.cpu_count()} cores; python {sys.version.split()[0]}")
    table.print()
    return 0 if all(row[5] for row in table.rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
