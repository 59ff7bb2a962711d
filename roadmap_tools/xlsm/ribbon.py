"""The ribbon XML and the VBA module of its callbacks, generated from ``buttons.BUTTONS``.

Both are committed as package data (``roadmap_tools/data/ribbon/customUI14.xml``,
``roadmap_tools/data/vba/RoadmapRibbon.bas``)
and a test checks they equal what this module makes, so a button changed in
``buttons.py`` cannot leave the ribbon and the VBA behind. Regenerate with
``python -m roadmap_tools.xlsm.ribbon``.

VBA source must stay ASCII (VBA stores it in the project's code page), so Russian
text the callbacks show is written as ``\\uXXXX`` escapes that the VBA function ``U``
decodes.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Sequence
from xml.sax.saxutils import quoteattr

from roadmap_tools.xlsm.buttons import (
    BUTTONS,
    GROUPS,
    IMPORT_FILE_TYPES,
    RIBBON_TAB_ID,
    RIBBON_TAB_LABEL,
    Button,
    run_python_command,
)

CUSTOMUI_NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"
CALLBACKS_MODULE = "RoadmapRibbon"
#: Defined name of the «Настройки» cell «Файл для импорта» (names are ``rt_<setting key>``).
IMPORT_FILE_NAME = "rt_import_file"

_IMPORT_TITLE = "Выберите дорожную карту: Word (.docx, .doc), PDF, RTF, ODT или Excel"
_NO_SETTING = (
    "В книге нет параметра «Файл для импорта» на листе «Настройки» "
    "(имя rt_import_file). Пересоздайте книгу командой roadmap-tools build-workbook."
)
_MESSAGE_TITLE = "Дорожная карта"


def ribbon_xml(buttons: Sequence[Button] = BUTTONS) -> str:
    """customUI14.xml of the tab «Дорожная карта»."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f'<customUI xmlns="{CUSTOMUI_NAMESPACE}">',
        "  <ribbon>",
        "    <tabs>",
        f'      <tab id="{RIBBON_TAB_ID}" label={quoteattr(RIBBON_TAB_LABEL)} insertAfterMso="TabHome">',
    ]
    for group_id, group_label in GROUPS.items():
        members = [b for b in buttons if b.group == group_id]
        if not members:
            continue
        lines.append(f'        <group id="{group_id}" label={quoteattr(group_label)}>')
        for b in members:
            lines.append(
                f'          <button id="{b.id}" label={quoteattr(b.label)} size="large" imageMso="{b.image_mso}"'
                f' screentip={quoteattr(b.screentip)} supertip={quoteattr(b.supertip)} onAction="{b.callback}"/>'
            )
        lines.append("        </group>")
    lines += ["      </tab>", "    </tabs>", "  </ribbon>", "</customUI>", ""]
    return "\n".join(lines)


def vba_escape(text: str) -> str:
    """A VBA string literal's content: ASCII, non-ASCII as \\uXXXX, quotes doubled."""
    out = []
    for ch in text:
        if ch == '"':
            out.append('""')
        elif ord(ch) < 128 and ch != "\\":
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04X}")
    return "".join(out)


def _file_filter() -> str:
    """GetOpenFilename's filter: «description,patterns» pairs joined by commas."""
    return ",".join(f"{description} ({patterns}),{patterns}" for description, patterns in IMPORT_FILE_TYPES)


def _callback(b: Button) -> list:
    run = f'    RunPython "{run_python_command(b)}"'
    if not b.asks_for_file:
        return [f"Public Sub {b.callback}(control As IRibbonControl)", run, "End Sub"]
    return [
        f"Public Sub {b.callback}(control As IRibbonControl)",
        "    Dim chosen As Variant",
        f'    chosen = Application.GetOpenFilename(U("{vba_escape(_file_filter())}"), 1, '
        f'U("{vba_escape(_IMPORT_TITLE)}"))',
        "    If VarType(chosen) = vbBoolean Then Exit Sub ' cancelled: do nothing",
        "    On Error GoTo NoSetting",
        f'    ThisWorkbook.Names("{IMPORT_FILE_NAME}").RefersToRange.Value = CStr(chosen)',
        "    On Error GoTo 0",
        run,
        "    Exit Sub",
        "NoSetting:",
        f'    MsgBox U("{vba_escape(_NO_SETTING)}"), vbExclamation, U("{vba_escape(_MESSAGE_TITLE)}")',
        "End Sub",
    ]


_DECODER = [
    "Private Function U(ByVal text As String) As String",
    "    ' Decodes \\uXXXX escapes: keeps this module ASCII while showing Russian text.",
    "    ' The hex digits are summed by hand: no string-to-number conversion, whose",
    "    ' accepted forms differ between Windows VBA and other Basics.",
    "    Dim i As Long, k As Long, code As Long, result As String",
    "    i = 1",
    "    Do While i <= Len(text)",
    '        If Mid$(text, i, 2) = "\\u" And i + 5 <= Len(text) Then',
    "            code = 0",
    "            For k = 2 To 5",
    '                code = code * 16 + InStr(1, "0123456789ABCDEF", UCase$(Mid$(text, i + k, 1))) - 1',
    "            Next k",
    "            result = result & ChrW$(code)",
    "            i = i + 6",
    "        Else",
    "            result = result & Mid$(text, i, 1)",
    "            i = i + 1",
    "        End If",
    "    Loop",
    "    U = result",
    "End Function",
]


def callbacks_module(buttons: Sequence[Button] = BUTTONS) -> str:
    """Source of the VBA module RoadmapRibbon (CRLF line ends, ASCII)."""
    lines = [
        f'Attribute VB_Name = "{CALLBACKS_MODULE}"',
        "' Callbacks of the ribbon tab of the roadmap workbook (customUI/customUI14.xml).",
        "' GENERATED from roadmap_tools/xlsm/buttons.py by roadmap_tools.xlsm.ribbon: edit the buttons there.",
        "' Each button runs one function of roadmap_tools.excel through xlwings RunPython;",
        "' xlwings shows a Python error in a message box.",
        "Option Explicit",
        "",
    ]
    for b in buttons:
        lines += _callback(b) + [""]
    lines += _DECODER
    return "\r\n".join(lines) + "\r\n"


def write_sources(workbook_dir: Path) -> list:
    """Write the ribbon XML and the callbacks module under ``workbook_dir``; return the paths."""
    from roadmap_tools.safeio import atomic_write

    targets = [
        (workbook_dir / "ribbon" / "customUI14.xml", ribbon_xml().encode("utf-8")),
        (workbook_dir / "vba" / f"{CALLBACKS_MODULE}.bas", callbacks_module().encode("ascii")),
    ]
    for path, data in targets:
        atomic_write(path, functools.partial(Path.write_bytes, data=data), backup=False)
    return [p for p, _ in targets]


if __name__ == "__main__":
    from roadmap_tools.xlsm.build import WORKBOOK_SOURCES

    for written in write_sources(WORKBOOK_SOURCES):
        print(written)
