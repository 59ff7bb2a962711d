"""A minimal writer of compound files (MS-CFB version 3), the container of ``vbaProject.bin``.

Reading is olefile's job; writing a small, fixed tree of storages and streams is short
enough to own: 512-byte sectors, streams under 4096 bytes in the mini stream, one FAT
with no DIFAT sectors (up to ~7 MB), a balanced directory tree, zero timestamps so
the same streams always give the same bytes.
"""

from __future__ import annotations

import struct
from typing import Dict, List, Optional

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
_HEADER_DIFAT = 109
_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")

_STORAGE, _STREAM, _ROOT = 1, 2, 5
_BLACK = 1


class _Entry:
    def __init__(self, name: str, kind: int, data: bytes = b""):
        if len(name) > 31:
            raise ValueError(f"compound file name longer than 31 characters: {name!r}")
        self.name = name
        self.kind = kind
        self.data = data
        self.children: Dict[str, "_Entry"] = {}
        self.index = 0
        self.left = self.right = self.child = NOSTREAM
        self.start = ENDOFCHAIN
        self.size = 0


def _sort_key(name: str) -> tuple:
    # MS-CFB 2.6.4: shorter names first, then a case-insensitive comparison
    return len(name.encode("utf-16-le")), name.upper()


def _link_tree(entries: List[_Entry]) -> int:
    """Link sorted siblings as a balanced binary tree (all black); return the root's index."""
    if not entries:
        return NOSTREAM
    middle = len(entries) // 2
    node = entries[middle]
    node.left = _link_tree(entries[:middle])
    node.right = _link_tree(entries[middle + 1 :])
    return node.index


def _chain(fat: list, first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else ENDOFCHAIN


def write_compound_file(streams: Dict[str, bytes]) -> bytes:
    """Bytes of a compound file holding ``streams`` ({"VBA/dir": b"...", "PROJECT": b"..."})."""
    root = _Entry("Root Entry", _ROOT)
    for path, data in streams.items():
        parts = path.split("/")
        node = root
        for part in parts[:-1]:
            node = node.children.setdefault(part, _Entry(part, _STORAGE))
            if node.kind != _STORAGE:
                raise ValueError(f"{path}: {part} is a stream, not a storage")
        if parts[-1] in node.children:
            raise ValueError(f"duplicate stream {path}")
        node.children[parts[-1]] = _Entry(parts[-1], _STREAM, bytes(data))

    # directory order: breadth-first, root first
    order: List[_Entry] = [root]
    for entry in order:
        order.extend(sorted(entry.children.values(), key=lambda e: _sort_key(e.name)))
    for index, entry in enumerate(order):
        entry.index = index
    for entry in order:
        entry.child = _link_tree(sorted(entry.children.values(), key=lambda e: _sort_key(e.name)))

    # mini stream: small streams in 64-byte mini sectors
    mini_stream = bytearray()
    mini_fat: list = []
    big: List[_Entry] = []
    for entry in order:
        if entry.kind != _STREAM:
            continue
        entry.size = len(entry.data)
        if entry.size == 0:
            entry.start = ENDOFCHAIN
        elif entry.size < MINI_CUTOFF:
            first = len(mini_fat)
            count = -(-entry.size // MINI_SECTOR)
            mini_fat.extend([0] * count)
            _chain(mini_fat, first, count)
            entry.start = first
            mini_stream += entry.data.ljust(count * MINI_SECTOR, b"\x00")
        else:
            big.append(entry)

    def sectors(n_bytes: int) -> int:
        return -(-n_bytes // SECTOR)

    n_mini_stream = sectors(len(mini_stream))
    n_mini_fat = sectors(len(mini_fat) * 4)
    n_dir = sectors(len(order) * 128)
    n_big = sum(sectors(e.size) for e in big)
    n_data = n_mini_stream + n_mini_fat + n_dir + n_big
    n_fat = 1
    while n_fat * (SECTOR // 4) < n_data + n_fat:
        n_fat += 1
    if n_fat > _HEADER_DIFAT:
        raise ValueError("compound file too large for a writer without DIFAT sectors")

    fat = [FREESECT] * (n_fat * (SECTOR // 4))
    for i in range(n_fat):
        fat[i] = FATSECT
    cursor = n_fat
    dir_start = cursor
    _chain(fat, cursor, n_dir)
    cursor += n_dir
    mini_fat_start = cursor if n_mini_fat else ENDOFCHAIN
    _chain(fat, cursor, n_mini_fat)
    cursor += n_mini_fat
    root.start = cursor if n_mini_stream else ENDOFCHAIN
    root.size = len(mini_stream)
    _chain(fat, cursor, n_mini_stream)
    cursor += n_mini_stream
    for entry in big:
        entry.start = cursor
        count = sectors(entry.size)
        _chain(fat, cursor, count)
        cursor += count

    header = bytearray(SECTOR)
    struct.pack_into(
        "<8s16sHHHHH6sIIIIIIIII",
        header,
        0,
        _SIGNATURE,
        b"\x00" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\x00" * 6,
        0,
        n_fat,
        dir_start,
        0,
        MINI_CUTOFF,
        mini_fat_start,
        n_mini_fat,
        ENDOFCHAIN,
        0,
    )
    difat = list(range(n_fat)) + [FREESECT] * (_HEADER_DIFAT - n_fat)
    struct.pack_into("<109I", header, 76, *difat)

    directory = bytearray()
    for entry in order:
        directory += _dir_entry(entry)
    while len(directory) % SECTOR:
        directory += _dir_entry(None)

    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
    mini_fat_bytes += struct.pack("<I", FREESECT) * ((n_mini_fat * SECTOR - len(mini_fat_bytes)) // 4)

    body = bytearray(header)
    body += struct.pack(f"<{len(fat)}I", *fat)
    body += directory
    body += mini_fat_bytes
    body += bytes(mini_stream).ljust(n_mini_stream * SECTOR, b"\x00")
    for entry in big:
        body += entry.data.ljust(sectors(entry.size) * SECTOR, b"\x00")
    return bytes(body)


def _dir_entry(entry: Optional[_Entry]) -> bytes:
    raw = bytearray(128)
    if entry is None:  # an unused slot
        struct.pack_into("<III", raw, 68, NOSTREAM, NOSTREAM, NOSTREAM)
        return bytes(raw)
    name = entry.name.encode("utf-16-le") + b"\x00\x00"
    raw[0 : len(name)] = name
    struct.pack_into("<HBBIII", raw, 64, len(name), entry.kind, _BLACK, entry.left, entry.right, entry.child)
    # CLSID, state bits and both timestamps stay zero: deterministic output
    struct.pack_into("<IQ", raw, 116, entry.start if entry.kind != _STORAGE else 0, entry.size)
    return bytes(raw)
