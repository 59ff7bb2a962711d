"""The whole job on the bundled sample roadmap, from Word to the e-mail upward.

What ``roadmap-tools demo`` runs: import the sample .docx into a roadmap workbook with
example settings, check it, flag missed deadlines, make the monitoring form, the cover
letter and the e-mail draft, and build a Roadmap.xlsm with the ribbon around it.
Every step is the library call a button or a command makes; nothing here is special.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Optional

from roadmap_tools.resources import SAMPLE_ROADMAP, SAMPLE_SETTINGS
from roadmap_tools.workbook.schema import SETTINGS_BY_KEY

#: The workbooks the demo makes, checks and updates in its output folder.
BOOK_NAME = "roadmap.xlsx"
XLSM_NAME = "Roadmap.xlsm"


def sample_settings(path: Path = SAMPLE_SETTINGS) -> dict:
    """The example «Настройки» as typed values (dates as dates)."""
    from roadmap_tools.workbook.settings import settings_from_rows

    raw = json.loads(path.read_text(encoding="utf-8"))
    rows = [[key, value] for key, value in raw.items() if key in SETTINGS_BY_KEY]
    typed = settings_from_rows(rows, file=str(path))
    return {key: typed[key] for key, _ in rows}


@dataclass
class DemoResult:
    files: list = field(default_factory=list)  # (what, path)
    lines: list = field(default_factory=list)  # what each step said, in Russian


def run_demo(
    output: Path, progress: Optional[Callable[[str], None]] = None, sample: Path = SAMPLE_ROADMAP
) -> DemoResult:
    from roadmap_tools.actions import on_file as jobs
    from roadmap_tools.reading.importer import import_roadmap
    from roadmap_tools.reports.email_draft import make_email
    from roadmap_tools.workbook.book import write_roadmap_workbook
    from roadmap_tools.xlsm.build import build_workbook

    say = progress or (lambda text: None)
    result = DemoResult()
    output.mkdir(parents=True, exist_ok=True)
    settings = sample_settings()
    steps = 6

    say(f"[1/{steps}] Импорт дорожной карты из {sample.name}")
    roadmap = import_roadmap(sample)
    book = write_roadmap_workbook(roadmap, output / BOOK_NAME, settings)
    activities = sum(len(s.activities) for s in roadmap.sections)
    result.lines.append(f"Импортировано мероприятий: {activities}, разделов: {len(roadmap.sections)}.")
    result.files.append(("Рабочая книга", book))

    say(f"[2/{steps}] Проверка записей")
    check = jobs.run_check(book, today=settings.get("as_of") or date.today())
    result.lines.append(f"Проверка: ошибок — {check.errors}, предупреждений — {check.warnings} (лист «Проверка»).")

    say(f"[3/{steps}] Контроль сроков на {settings['as_of']:%d.%m.%Y}")
    overdue = jobs.run_overdue(book)
    counts = ", ".join(f"{status} — {n}" for status, n in overdue.summary.items() if n)
    result.lines.append(f"Контроль сроков на {overdue.as_of:%d.%m.%Y}: {counts}.")

    say(f"[4/{steps}] Форма мониторинга за {settings['period_from']:%d.%m.%Y}–{settings['period_to']:%d.%m.%Y}")
    form = jobs.run_form(book)
    rows = sum(len(s.rows) for s in form.form.sections)
    result.lines.append(f"Форма мониторинга: мероприятий периода — {rows} (лист «Форма мониторинга»).")

    say(f"[5/{steps}] Сопроводительное письмо и черновик e-mail")
    email = make_email(book, output / "письмо.eml", today=settings.get("letter_date"))
    result.lines.append(f"Приложение к письму: форма на {email.pages} л.")
    result.files += [
        ("Форма мониторинга", email.form),
        ("Сопроводительное письмо", email.letter),
        ("Черновик e-mail", email.eml),
    ]

    say(f"[6/{steps}] Книга Roadmap.xlsm с вкладкой «Дорожная карта» и диаграммой Ганта")
    from roadmap_tools.workbook.book import read_roadmap_workbook

    reported, book_settings = read_roadmap_workbook(book)
    xlsm = build_workbook(output / XLSM_NAME, reported, book_settings)
    # the book with the ribbon carries the same results: checked, controlled, the form built,
    # so its «Диаграмма Ганта» shows every activity in the colour of its deadline control
    jobs.run_check(xlsm, today=settings.get("as_of") or date.today())
    jobs.run_overdue(xlsm)
    jobs.run_form(xlsm)
    result.files.append(("Книга с лентой", xlsm))
    return result
