"""Stable ids of roadmap rows: how an answer, a summary row and a curator's decision find
their activity again, whatever sorting, filtering or inserted rows happened in between.

An id is derived once from the row's section and activity text (``derive_row_id``, so the
region can compute the same id from a monitoring form's row) and then stored in the hidden
column «Код строки» of «Дорожная карта» (``layout.ROW_ID_COLUMN``), where it stays when the
text is later corrected: re-import keeps it as a column of the user's own.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Iterable, Optional

from roadmap_tools.model import Activity, Roadmap
from roadmap_tools.sheetplan import operations as sp
from roadmap_tools.workbook.book import added_column, roadmap_table_op
from roadmap_tools.workbook.schema import ROW_ID_COLUMN, SHEET_ROADMAP

ID_PREFIX = "R"


def _fold(text: str) -> str:
    return " ".join(str(text or "").replace("ё", "е").replace("Ё", "Е").split()).lower().strip(" .;,")


@functools.lru_cache(maxsize=65536)  # every municipality's form has the region's rows
def derive_row_id(section: str, activity: str) -> str:
    """«R» and ten hex digits of a hash of the section and the activity text (case and spacing aside)."""
    digest = hashlib.blake2b(f"{_fold(section)}\x1f{_fold(activity)}".encode("utf-8"), digest_size=5).hexdigest()
    return ID_PREFIX + digest.upper()


def derived_ids(pairs: Iterable[tuple]) -> list:
    """Ids for (section, activity) pairs in order; a repeat gets «-2», «-3» (in order of appearance)."""
    seen: dict = {}
    result = []
    for section, activity in pairs:
        base = derive_row_id(section, activity)
        seen[base] = seen.get(base, 0) + 1
        result.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return result


def row_ids(roadmap: Roadmap) -> dict:
    """id(activity) -> its id: the stored one, else derived (a repeat of a stored one is re-derived)."""
    activities = list(roadmap.activities())
    derived = derived_ids((a.section, a.activity) for a in activities)
    used: set = set()
    result = {}
    for activity, fallback in zip(activities, derived):
        candidate = activity.row_id.strip() or fallback
        if candidate in used:  # a row copied with its id: the copy gets one of its own
            candidate = fallback
        n = 2
        while candidate in used:
            candidate = f"{fallback}-{n}"
            n += 1
        used.add(candidate)
        result[id(activity)] = candidate
    return result


def id_column(roadmap: Roadmap) -> int:
    """1-based column of «Код строки»: where it is, else after the last column."""
    return roadmap.column_index.get("row_id") or added_column(roadmap)


def row_id_plan(roadmap: Roadmap, ids: Optional[dict] = None) -> Optional[sp.SheetPlan]:
    """Write the ids the sheet lacks (or holds twice) into the hidden column «Код строки»;
    None when every row already has its own."""
    ids = ids or row_ids(roadmap)
    col = id_column(roadmap)
    plan = sp.SheetPlan(roadmap.source.sheet or SHEET_ROADMAP, create=False)
    if "row_id" not in roadmap.column_index:
        plan.add(sp.Values(sp.address(1, col), [[ROW_ID_COLUMN.title]]))
        plan.add(sp.Note(sp.address(1, col), ROW_ID_COLUMN.hint))
    for activity in roadmap.activities():
        if activity.source.row and activity.row_id != ids[id(activity)]:
            plan.add(sp.Values(sp.address(activity.source.row, col), [[ids[id(activity)]]]))
    if not plan.ops:
        return None
    letter = sp.column_letter(col)
    plan.add(sp.ColumnWidths({letter: ROW_ID_COLUMN.width}, hidden=(letter,)))
    if "row_id" not in roadmap.column_index:
        plan.add(roadmap_table_op(roadmap, col))
    return plan


def by_id(roadmap: Roadmap, ids: Optional[dict] = None) -> dict:
    """id -> Activity."""
    ids = ids or row_ids(roadmap)
    return {ids[id(a)]: a for a in roadmap.activities()}


def text_key(section: str, activity: str) -> tuple:
    """What a row is matched on when its id is unknown: section and activity text, folded."""
    return _fold(section), _fold(activity)


def activity_key(activity: Activity) -> tuple:
    return text_key(activity.section, activity.activity)
