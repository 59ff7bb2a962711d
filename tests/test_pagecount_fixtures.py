"""The letter's «на N л.» without LibreOffice: the estimate of the monitoring form's pages
is within one page of what LibreOffice prints, on the forms of every fixture roadmap."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import FIXTURES

from roadmap_tools.deadlines import parse_deadline
from roadmap_tools.reading.importer import import_roadmap as import_document
from roadmap_tools.reports.letter import write_form
from roadmap_tools.reports.pagecount import convert_to_pdf, estimate_xlsx_pages, pdf_page_count

ROADMAPS = sorted(p.name for p in FIXTURES.glob("*.docx") if not p.name.startswith("report_"))


def import_roadmap(path):
    """The roadmap as the workbook reader gives it to the form: deadlines parsed with its years."""
    roadmap = import_document(path)
    for activity in roadmap.activities():
        activity.parsed = parse_deadline(activity.deadline, roadmap.years)
    return roadmap


def periods(roadmap) -> list:
    """Every quarter of the roadmap's years, and each whole year: short and long forms."""
    years = sorted(roadmap.years) or [2022]
    spans = [(date(y, 1, 1), date(y, 12, 31)) for y in years]
    spans.append((date(years[0], 1, 1), date(years[-1], 12, 31)))
    for year in years[:1]:
        spans += [(date(year, m, 1), date(year + (m == 10), (m + 3) % 12 or 12, 1)) for m in (1, 4, 7, 10)]
    return spans


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ROADMAPS)
def test_form_page_estimate_is_within_one_page_of_libreoffice(tmp_path, soffice, name):
    roadmap = import_roadmap(FIXTURES / name)
    compared = []
    for number, (start, end) in enumerate(periods(roadmap)):
        form = write_form(roadmap, {"title": roadmap.title}, (start, end), tmp_path / f"form{number}.xlsx")
        printed = pdf_page_count(convert_to_pdf(form, tmp_path / f"pdf{number}"))
        estimated = estimate_xlsx_pages(form, "Форма мониторинга")
        compared.append((start, end, estimated, printed))
    assert any(printed > 1 for *_, printed in compared) or name.startswith("roadmap_penza")
    off = [c for c in compared if abs(c[2] - c[3]) > 1]
    assert not off, f"оценка (≠ LibreOffice): {off} из {compared}"


@pytest.mark.libreoffice
def test_a_long_form_of_every_fixture_activity_is_estimated_within_one_page(tmp_path, soffice):
    roadmaps = [import_roadmap(FIXTURES / name) for name in ROADMAPS]
    merged = roadmaps[0]
    merged.sections = [section for roadmap in roadmaps for section in roadmap.sections]
    years = merged.years = sorted({year for roadmap in roadmaps for year in roadmap.years})
    for activity in merged.activities():
        activity.parsed = parse_deadline(activity.deadline, years)
    form = write_form(
        merged, {"title": merged.title}, (date(years[0], 1, 1), date(years[-1], 12, 31)), tmp_path / "form.xlsx"
    )
    printed = pdf_page_count(convert_to_pdf(form, tmp_path / "pdf"))
    assert printed > 3
    assert abs(estimate_xlsx_pages(form, "Форма мониторинга") - printed) <= 1
