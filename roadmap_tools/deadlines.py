"""Parser of Russian deadline phrases (being written: see issue 2)."""
from __future__ import annotations

from typing import Sequence

from roadmap_tools.model import Deadline


def parse_deadline(text: str, years: Sequence[int] = ()) -> Deadline:
    raise NotImplementedError
