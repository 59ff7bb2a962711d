"""The methodologist's machine, as a CI leg: the package installed from its wheel, no
LibreOffice, run outside the checkout.

Run by ``.ci/user-machine`` with the fresh venv's Python in an empty folder. Runs the
Quick start's main job, every command, and the button functions through xlwings'
remote engine (the engine of xlwings Lite and Server) on the sample; the buttons'
cells are compared with the commands' on the same book. Exits non-zero on the first
thing that does not work as a user would need it to.
"""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import subprocess
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
HERE = Path.cwd()
TOOL = [str(Path(sys.executable).with_name("roadmap-tools"))]
RUSSIAN_OR_EMPTY_ERR = ("Traceback", "Внутренняя ошибка", "Exception ignored")


def say(text: str) -> None:
    print(f"[машина пользователя] {text}", flush=True)


def fail(text: str) -> None:
    print(f"[машина пользователя] ОШИБКА: {text}", flush=True)
    sys.exit(1)


def run(*args, stdin: str = "", codes=(0,)) -> subprocess.CompletedProcess:
    proc = subprocess.run(TOOL + [str(a) for a in args], input=stdin, capture_output=True, text=True, timeout=600)
    shown = " ".join(str(a) for a in args)
    if proc.returncode not in codes or any(bad in proc.stdout + proc.stderr for bad in RUSSIAN_OR_EMPTY_ERR):
        fail(f"roadmap-tools {shown}: код {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    say(f"roadmap-tools {shown}: код {proc.returncode}")
    return proc


def the_machine_is_the_users() -> None:
    if shutil.which("soffice") or shutil.which("libreoffice"):
        fail("LibreOffice виден на PATH: этот прогон должен идти без него")
    import roadmap_tools

    where = Path(roadmap_tools.__file__).resolve()
    if CHECKOUT in where.parents:
        fail(f"пакет взят из клона ({where}), а не из установленного колеса")
    if "site-packages" not in where.parts:
        fail(f"пакет не из site-packages: {where}")
    say(f"пакет из колеса: {where.parent}")


def commands_work() -> Path:
    demo = HERE / "demo"
    out = run("demo", "-o", demo).stdout
    if "на " not in out or "л." not in out:
        fail("demo не назвал число листов приложения")
    book = demo / "roadmap.xlsx"
    for made in (book, demo / "Roadmap.xlsm", *demo.glob("*.eml"), *demo.glob("*.docx")):
        if not made.exists() or made.stat().st_size == 0:
            fail(f"demo не записал {made}")
    run("deadlines", "--years", "2022", stdin="Январь-февраль 2022 года\nдо 5 марта 2022\nII квартал\n")
    from roadmap_tools.resources import SAMPLE_ROADMAP

    run("import", SAMPLE_ROADMAP, "-o", HERE / "импорт.xlsx")
    work = HERE / "книга.xlsx"
    shutil.copy2(book, work)
    run("check", work, codes=(0, 1))
    run("overdue", work, "--as-of", "2022-06-30")
    run("form", work, "--from", "2022-04-01", "--to", "2022-06-30", "-o", HERE / "форма.xlsx")
    letter = run("letter", work, "-o", HERE / "письмо.docx").stdout
    if not (HERE / "письмо.docx").exists():
        fail("letter не записал письмо")
    say(letter.strip().splitlines()[-1] if letter.strip() else "")
    run("export-word", work, "-o", HERE / "приложение.docx")
    if not (HERE / "приложение.docx").exists():
        fail("export-word не записал документ")
    run("email", work, "-o", HERE / "письмо.eml")
    message = email.message_from_bytes((HERE / "письмо.eml").read_bytes(), policy=email.policy.default)
    if len(list(message.iter_attachments())) != 2:
        fail("в черновике e-mail не два вложения")
    reports = HERE / "отчёты"
    reports.mkdir()
    shutil.copy2(HERE / "форма.xlsx", reports / "Пенза.xlsx")
    run("consolidate", reports, "-o", HERE / "сводка.xlsx", "--workers", "1")
    # issue 16: requests to executors and back, the curator's review, the archive
    run("requests", work, "--from", "2022-04-01", "--to", "2022-06-30", "-o", HERE / "запросы")
    run("collect", work, HERE / "запросы")
    run("consolidate", reports, "-o", HERE / "сводка.xlsx", "--workers", "1", "--archive")
    if not (HERE / "Архив сводок.sqlite").exists():
        fail("consolidate --archive не записал архив рядом со сводкой")
    run("feedback", HERE / "сводка.xlsx", "-o", HERE / "замечания")
    feedback = sorted((HERE / "замечания").glob("*.xlsx"))
    if not feedback:
        fail("feedback не записал файл замечаний")
    run("apply-feedback", work, feedback[0])
    run("build-workbook")
    if not (HERE / "Roadmap.xlsm").exists():
        fail("build-workbook без -o не записал Roadmap.xlsm в текущую папку")
    run("build-workbook", "--roadmap", work, "-o", HERE / "моя книга.xlsm")
    run("--help")
    return book


def buttons_work(book: Path) -> None:
    """The buttons through the remote engine give the commands' cells and files."""
    os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"  # this CI leg only
    sys.path.insert(0, str(CHECKOUT / "tests"))  # the harness only; the package stays the wheel's
    import openpyxl
    from excel_harness import apply_actions, assert_same_workbooks, remote_book

    import roadmap_tools.excel as rt
    from roadmap_tools.resources import SAMPLE_ROADMAP

    imported = HERE / "импорт.xlsx"  # the sample as the command imported it, as the tests' twins

    def twins(name: str, source: Path = imported):
        folder = HERE / "кнопки" / name
        cli, door = folder / "cli" / "roadmap.xlsx", folder / "door" / "roadmap.xlsx"
        for target in (cli, door):
            target.parent.mkdir(parents=True)
            shutil.copy2(source, target)
        return cli, door

    def press(button, door: Path, shown_as: Path, *args):
        xw_book = remote_book(door, name=str(shown_as))
        button(xw_book, *args)
        actions = xw_book.json()["actions"]
        alerts = [a["args"][0] for a in actions if a["func"] == "alert"]
        if any("Внутренняя ошибка" in text for text in alerts):
            fail(f"{button.__name__}: {alerts}")
        return actions

    for name, button, args, command in (
        ("check", rt.check_entries, (), ["check"]),
        ("overdue", rt.flag_overdue, (), ["overdue"]),
        ("form", rt.monitoring_form, (), ["form"]),
        ("import", rt.import_from_word, (str(SAMPLE_ROADMAP),), ["import", SAMPLE_ROADMAP, "-o"]),
    ):
        cli, door = twins(name)
        if name == "import":
            run(*command, cli)
        else:
            run(*command, cli, codes=(0, 1))
        actions = press(button, door, cli, *args)
        after, _ = apply_actions(door, actions, door.with_name("после.xlsx"))
        assert_same_workbooks(openpyxl.load_workbook(cli), after)
        say(f"кнопка {button.__name__}: те же ячейки, что у команды ({len(actions)} действий)")
    import datetime

    cli, door = twins("requests")
    run("requests", cli, "--from", "2022-01-01", "--to", "2022-06-30", "-o", cli.parent / "запросы")
    actions = press(
        rt.requests_to_executors,
        door,
        cli,
        datetime.date(2022, 1, 1),
        datetime.date(2022, 6, 30),
        str(door.parent / "запросы"),
    )
    after, _ = apply_actions(door, actions, door.with_name("после.xlsx"))
    assert_same_workbooks(openpyxl.load_workbook(cli), after)
    made = sorted(p.name for p in (door.parent / "запросы").glob("*.xlsx"))
    if not made or made != sorted(p.name for p in (cli.parent / "запросы").glob("*.xlsx")):
        fail(f"requests_to_executors: {made}")
    say(f"кнопка requests_to_executors: те же ячейки и файлы, что у команды ({len(made)} запросов)")
    for name, button, suffix in (
        ("letter", rt.cover_letter, ".docx"),
        ("email", rt.email_draft, ".eml"),
        ("word", rt.export_to_word, ".docx"),
    ):
        _, door = twins(name, book)  # the demo's book: its «Настройки» fill the letter
        actions = press(button, door, door)
        made = [p for p in door.parent.iterdir() if p.suffix == suffix]
        if [a["func"] for a in actions] != ["save", "alert"] or not made:
            fail(f"{button.__name__}: {actions}")
        say(f"кнопка {button.__name__}: записан {made[0].name}")


if __name__ == "__main__":
    the_machine_is_the_users()
    buttons_work(commands_work())
    say("всё работает: колесо, без LibreOffice, вне клона")
