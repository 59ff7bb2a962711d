"""The official cover letter that goes upward with the monitoring form.

``letter_context`` turns «Настройки» into the template's fields (pure);
``render_letter`` fills the Word template ``templates/cover_letter.docx`` (docxtpl);
``make_letter`` does the whole job for a roadmap workbook (the command and the button).
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Optional, Sequence

from roadmap_tools import vocab
from roadmap_tools.errors import RoadmapError
from roadmap_tools.layout import SETTINGS_BY_KEY, SHEET_SETTINGS
from roadmap_tools.safeio import atomic_write
from roadmap_tools.wording import date_numeric, lower_first, period_in_words

TEMPLATES = Path(__file__).resolve().parent / "templates"
LETTER_TEMPLATE = TEMPLATES / "cover_letter.docx"

#: Characters XML 1.0 forbids, and the ones docxtpl would turn into new paragraphs or pages.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(value: Any) -> str:
    """A settings value as text a document can hold: line breaks kept, control characters dropped."""
    if value is None:
        return ""
    if isinstance(value, date):
        return date_numeric(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _FORBIDDEN.sub("", text).strip()


def default_letter_path(roadmap_path: Path) -> Path:
    roadmap_path = Path(roadmap_path)
    return roadmap_path.with_name(f"{roadmap_path.stem} - сопроводительное письмо.docx")


def letter_about(title: str) -> str:
    """«дорожной карты «…»»: what the letter reports on, when «Настройки» does not say."""
    if not title:
        return "дорожной карты"
    quoted = title if title[:1] in "«\"“" else f"«{title}»"
    return f"дорожной карты {quoted}"


def letter_context(settings: dict, roadmap_title: str, period: Sequence[date], attachment_pages: int,
                   today: Optional[date] = None) -> dict:
    """The fields of the letter template from «Настройки» (see ``layout.SETTINGS``).

    ``period`` is the reporting period (first, last day); ``attachment_pages`` the
    page count of the attached form; ``today`` dates the letter when «Дата письма» is empty.
    Every value is text; an unfilled number or date is ``blank`` in the template.
    """
    def text(key: str) -> str:
        return clean_text(settings.get(key))

    title = clean_text(roadmap_title) or text("title")
    sender_name = text("sender_name") or text("organisation")
    addressee_org = text("addressee_org")
    start, end = period
    return {
        "blank": vocab.LETTER_BLANK,
        "title": title,
        "organisation": text("organisation"),
        "sender_name": sender_name,
        "sender_in_sentence": lower_first(sender_name),
        "sender_address": text("sender_address"),
        "sender_contacts": text("sender_contacts"),
        "sender_requisites": text("sender_requisites"),
        "letter_date": date_numeric(settings.get("letter_date") or today or date.today()),
        "letter_number": text("letter_number"),
        "addressee_org": addressee_org,
        "addressee": text("addressee"),
        "salutation": text("salutation"),
        "request_number": text("request_number"),
        "request_date": date_numeric(settings.get("request_date")),
        "request_from": text("request_from") or addressee_org,
        "letter_about": text("letter_about") or letter_about(title),
        "period_words": period_in_words(start, end),
        "period_from": date_numeric(start),
        "period_to": date_numeric(end),
        "attachment_pages": str(int(attachment_pages)),
        "signatory_position": text("signatory_position"),
        "signatory_name": text("signatory_name"),
        "executor_name": text("executor_name"),
        "executor_phone": text("executor_phone"),
    }


def render_letter(context: dict, output: Path, template: Optional[Path] = None) -> Path:
    """Fill the Word template with ``context`` and write ``output`` atomically."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    template = Path(template or LETTER_TEMPLATE)
    if not template.exists():
        raise RoadmapError("не найден шаблон письма.", file=str(template),
                           hint="Переустановите roadmap_tools или восстановите файл шаблона.")
    document = DocxTemplate(str(template))
    try:
        # autoescape: «<», «&» and quotes in the settings are text, not XML
        document.render(context, autoescape=True)
    except TemplateError as exc:
        raise RoadmapError(f"ошибка в шаблоне письма: {exc}.", file=str(template),
                           hint="Проверьте поля {{ … }} и {% … %} в шаблоне.") from exc
    return atomic_write(output, lambda tmp: document.save(str(tmp)))


def missing_letter_settings(settings: dict) -> list:
    """Labels of the settings a letter cannot go without."""
    needed = ("sender_name", "addressee_org", "signatory_position", "signatory_name")
    return [SETTINGS_BY_KEY[key].label for key in needed
            if not clean_text(settings.get(key)) and not (key == "sender_name" and settings.get("organisation"))]


def require_letter_settings(settings: dict, file: str = "") -> None:
    missing = missing_letter_settings(settings)
    if missing:
        raise RoadmapError("для письма не заполнены параметры: " + ", ".join(f"«{m}»" for m in missing) + ".",
                           file=file, sheet=SHEET_SETTINGS, hint="Заполните их и повторите.")
