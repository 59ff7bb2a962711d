"""Runs the xlwings Lite scripts on one workbook the way xlwings Lite does, and records their actions.

The same file runs under CPython and inside Pyodide (``run_pyodide.mjs``), so the two
action lists differ only by the interpreter. Like xlwings Lite's own runner, it sets the
environment xlwings reads at import, opens ``xw.Book(json=...)`` on the JSON the Office.js
client sends, and calls each script through ``xlwings.server.custom_scripts_call``, which
injects the book by its type hint; the script's writes are the book's action list.

    python lite_scripts.py REQUEST.json RESULT.json

REQUEST: {"wheels": pure-Python wheels to install, xlwings and roadmap_tools (paths relative
to the request), "books": {name: the client's JSON}, "scripts": names of functions in
roadmap_tools.excel}.
RESULT: {"xlwings": version, "platform": sys.platform, "door": where roadmap_tools.excel
was imported from, "actions": {book name: {script: [action, ...]}}}; every script starts
from the book as sent.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import sys
import tempfile
import zipfile


def install_wheels(wheels: list) -> str:
    """Unpack pure-Python wheels into a folder put first on sys.path (no pip in Pyodide here)."""
    site = tempfile.mkdtemp(prefix="site-")
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(site)
    sys.path.insert(0, site)
    return site


async def run_scripts(books: dict, scripts: list) -> dict:
    import xlwings as xw
    import xlwings.server

    from roadmap_tools import excel

    actions = {}
    for book_name, book_json in books.items():
        actions[book_name] = {}
        for name in scripts:
            book = xw.Book(json=copy.deepcopy(book_json))
            book = await xlwings.server.custom_scripts_call(
                module=excel, script_name=name, typehint_to_value={xw.Book: book}
            )
            actions[book_name][name] = book.json()["actions"]
    return {"xlwings": xw.__version__, "platform": sys.platform, "door": excel.__file__, "actions": actions}


async def main(request_path: str, result_path: str) -> None:
    with open(request_path, encoding="utf-8") as stream:
        request = json.load(stream)
    folder = os.path.dirname(request_path)
    site = install_wheels([os.path.join(folder, wheel) for wheel in request["wheels"]])
    # What xlwings Lite sets before xlwings is imported: the scripts' decorator of
    # xlwings Server (``@script`` registers the function) and the remote engine.
    os.environ["XLWINGS_ON_SERVER"] = "true"
    os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
    result = await run_scripts(request["books"], request["scripts"])
    result["site"] = site
    with open(result_path, "w", encoding="utf-8") as stream:
        json.dump(result, stream, ensure_ascii=False, indent=1, default=str)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
