"""The region's own analysis: every report row as a pandas table and as CSV for Russian Excel."""

from __future__ import annotations

import csv

from conftest import FIXTURES, REPORT_FIXTURE, gold, run_cli

from roadmap_tools.consolidation.consolidate import ROW_COLUMNS, consolidate, write_rows_csv

REPORT = FIXTURES / f"{REPORT_FIXTURE}.docx"


def test_rows_frame_has_one_row_per_activity_of_the_word_report():
    summary = consolidate([REPORT], workers=1)
    frame = summary.rows_frame()
    expected = [row for section in gold(REPORT_FIXTURE)["sections"] for row in section["rows"]]
    assert list(frame.columns) == ROW_COLUMNS
    assert len(frame) == len(expected) == 13
    assert frame["Со ссылкой"].sum() == summary.total.with_link
    assert frame["С информацией"].sum() == summary.total.reported
    by_municipality = summary.municipalities_frame()
    assert by_municipality["Мероприятий"].sum() == 13


def test_csv_opens_in_russian_excel_and_keeps_formula_looking_text_inert(tmp_path):
    summary = consolidate([REPORT], workers=1)
    summary.reports[0].rows[0].info = '=HYPERLINK("http://evil","x")'
    path = write_rows_csv(summary, tmp_path / "rows.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == ROW_COLUMNS
    assert len(rows) == 14
    assert rows[1][ROW_COLUMNS.index("Информация")].startswith("'=HYPERLINK")
    assert {r[ROW_COLUMNS.index("Со ссылкой")] for r in rows[1:]} <= {"да", "нет"}


def test_consolidate_command_writes_the_csv_beside_the_summary(tmp_path):
    result = run_cli("consolidate", REPORT, "-o", tmp_path / "s.xlsx", "--csv", tmp_path / "rows.csv")
    assert result.code == 0, result.err
    assert (tmp_path / "s.xlsx").exists() and (tmp_path / "rows.csv").exists()
    assert "Строки отчётов (CSV)" in result.out
