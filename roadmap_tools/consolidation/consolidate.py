"""Regional consolidation: many municipalities' monitoring reports -> one summary.

``consolidate(paths)`` reads every report it finds (folders recursively, globs;
.xlsx/.xlsm forms and roadmap workbooks, Word .docx forms), tells whose each is and
sums the files of one municipality. ``summary.write_summary`` writes the result.

What is counted, per report, then summed per municipality:

- activities: activity rows of the report's table (section rows and the «1 2 3 4»
  row under the header are not activities; a row split by a page break is one row);
- reported: activities whose information cell says something done: not empty, not
  one of ``vocab.NO_INFO_WORDS`` («-», «нет»…) and not starting with one of
  ``vocab.NOT_DONE_STARTS`` («не проводилось в связи с карантином», «мероприятие
  перенесено на IV квартал»);
- with_link: activities with a web address in the link cell or in the information
  cell (addresses inside text count: «ссылка на документ: https://…»; so do addresses
  without «http://» that have a path, «uo.ru/docs/a.pdf», and Excel or Word hyperlinks
  behind a cell's text; a bare site «www.school.ru» does not);
- overdue: for a roadmap workbook, activities whose deadline control status is
  «Просрочено» as of the consolidation date; for a form, activities with no
  information when the form's reporting period (read from its title or cover
  letter) ended before that date. A form whose period is unknown has none overdue:
  we do not guess a period;
- share_done: reported / activities (0 when there are no activities).

Whose report: the municipality named in the form's title («… города Кузнецка …»),
else in the cover letter's sender block («Управление образования города Кузнецка»;
each of its paragraphs in turn),
else (roadmap workbooks) the organisation in «Настройки», else the file name. Names
after «города» are put in the nominative by ``morphology`` («Кузнецка» -> «Кузнецк»,
«Городища» -> «Городище») and compared lower-case with «ё» as «е», so «г. Кузнецк» and
«города Кузнецка» are one municipality.
"""

from __future__ import annotations

import glob
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Optional, Union

from roadmap_tools.consolidation.report_reader import (
    REPORT_SUFFIXES,
    Report,
    ReportRow,
    Unreadable,
    load_shared_state,
    municipality_key,
    read_report,
    same_municipality_keys,
)

__all__ = [
    "find_report_files",
    "read_report",
    "consolidate",
    "Summary",
    "MunicipalityTotals",
    "Report",
    "ReportRow",
    "Unreadable",
    "PARALLEL_FROM",
]

#: Columns of the sheet «Сводка» and of ``Summary.municipalities_frame``.
SUMMARY_HEADER = [
    "Муниципалитет",
    "Файлов",
    "Мероприятий",
    "С информацией",
    "Со ссылкой",
    "Просрочено",
    "Доля выполненных",
]

#: Columns of ``Summary.rows_frame`` and of ``consolidate --csv``.
ROW_COLUMNS = [
    "Муниципалитет",
    "Файл",
    "Раздел",
    "№",
    "Мероприятие",
    "Информация",
    "Ссылка",
    "С информацией",
    "Со ссылкой",
    "Просрочено",
]

#: Below this many files, reading in one process is faster than starting workers.
PARALLEL_FROM = 24

Progress = Callable[[int, int, str], None]  # (done, total, file just read)


def _is_skipped(path: Path) -> bool:
    name = path.name
    return (
        name.startswith("~$")
        or name.startswith(".~lock")
        or name.startswith(".")
        or name.endswith((".tmp", "#"))
        or ".bak." in name
    )


def find_report_files(
    paths: Iterable[Union[str, os.PathLike]], exclude: Iterable[Union[str, os.PathLike]] = ()
) -> List[Path]:
    """Report files under ``paths``: folders (recursively), globs and files, in a stable order.

    Skips Excel/LibreOffice lock files (``~$…``, ``.~lock…``), temporary and hidden
    files, our ``.bak`` backups and the files in ``exclude`` (the summary being written).
    A file named explicitly is kept whatever it is, so it is reported if unreadable.
    """
    # realpath, not Path.resolve: a symlink loop among the reports is a file that does not read,
    # not a RuntimeError
    excluded = {Path(os.path.realpath(p)) for p in exclude}
    found: List[Path] = []
    seen = set()
    folders: dict = {}  # folder -> its realpath: a thousand files of one folder resolve it once

    def realpath(path: Path) -> str:
        if path.is_symlink() or path.name in ("", ".", ".."):
            return os.path.realpath(path)
        folder = str(path.parent)
        if folder not in folders:
            folders[folder] = os.path.realpath(folder)
        return os.path.join(folders[folder], path.name)

    def add(path: Path, explicit: bool = False) -> None:
        if not explicit and (_is_skipped(path) or path.suffix.lower() not in REPORT_SUFFIXES):
            return
        resolved = Path(realpath(path))
        if resolved in seen or resolved in excluded:
            return
        seen.add(resolved)
        found.append(path)

    for raw in paths:
        text = str(raw)
        path = Path(text)
        if path.is_dir():
            for child in sorted(path.rglob("*"), key=lambda p: str(p).lower()):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts[:-1]):
                    add(child)
        elif any(ch in text for ch in "*?[") and not path.exists():
            for match in sorted(glob.glob(text, recursive=True), key=str.lower):
                candidate = Path(match)
                if candidate.is_file():
                    add(candidate)
                elif candidate.is_dir():
                    for child in sorted(candidate.rglob("*"), key=lambda p: str(p).lower()):
                        if child.is_file():
                            add(child)
        else:
            add(path, explicit=True)
    return found


@dataclass
class MunicipalityTotals:
    """One municipality's figures, summed over its files."""

    name: str
    files: list = field(default_factory=list)  # list[str]
    activities: int = 0
    reported: int = 0
    with_link: int = 0
    overdue: int = 0

    @property
    def share_done(self) -> float:
        return self.reported / self.activities if self.activities else 0.0

    def add(self, other: "MunicipalityTotals") -> None:
        self.files.extend(other.files)
        self.activities += other.activities
        self.reported += other.reported
        self.with_link += other.with_link
        self.overdue += other.overdue

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "files": list(self.files),
            "activities": self.activities,
            "reported": self.reported,
            "with_link": self.with_link,
            "overdue": self.overdue,
            "share_done": round(self.share_done, 4),
        }


def total_of(municipalities: Iterable[MunicipalityTotals]) -> MunicipalityTotals:
    """The region's figures: the municipalities' summed."""
    result = MunicipalityTotals("Итого")
    for municipality in municipalities:
        result.add(municipality)
    return result


@dataclass
class Summary:
    """The consolidation's result: reports read, files not read, figures by municipality."""

    as_of: date
    reports: list = field(default_factory=list)  # list[Report], in file order
    unreadable: list = field(default_factory=list)  # list[Unreadable], in file order

    def totals_of(self, report: Report) -> MunicipalityTotals:
        return MunicipalityTotals(
            report.name,
            [report.file],
            report.activities,
            report.reported,
            report.with_link,
            len(report.overdue_rows(self.as_of)),
        )

    @property
    def municipalities(self) -> List[MunicipalityTotals]:
        """One entry per municipality, files of one municipality summed, sorted by name."""
        canonical = same_municipality_keys(municipality_key(r.name) for r in self.reports)
        names = {municipality_key(r.name): r.name for r in reversed(self.reports)}  # first file's spelling
        by_key: dict = {}
        for report in self.reports:
            key = canonical[municipality_key(report.name)]
            if key not in by_key:
                by_key[key] = MunicipalityTotals(names[key])
            by_key[key].add(self.totals_of(report))
        return sorted(by_key.values(), key=lambda m: municipality_key(m.name))

    @property
    def total(self) -> MunicipalityTotals:
        return total_of(self.municipalities)

    def overdue_rows(self) -> list:
        """(report, row) of every overdue activity."""
        return [(report, row) for report in self.reports for row in report.overdue_rows(self.as_of)]

    def incomplete_rows(self) -> list:
        """(report, row, what is missing) of every activity without information or without a link."""
        result = []
        for report in self.reports:
            for row in report.rows:
                missing = [
                    what for what, ok in (("нет информации", row.reported), ("нет ссылки", row.has_link)) if not ok
                ]
                if missing:
                    result.append((report, row, ", ".join(missing)))
        return result

    def rows_frame(self):
        """Every activity row of every report as a pandas DataFrame, for the region's own analysis."""
        import pandas as pd

        overdue = {(id(report), id(row)) for report, row in self.overdue_rows()}
        records = [
            {
                "Муниципалитет": report.name,
                "Файл": report.file,
                "Раздел": row.section,
                "№": row.number,
                "Мероприятие": row.activity,
                "Информация": row.info,
                "Ссылка": row.link,
                "С информацией": row.reported,
                "Со ссылкой": row.has_link,
                "Просрочено": (id(report), id(row)) in overdue,
            }
            for report in self.reports
            for row in report.rows
        ]
        return pd.DataFrame.from_records(records, columns=ROW_COLUMNS)

    def municipalities_frame(self):
        """The figures by municipality as a pandas DataFrame (the sheet «Сводка» without totals)."""
        import pandas as pd

        return pd.DataFrame.from_records(
            [
                (m.name, len(m.files), m.activities, m.reported, m.with_link, m.overdue, m.share_done)
                for m in self.municipalities
            ],
            columns=SUMMARY_HEADER,
        )

    def to_json(self) -> dict:
        return {
            "municipalities": [m.to_json() for m in self.municipalities],
            "unreadable": [{"file": u.file, "reason": u.reason} for u in self.unreadable],
        }


def _read(args: tuple) -> Union[tuple, Unreadable]:
    path, as_of = args
    return _packed(read_report(path, as_of))


def _packed(result: Union[Report, Unreadable]) -> Union[tuple, Unreadable]:
    """A report as plain tuples, what a worker process sends back: pickling and unpickling
    tuples costs a fraction of pickling dataclass objects field by field."""
    if isinstance(result, Unreadable):
        return result
    rows = tuple((r.section, r.number, r.activity, r.info, r.link, r.control, r.row, r.row_id) for r in result.rows)
    return (result.file, result.name, result.name_source, result.kind, result.title, result.period, rows, result.sheet)


def _unpacked(packed: Union[tuple, Unreadable], shared: dict) -> Union[Report, Unreadable]:
    """The ``Report`` of ``_packed``, with one string object for each text repeated across
    reports: municipalities fill in one regional form, so sections and activities repeat in
    every report (79 MB -> 34 MB for the reports of 5,000 generated forms)."""
    if isinstance(packed, Unreadable):
        return packed
    file, name, name_source, kind, title, period, rows, sheet = packed
    share = shared.setdefault
    report_rows = [
        ReportRow(share(section, section), share(number, number), share(activity, activity), share(info, info), *rest)
        for section, number, activity, info, *rest in rows
    ]
    return Report(file, name, name_source, kind, title, period, report_rows, sheet)


def consolidate(
    paths: Iterable[Union[str, os.PathLike]],
    progress: Optional[Progress] = None,
    workers: Optional[int] = None,
    as_of: Optional[date] = None,
    exclude: Iterable[Union[str, os.PathLike]] = (),
) -> Summary:
    """Read every report under ``paths`` and sum them by municipality.

    Many files are read in parallel (``workers`` processes, default: every core);
    the result is in file order whatever the number of workers.
    """
    as_of = as_of or date.today()
    files = find_report_files(paths, exclude=exclude)
    summary = Summary(as_of)
    jobs = [(str(p), as_of) for p in files]
    total = len(jobs)
    workers = workers or os.cpu_count() or 1
    if progress:
        progress(0, total, "")
    packed: Iterator[Union[tuple, Unreadable]]
    pool: Optional[ProcessPoolExecutor]
    if workers <= 1 or total < PARALLEL_FROM:
        packed = map(_read, jobs)
        pool = None
    else:
        # loaded here, the reading processes forked from this one have it (and this one needs
        # it anyway, to join the municipalities' names), instead of each loading its own
        load_shared_state()
        pool = ProcessPoolExecutor(max_workers=min(workers, total))
        # eight chunks a process at least (the progress moves), at most 64 files each: fewer
        # messages between the processes (1,000 forms: 0.03 CPU s less than 16 a chunk)
        chunk = max(1, min(64, total // (workers * 8)))
        packed = pool.map(_read, jobs, chunksize=chunk)
    shared: dict = {}
    try:
        for done, result in enumerate((_unpacked(p, shared) for p in packed), start=1):
            if isinstance(result, Unreadable):
                summary.unreadable.append(result)
            else:
                summary.reports.append(result)
            if progress:
                progress(done, total, result.file)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return summary


def write_rows_csv(summary: Summary, path: Union[str, os.PathLike]) -> Path:
    """Every activity row as CSV that Russian Excel opens as it is: UTF-8 with BOM, «;» between fields.

    Cells that look like formulas get a leading apostrophe, so a spreadsheet never runs them.
    """
    from roadmap_tools.safeio import atomic_open
    from roadmap_tools.sheetplan.operations import looks_like_formula

    frame = summary.rows_frame()
    for column in ("Раздел", "№", "Мероприятие", "Информация", "Ссылка", "Муниципалитет", "Файл"):
        frame[column] = frame[column].map(lambda v: "'" + v if looks_like_formula(v) else v)
    frame = frame.replace({True: "да", False: "нет"})
    with atomic_open(path, "w", encoding="utf-8-sig") as fh:
        frame.to_csv(fh, sep=";", index=False, lineterminator="\r\n")
    return Path(path)
