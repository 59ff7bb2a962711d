"""Write docs/commands.md, the command reference, from the commands' own ``--help``.

python docs/make_reference.py          # rewrite docs/commands.md
python docs/make_reference.py --check  # exit 1 if docs/commands.md is not current (CI)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REFERENCE = Path(__file__).with_name("commands.md")
WIDTH = "100"  # argparse wraps help to $COLUMNS: fixed, so the text is the same everywhere


def reference() -> str:
    os.environ["COLUMNS"] = WIDTH
    from roadmap_tools.cli import build_parser, command_modules

    parser = build_parser()
    parts = [
        "# Команды roadmap-tools",
        "",
        "Справочник собран из `--help` самих команд (`python docs/make_reference.py`); "
        "тест проверяет, что он не отстал от кода.",
        "",
        "```text",
        parser.format_help().rstrip(),
        "```",
        "",
    ]
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name in command_modules():
        parts += [f"## {name}", "", "```text", subparsers.choices[name].format_help().rstrip(), "```", ""]
    return "\n".join(parts)


def main(argv: list) -> int:
    text = reference()
    if "--check" in argv:
        current = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
        if current != text:
            print(f"{REFERENCE} устарел: python docs/make_reference.py", file=sys.stderr)
            return 1
        return 0
    REFERENCE.write_text(text, encoding="utf-8")
    print(REFERENCE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
