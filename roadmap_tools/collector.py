"""Python's cycle collector run less often while a job makes many objects and no cycles.

The summary of the reports read and a button's work on a 20,000-activity book both make
hundreds of thousands of objects that reference counting frees. At Python's usual pace
(a young-generation pass every 700 new objects, a pass over the whole of memory each time
the objects kept since the last one reach a quarter of those it kept) the collector took
a tenth of the summary's time, and 0.2 of a button's 0.5-0.8 CPU seconds going three
times over the book's JSON, which xlwings holds, without finding a cycle.
"""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator

#: New objects between two collections of the youngest generation (Python's default: 700).
GC_THRESHOLD = 50_000


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The collector at ``GC_THRESHOLD`` inside the block, as it was afterwards (after an error too).

    Not around work whose libraries leave cycles only the collector frees (reading many
    workbooks or documents): they would pile up until the block ends.
    """
    previous = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
