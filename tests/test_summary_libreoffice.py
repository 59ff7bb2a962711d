"""The summary workbook opens in LibreOffice and prints: tables and native charts."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date

import pytest

from bench.formgen import generate_forms
from roadmap_tools.consolidation.consolidate import consolidate
from roadmap_tools.consolidation.summary import write_summary
from tests.conftest import FIXTURES, REPORT_FIXTURE

pytestmark = pytest.mark.libreoffice


def test_summary_converts_to_pdf_with_its_tables_and_charts(to_pdf, tmp_path):
    folder = tmp_path / "reports"
    generate_forms(folder, 12, seed=3, docx_every=4, as_of=date(2025, 1, 15))
    shutil.copy(FIXTURES / f"{REPORT_FIXTURE}.docx", folder)
    (folder / "пустой.xlsx").write_bytes(b"")
    path = write_summary(consolidate([folder], as_of=date(2025, 1, 15)), tmp_path / "summary.xlsx")
    with zipfile.ZipFile(path) as zf:
        charts = sorted(n for n in zf.namelist() if n.startswith("xl/charts/chart"))
    assert charts == ["xl/charts/chart1.xml", "xl/charts/chart2.xml"]
    pdf = to_pdf(path)
    text = (
        subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        if shutil.which("pdftotext")
        else ""
    )
    assert pdf.stat().st_size > 10_000
    if text:
        assert "Сводка по региону" in text and "Итого" in text and "Кузнецк" in text
        assert "файл пуст" in text
        assert "Доля выполненных мероприятий" in text  # the chart's title is drawn
