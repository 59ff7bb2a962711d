"""The duplicate check compares a small group pair by pair and a large one through indexes:
both ways give the same findings on the same rows."""

import random
from datetime import date

import pytest

from roadmap_tools import checks
from roadmap_tools.model import Activity, Roadmap, Section, Source

WORDS = ["семинар", "семинары", "совещание", "педагогов", "школ", "результатами", "низкими", "методическое",
         "сопровождение", "этап", "2", "3", "мониторинг", "анализ", "проведение", "участие"]  # fmt: skip


def _roadmap(seed: int) -> Roadmap:
    rng = random.Random(seed)
    sections = []
    row = 2
    for s in range(3):
        activities = []
        for _ in range(rng.randint(5, 40)):
            text = " ".join(rng.sample(WORDS, rng.randint(2, 7)))
            if activities and rng.random() < 0.3:  # a repeat, or a repeat with one word more or less
                words = rng.choice(activities).activity.split()
                text = " ".join(words + [rng.choice(WORDS)] if rng.random() < 0.5 else words[:-1] or words)
            deadline = rng.choice(["март 2022", "II квартал 2022", "в течение года"])
            activities.append(Activity(activity=text, deadline=deadline, source=Source(row=row)))
            row += 1
        sections.append(Section(f"Раздел {s + 1}", activities))
    return Roadmap(years=[2022], sections=sections)


def _duplicates(roadmap: Roadmap, pairwise_up_to: int, monkeypatch) -> list:
    monkeypatch.setattr(checks, "_PAIRWISE_UP_TO", pairwise_up_to)
    checker = checks._Checker(roadmap, date(2022, 12, 31))
    checks._check_duplicates(checker, roadmap)
    return checker.findings


@pytest.mark.parametrize("seed", range(40))
def test_pairwise_and_indexed_duplicate_checks_find_the_same(seed, monkeypatch):
    roadmap = _roadmap(seed)
    pairwise = _duplicates(roadmap, 10**6, monkeypatch)
    indexed = _duplicates(roadmap, 0, monkeypatch)
    assert [(f.code, f.row) for f in pairwise] == [(f.code, f.row) for f in indexed]
    # an exact repeat names the same first activity either way
    assert [f.message for f in pairwise if f.code != "near_duplicate_activity"] == [
        f.message for f in indexed if f.code != "near_duplicate_activity"
    ]


def test_the_generated_roadmaps_do_hold_repeats(monkeypatch):
    found = [bool(_duplicates(_roadmap(seed), 10**6, monkeypatch)) for seed in range(40)]
    assert sum(found) >= 30
