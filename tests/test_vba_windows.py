"""The VBA we ship uses only what VBA on Windows accepts, not only what LibreOffice tolerates.

LibreOffice Basic runs our modules, but it is more lenient than Excel's VBA: it takes a
type suffix inside a string given to CLng («CLng("&H0416&")», a «Type mismatch» in
Excel), and it knows its own runtime (ThisComponent, createUnoService, ...). These tests
read every module the workbook carries and reject such patterns.
"""

from __future__ import annotations

import re

import pytest

from roadmap_tools.resources import VBA_SOURCES
from roadmap_tools.xlsm import ribbon

MODULES = sorted(p.name for p in VBA_SOURCES.iterdir() if p.suffix in (".bas", ".cls"))

#: What works in LibreOffice Basic (or elsewhere) and not in Excel's VBA on Windows.
NOT_WINDOWS_VBA = {
    "a type suffix inside a string converted to a number": re.compile(
        r"\b(CLng|CLngLng|CInt|CDbl|CSng|CCur|CDec|Val)\s*\([^)\n]*&\s*\"[&%!#@^]\"", re.I
    ),
    "a string literal ending in a type suffix given to a conversion": re.compile(
        r"\b(CLng|CLngLng|CInt|CDbl|CSng|CCur|CDec|Val)\s*\(\s*\"&[HO][0-9A-F]*[&%!#@^]\"", re.I
    ),
    "LibreOffice's own runtime": re.compile(
        r"\b(ThisComponent|StarDesktop|createUnoService|CreateUnoStruct|GetProcessServiceManager|"
        r"ConvertToURL|ConvertFromURL|CDateToIso|CDateFromIso|BasicLibraries|GlobalScope)\b",
        re.I,
    ),
    "LibreOffice's compatibility options": re.compile(
        r"^\s*Option\s+(VBASupport|Compatible|ClassModule)\b", re.I | re.M
    ),
}


def _code(source: str) -> str:
    """The source without comments (a quote outside a string starts one)."""
    lines = []
    for line in source.splitlines():
        out, in_string = [], False
        for ch in line:
            if ch == '"':
                in_string = not in_string
            elif ch == "'" and not in_string:
                break
            out.append(ch)
        lines.append("".join(out))
    return "\n".join(lines)


def _sources():
    for name in MODULES:
        yield name, (VBA_SOURCES / name).read_bytes().decode("ascii")
    yield "RoadmapRibbon (generated)", ribbon.callbacks_module()


@pytest.mark.parametrize("name,source", list(_sources()), ids=lambda v: v if isinstance(v, str) and len(v) < 40 else "")
def test_vba_modules_use_nothing_that_only_libreoffice_accepts(name, source):
    code = _code(source)
    found = [(what, m.group(0)) for what, rule in NOT_WINDOWS_VBA.items() for m in rule.finditer(code)]
    assert not found, f"{name}: {found}"


@pytest.mark.parametrize("name,source", list(_sources()), ids=lambda v: v if isinstance(v, str) and len(v) < 40 else "")
def test_vba_lines_stay_within_what_the_vba_editor_takes(name, source):
    lines = source.split("\r\n")
    assert max(len(line) for line in lines) <= 1023
    run = 0
    for line in lines:  # at most 24 line continuations in one logical line
        run = run + 1 if line.rstrip().endswith(" _") else 0
        assert run <= 24, name


@pytest.mark.parametrize(
    "bad",
    [
        'x = CLng("&H" & h & "&")',
        'x = CInt("&H0416&")',
        "Set d = ThisComponent",
        "Option VBASupport 1",
        'v = Val("&H" & s & "&")',
    ],
)
def test_the_rules_catch_what_windows_refuses(bad):
    assert any(rule.search(_code(bad)) for rule in NOT_WINDOWS_VBA.values())


def _decode_as_vba_does(escaped: str) -> str:
    """The VBA function U step by step: hex digits summed through InStr, no conversion."""
    text, result, i = escaped.replace('""', '"'), [], 0
    while i < len(text):
        if text[i : i + 2] == "\\u" and i + 5 < len(text):
            code = 0
            for ch in text[i + 2 : i + 6]:
                code = code * 16 + "0123456789ABCDEF".find(ch.upper())
            result.append(chr(code))
            i += 6
        else:
            result.append(text[i])
            i += 1
    return "".join(result)


@pytest.mark.parametrize("text", ["Импорт из Word", "«Файл» — №5", "ёЁ", "\uffff\u8000 плюс"])
def test_the_decoder_algorithm_gives_back_every_escaped_text(text):
    assert "CLng(" not in ribbon.callbacks_module()
    assert _decode_as_vba_does(ribbon.vba_escape(text)) == text
