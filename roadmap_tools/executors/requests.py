"""Requests to executors: for a reporting period, one small workbook per executor with the
period's activities where that executor is named, to fill and send back (``collect``).

The request sheet speaks the monitoring form's words; only the cells to fill are unlocked
(sheet protection without a password); each row carries its hidden stable id (``rowid``);
a hidden sheet «Служебный» says which roadmap, executor and period the request is for.
Where «Справочники» gives the executor's e-mail, an e-mail draft (.eml) goes beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from email.utils import parseaddr
from pathlib import Path
from typing import Optional, Sequence, Union

from openpyxl import Workbook

from roadmap_tools.actions.on_file import BookFile
from roadmap_tools.errors import RoadmapError
from roadmap_tools.executors.names import executor_index, executor_names, executors_of
from roadmap_tools.model import Activity, Roadmap
from roadmap_tools.monitoring_form import touches_period
from roadmap_tools.reading.xlsx_values import sheet_values
from roadmap_tools.reports.email_draft import build_message, write_eml
from roadmap_tools.reports.filenames import safe_stem
from roadmap_tools.safeio import atomic_write, ensure_not_open_elsewhere
from roadmap_tools.sheetplan import operations as sp
from roadmap_tools.workbook.book import executor_emails, plain_values
from roadmap_tools.workbook.rowid import row_id_plan, row_ids
from roadmap_tools.workbook.schema import SHEET_LISTS
from roadmap_tools.workbook.settings import resolve_period
from roadmap_tools.workbook.textfit import row_height

PathLike = Union[str, Path]

SHEET_REQUEST = "Запрос"
SHEET_META = "Служебный"
#: The request's header: the monitoring form's words, and the hidden id.
REQUEST_COLUMNS = [
    "№ п/п",
    "Мероприятие",
    "Срок",
    "Информация о проведении мероприятия",
    "Ссылка на документ",
    "Код строки",
]
REQUEST_WIDTHS = {"A": 7, "B": 55, "C": 18, "D": 55, "E": 35, "F": 12}
#: Request columns -> roadmap fields the answer goes to.
ANSWER_FIELDS = {"info": REQUEST_COLUMNS[3], "link": REQUEST_COLUMNS[4]}
REQUEST_HEADER_ROW = 5
MARKER = "roadmap-tools: запрос исполнителю"
#: «Служебный»: label in A, value in B.
META_LABELS = {
    "marker": "Вид файла",
    "title": "Дорожная карта",
    "organisation": "Организация",
    "executor": "Исполнитель",
    "period_from": "Период с",
    "period_to": "Период по",
    "roadmap_file": "Книга дорожной карты",
}
TO_FILL_COLOUR = "FFF2CC"
HEADER_COLOUR = "D9E1F2"
INSTRUCTION = (
    "Впишите в жёлтые ячейки, что сделано (название документа или мероприятия, дата, число "
    "участников), и ссылку на документ или новость. Остальные ячейки защищены от случайной правки; "
    "чтобы сортировать или фильтровать строки, снимите защиту (Рецензирование → Снять защиту листа, "
    "пароля нет). Скрытый столбец «Код строки» не меняйте: по нему ответ найдёт своё мероприятие. "
    "Сохраните файл в том же формате (.xlsx) и верните его."
)
EMAIL_BODY = (
    "Здравствуйте!\n\nПросим сообщить о выполнении мероприятий дорожной карты «{title}» {period}, "
    "где ответственным указан(о) {executor}. Заполните, пожалуйста, жёлтые ячейки приложенного "
    "файла («Информация о проведении мероприятия» и «Ссылка на документ») и верните файл ответом "
    "на это письмо.\n\nМероприятий в запросе: {count}.\n\n{sender}\n"
)


@dataclass
class RequestFile:
    executor: str
    activities: list  # list[Activity]
    email: str = ""
    path: Optional[Path] = None
    eml: Optional[Path] = None

    def to_json(self) -> dict:
        return {
            "executor": self.executor,
            "file": str(self.path) if self.path else None,
            "activities": len(self.activities),
            "email": self.email or None,
            "eml": str(self.eml) if self.eml else None,
        }


@dataclass
class RequestsResult:
    start: date
    end: date
    files: list = field(default_factory=list)  # list[RequestFile]
    without_executor: list = field(default_factory=list)  # activities of the period nobody is named for
    plans: list = field(default_factory=list)  # the ids written into the roadmap
    ids: dict = field(default_factory=dict)  # id(activity) -> its row id

    def to_json(self) -> dict:
        return {
            "period": [self.start.isoformat(), self.end.isoformat()],
            "files": [f.to_json() for f in self.files],
            "without_executor": [
                {"row": a.source.row, "number": a.number, "activity": a.activity} for a in self.without_executor
            ],
        }


# --- who is named where -------------------------------------------------------------------
def _check_email(email: str, executor: str) -> None:
    address = parseaddr(email)[1] if email else ""
    if email and ("@" not in address or any(c.isspace() for c in address)):
        raise RoadmapError(
            f"«{email}» у исполнителя «{executor}» не похоже на адрес электронной почты.",
            sheet=SHEET_LISTS,
            hint="Исправьте адрес в столбце «E-mail исполнителя» или очистите ячейку.",
        )


# --- the request workbook -------------------------------------------------------------------
def request_plans(
    roadmap: Roadmap, settings: dict, executor: str, activities: Sequence[Activity], ids: dict, start: date, end: date
) -> list:
    """The request workbook's two sheets as plans: «Запрос» and «Служебный»."""
    title = (settings or {}).get("title") or roadmap.title
    plan = sp.SheetPlan(SHEET_REQUEST, reset=True, index=0)
    period = f"за период с {start:%d.%m.%Y} по {end:%d.%m.%Y}"
    h = REQUEST_HEADER_ROW
    rows: list = [
        [f"Запрос информации о выполнении мероприятий дорожной карты «{title}»"],
        [f"Исполнитель: {executor}"],
        [period],
        [INSTRUCTION],
        list(REQUEST_COLUMNS),
    ]
    for activity in activities:
        rows.append(
            [
                activity.number.strip().rstrip(".").strip(),
                " ".join(activity.activity.split()),
                activity.deadline,
                activity.info or "",
                activity.link or "",
                ids[id(activity)],
            ]
        )
    last = len(rows)
    plan.add(sp.Values("A1", rows))
    for r in range(1, h):
        plan.add(sp.Merge(f"A{r}:E{r}"))
        plan.add(sp.Wrap(f"A{r}:E{r}", vertical="center"))
    plan.add(sp.Font("A1:E1", bold=True, size=12))
    total = sum(list(REQUEST_WIDTHS.values())[:5])
    for r in range(1, h):  # LibreOffice does not fit merged rows to their text: every row gets a height
        plan.add(sp.RowHeight(r, row_height(rows[r - 1][:1], [total]) * (1.25 if r == 1 else 1) + 3))
    plan.add(sp.Font(f"A{h}:F{h}", bold=True)).add(sp.Fill(f"A{h}:F{h}", HEADER_COLOUR))
    plan.add(sp.Wrap(f"A{h}:F{h}", vertical="center", horizontal="center"))
    plan.add(sp.RowHeight(h, row_height(REQUEST_COLUMNS[:5], list(REQUEST_WIDTHS.values())[:5]) + 3))
    if activities:
        plan.add(sp.Wrap(f"A{h + 1}:E{last}"))
        plan.add(sp.Fill(f"D{h + 1}:E{last}", TO_FILL_COLOUR))
        for number, row in enumerate(rows[h:], start=h + 1):
            plan.add(sp.RowHeight(number, row_height(row[:5], list(REQUEST_WIDTHS.values())[:5]) + 3))
    plan.add(sp.Border(f"A{h}:E{last}"))
    plan.add(sp.ColumnWidths(dict(REQUEST_WIDTHS), hidden=("F",)))
    plan.add(sp.Freeze(f"A{h + 1}"))
    plan.add(sp.PageSetup(landscape=True, fit_width=True, title_rows=f"{h}:{h}"))
    if activities:
        plan.add(sp.Protect(unlocked=(f"D{h + 1}:E{last}",)))
    meta = sp.SheetPlan(SHEET_META, reset=True)
    values = {
        "marker": MARKER,
        "title": title,
        "organisation": (settings or {}).get("organisation") or "",
        "executor": executor,
        "period_from": start,
        "period_to": end,
        "roadmap_file": Path(roadmap.source.file).name if roadmap.source.file else "",
    }
    meta.add(sp.Values("A1", [[META_LABELS[key], values[key]] for key in META_LABELS]))
    meta.add(sp.ColumnWidths({"A": 24, "B": 60}))
    return [plan, meta]


def write_request_workbook(plans: Sequence[sp.SheetPlan], target: Path) -> Path:
    """A new plain .xlsx with the plans' sheets (a request's, a feedback's); «Служебный» hidden."""

    wb = Workbook()
    placeholder = wb.active
    sp.apply_openpyxl(wb, plans)
    wb.remove(placeholder)
    if SHEET_META in wb.sheetnames:
        wb[SHEET_META].sheet_state = "hidden"
    wb.active = 0
    return atomic_write(target, lambda tmp: wb.save(tmp))


def write_request_email(
    settings: dict, request: RequestFile, title: str, start: date, end: date, today: Optional[date] = None
) -> Path:

    path = request.path
    assert path is not None  # the request's workbook is written before its letter
    period = f"за период с {start:%d.%m.%Y} по {end:%d.%m.%Y}"
    body = EMAIL_BODY.format(
        title=title,
        period=period,
        executor=request.executor,
        count=len(request.activities),
        sender=settings.get("sender_name") or settings.get("organisation") or "",
    )
    message = build_message(
        {**settings, "email_to": request.email, "email_subject": ""},
        [path],
        body,
        today=today,
        subject=f"Запрос информации о выполнении мероприятий «{title}» {period}",
    )
    return write_eml(message, path.with_suffix(".eml"))


# --- the job --------------------------------------------------------------------------------
def plan_requests(roadmap: Roadmap, settings: dict, lists_rows: Sequence, start: date, end: date) -> RequestsResult:
    """Who gets which activities of the period (nothing written yet); ``plans`` store the ids."""
    ids = row_ids(roadmap)
    names = executor_names(roadmap, lists_rows)
    index = executor_index(names)
    emails = executor_emails(lists_rows)
    result = RequestsResult(start, end)
    by_executor: dict = {}
    for activity in roadmap.activities():
        if not touches_period(activity, start, end):
            continue
        named = executors_of(activity, names, index)
        if not named:
            result.without_executor.append(activity)
        for name in named:
            by_executor.setdefault(name, []).append(activity)
    for name in names:
        if name in by_executor:
            email = emails.get(" ".join(name.split()).lower(), "")
            _check_email(email, name)
            result.files.append(RequestFile(name, by_executor[name], email))
    plan = row_id_plan(roadmap, ids)
    result.plans = [plan] if plan is not None else []
    result.ids = ids
    return result


def requests_job(
    roadmap: Roadmap,
    settings: dict,
    lists_rows: Sequence,
    start: date,
    end: date,
    folder: PathLike,
    today: Optional[date] = None,
) -> RequestsResult:
    """Write one request workbook per executor (and its e-mail draft) into ``folder``; the result's
    ``plans`` store the rows' ids in the roadmap (the caller applies them to its workbook)."""

    result = plan_requests(roadmap, settings, lists_rows, start, end)
    if not any(a.executor.strip() for a in roadmap.activities()):
        raise RoadmapError(
            "в дорожной карте не указан ни один исполнитель: запрашивать некого.",
            file=roadmap.source.file or None,
            sheet=roadmap.source.sheet or None,
            hint="Заполните столбец «Ответственные исполнители» (если его нет, добавьте столбец "
            "с таким заголовком) и повторите.",
        )
    if not result.files:
        raise RoadmapError(
            f"в периоде с {start:%d.%m.%Y} по {end:%d.%m.%Y} нет мероприятий с указанным "
            "исполнителем: запрашивать некого.",
            file=roadmap.source.file or None,
            sheet=roadmap.source.sheet or None,
            hint="Проверьте период и столбец «Ответственные исполнители».",
        )
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RoadmapError(
            f"не удалось создать папку для запросов ({exc.strerror}).", file=str(target), hint="Укажите другую папку."
        ) from exc
    title = (settings or {}).get("title") or roadmap.title
    used: set = set()
    for request in result.files:
        stem = f"Запрос - {safe_stem(request.executor, 60) or 'исполнитель'}"
        name, n = stem, 2
        while name.lower() in used:
            name, n = f"{stem} ({n})", n + 1
        used.add(name.lower())
        request.path = target / f"{name}.xlsx"
        plans = request_plans(roadmap, settings, request.executor, request.activities, result.ids, start, end)
        write_request_workbook(plans, request.path)
        if request.email:
            request.eml = write_request_email(settings, request, title, start, end, today)
    return result


def lists_rows_of(path: PathLike) -> list:
    """The rows of «Справочники» of a roadmap workbook on disk ([] when it has none)."""

    return plain_values(sheet_values(Path(path), (SHEET_LISTS,)).get(SHEET_LISTS, []))


def run_requests(
    path: PathLike,
    folder: PathLike,
    start: Optional[date] = None,
    end: Optional[date] = None,
    today: Optional[date] = None,
) -> RequestsResult:
    """The requests for the period (explicit, then «Настройки», then the current quarter) into
    ``folder``; the rows' ids are stored in the workbook (saved atomically, a backup kept)."""

    ensure_not_open_elsewhere(path)  # refused before anything is written beside it
    book = BookFile(path)
    start, end = resolve_period(book.settings, start, end, today)
    result = requests_job(book.roadmap, book.settings, lists_rows_of(path), start, end, folder, today)
    if result.plans:
        book.apply(result.plans)
        book.save()
    return result
