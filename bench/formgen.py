"""Realistic filled monitoring forms for tests and the benchmark, with what each should count.

The activity and information texts are the real ones of the fixture documents
(tests/fixtures/*.gold.json); the layout is the monitoring form's: title rows, a
header row (in one of several wordings and orders, as municipalities type it), section
rows (one merged cell) and activity rows. Word forms come with a cover letter whose
sender block names the municipality, like the fixture 002.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import List, Optional

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"

#: (name in the nominative, ways a title or a letter names it)
MUNICIPALITIES = [
    ("Кузнецк", ["города Кузнецка", "г. Кузнецк"]),
    ("Пенза", ["города Пензы", "г. Пенза"]),
    ("Заречный", ["г. Заречный", "ГО Заречный"]),
    ("Карпинск", ["ГО Карпинск", "городского округа Карпинск"]),
    ("Саров", ["города Сарова"]),
    ("Сердобск", ["города Сердобска", "г. Сердобск"]),
    ("Никольск", ["города Никольска"]),
    ("Нижний Ломов", ["города Нижнего Ломова", "г. Нижний Ломов"]),
    ("Каменка", ["г. Каменка", "города Каменки"]),
    ("Спасск", ["г. Спасск"]),
    ("Сердобский район", ["Сердобского района", "Сердобского муниципального района"]),
    ("Бессоновский район", ["Бессоновского района"]),
    ("Кузнецкий район", ["Кузнецкого района"]),
    ("Мокшанский район", ["Мокшанского района"]),
    ("Городищенский район", ["Городищенского района"]),
    ("Лунинский район", ["Лунинского района"]),
    ("Белинский район", ["Белинского района"]),
    ("Пачелмский район", ["Пачелмского района"]),
    ("Колышлейский район", ["Колышлейского района"]),
    ("Шемышейский район", ["Шемышейского района"]),
]

#: Header wordings as real forms have them: field -> title; the order varies too.
HEADER_VARIANTS = [
    [
        ("number", "№п/п"),
        ("activity", "Мероприятие (в соответствии с дорожной картой)"),
        (
            "info",
            "Информация о проведении мероприятия (название утвержденного документа с указанием даты "
            "и/или название мероприятия с указанием даты, количества участников...)",
        ),
        ("link", "Ссылка на документ/информационное сопровождение мероприятия"),
    ],
    [
        ("number", "№ п/п"),
        ("activity", "Наименование мероприятия"),
        ("deadline", "Сроки"),
        ("info", "Информация о выполнении"),
        ("link", "Ссылка на документ"),
        ("note", "Примечание"),
    ],
    [("number", "№"), ("activity", "Мероприятия"), ("link", "Ссылка"), ("info", "Информация о проведении")],
]

NO_INFO = ["", "-", "не проводилось", "нет"]


def _texts() -> tuple:
    activities, infos = [], []
    for name in ("roadmap_penza_2022", "roadmap_sarov_2021_2022", "roadmap_karpinsk_2022"):
        data = json.loads((FIXTURES / f"{name}.gold.json").read_text(encoding="utf-8"))
        for section in data["sections"]:
            activities.extend(a["activity"] for a in section["activities"])
    report = json.loads((FIXTURES / "report_kuznetsk_2023.gold.json").read_text(encoding="utf-8"))
    sections = [s["title"] for s in report["sections"]]
    for section in report["sections"]:
        for row in section["rows"]:
            infos.append(row["info"])
    return activities, infos, sections


_ACTIVITIES, _INFOS, _SECTIONS = _texts()


@dataclass
class Expected:
    file: str
    name: str
    activities: int
    reported: int
    with_link: int
    overdue: int
    sections: int


def _plan(rng: random.Random, municipality: str, as_of: date) -> dict:
    """The content of one form: title, period, sections of rows (number, activity, info, link)."""
    phrase = rng.choice(dict(MUNICIPALITIES)[municipality])
    year = rng.choice([2022, 2023, 2024])
    quarter = rng.randint(1, 4)
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    end = date.fromordinal(end.toordinal() - 1)
    kind = rng.random()  # the period in dates, in words, or not at all (then nothing is overdue)
    dated = kind < 0.85
    period = (
        f"за период с {start:%d.%m.%Y} по {end:%d.%m.%Y}"
        if kind < 0.7
        else f"за {quarter} квартал {year} года"
        if dated
        else ""
    )
    title = f"Мониторинг исполнения мероприятий муниципальной дорожной карты {phrase} {period}".strip()
    sections, number = [], 0
    reported = with_link = overdue = 0
    for title_index in rng.sample(range(len(_SECTIONS)), rng.randint(2, 4)):
        rows = []
        for _ in range(rng.randint(2, 6)):
            number += 1
            filled = rng.random() < 0.75
            info = rng.choice(_INFOS) if filled else rng.choice(NO_INFO)
            kind = rng.random()
            slug = f"https://uo-{rng.randint(1, 99)}.ru/docs/{year}/{number}.pdf"
            if kind < 0.45:
                link, hyperlink = f"Приказ №{rng.randint(1, 300)} (ссылка на документ: {slug} )", None
            elif kind < 0.6:
                link, hyperlink = "Приказ", slug  # an Excel hyperlink behind the text
            elif kind < 0.7:
                link, hyperlink = "", None
                info = (info + f" Подробнее: {slug}") if filled else info
            else:
                link, hyperlink = rng.choice(["", "-", "Протокол совещания"]), None
            has_link = "http" in link or "http" in info or hyperlink is not None
            rows.append(
                {
                    "number": str(number),
                    "activity": rng.choice(_ACTIVITIES),
                    "info": info,
                    "link": link,
                    "hyperlink": hyperlink,
                    "deadline": f"{quarter} квартал {year}",
                }
            )
            reported += bool(filled)
            with_link += has_link
            overdue += (not filled) and dated and end < as_of
        sections.append((_SECTIONS[title_index], rows))
    return {"title": title, "sections": sections, "phrase": phrase, "counts": (reported, with_link, overdue)}


def write_form_xlsx(path: Path, plan: dict, header: list) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Форма мониторинга"
    width = len(header)
    last = chr(64 + width)
    ws["A1"] = plan["title"]
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(bold=True)
    ws["A1"].alignment = Alignment(wrap_text=True)
    for col, (_, text) in enumerate(header, start=1):
        ws.cell(row=3, column=col, value=text).font = Font(bold=True)
    row = 4
    for section, rows in plan["sections"]:
        ws.cell(row=row, column=1, value=section).font = Font(bold=True)
        ws.merge_cells(f"A{row}:{last}{row}")
        row += 1
        for item in rows:
            for col, (field, _) in enumerate(header, start=1):
                value = item.get(field, "")
                cell = ws.cell(row=row, column=col, value=value or None)
                if field == "link" and item["hyperlink"]:
                    cell.hyperlink = item["hyperlink"]
            row += 1
    wb.save(path)


def write_form_docx(path: Path, plan: dict, header: list) -> None:
    """A Word report as municipalities send it: cover letter, then the form's table."""
    from docx import Document

    doc = Document()
    sender = plan["phrase"]
    for text in (
        f"Управление образования {sender}",
        "ул. Ленина, д. 1, тел. (84157) 2-40-81",
        "E-mail: uo@example.ru",
        "ГАОУ ДПО ИРР ПО",
        "В соответствии с письмом направляем информацию о мероприятиях муниципальной дорожной карты.",
    ):
        doc.add_paragraph(text)
    doc.add_page_break()
    doc.add_paragraph(plan["title"].replace(f" {sender}", "", 1))  # the title often names no one
    table = doc.add_table(rows=1, cols=len(header))
    for cell, (_, text) in zip(table.rows[0].cells, header):
        cell.text = text
    for section, rows in plan["sections"]:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.text = section
        for item in rows:
            cells = table.add_row().cells
            for cell, (field, _) in zip(cells, header):
                value = item.get(field, "")
                if field == "link" and item["hyperlink"]:
                    value = f"{value} {item['hyperlink']}"  # Word forms carry the address as text
                cell.text = value
    doc.save(path)


def generate_forms(
    folder: Path, count: int, seed: int = 1, docx_every: int = 25, as_of: Optional[date] = None
) -> List[Expected]:
    """Write ``count`` filled forms into ``folder``; return what each should count."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    as_of = as_of or date.today()
    rng = random.Random(seed)
    expected = []
    for index in range(count):
        name = MUNICIPALITIES[index % len(MUNICIPALITIES)][0]
        plan = _plan(rng, name, as_of)
        header = list(rng.choice(HEADER_VARIANTS))
        is_docx = docx_every and index % docx_every == docx_every - 1
        path = folder / f"form_{index:04d}.{'docx' if is_docx else 'xlsx'}"
        if is_docx:
            write_form_docx(path, plan, header)
        else:
            write_form_xlsx(path, plan, header)
        reported, with_link, overdue = plan["counts"]
        activities = sum(len(rows) for _, rows in plan["sections"])
        expected.append(Expected(str(path), name, activities, reported, with_link, overdue, len(plan["sections"])))
    return expected


def expected_by_municipality(expected: List[Expected]) -> dict:
    """name -> summed counts, as the consolidation should report them."""
    result: dict = {}
    for e in expected:
        entry = result.setdefault(e.name, {"files": 0, "activities": 0, "reported": 0, "with_link": 0, "overdue": 0})
        entry["files"] += 1
        for key in ("activities", "reported", "with_link", "overdue"):
            entry[key] += getattr(e, key)
    return result


if __name__ == "__main__":  # python -m bench.formgen FOLDER N
    import sys

    out = Path(sys.argv[1])
    made = generate_forms(out, int(sys.argv[2]) if len(sys.argv) > 2 else 20)
    print(json.dumps([asdict(e) for e in made[:3]], ensure_ascii=False, indent=1))
