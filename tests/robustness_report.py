"""Print the README's table of malformed inputs: what each command did with each.

    python tests/robustness_report.py            # Markdown table on stdout
    python tests/robustness_report.py --messages # with the first line of each message

Runs the same cases as ``test_robustness.py`` (the same corpus, calls and limits).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from malformed import CORPUS, Bases, children_max_rss_mb  # noqa: E402
from test_robustness import CALLS, Case, _selected  # noqa: E402

from roadmap_tools.cli import command_modules  # noqa: E402


def _verdict(case: Case) -> str:
    outcome = case.outcome
    if "Traceback" in outcome.err or outcome.code not in (0, 1, 2):
        return f"**СБОЙ {outcome.code}**"
    if "Ошибка" in outcome.err or outcome.code == 2:
        return f"отказ ({outcome.code})"
    return "работает" if outcome.code == 0 else f"работает ({outcome.code})"


def main() -> int:
    messages = "--messages" in sys.argv
    available = [c for c in CALLS if c in command_modules()]
    with tempfile.TemporaryDirectory() as tmp:
        bases = Bases(Path(tmp) / "bases")
        cases = [
            Case(item, command, Path(tmp), bases)
            for item in CORPUS
            for command in available
            if _selected(item, command)
        ]
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=2) as pool:
            done = list(pool.map(Case.run, cases))
        elapsed = time.monotonic() - started
        by_kind: dict = {}
        for case in done:
            by_kind.setdefault(case.item.kind, {})[case.command] = case
        print("| Вход | " + " | ".join(available) + " |")
        print("|---|" + "---|" * len(available))
        for item in CORPUS:
            cells = [_verdict(by_kind[item.kind][c]) if c in by_kind.get(item.kind, {}) else "" for c in available]
            print(f"| {item.kind} | " + " | ".join(cells) + " |")
        counts = Counter(_verdict(case).split(" (")[0] for case in done)
        groups = Counter(item.group for item in CORPUS)
        print(
            f"\nВходов: {len(CORPUS)} ({', '.join(f'{g}: {n}' for g, n in sorted(groups.items()))}); "
            f"запусков команд: {len(done)}; итог: {dict(counts)}; время: {elapsed:.0f} с на 2 процессах; "
            f"наибольшая память одного запуска: {children_max_rss_mb():.0f} МБ; "
            f"самый долгий запуск: {max(c.outcome.seconds for c in done):.1f} с."
        )
        if messages:
            print()
            for case in done:
                first = (case.outcome.err.strip().splitlines() or [""])[0]
                print(f"- {case.command} / {case.item.kind}: {first[:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
