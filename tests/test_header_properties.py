"""Properties of the header recogniser on any row of cells (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_tools.lexicon import vocab
from roadmap_tools.reading.headers import field_of_title, missing_required, normalise_title, recognise_header

_TITLES = sorted(
    {t for titles in vocab.HEADER_SYNONYMS.values() for t in titles}
    | {s for _, stems in vocab.HEADER_STEMS for s in stems}
)
_SPACES = st.sampled_from(["", " ", "\u00a0", "\u200b", "\n", "\t", "  "])
TITLE_LIKE = st.builds(lambda a, t, b: a + t + b, _SPACES, st.sampled_from(_TITLES), _SPACES)
CELL = st.one_of(
    st.none(),
    st.text(max_size=60),
    TITLE_LIKE,
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1)),
)
ROWS = st.lists(CELL, max_size=30)


@settings(max_examples=400, deadline=None)
@given(ROWS)
def test_any_row_gives_a_mapping_or_none_and_never_raises(row):
    mapping = recognise_header(row)
    if mapping is None:
        return
    assert "activity" in mapping and len(mapping) >= 2
    assert len(set(mapping.values())) == len(mapping), "one column means one field at most"
    assert all(0 <= index < len(row) for index in mapping.values())
    assert list(mapping.values()) == sorted(mapping.values())
    assert isinstance(missing_required(mapping), list)


@settings(max_examples=200, deadline=None)
@given(st.lists(TITLE_LIKE, min_size=1, max_size=12), _SPACES)
def test_spaces_around_titles_do_not_change_the_recognition(titles, space):
    assert recognise_header([space + t + space for t in titles]) == recognise_header(titles)


@settings(max_examples=200, deadline=None)
@given(CELL)
def test_one_cell_of_any_type_is_a_field_or_none(cell):
    found = field_of_title(cell) if not isinstance(cell, float) or cell == cell else None
    assert found is None or found[0] in vocab.HEADER_SYNONYMS or found[0] in dict(vocab.HEADER_STEMS)
    assert isinstance(normalise_title(cell), str)


_INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00a0"])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_TITLES), _INVISIBLE, st.integers(0, 40))
def test_invisible_characters_inside_a_title_do_not_change_its_field(title, mark, position):
    position = min(position, len(title))
    marked = title[:position] + mark + title[position:]
    if mark == "\u00a0" and 0 < position < len(title) and not title[position - 1].isspace():
        marked = title  # a non-breaking space inside a word splits it, like any space
    assert field_of_title(marked) == field_of_title(title)
