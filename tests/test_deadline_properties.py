"""Properties of the deadline parser on any text (hypothesis)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from roadmap_tools.deadlines import parse_deadline
from roadmap_tools.lexicon import vocab
from roadmap_tools.model import DEADLINE_KINDS

YEARS = st.sampled_from([(), (2022,), (2021, 2022), (2021, 2022, 2023, 2024), (2099, 2100)])

# Deadline-like text: the vocabulary's own words mixed with numbers, dashes, spaces and punctuation.
_WORDS = sorted(
    {w for forms in vocab.MONTH_FORMS.values() for w in forms}
    | {w for words in vocab.ORDINAL_WORDS.values() for w in words}
    | set(vocab.QUARTER_WORDS)
    | set(vocab.HALF_YEAR_WORDS)
    | set(vocab.YEAR_WORDS)
    | set(vocab.ACADEMIC_YEAR_WORDS)
    | set(vocab.DUE_BY_START)
    | set(vocab.DUE_BY_END)
    | set(vocab.RANGE_FROM)
    | set(vocab.RANGE_TO)
    | set(vocab.CONTINUOUS_MARKERS)
    | set(vocab.WHOLE_PERIOD_MARKERS)
    | set(vocab.ON_DEMAND_MARKERS)
    | {m for ms in vocab.RECURRING_MARKERS.values() for m in ms}
    | {"числа", "после", "IV"}
)
_PARTS = st.one_of(
    st.sampled_from(_WORDS),
    st.integers(0, 3000).map(str),
    st.sampled_from(["2021", "2022", "2023", "31", "29", "01.03.2022", "31.02.2022", "01.09", "12.13.22"]),
    st.sampled_from(["-", "–", "—", ",", ";", ".", "(", ")", "/", "\u00a0", "\u200b", "", " ", "  "]),
)
PHRASES = st.lists(_PARTS, max_size=8).map(" ".join)
ANY_TEXT = st.one_of(PHRASES, st.text(max_size=40))
SPACE = st.sampled_from(["", " ", "  ", "\t", "\n", "\u00a0", " \u00a0 "])


def _outcome(d):
    return d.kind, d.spans, d.reason


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, YEARS)
@example("1 раз в четверть 2021 июл.", ())  # a repetition that falls in no school quarter named
def test_any_text_gives_a_deadline_with_ordered_spans_or_a_reason(text, years):
    d = parse_deadline(text, years)
    assert d.kind in DEADLINE_KINDS
    if d.kind in ("unparsed", "missing"):
        assert d.reason and not d.spans
    elif d.kind == "on_demand":
        assert not d.spans
    else:
        assert d.spans and all(a <= b for a, b in d.spans)
        assert d.start <= d.end
        assert list(d.spans) == sorted(d.spans)


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT, YEARS, SPACE, SPACE)
def test_surrounding_whitespace_does_not_change_the_parse(text, years, before, after):
    assert _outcome(parse_deadline(before + text + after, years)) == _outcome(parse_deadline(text, years))


@settings(max_examples=150, deadline=None)
@given(PHRASES, YEARS)
def test_letter_case_does_not_change_the_parse(text, years):
    expected = _outcome(parse_deadline(text, years))
    assert _outcome(parse_deadline(text.upper(), years)) == expected
    assert _outcome(parse_deadline(text.lower(), years)) == expected
    assert _outcome(parse_deadline(text.title(), years)) == expected
