"""A job on a file pauses the garbage collector only while it works, whatever happens."""

import gc
from datetime import date

import pytest
from roadmap_books import roadmap_book

from roadmap_tools.actions import on_file
from roadmap_tools.errors import RoadmapError


def test_the_collector_is_paused_during_the_job_and_running_after_it(tmp_path, monkeypatch):
    seen = []
    job = on_file.check_job
    monkeypatch.setattr(on_file, "check_job", lambda *a, **k: seen.append(gc.isenabled()) or job(*a, **k))
    on_file.run_check(roadmap_book("roadmap_penza_2022", tmp_path), today=date(2022, 12, 31))
    assert seen == [False]
    assert gc.isenabled()


def test_a_refused_file_leaves_the_collector_running(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(RoadmapError):
        on_file.run_overdue(broken)
    assert gc.isenabled()


def test_a_collector_the_caller_paused_stays_paused(tmp_path):
    gc.disable()
    try:
        on_file.run_form(roadmap_book("roadmap_penza_2022", tmp_path), start=date(2022, 1, 1), end=date(2022, 3, 31))
        assert not gc.isenabled()
    finally:
        gc.enable()
