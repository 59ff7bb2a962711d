"""The compound-file writer: olefile reads every stream back, and output is deterministic."""

import io
import os

import olefile
import pytest

from roadmap_tools.xlsm.cfb import write_compound_file


def _streams():
    return {
        "PROJECT": b"ID=...\r\n" * 50,
        "PROJECTwm": b"",
        "VBA/_VBA_PROJECT": bytes.fromhex("cc61ffff000100"),
        "VBA/dir": os.urandom(1273),
        "VBA/mini_edge": os.urandom(4095),
        "VBA/cutoff": os.urandom(4096),
        "VBA/big": os.urandom(70_000),
        "VBA/Sheet1": os.urandom(64),
        "VBA/sub/deeper": b"nested storage",
    }


def test_every_stream_reads_back_through_olefile():
    streams = _streams()
    ole = olefile.OleFileIO(io.BytesIO(write_compound_file(streams)))
    for path, data in streams.items():
        assert ole.openstream(path).read() == data, path
    assert sorted("/".join(e) for e in ole.listdir()) == sorted(streams)


def test_same_streams_give_the_same_bytes():
    streams = _streams()
    assert write_compound_file(streams) == write_compound_file(dict(reversed(list(streams.items()))))


def test_names_longer_than_31_characters_are_refused():
    with pytest.raises(ValueError):
        write_compound_file({"x" * 32: b""})
