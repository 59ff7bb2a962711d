"""The xlwings applier joins runs of fills and row heights into fewer ranges that colour
the same cells and size the same rows: a form of thousands of activities is hundreds of
actions, not tens of thousands, and looks the same."""

from __future__ import annotations

import random
from datetime import date

import pytest

from bench.bench_buttons import generated_roadmap
from roadmap_tools.actions.jobs import form_job
from roadmap_tools.sheetplan import operations as sp
from roadmap_tools.sheetplan.xlwings_applier import RowsHeight, joined_ops
from roadmap_tools.workbook.book import roadmap_settings


def outcome(ops) -> tuple:
    """What the operations leave on the sheet: each cell's fill, each row's height, and the
    other operations in their order."""
    fills: dict = {}
    heights: dict = {}
    others = []
    for op in ops:
        if isinstance(op, sp.Fill):
            r1, c1, r2, c2 = sp.bounds(op.range)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    fills[r, c] = op.colour
        elif isinstance(op, sp.RowHeight):
            heights[op.row] = op.height
        elif isinstance(op, RowsHeight):
            for r in range(op.first, op.last + 1):
                heights[r] = op.height
        else:
            others.append((op, dict(fills), dict(heights)))
    return fills, heights, others


def random_run(seed: int, rows: int = 60) -> list:
    """Fills (single cells and short row spans, never a cell twice) and row heights, shuffled
    the way a form or a check gives them."""
    rnd = random.Random(seed)
    ops: list = []
    for row in range(1, rows + 1):
        if rnd.random() < 0.8:
            ops.append(sp.RowHeight(row, rnd.choice([15.0, 18.0, 33.0])))
        col = 1
        while col <= 6:
            width = rnd.choice([1, 1, 1, 2, 4])
            if rnd.random() < 0.6:
                last = min(col + width - 1, 6)
                ops.append(
                    sp.Fill(sp.range_address(row, col, 1, last - col + 1), rnd.choice(["FFF2CC", "F2F2F2", None]))
                )
            col += width
    return ops


@pytest.mark.parametrize("seed", range(25))
def test_joined_fills_and_heights_leave_the_same_sheet(seed):
    ops = random_run(seed)
    joined = joined_ops(ops)
    assert outcome(joined) == outcome(ops)
    assert len(joined) <= len(ops)


def test_other_operations_stay_where_they_were_and_split_the_runs():
    ops = random_run(1, 20) + [sp.Merge("A21:D21"), sp.Font("A21", bold=True)] + random_run(2, 20)
    joined = joined_ops(ops)
    assert outcome(joined) == outcome(ops)
    assert [op for op in joined if isinstance(op, (sp.Merge, sp.Font))] == [
        sp.Merge("A21:D21"),
        sp.Font("A21", bold=True),
    ]


def test_a_run_that_fills_a_cell_twice_is_left_as_it_is():
    ops = [sp.Fill("A1:B1", "F2F2F2"), sp.Fill("B1", "FFF2CC"), sp.Fill("A2", "F2F2F2"), sp.RowHeight(1, 18.0)]
    assert joined_ops(ops) == ops


def test_a_fill_of_whole_columns_leaves_its_run_as_it_is():
    ops = [sp.Fill("C:C", "F2F2F2"), sp.Fill("D1", "F2F2F2"), sp.RowHeight(1, 18.0), sp.RowHeight(2, 18.0)]
    assert joined_ops(ops) == ops


def test_adjacent_cells_of_one_colour_become_one_rectangle_and_rows_of_one_height_one_range():
    ops = []
    for row in range(7, 12):
        ops += [sp.RowHeight(row, 33.0), sp.Fill(f"C{row}", "FFF2CC"), sp.Fill(f"D{row}", "FFF2CC")]
    ops += [sp.RowHeight(12, 18.0)]
    assert joined_ops(ops) == [sp.Fill("C7:D11", "FFF2CC"), RowsHeight(7, 11, 33.0), sp.RowHeight(12, 18.0)]


def test_the_monitoring_form_of_a_big_roadmap_is_hundreds_of_operations_and_the_same_sheet():
    roadmap = generated_roadmap(2000)
    plan = form_job(roadmap, roadmap_settings(roadmap), date(2022, 4, 1), date(2022, 6, 30)).plans[0]
    joined = joined_ops(plan.ops)
    assert outcome(joined) == outcome(plan.ops)
    assert len(joined) * 4 < len(plan.ops)
