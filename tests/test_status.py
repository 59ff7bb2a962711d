"""Deadline control at fixed dates: every kind of deadline, each occurrence counted."""

from datetime import date

import pytest

from roadmap_tools.control import ControlStatus, deadline_status, normalize_status, summary
from roadmap_tools.model import Activity, Deadline

D = date
MARCH = Deadline("март 2022", "period", ((D(2022, 3, 1), D(2022, 3, 31)),))
BY_5_MARCH = Deadline("до 5 марта 2022", "deadline", ((D(2022, 3, 5), D(2022, 3, 5)),))
MAY_NOV = Deadline(
    "май, ноябрь 2022", "milestones", ((D(2022, 5, 1), D(2022, 5, 31)), (D(2022, 11, 1), D(2022, 11, 30)))
)
YEARLY_SEP_OCT = Deadline(
    "Сентябрь – октябрь ежегодно", "recurring", ((D(2021, 9, 1), D(2021, 10, 31)), (D(2022, 9, 1), D(2022, 10, 31)))
)
DURING_2022 = Deadline("В течение 2022 года", "continuous", ((D(2022, 1, 1), D(2022, 12, 31)),))
ALWAYS = Deadline("постоянно", "continuous")
ON_DEMAND = Deadline("по мере необходимости", "on_demand")
MISSING = Deadline("", "missing")
UNPARSED = Deadline("по окончании", "unparsed", reason="нет даты")


def act(deadline, status="", done=None):
    return Activity(activity="x", deadline=deadline.text, parsed=deadline, status=status, done_date=done)


CASES = [
    # id, deadline, status, done date, as of, expected (status, due, days overdue, missed)
    ("period before it starts is on time", MARCH, "", None, D(2022, 1, 10), ("В срок", D(2022, 3, 31), None, 0)),
    ("period due within 14 days is due soon", MARCH, "", None, D(2022, 3, 20), ("Скоро срок", D(2022, 3, 31), None, 0)),
    ("the due day itself is still due soon", MARCH, "", None, D(2022, 3, 31), ("Скоро срок", D(2022, 3, 31), None, 0)),
    ("the day after the due is overdue by 1", MARCH, "", None, D(2022, 4, 1), ("Просрочено", D(2022, 3, 31), 1, 1)),
    ("done on time", MARCH, "Выполнено", D(2022, 3, 15), D(2022, 5, 1), ("Выполнено", D(2022, 3, 31), None, 0)),
    (
        "done after the due is done late",
        MARCH,
        "Выполнено",
        D(2022, 4, 10),
        D(2022, 5, 1),
        ("Выполнено с опозданием", D(2022, 3, 31), None, 0),
    ),
    (
        "done without a date counts as done",
        MARCH,
        "Выполнено",
        None,
        D(2022, 5, 1),
        ("Выполнено", D(2022, 3, 31), None, 0),
    ),
    ("a status synonym counts as done", MARCH, "да", None, D(2022, 5, 1), ("Выполнено", D(2022, 3, 31), None, 0)),
    ("in work past the due is overdue", MARCH, "В работе", None, D(2022, 4, 30), ("Просрочено", D(2022, 3, 31), 30, 1)),
    ("due date kind", BY_5_MARCH, "", None, D(2022, 3, 1), ("Скоро срок", D(2022, 3, 5), None, 0)),
    ("due date kind overdue", BY_5_MARCH, "", None, D(2022, 3, 10), ("Просрочено", D(2022, 3, 5), 5, 1)),
    ("milestones: the first one missed", MAY_NOV, "", None, D(2022, 6, 10), ("Просрочено", D(2022, 5, 31), 10, 1)),
    ("milestones: both missed", MAY_NOV, "", None, D(2022, 12, 5), ("Просрочено", D(2022, 5, 31), 188, 2)),
    (
        "milestones: first reported, second far away",
        MAY_NOV,
        "Выполнено",
        D(2022, 5, 20),
        D(2022, 7, 1),
        ("Выполнено", D(2022, 5, 31), None, 0),
    ),
    (
        "milestones: first reported, second begun",
        MAY_NOV,
        "Выполнено",
        D(2022, 5, 20),
        D(2022, 11, 5),
        ("В срок", D(2022, 11, 30), None, 0),
    ),
    (
        "milestones: first reported, second missed",
        MAY_NOV,
        "Выполнено",
        D(2022, 5, 20),
        D(2022, 12, 10),
        ("Просрочено", D(2022, 11, 30), 10, 1),
    ),
    (
        "milestones: reported after the second began covers both",
        MAY_NOV,
        "Выполнено",
        D(2022, 11, 20),
        D(2022, 12, 10),
        ("Выполнено", D(2022, 11, 30), None, 0),
    ),
    (
        "recurring: next year's occurrence due soon",
        YEARLY_SEP_OCT,
        "Выполнено",
        D(2021, 10, 20),
        D(2022, 10, 20),
        ("Скоро срок", D(2022, 10, 31), None, 0),
    ),
    (
        "recurring: last year reported, this year missed",
        YEARLY_SEP_OCT,
        "Выполнено",
        D(2021, 10, 20),
        D(2022, 11, 15),
        ("Просрочено", D(2022, 10, 31), 15, 1),
    ),
    (
        "recurring: nothing reported, first year missed",
        YEARLY_SEP_OCT,
        "",
        None,
        D(2022, 1, 10),
        ("Просрочено", D(2021, 10, 31), 71, 1),
    ),
    (
        "recurring: reported late in the second year",
        YEARLY_SEP_OCT,
        "Выполнено",
        D(2022, 11, 3),
        D(2022, 12, 1),
        ("Выполнено с опозданием", D(2022, 10, 31), None, 0),
    ),
    ("continuous year in progress", DURING_2022, "", None, D(2022, 6, 1), ("В срок", D(2022, 12, 31), None, 0)),
    ("continuous year over", DURING_2022, "", None, D(2023, 1, 2), ("Просрочено", D(2022, 12, 31), 2, 1)),
    ("always without dates", ALWAYS, "", None, D(2022, 6, 1), ("Без срока", None, None, 0)),
    ("on demand", ON_DEMAND, "", None, D(2022, 6, 1), ("Без срока", None, None, 0)),
    ("on demand done", ON_DEMAND, "Выполнено", D(2022, 5, 1), D(2022, 6, 1), ("Выполнено", None, None, 0)),
    ("missing deadline", MISSING, "", None, D(2022, 6, 1), ("Без срока", None, None, 0)),
    ("unparsed deadline", UNPARSED, "", None, D(2022, 6, 1), ("Без срока", None, None, 0)),
    (
        "done early, before the period began",
        MARCH,
        "Выполнено",
        D(2022, 2, 20),
        D(2022, 2, 25),
        ("Выполнено", D(2022, 3, 31), None, 0),
    ),
]


@pytest.mark.parametrize("deadline,status,done,as_of,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_control_status_at_fixed_dates(deadline, status, done, as_of, expected):
    result = deadline_status(act(deadline, status, done), as_of, 14)
    assert (result.status, result.due, result.days_overdue, result.missed_occurrences) == expected


def test_due_soon_days_come_from_the_argument():
    activity = act(MARCH)
    assert deadline_status(activity, D(2022, 3, 20), 5).status == "В срок"
    assert deadline_status(activity, D(2022, 3, 26), 5).status == "Скоро срок"


def test_activity_without_parse_has_no_date():
    assert deadline_status(Activity(activity="x"), D(2022, 1, 1)).status == "Без срока"


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("Выполнено", "Выполнено"),
        ("выполнено", "Выполнено"),
        (" Выполнено. ", "Выполнено"),
        ("да", "Выполнено"),
        ("в работе", "В работе"),
        ("", None),
        ("сделаем", None),
    ],
)
def test_typed_statuses_map_to_the_list(typed, expected):
    assert normalize_status(typed) == expected


def test_summary_counts_every_status_in_list_order():
    counts = summary([ControlStatus("Просрочено"), ControlStatus("Просрочено"), ControlStatus("В срок")])
    assert list(counts) == ["Выполнено", "Выполнено с опозданием", "В срок", "Скоро срок", "Просрочено", "Без срока"]
    assert counts["Просрочено"] == 2 and counts["В срок"] == 1 and counts["Выполнено"] == 0
