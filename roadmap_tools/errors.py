"""Errors a user sees: one message in Russian that names the place and what to fix."""

from __future__ import annotations

from typing import Optional


class RoadmapError(Exception):
    """A problem with the user's input or environment, explained in Russian.

    The command line prints ``str(error)`` and exits with ``exit_code``; the Excel
    buttons show it in a message box. Never raised for our own bugs.
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: Optional[str] = None,
        sheet: Optional[str] = None,
        cell: Optional[str] = None,
        hint: str = "",
    ):
        self.message = message
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(f"файл «{self.file}»")
        if self.sheet:
            where.append(f"лист «{self.sheet}»")
        if self.cell:
            where.append(f"ячейка {self.cell}")
        text = (", ".join(where) + ": " if where else "") + self.message
        if self.hint:
            text += " " + self.hint
        return text


class UsageError(RoadmapError):
    """Bad command-line arguments (exit code 2)."""

    exit_code = 2
