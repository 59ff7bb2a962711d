"""Shared test helpers: fixture files, running the CLI in memory, LibreOffice."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from roadmap_tools.resources import SAMPLE_ROADMAP

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
ROADMAP_FIXTURES = ["roadmap_penza_2022", "roadmap_sarov_2021_2022", "roadmap_karpinsk_2022"]
REPORT_FIXTURE = "report_kuznetsk_2023"
#: The sample Word roadmap of the repository (the one the committed workbook shows).
SAMPLE_DOCX = SAMPLE_ROADMAP


@dataclass(frozen=True)
class SchoolYear:
    """A roadmap on a school year in the deadline tables: ``SchoolYear(2023)`` is 2023-2024."""

    first: int


def parse_in(phrase: str, years):
    """``parse_deadline`` for a table row whose years are calendar years or a ``SchoolYear``."""
    from roadmap_tools.deadlines import parse_deadline

    if isinstance(years, SchoolYear):
        return parse_deadline(phrase, (), years.first)
    return parse_deadline(phrase, years)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def gold(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.gold.json").read_text(encoding="utf-8"))


def collapsed(value):
    """Whitespace collapsed everywhere, as imported roadmaps are compared with the expected JSON."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [collapsed(v) for v in value]
    if isinstance(value, dict):
        return {k: collapsed(v) for k, v in value.items()}
    return value


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)

    def json_lines(self):
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


def run_cli(*args: str, stdin: str = "") -> CliResult:
    """Run ``roadmap-tools ARGS`` in this process and capture what it prints."""
    from roadmap_tools.cli import main

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse exits on bad arguments
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = old_stdin
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def sample_workbook(tmp_path_factory) -> Path:
    """The roadmap workbook the command line makes from the sample Word roadmap (do not edit it)."""
    path = tmp_path_factory.mktemp("sample") / "Roadmap.xlsx"
    result = run_cli("import", SAMPLE_DOCX, "-o", path)
    assert result.code == 0, result.err
    return path


def soffice_path():
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def soffice():
    """Path of LibreOffice; skips locally when absent, fails on CI (which installs it)."""
    path = soffice_path()
    if not path:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) не установлен, а CI должен его ставить: см. .ci/run")
        pytest.skip("LibreOffice не установлен: apt-get install libreoffice-calc")
    return path


def convert_with_libreoffice(soffice: str, src: Path, fmt: str, outdir: Path) -> Path:
    """Convert ``src`` headless (``fmt`` like 'pdf' or 'xlsx'); return the new file."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        proc = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                str(src),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists(), f"LibreOffice did not convert {src.name}: {proc.stdout} {proc.stderr}"
    return out


@pytest.fixture
def to_pdf(soffice, tmp_path):
    def convert(src: Path) -> Path:
        return convert_with_libreoffice(soffice, Path(src), "pdf", tmp_path / "pdf")

    return convert


#: Markers whose tests are slow by nature (a LibreOffice or Node.js process each) and
#: modules that run the whole hostile corpus: all go to the slow step (pytest -m slow).
SLOW_MARKERS = ("libreoffice", "pyodide")
SLOW_MODULES = ("test_robustness.py",)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if any(item.get_closest_marker(name) for name in SLOW_MARKERS) or item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
