"""MS-OVBA compression: what we write, olevba (and so Office) reads back byte for byte."""

import os
import random

import pytest
from oletools.olevba import decompress_stream

from roadmap_tools.resources import VBA_SOURCES
from roadmap_tools.xlsm import ovba

XLWINGS_BAS = str(VBA_SOURCES / "xlwings.bas")
random.seed(5)


def _text(n: int) -> bytes:
    words = [b"Sub ", b"End Sub\r\n", b"    RunPython ", b"Dim x As Long\r\n", b"' comment\r\n", b"If ", b"Then\r\n"]
    out = bytearray()
    while len(out) < n:
        out += random.choice(words)
    return bytes(out[:n])


CASES = [
    pytest.param(b"", id="empty"),
    pytest.param(b"a", id="one byte"),
    pytest.param(b"abc", id="shorter than a copy token"),
    pytest.param(_text(4095), id="one byte short of a chunk"),
    pytest.param(_text(4096), id="exactly one chunk"),
    pytest.param(_text(4097), id="one byte into the second chunk"),
    pytest.param(_text(3 * 4096), id="three full chunks"),
    pytest.param(b"a" * 10000, id="long run across chunk boundaries"),
    pytest.param(b"ab" * 5000, id="overlapping two-byte run"),
    pytest.param(bytes(range(256)) * 40, id="repeats far back in the chunk"),
    pytest.param(os.urandom(4096), id="incompressible full chunk is stored raw"),
    pytest.param(os.urandom(4096) + b"tail", id="raw chunk then a short one"),
    pytest.param(_text(60_000), id="a module-sized text"),
]


@pytest.mark.parametrize("data", CASES)
def test_compressed_data_reads_back_through_olevba(data):
    packed = ovba.compress(data)
    assert bytes(decompress_stream(bytearray(packed))) == data
    assert ovba.decompress(packed) == data


def test_xlwings_module_reads_back_through_olevba_and_is_smaller():
    data = open(XLWINGS_BAS, "rb").read()
    packed = ovba.compress(data)
    assert bytes(decompress_stream(bytearray(packed))) == data
    assert len(packed) < len(data) / 2


def test_decompresses_the_example_of_the_specification():
    # MS-OVBA 3.2.3
    packed = bytes.fromhex(
        "012FB000236161616263646582660070616768696A013808616B6C00306D6E6F70067102700410"
        "72737475761077 78797A003C".replace(" ", "")
    )
    assert ovba.decompress(packed) == b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"


@pytest.mark.parametrize(
    "difference, bits, max_length",
    [
        (1, 4, 4098),
        (16, 4, 4098),
        (17, 5, 2050),
        (32, 5, 2050),
        (33, 6, 1026),
        (2048, 11, 34),
        (2049, 12, 18),
        (4095, 12, 18),
    ],
)
def test_copy_token_longest_length_is_0xffff_shifted_by_bit_count_plus_3(difference, bits, max_length):
    assert ovba.copy_token_limits(difference) == (bits, max_length)


def test_short_incompressible_last_chunk_is_padded_to_4096_as_the_spec_says():
    data = os.urandom(3700)
    assert ovba.decompress(ovba.compress(data)) == data + bytes(4096 - 3700)


@pytest.mark.parametrize("packed", [b"", b"\x00\x01\x02", b"\x01\x05", b"\x01\xff\x0f"])
def test_malformed_containers_raise_value_error(packed):
    with pytest.raises(ValueError):
        ovba.decompress(packed)
