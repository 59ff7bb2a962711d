"""The decisions typed into a summary are read back the same whichever reader reads them:
python-calamine when every cell of «Строки отчётов» is text, openpyxl otherwise."""

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from bench.formgen import generate_forms
from roadmap_tools.consolidation import review
from roadmap_tools.consolidation.consolidate import consolidate
from roadmap_tools.consolidation.summary import write_summary

AS_OF = date(2025, 1, 15)


@pytest.fixture(scope="module")
def summary_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    generate_forms(folder / "forms", 8, seed=5, docx_every=4, as_of=AS_OF)
    summary = consolidate([folder], as_of=AS_OF, workers=1)
    extras = review.consolidation_extras(summary, folder / "нет.xlsx")
    return write_summary(summary, folder / "Сводка.xlsx", extras.plans, extras.charts)


def _typed(source, target, values: dict):
    """The summary with cells of «Строки отчётов» typed in, as a curator would in Excel."""
    wb = load_workbook(source)
    ws = wb[review.SHEET_ROWS]
    for address, value in values.items():
        ws[address] = value
    wb.save(target)
    return target


def _by_openpyxl(path, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(review, "_text_rows", lambda target: None)
        return review.read_review_rows(path)


TEXTS = {
    "J4": "одобрено",
    "K4": "  хорошо  ",
    "J6": "На доработку",
    "K6": "нет ссылки\nна документ",
    "K9": "=не формула",
}


@pytest.mark.parametrize(
    "typed, by_calamine",
    [
        ({}, True),
        (TEXTS, True),
        ({**TEXTS, "K7": 5}, False),  # a number typed as a comment
        ({**TEXTS, "K8": datetime(2025, 2, 1)}, False),
        ({**TEXTS, "K5": 2.5, "J10": True}, False),
    ],
)
def test_decisions_read_back_the_same_by_either_reader(summary_path, tmp_path, monkeypatch, typed, by_calamine):
    path = _typed(summary_path, tmp_path / "Сводка.xlsx", typed)
    assert (review._text_rows(path) is not None) == by_calamine
    rows = review.read_review_rows(path)
    assert rows == _by_openpyxl(path, monkeypatch)
    assert len(rows) > 50
    assert review.previous_decisions(path) == {
        (review.municipality_key(r.municipality), r.row_id): (r.decision, r.comment)
        for r in _by_openpyxl(path, monkeypatch)
        if r.decision or r.comment
    }


def test_a_summary_without_the_rows_sheet_is_refused_in_the_same_words(summary_path, tmp_path):
    wb = load_workbook(summary_path)
    del wb[review.SHEET_ROWS]
    wb.save(tmp_path / "без строк.xlsx")
    with pytest.raises(review.RoadmapError, match="нет листа"):
        review.read_review_rows(tmp_path / "без строк.xlsx")
    assert review.previous_decisions(tmp_path / "без строк.xlsx") == {}
