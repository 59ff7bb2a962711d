"""MS-OVBA compression (section 2.4.1): how VBA stores module source and the ``dir`` stream.

A compressed container is the signature byte 0x01 followed by chunks, each holding
up to 4096 bytes of data as a 2-byte header and either raw bytes or token sequences
(a flag byte, then 8 tokens: a literal byte or a 2-byte copy token that repeats
earlier bytes of the same chunk). Short and documented, so we own it rather than
depend on an alpha package.
"""

from __future__ import annotations

import struct

CHUNK_SIZE = 4096
_SIGNATURE = 0x01
_CHUNK_SIGNATURE = 0b011
#: Candidate positions kept per 3-byte prefix; enough for source text, bounded for speed.
_MAX_CANDIDATES = 64


def _bit_count(difference: int) -> int:
    """Bits of a copy token's offset at ``difference`` bytes into the chunk (at least 4)."""
    count = 4
    while (1 << count) < difference:
        count += 1
    return count


def copy_token_limits(difference: int) -> tuple:
    """(bit count, maximum length) of a copy token ``difference`` bytes into the chunk."""
    bits = _bit_count(difference)
    return bits, (0xFFFF >> bits) + 3


def _compress_chunk(chunk: bytes) -> bytes:
    out = bytearray()
    heads: dict = {}
    pos = 0
    end = len(chunk)
    while pos < end:
        flag_index = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= end:
                break
            bits, max_length = copy_token_limits(pos)
            best_len, best_off = 0, 0
            if pos + 3 <= end:
                limit = min(max_length, end - pos)
                for cand in reversed(heads.get(chunk[pos : pos + 3], ())):
                    length = 3
                    # the copy may overlap the bytes it produces (runs), so compare byte by byte
                    while length < limit and chunk[cand + length] == chunk[pos + length]:
                        length += 1
                    if length > best_len:
                        best_len, best_off = length, pos - cand
                        if length == limit:
                            break
            if best_len >= 3:
                token = ((best_off - 1) << (16 - bits)) | (best_len - 3)
                out += struct.pack("<H", token)
                flags |= 1 << bit
                step = best_len
            else:
                out.append(chunk[pos])
                step = 1
            for p in range(pos, min(pos + step, end - 2)):
                bucket = heads.setdefault(chunk[p : p + 3], [])
                bucket.append(p)
                if len(bucket) > _MAX_CANDIDATES:
                    del bucket[0]
            pos += step
        out[flag_index] = flags
    return bytes(out)


def compress(data: bytes) -> bytes:
    """Compress ``data`` into an MS-OVBA compressed container."""
    out = bytearray([_SIGNATURE])
    for start in range(0, len(data), CHUNK_SIZE):
        chunk = data[start : start + CHUNK_SIZE]
        body = _compress_chunk(chunk)
        if len(body) <= CHUNK_SIZE:
            header = 0x8000 | (_CHUNK_SIGNATURE << 12) | (len(body) + 2 - 3)
        else:  # incompressible: a raw chunk always holds exactly 4096 bytes
            body = chunk.ljust(CHUNK_SIZE, b"\x00")
            header = (_CHUNK_SIGNATURE << 12) | (CHUNK_SIZE + 2 - 3)
        out += struct.pack("<H", header) + body
    return bytes(out)


def decompress(data: bytes) -> bytes:
    """Decompress an MS-OVBA compressed container; ValueError if it is malformed."""
    if not data or data[0] != _SIGNATURE:
        raise ValueError("not an MS-OVBA compressed container (signature byte is not 0x01)")
    out = bytearray()
    pos = 1
    while pos < len(data):
        if pos + 2 > len(data):
            raise ValueError("truncated chunk header")
        header = struct.unpack_from("<H", data, pos)[0]
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0b111 != _CHUNK_SIGNATURE:
            raise ValueError(f"bad chunk signature at byte {pos}")
        compressed = bool(header & 0x8000)
        chunk_end = min(pos + size, len(data))
        pos += 2
        chunk_start = len(out)
        if not compressed:
            out += data[pos : pos + CHUNK_SIZE]
            pos += CHUNK_SIZE
            continue
        while pos < chunk_end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= chunk_end:
                    break
                if not flags & (1 << bit):
                    out.append(data[pos])
                    pos += 1
                    continue
                if pos + 2 > chunk_end:
                    raise ValueError("truncated copy token")
                token = struct.unpack_from("<H", data, pos)[0]
                pos += 2
                bits, _ = copy_token_limits(len(out) - chunk_start)
                length = (token & (0xFFFF >> bits)) + 3
                offset = (token >> (16 - bits)) + 1
                source = len(out) - offset
                if source < chunk_start:
                    raise ValueError("copy token points before its chunk")
                for i in range(length):
                    out.append(out[source + i])
    return bytes(out)
