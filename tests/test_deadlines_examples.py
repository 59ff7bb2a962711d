"""Every deadline phrase of the sample roadmaps gives its expected kind, start and end."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_tools.deadlines import parse_deadline

EXAMPLES = Path(__file__).parent / "fixtures" / "deadline_examples.tsv"


def _years(text: str) -> list:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def load_examples(path: Path = EXAMPLES) -> list:
    """Rows of the examples file: (id, years, text, kinds, starts, ends); '*' accepts anything."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ident, years, text, kinds, start, end = line.split("\t")
        rows.append((ident, _years(years), text, kinds.split("|"), start.split("|"), end.split("|")))
    return rows


def accepts(expected: list, value) -> bool:
    """Whether a date (or None) is among the expected values of a column."""
    shown = value.isoformat() if value else "null"
    return "*" in expected or shown in expected


EXAMPLE_ROWS = load_examples()


def test_examples_file_is_read_whole():
    assert len(EXAMPLE_ROWS) == 65


@pytest.mark.parametrize("ident, years, text, kinds, starts, ends", EXAMPLE_ROWS, ids=[row[0] for row in EXAMPLE_ROWS])
def test_example_phrase_gives_expected_kind_start_and_end(ident, years, text, kinds, starts, ends):
    parsed = parse_deadline(text, years)
    assert parsed.kind in kinds, parsed.reason
    assert accepts(starts, parsed.start), parsed
    assert accepts(ends, parsed.end), parsed
