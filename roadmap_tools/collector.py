"""Python's cycle collector run less often, or not at all, while a job makes many objects and no cycles.

The summary of the reports read and a button's work on a 20,000-activity book both make
hundreds of thousands of objects that reference counting frees. At Python's usual pace
(a young-generation pass every 700 new objects, a pass over the whole of memory each time
the objects kept since the last one reach a quarter of those it kept) the collector took
a tenth of the summary's time, and 0.2 of a button's 0.5-0.8 CPU seconds going three
times over the book's JSON, which xlwings holds, without finding a cycle.

A command-line job on one workbook pauses it altogether (``paused``): the workbook openpyxl
loads is millions of objects that live until the job ends, and a full collection, which
comes each time the objects kept grow by a quarter whatever the young generation's pace,
walks all of them and frees nothing (a 20,000-activity book: about 0.4 s a time, several
during the load, one more in the job: a third of the job's time).
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


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No cycle collection inside the block (as a decorator too); the collector as it was
    afterwards, after an error too. For one workbook's job: what it leaves behind is collected
    after it, as any garbage is (a 20,000-activity check: 14 MB more at its peak)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
