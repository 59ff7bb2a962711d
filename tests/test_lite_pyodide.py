"""The xlwings Lite scripts inside real Pyodide (Node.js; the Pyodides xlwings Lite runs) give
the same actions as under CPython on the same workbook, with the lowest xlwings we support;
with an older xlwings every script says which xlwings is needed, and does nothing else.

Both interpreters run tests/lite/lite_scripts.py, which installs the xlwings wheel and the
roadmap_tools wheel built from this checkout (as a user puts them in requirements.txt) and
calls the scripts the way xlwings Lite's runner does. What they need (Pyodide from npm,
xlwings wheels from PyPI) is put in tests/lite by ``tests/lite/prepare.sh``; without it these
tests are skipped, saying so.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import openpyxl
import pytest
from conftest import run_cli
from excel_harness import book_json_from_xlsx
from openpyxl.comments import Comment

from roadmap_tools.excel import LITE_XLWINGS_FLOOR
from roadmap_tools.workbook import schema as layout

pytestmark = pytest.mark.pyodide

REPOSITORY = Path(__file__).resolve().parent.parent
LITE = REPOSITORY / "tests" / "lite"
#: The scripts that work in xlwings Lite (the other three say Lite cannot reach files).
LITE_SCRIPTS = ["check_entries", "flag_overdue", "monitoring_form"]
#: What xlwings Lite gives a new workbook, and the last version below the floor.
OLDER_XLWINGS = ["0.33.20", "0.37.4"]
PREPARE = "tests/lite/prepare.sh .venv/bin/python"
#: npm names of the Pyodides in tests/lite/package.json: 0.27.5 (xlwings Lite since April 2025)
#: and 314 (Python 3.14, supported by xlwings Lite from xlwings 0.36.6).
PYODIDES = ["pyodide", "pyodide-314"]


def missing(what: str) -> None:
    """Skip locally; fail on CI, whose .ci/run prepares everything these tests need."""
    if os.environ.get("CI"):
        pytest.fail(f"{what}, а CI должен это подготовить: см. .ci/run")
    pytest.skip(what)


@pytest.fixture(scope="module", params=PYODIDES)
def pyodide(request) -> Callable[[Path], list]:
    """The command that runs lite_scripts.py in Pyodide on the request in a folder."""
    package = request.param
    node = shutil.which("node")
    if node is None:
        missing("нет Node.js (node): Pyodide запускать не в чем")
    if not (LITE / "node_modules" / package / "pyodide.mjs").is_file():
        missing(f"нет {package} из npm в tests/lite/node_modules: выполните {PREPARE}")
    return lambda folder: [node, str(LITE / "run_pyodide.mjs"), package, str(folder), "request.json", "result.json"]


def cpython(folder: Path) -> list:
    return [sys.executable, str(LITE / "lite_scripts.py"), str(folder / "request.json"), str(folder / "result.json")]


@pytest.fixture(scope="module")
def books(sample_workbook, tmp_path_factory) -> dict:
    """The JSON xlwings Lite sends for two books: the sample roadmap as imported, and the same
    checked once, then given a new defect and the user's own note (so a check must delete its
    old sheet, notes and marks and keep the user's)."""
    checked = tmp_path_factory.mktemp("lite") / "Roadmap.xlsx"
    shutil.copy(sample_workbook, checked)
    assert run_cli("check", checked).code in (0, 1)
    workbook = openpyxl.load_workbook(checked)
    roadmap = workbook[layout.SHEET_ROADMAP]
    roadmap["C2"] = None
    roadmap["K3"].comment = Comment("моё примечание", "методист")
    workbook.save(checked)
    return {"imported": book_json_from_xlsx(sample_workbook), "checked": book_json_from_xlsx(checked)}


@pytest.fixture(scope="module")
def roadmap_wheel(tmp_path_factory) -> Path:
    """roadmap_tools as a wheel, built as the README says (``pip wheel --no-deps .``)."""
    folder = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(folder), str(REPOSITORY)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return next(folder.glob("roadmap_tools-*.whl"))


def xlwings_wheel(version: str) -> Path:
    wheel = LITE / "wheels" / f"xlwings-{version}-py3-none-any.whl"
    if not wheel.is_file():
        missing(f"нет {wheel.name} в tests/lite/wheels: выполните {PREPARE}")
    return wheel


def run_scripts(command: Callable[[Path], list], folder: Path, books: dict, version: str, roadmap_wheel: Path) -> dict:
    """The scripts' actions on each of ``books`` with xlwings ``version``, run by ``command``."""
    wheels = [xlwings_wheel(version), roadmap_wheel]
    folder.mkdir(parents=True)
    for wheel in wheels:
        shutil.copy(wheel, folder / wheel.name)
    request = {"wheels": [wheel.name for wheel in wheels], "books": books, "scripts": LITE_SCRIPTS}
    (folder / "request.json").write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(command(folder), cwd=REPOSITORY, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    assert result["door"].startswith(result["site"]), result["door"]  # from the wheel, not the checkout
    return result


def alerts(actions: list) -> list:
    return [action for action in actions if action["func"] == "alert"]


def test_lite_scripts_in_pyodide_give_the_actions_they_give_in_cpython(pyodide, books, roadmap_wheel, tmp_path):
    in_pyodide = run_scripts(pyodide, tmp_path / "pyodide", books, LITE_XLWINGS_FLOOR, roadmap_wheel)
    in_cpython = run_scripts(cpython, tmp_path / "cpython", books, LITE_XLWINGS_FLOOR, roadmap_wheel)
    assert (in_pyodide["platform"], in_pyodide["xlwings"]) == ("emscripten", LITE_XLWINGS_FLOOR)
    assert (in_cpython["platform"], in_cpython["xlwings"]) == (sys.platform, LITE_XLWINGS_FLOOR)
    for book in books:
        for script in LITE_SCRIPTS:
            actions = in_pyodide["actions"][book][script]
            # each script did its work: it wrote cells, and no error box stopped it
            assert any(action["func"] == "setValues" for action in actions), (book, script)
            assert all(alert["args"][3] != "critical" for alert in alerts(actions)), alerts(actions)
            assert actions == in_cpython["actions"][book][script], (book, script)
    # the second check removed its old notes and kept the user's
    deleted = [action for action in in_pyodide["actions"]["checked"]["check_entries"] if action["func"] == "deleteNote"]
    assert deleted and all("K3" not in json.dumps(action) for action in deleted)


@pytest.mark.parametrize("version", OLDER_XLWINGS)
def test_with_an_older_xlwings_in_pyodide_each_script_only_says_which_xlwings_is_needed(
    pyodide, books, roadmap_wheel, tmp_path, version
):
    result = run_scripts(pyodide, tmp_path / version, books, version, roadmap_wheel)
    assert result["xlwings"] == version
    for book in books:
        for script in LITE_SCRIPTS:
            actions = result["actions"][book][script]
            assert [action["func"] for action in actions] == ["alert"], (book, script, actions)
            prompt, mode = actions[0]["args"][0], actions[0]["args"][3]
            assert mode == "critical"
            assert f"нужен xlwings {LITE_XLWINGS_FLOOR} или новее" in prompt
            assert f"установлен xlwings {version}" in prompt
            assert f"xlwings>={LITE_XLWINGS_FLOOR}" in prompt and "Restart" in prompt
