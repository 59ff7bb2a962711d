"""The report reader finds a sheet's hyperlinks from the first hyperlink tag on, as a search
of the whole sheet would: the same tags, the same element, whatever text comes before."""

from __future__ import annotations

import re

import pytest

from roadmap_tools.consolidation import report_reader

SHEETS = [
    b'<worksheet xmlns="u"><c>hyperlink</c><hyperlinks><hyperlink ref="B2"/></hyperlinks></worksheet>',
    b'<a>hyperlink text</a><x:hyperlinks><x:hyperlink ref="A1"/></x:hyperlinks>',
    b"hyperlink<hyperlink",
    b"<hyperlinks",
    b"no links here",
    b":hyperlink",
    b"xhyperlink hyperlink",
    b"hyperlink",
    b"<x:hyperlinks>a</x:hyperlinks><hyperlinks>b</hyperlinks>",
]


@pytest.mark.parametrize("data", SHEETS)
def test_the_hyperlinks_element_is_found_from_the_first_tag_as_from_the_start(data):
    first = report_reader._first_hyperlink_tag(data)
    assert (first >= 0) == (b"<hyperlink" in data or b":hyperlink" in data)
    if first >= 0:
        whole = report_reader._HYPERLINKS.search(data)
        cut = report_reader._HYPERLINKS.search(data, max(0, data.rfind(b"<", 0, first + 1)))
        assert (whole and whole.span()) == (cut and cut.span())
        assert data[first : first + 1] in (b"<", b":")
        assert not re.search(rb"[<:]hyperlink", data[:first])
