"""The ``roadmap-tools`` command line: a thin door over the library.

Each command is one module in ``roadmap_tools/commands/`` with ``add_arguments(parser)``
and ``run(args) -> int``; its docstring is its ``--help``. Exit codes: 0 success,
1 a problem with the input (explained in Russian), 2 bad arguments, 3 an internal error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import warnings
from typing import Optional, Sequence

from roadmap_tools import commands
from roadmap_tools.errors import RoadmapError
from roadmap_tools.safeio import guarding_inputs, quiet_cleanup

#: argparse's own messages, in Russian (argparse looks ``_`` up at call time).
_ARGPARSE_RU = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "optional arguments": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "the following arguments are required: %s": "не указаны обязательные аргументы: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "недопустимое значение %(value)r (возможны: %(choices)s)",
    "expected one argument": "ожидается одно значение",
    "expected at least one argument": "ожидается хотя бы одно значение",
    "invalid %(type)s value: %(value)r": "недопустимое значение: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначный параметр %(option)s: %(matches)s",
    "not allowed with argument %s": "нельзя вместе с %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
}


EXIT_CODES = """Коды выхода:
  0  готово
  1  проблема с входным файлом или данными: причина по-русски (файл, лист, ячейка, что сделать);
     книга занята другой командой дольше 5 с, нет места на диске; файлы пользователя не изменены
  2  ошибка в аргументах команды: в том числе -o поверх входного файла или с расширением не того
     вида, дата вне диапазона Excel (до 1900 года); ничего не прочитано и не записано
  3  внутренняя ошибка программы (сообщите разработчикам)"""


def _translate(message: str) -> str:
    return _ARGPARSE_RU.get(message, message)


argparse._ = _translate  # type: ignore[attr-defined]


class RussianArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: ошибка: {message}\nПодробнее: {self.prog} --help\n")


def _dash_hint(argv: Sequence[str]) -> str:
    """A file whose name starts with «-» reads as an option: say how to name it."""
    named = [a for a in argv if a.startswith("-") and len(a) > 1 and os.path.lexists(a)]
    if not named:
        return ""
    return (
        f"Имя файла «{named[0]}» начинается с «-» и читается как параметр: укажите его как "
        f"«./{named[0]}» или после «--»."
    )


def command_modules():
    """Command name -> module, discovered in ``roadmap_tools.commands``."""
    found = {}
    for info in pkgutil.iter_modules(commands.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        # a module may name its command itself (``import`` is a Python keyword)
        found[getattr(module, "NAME", info.name.replace("_", "-"))] = module
    return dict(sorted(found.items()))


def build_parser() -> argparse.ArgumentParser:
    parser = RussianArgumentParser(
        prog="roadmap-tools",
        description="Дорожные карты в Excel: импорт, проверка, просрочки, форма мониторинга, отчёты.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="КОМАНДА", parser_class=RussianArgumentParser)
    for name, module in command_modules().items():
        doc = (module.__doc__ or "").strip()
        p = sub.add_parser(
            name,
            help=doc.splitlines()[0] if doc else "",
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]  # a replaced stream may lack it
        except (AttributeError, ValueError):
            pass


def main(argv: Optional[Sequence[str]] = None) -> int:
    _utf8_streams()
    if not os.environ.get("ROADMAP_TOOLS_DEBUG"):
        # libraries' warnings about odd files («Cell E9 is marked as a date but…») are English
        # noise to a user; what matters is reported by our own messages
        warnings.simplefilter("ignore")
    parser = build_parser()
    argv = [str(a) for a in (sys.argv[1:] if argv is None else argv)]
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        if exc.code == 2 and _dash_hint(argv):
            print(_dash_hint(argv), file=sys.stderr)
        raise
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    with quiet_cleanup(), guarding_inputs():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args._run(args) or 0)
    except RoadmapError as exc:
        print(f"Ошибка: {exc}", file=sys.stderr)
        return exc.exit_code
    except MemoryError:
        print(
            "Ошибка: не хватило памяти: файл слишком велик для обработки; ничего не записано. "
            "Удалите из книги лишние листы и строки (или закройте другие программы) и повторите.",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("Прервано пользователем.", file=sys.stderr)
        return 130
    except Exception as exc:  # our own bug: say so plainly, no traceback for the user
        if os.environ.get("ROADMAP_TOOLS_DEBUG"):
            raise
        print(
            f"Внутренняя ошибка программы ({type(exc).__name__}: {exc}). "
            "Сообщите разработчикам; для подробностей задайте ROADMAP_TOOLS_DEBUG=1.",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    raise SystemExit(main())
