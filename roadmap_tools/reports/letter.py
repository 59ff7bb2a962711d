"""The official cover letter that goes upward with the monitoring form.

``letter_context`` turns «Настройки» into the template's fields (pure);
``render_letter`` fills the Word template ``templates/cover_letter.docx`` (docxtpl);
``make_letter`` does the whole job for a roadmap workbook (the command and the button).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Optional, Sequence, Union

from roadmap_tools.errors import RoadmapError
from roadmap_tools.lexicon import vocab
from roadmap_tools.lexicon.morphology import dative, genitive, lemmas, split_person
from roadmap_tools.reports.filenames import output_path
from roadmap_tools.reports.wording import date_numeric, lower_first, period_in_words
from roadmap_tools.resources import TEMPLATES
from roadmap_tools.safeio import atomic_write
from roadmap_tools.workbook.schema import SETTINGS_BY_KEY, SHEET_FORM, SHEET_SETTINGS

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


def default_letter_path(roadmap_path: Path, settings: Optional[dict] = None, title: str = "") -> Path:
    """«<организация> - сопроводительное письмо.docx» next to the workbook (see ``filenames``)."""
    return output_path(roadmap_path, "letter", settings, title)


def default_form_path(roadmap_path: Path, settings: Optional[dict] = None, title: str = "") -> Path:
    """«<организация> - форма мониторинга.xlsx» next to the workbook (see ``filenames``)."""
    return output_path(roadmap_path, "form", settings, title)


def letter_about(title: str) -> str:
    """«дорожной карты «…»»: what the letter reports on, when «Настройки» does not say."""
    if not title:
        return "дорожной карты"
    quoted = title if title[:1] in '«"“' else f"«{title}»"
    return f"дорожной карты {quoted}"


def _names_the_organisation(position: str, organisation: str) -> bool:
    """«Министру образования Пензенской области» names «Министерство образования Пензенской
    области»: the words after the head are the same, whatever their case."""
    tail = lemmas(organisation)[1:]
    words = lemmas(position)
    if not tail:
        return bool(words) and lemmas(organisation) == words[:1]
    return any(words[i : i + len(tail)] == tail for i in range(len(words) - len(tail) + 1))


def addressee_block(addressee_org: str, addressee: str) -> dict:
    """The addressee's lines: the organisation (unless the position already names it), the
    position and the person, each in the dative («Министру образования …», «И. О. Фамилии»)."""
    position, person = split_person(dative(addressee)) if addressee else ("", "")
    organisation = addressee_org
    if position and _names_the_organisation(position, addressee_org):
        organisation = ""
    return {
        "addressee_org": organisation,
        "addressee_position": position,
        "addressee_person": person,
        "addressee": " ".join(p for p in (position, person) if p),
    }


def letter_context(
    settings: dict, roadmap_title: str, period: Sequence[date], attachment_pages: int, today: Optional[date] = None
) -> dict:
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
        **addressee_block(addressee_org, text("addressee")),
        "salutation": text("salutation"),
        "request_number": text("request_number"),
        "request_date": date_numeric(settings.get("request_date")),
        # «В соответствии с письмом …»: whose letter, in the genitive whichever case it was given in
        "request_from": genitive(text("request_from") or addressee_org),
        "letter_about": genitive(text("letter_about")) or letter_about(title),
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
        raise RoadmapError(
            "не найден шаблон письма.",
            file=str(template),
            hint="Переустановите roadmap_tools или восстановите файл шаблона.",
        )
    document = DocxTemplate(str(template))
    try:
        # autoescape: «<», «&» and quotes in the settings are text, not XML
        document.render(context, autoescape=True)
    except TemplateError as exc:
        raise RoadmapError(
            f"ошибка в шаблоне письма: {exc}.", file=str(template), hint="Проверьте поля {{ … }} и {% … %} в шаблоне."
        ) from exc
    return atomic_write(output, lambda tmp: document.save(str(tmp)))


def missing_letter_settings(settings: dict) -> list:
    """Labels of the settings a letter cannot go without."""
    needed = ("sender_name", "addressee_org", "signatory_position", "signatory_name")
    return [
        SETTINGS_BY_KEY[key].label
        for key in needed
        if not clean_text(settings.get(key)) and not (key == "sender_name" and settings.get("organisation"))
    ]


def require_letter_settings(settings: dict, file: str = "") -> None:
    missing = missing_letter_settings(settings)
    if missing:
        raise RoadmapError(
            "для письма не заполнены параметры: " + ", ".join(f"«{m}»" for m in missing) + ".",
            file=file,
            sheet=SHEET_SETTINGS,
            hint="Заполните их и повторите.",
        )


#: How the attachment's pages were counted, for the user.
PAGES_COUNTED_BY = {
    "settings": "из «Настройки» («Приложение: листов»)",
    "libreoffice": "по форме, напечатанной LibreOffice",
    "estimate": "оценка по строкам и ширине столбцов формы на листах A4",
}


@dataclass
class LetterJob:
    """Everything a letter needs, read from the roadmap workbook, before anything is written."""

    roadmap_path: Path
    settings: dict
    title: str
    period: tuple
    pages: int
    pages_counted_by: str  # a key of PAGES_COUNTED_BY
    context: dict


def write_form(roadmap, settings: dict, period: Sequence[date], output: Path) -> Path:
    """The monitoring form of ``period`` as a separate .xlsx (the roadmap workbook is not touched)."""
    from roadmap_tools.actions.jobs import form_job
    from roadmap_tools.actions.on_file import write_form_file

    start, end = period
    return write_form_file(form_job(roadmap, settings, start, end), output)


def prepare_letter(
    roadmap_path: Union[str, Path], today: Optional[date] = None, form: Optional[Path] = None
) -> LetterJob:
    """Read the workbook, check «Настройки», count the form's pages; write nothing.

    ``form`` is the form that goes with the letter; without it the form of the
    reporting period is made in a temporary folder just to count its pages.
    """
    from roadmap_tools.reports.pagecount import count_pages
    from roadmap_tools.workbook.book import read_roadmap_workbook
    from roadmap_tools.workbook.settings import resolve_period

    roadmap_path = Path(roadmap_path)
    roadmap, settings = read_roadmap_workbook(roadmap_path)
    require_letter_settings(settings, file=str(roadmap_path))
    period = resolve_period(settings, today=today)
    title = settings.get("title") or roadmap.title
    if settings.get("attachment_pages"):
        pages, how = int(settings["attachment_pages"]), "settings"
    elif form is not None:
        pages, how = count_pages(form, SHEET_FORM)
    else:
        with tempfile.TemporaryDirectory(prefix="roadmap-letter-") as tmp:
            made = write_form(
                roadmap, settings, period, Path(tmp) / default_form_path(roadmap_path, settings, title).name
            )
            pages, how = count_pages(made, SHEET_FORM)
    context = letter_context(settings, title, period, pages, today=today)
    return LetterJob(roadmap_path, settings, title, period, pages, how, context)


def make_letter(
    roadmap_path: Union[str, Path],
    output: Optional[Union[str, Path]] = None,
    today: Optional[date] = None,
    form: Optional[Path] = None,
) -> Path:
    """The cover letter of a roadmap workbook: the command ``letter`` and the ribbon button.

    Written to ``output`` or next to the workbook as «<организация> - сопроводительное письмо.docx».
    """
    job = prepare_letter(roadmap_path, today=today, form=form)
    return render_letter(
        job.context, Path(output) if output else default_letter_path(job.roadmap_path, job.settings, job.title)
    )
