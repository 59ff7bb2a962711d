"""Build ``vbaProject.bin`` from VBA source text, source-only, with no Excel.

The project is rebuilt from the one xlwings ships in ``quickstart_standalone.xlsm``
(its references, including Office for ``IRibbonControl``, its project id and
protection strings) with our own modules. Like that template, it carries no compiled
code: every module's MODULEOFFSET is 0 and ``_VBA_PROJECT`` is the bare 7-byte header,
so Excel compiles the project from source when it opens the workbook. We regenerate
the ``dir``, ``PROJECT`` and ``PROJECTwm`` streams (MS-OVBA 2.3) and write the compound
file with ``roadmap_tools.xlsm.cfb``.
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from roadmap_tools.xlsm import ovba
from roadmap_tools.xlsm.cfb import write_compound_file

STANDARD, CLASS, DOCUMENT = "standard", "class", "document"

#: The 7-byte ``_VBA_PROJECT`` stream with version 0xFFFF: no compiled code, compile on open.
SOURCE_ONLY_VBA_PROJECT = bytes.fromhex("cc61ffff000100")

_WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
_SHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"

# dir stream record ids (MS-OVBA 2.3.4.2)
_PROJECTVERSION = 0x0009
_PROJECTMODULES = 0x000F
_PROJECTCODEPAGE = 0x0003
_REFERENCE_IDS = {0x0016, 0x003E, 0x0033, 0x002F, 0x0030, 0x000D, 0x000E}
_MODULENAME = 0x0019
_MODULEOFFSET = 0x0031
_MODULETYPE_PROCEDURAL = 0x0021
_MODULETYPE_OTHER = 0x0022
_DIR_END = 0x0010


def xlwings_template() -> Path:
    """``quickstart_standalone.xlsm`` of the installed xlwings."""
    import xlwings

    return Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"


@dataclass
class Module:
    """One VBA module: ``source`` is the text VBA stores, «Attribute VB_Name = …» lines included."""

    name: str
    kind: str  # standard | class | document
    source: str

    def __post_init__(self):
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,30}", self.name):
            raise ValueError(f"not a VBA module name: {self.name!r}")
        if self.kind not in (STANDARD, CLASS, DOCUMENT):
            raise ValueError(f"unknown module kind {self.kind!r}")


@dataclass
class Template:
    """What we keep of an existing project: everything but its modules."""

    info_records: bytes  # dir stream from PROJECTSYSKIND through PROJECTCONSTANTS
    reference_records: bytes  # every REFERENCE record, verbatim
    codepage: str
    project_lines: List[str]  # PROJECT stream lines other than module lines and [Workspace]
    modules: Dict[str, Module] = field(default_factory=dict)


def source_from_file(text: str) -> str:
    """Module text as VBA stores it, from a file exported by the VBA editor (.bas/.cls).

    Drops the «VERSION 1.0 CLASS … END» header of exported classes and makes every
    line end with CRLF.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].startswith("VERSION ") and "END" in lines:
        lines = lines[lines.index("END") + 1 :]
    text = "\n".join(lines)
    if not text.endswith("\n"):
        text += "\n"
    return text.replace("\n", "\r\n")


def document_module(name: str, workbook: bool = False) -> Module:
    """The module behind ThisWorkbook or a sheet (its name is the sheet's codeName)."""
    base = _WORKBOOK_BASE if workbook else _SHEET_BASE
    lines = [
        f'Attribute VB_Name = "{name}"',
        f'Attribute VB_Base = "{base}"',
        "Attribute VB_GlobalNameSpace = False",
        "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = True",
        "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = True",
    ]
    return Module(name, DOCUMENT, "\r\n".join(lines) + "\r\n")


# --- reading --------------------------------------------------------------------
def _records(data: bytes):
    """(id, payload) of each dir record; PROJECTVERSION's minor version is folded in."""
    pos = 0
    while pos < len(data):
        rec_id, size = struct.unpack_from("<HI", data, pos)
        if rec_id == _PROJECTVERSION:  # Size is 4, but 2 more bytes (MinorVersion) follow
            size = 6
        yield rec_id, data[pos + 6 : pos + 6 + size], data[pos : pos + 6 + size]
        pos += 6 + size


def read_dir(dir_stream: bytes) -> tuple:
    """Split a decompressed dir stream: (info bytes, reference bytes, module records, codepage)."""
    info, refs = bytearray(), bytearray()
    modules: List[dict] = []
    codepage = "cp1252"
    section = "info"
    current: Optional[dict] = None
    for rec_id, payload, raw in _records(dir_stream):
        if rec_id == _PROJECTCODEPAGE:
            codepage = f"cp{struct.unpack('<H', payload)[0]}"
        if rec_id == _PROJECTMODULES:
            section = "modules"
        elif section == "info" and rec_id in _REFERENCE_IDS:
            section = "refs"
        if section == "info":
            info += raw
        elif section == "refs":
            refs += raw
        elif rec_id == _MODULENAME:
            current = {"name": payload.decode(codepage), "kind": STANDARD}
            modules.append(current)
        elif current is not None and rec_id == _MODULEOFFSET:
            current["offset"] = struct.unpack("<I", payload)[0]
        elif current is not None and rec_id == 0x001A:
            current["stream"] = payload.decode(codepage)
        elif current is not None and rec_id == _MODULETYPE_OTHER:
            current["kind"] = CLASS  # class or document; told apart by VB_Base below
    return bytes(info), bytes(refs), modules, codepage


def _kind_of(source: str, declared: str) -> str:
    if declared == STANDARD:
        return STANDARD
    base = re.search(r'Attribute VB_Base = "([^"]*)"', source)
    if base and base.group(1) in (_WORKBOOK_BASE, _SHEET_BASE):
        return DOCUMENT
    return CLASS


def read_project(data: bytes) -> Template:
    """Read a vbaProject.bin: its project info, references and module sources."""
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        dir_stream = ovba.decompress(ole.openstream("VBA/dir").read())
        info, refs, module_records, codepage = read_dir(dir_stream)
        project_text = ole.openstream("PROJECT").read().decode(codepage)
        modules = {}
        for rec in module_records:
            raw = ole.openstream("VBA/" + rec.get("stream", rec["name"])).read()
            source = ovba.decompress(raw[rec.get("offset", 0) :]).decode(codepage)
            modules[rec["name"]] = Module(rec["name"], _kind_of(source, rec["kind"]), source)
    finally:
        ole.close()
    kept = []
    for line in project_text.replace("\r\n", "\n").split("\n"):
        if line.startswith("[Workspace]"):
            break
        if not line.startswith(("Document=", "Module=", "Class=", "BaseClass=", "Package=")):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return Template(info, refs, codepage, kept, modules)


def read_template(path: Optional[Path] = None) -> Template:
    """The project inside an .xlsm (by default xlwings' standalone quickstart)."""
    import zipfile

    with zipfile.ZipFile(path or xlwings_template()) as zf:
        return read_project(zf.read("xl/vbaProject.bin"))


def module_sources(data: bytes) -> Dict[str, str]:
    """Module name -> source text of a vbaProject.bin."""
    return {name: m.source for name, m in read_project(data).modules.items()}


# --- writing --------------------------------------------------------------------
def _record(rec_id: int, payload: bytes) -> bytes:
    return struct.pack("<HI", rec_id, len(payload)) + payload


def _module_records(module: Module, codepage: str) -> bytes:
    name = module.name.encode(codepage)
    uname = module.name.encode("utf-16-le")
    out = _record(_MODULENAME, name) + _record(0x0047, uname)
    out += _record(0x001A, name) + _record(0x0032, uname)  # stream name = module name
    out += _record(0x001C, b"") + _record(0x0048, b"")  # no doc string
    out += _record(_MODULEOFFSET, struct.pack("<I", 0))  # source only
    out += _record(0x001E, struct.pack("<I", 0))  # help context
    out += _record(0x002C, struct.pack("<H", 0xFFFF))  # cookie, ignored on read
    out += _record(_MODULETYPE_PROCEDURAL if module.kind == STANDARD else _MODULETYPE_OTHER, b"")
    out += struct.pack("<HI", 0x002B, 0)  # module terminator
    return out


def dir_stream(template: Template, modules: Sequence[Module]) -> bytes:
    """The decompressed ``dir`` stream for ``modules``."""
    out = bytearray(template.info_records + template.reference_records)
    out += _record(_PROJECTMODULES, struct.pack("<H", len(modules)))
    out += _record(0x0013, struct.pack("<H", 0xFFFF))  # project cookie
    for module in modules:
        out += _module_records(module, template.codepage)
    out += struct.pack("<HI", _DIR_END, 0)
    return bytes(out)


def project_stream(template: Template, modules: Sequence[Module]) -> bytes:
    lines = []
    head = [line for line in template.project_lines if line.startswith("ID=")]
    rest = [line for line in template.project_lines if not line.startswith("ID=")]
    lines += head
    for module in modules:
        if module.kind == DOCUMENT:
            lines.append(f"Document={module.name}/&H00000000")
        elif module.kind == CLASS:
            lines.append(f"Class={module.name}")
        else:
            lines.append(f"Module={module.name}")
    lines += rest
    lines += ["", "[Workspace]"] + [f"{m.name}=0, 0, 0, 0, C" for m in modules]
    return ("\r\n".join(lines) + "\r\n").encode(template.codepage)


def project_wm_stream(template: Template, modules: Sequence[Module]) -> bytes:
    out = bytearray()
    for module in modules:
        out += module.name.encode(template.codepage) + b"\x00"
        out += module.name.encode("utf-16-le") + b"\x00\x00"
    return bytes(out + b"\x00\x00")


def build_project(modules: Sequence[Module], template: Optional[Template] = None) -> bytes:
    """Bytes of a source-only vbaProject.bin holding ``modules`` (in this order)."""
    template = template or read_template()
    names = [m.name.lower() for m in modules]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"duplicate VBA module names: {sorted(duplicates)}")
    streams = {
        "PROJECT": project_stream(template, modules),
        "PROJECTwm": project_wm_stream(template, modules),
        "VBA/_VBA_PROJECT": SOURCE_ONLY_VBA_PROJECT,
        "VBA/dir": ovba.compress(dir_stream(template, modules)),
    }
    for module in modules:
        streams["VBA/" + module.name] = ovba.compress(module.source.encode(template.codepage))
    return write_compound_file(streams)
