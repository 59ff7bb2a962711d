"""The cover letter: every element of the real Kuznetsk letter, from «Настройки»."""

from __future__ import annotations

import re
import runpy
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURES, REPORT_FIXTURE

from roadmap_tools.reports.letter import LETTER_TEMPLATE, TEMPLATES, letter_context, render_letter

#: «Настройки» of Kuznetsk as its letter of 26.05.2023 shows them (fixture 002).
KUZNETSK = {
    "title": "Равенство образовательных возможностей в 2023 году",
    "organisation": "Управление образования города Кузнецка",
    "sender_name": "Управление образования города Кузнецка",
    "sender_address": "Белинского улица, д. 11, Кузнецк, Пензенская область, 442530,",
    "sender_contacts": "Тел./факс (84157) 2-40 - 81\nE-mail: kremneva@sura.ru\n"
    "E-mail: kuzg_adm@sura.ru, http://kuznetsk.pnz.ru",
    "sender_requisites": "ОКПО 02113139, ОГРН 1025800545957,\nИНН/КПП 5803001466/580301001",
    "letter_number": "370",
    "letter_date": date(2023, 5, 26),
    "addressee_org": "ГАОУ ДПО ИРР ПО",
    "addressee": "",
    "request_from": "ГАОУ ДПО «Институт регионального развития Пензенской области»",
    "request_number": "01-13/702",
    "request_date": date(2023, 5, 10),
    "letter_about": "муниципального плана-графика (дорожной карты) регионального проекта адресной "
    "методической помощи общеобразовательным организациям с низкими образовательными "
    "результатами «Равенство образовательных возможностей в 2023 году»",
    "signatory_position": "Начальник управления образования\nгорода Кузнецка",
    "signatory_name": "Л.А.Борисова",
    "executor_name": "Заводчикова Л.И.",
    "executor_phone": "89273767547",
}
PERIOD = (date(2023, 2, 1), date(2023, 5, 31))


def document_text(path: Path) -> str:
    """Every paragraph of the body and of its tables, in reading order."""
    import docx

    def paragraph_text(paragraph) -> str:
        parts = []
        for node in paragraph.iter():
            name = node.tag.rsplit("}", 1)[-1]
            parts.append(node.text or "" if name == "t" else "\n" if name == "br" else "\t" if name == "tab" else "")
        return "".join(parts)

    body = docx.Document(str(path)).element.body
    return "\n".join(paragraph_text(p) for p in body.iter() if p.tag.rsplit("}", 1)[-1] == "p")


def letters_and_digits(text: str) -> str:
    """Compare wording, not line breaks, spacing or punctuation of a PDF-to-Word conversion."""
    return re.sub(r"[\W_]+", "", text.lower())


def fixture_letter_elements() -> dict:
    """The elements of the letter in fixture 002, by name, as its paragraphs hold them."""
    import docx

    p = [para.text for para in docx.Document(str(FIXTURES / f"{REPORT_FIXTURE}.docx")).paragraphs]
    assert p[11].startswith("Приложение"), "the fixture's letter moved: update the indices"
    return {
        "requisites": " ".join(p[0:7]),
        "addressee": p[7],
        "date and number": p[8],
        "body": p[10],
        "attachment": p[11],
        "signatory": " ".join(p[12:15]),
        "executor and phone": " ".join(p[15:17]),
    }


@pytest.fixture
def kuznetsk_letter(tmp_path) -> Path:
    context = letter_context(KUZNETSK, KUZNETSK["title"], PERIOD, attachment_pages=5)
    return render_letter(context, tmp_path / "letter.docx")


@pytest.mark.parametrize("element", list(fixture_letter_elements()))
def test_letter_has_every_element_of_the_real_letter(kuznetsk_letter, element):
    expected = fixture_letter_elements()[element]
    assert letters_and_digits(expected) in letters_and_digits(document_text(kuznetsk_letter))


def test_letter_elements_come_in_the_order_of_the_real_letter(kuznetsk_letter):
    import docx

    elements = fixture_letter_elements()
    text = letters_and_digits(document_text(kuznetsk_letter))
    flow = ["requisites", "body", "attachment", "signatory", "executor and phone"]
    positions = [text.index(letters_and_digits(elements[name])) for name in flow]
    assert positions == sorted(positions)
    # the head is one row: requisites, date and number on the left, the addressee on the right
    left, right = docx.Document(str(kuznetsk_letter)).tables[0].rows[0].cells
    assert letters_and_digits(elements["date and number"]) in letters_and_digits(left.text)
    assert letters_and_digits(elements["addressee"]) == letters_and_digits(right.text)


def test_letter_body_is_the_real_sentence_word_for_word(kuznetsk_letter):
    body = [line for line in document_text(kuznetsk_letter).splitlines() if line.startswith("В соответствии")]
    expected = fixture_letter_elements()["body"].replace("№01", "№ 01")
    assert body == [expected]


def test_letter_names_the_request_it_answers(kuznetsk_letter):
    assert "на № 01-13/702 от 10.05.2023" in document_text(kuznetsk_letter)


def test_multi_line_settings_keep_their_lines(kuznetsk_letter):
    text = document_text(kuznetsk_letter)
    assert "Начальник управления образования\nгорода Кузнецка" in text
    assert "ОКПО 02113139, ОГРН 1025800545957,\nИНН/КПП 5803001466/580301001" in text


def test_unfilled_numbers_are_blanks_to_write_by_hand(tmp_path):
    settings = {**KUZNETSK, "letter_number": "", "letter_date": None, "request_number": "", "request_date": None}
    context = letter_context(settings, "", PERIOD, 3, today=date(2023, 6, 1))
    text = document_text(render_letter(context, tmp_path / "l.docx"))
    assert "01.06.2023 № ________" in text
    assert "на № ________ от ________" in text
    # without a request the body does not cite one, and opens with the sender's name
    assert "Управление образования города Кузнецка направляет информацию" in text
    assert "по запрашиваемой форме" not in text


def test_letter_date_defaults_to_today():
    context = letter_context({**KUZNETSK, "letter_date": None}, "", PERIOD, 1, today=date(2023, 3, 15))
    assert context["letter_date"] == "15.03.2023"


def test_what_the_letter_reports_on_defaults_to_the_roadmap_title():
    context = letter_context({**KUZNETSK, "letter_about": ""}, "500+ на 2022 год", PERIOD, 1)
    assert context["letter_about"] == "дорожной карты «500+ на 2022 год»"
    context = letter_context({**KUZNETSK, "letter_about": ""}, "«Равенство»", PERIOD, 1)
    assert context["letter_about"] == "дорожной карты «Равенство»"


def test_salutation_appears_only_when_filled(tmp_path):
    without = document_text(render_letter(letter_context(KUZNETSK, "", PERIOD, 1), tmp_path / "a.docx"))
    with_it = document_text(
        render_letter(
            letter_context({**KUZNETSK, "salutation": "Уважаемая Ирина Викторовна!"}, "", PERIOD, 1),
            tmp_path / "b.docx",
        )
    )
    assert "Уважаемая Ирина Викторовна!" in with_it
    assert "Уважаем" not in without
    assert "{%" not in without and "{{" not in without


@pytest.mark.parametrize("value", ["=СУММ(A1:A3)", "+7 (84157) 2-40-81", "@admin", "<b>Иванов & Ко</b>"])
def test_a_field_that_looks_like_a_formula_or_markup_stays_text(tmp_path, value):
    context = letter_context({**KUZNETSK, "signatory_name": value}, "", PERIOD, 1)
    assert value in document_text(render_letter(context, tmp_path / "l.docx"))


def test_control_characters_from_excel_cells_do_not_break_the_document(tmp_path):
    context = letter_context({**KUZNETSK, "executor_name": "Заводчикова\x0bЛ.И.\x01\x0c"}, "", PERIOD, 1)
    assert "Заводчикова\nЛ.И." in document_text(render_letter(context, tmp_path / "l.docx"))


def test_rendering_again_keeps_the_previous_letter_as_backup(tmp_path):
    out = tmp_path / "l.docx"
    render_letter(letter_context(KUZNETSK, "", PERIOD, 1), out)
    render_letter(letter_context(KUZNETSK, "", PERIOD, 2), out)
    assert (tmp_path / "l.bak.docx").exists()
    assert "на 2 л." in document_text(out)


def test_committed_template_is_what_the_script_makes(tmp_path):
    import docx

    script = runpy.run_path(str(TEMPLATES / "make_cover_letter_template.py"))
    fresh = script["build"](tmp_path / "fresh.docx")

    def structure(path):
        document = docx.Document(str(path))
        section = document.sections[0]
        paragraphs = [(p.text, p.alignment, [(r.font.size, r.bold) for r in p.runs]) for p in document.paragraphs]
        cells = [
            [(p.text, p.alignment) for p in cell.paragraphs]
            for table in document.tables
            for cell in table.rows[0].cells
        ]
        page = (
            section.page_width,
            section.page_height,
            section.left_margin,
            section.right_margin,
            section.top_margin,
            section.bottom_margin,
        )
        normal = document.styles["Normal"].font
        return document_text(path), paragraphs, cells, page, (normal.name, normal.size)

    assert structure(LETTER_TEMPLATE) == structure(fresh)


# --- grammar: whose request, to whom ---------------------------------------------------
def body_sentence(settings: dict, tmp_path: Path) -> str:
    context = letter_context(settings, "Равенство", PERIOD, 1)
    text = document_text(render_letter(context, tmp_path / "grammar.docx"))
    return next(line for line in text.splitlines() if "направляет информацию" in line)


@pytest.mark.parametrize(
    "addressee_org, request_from, expected",
    [
        # the request's sender left empty: the addressee's organisation, put in the genitive
        ("Министерство образования Пензенской области", "", "письмом Министерства образования Пензенской области №"),
        (
            "Департамент образования и науки Костромской области",
            "",
            "письмом Департамента образования и науки Костромской области №",
        ),
        (
            "Комитет общего и профессионального образования Ленинградской области",
            "",
            "письмом Комитета общего и профессионального образования Ленинградской области №",
        ),
        (
            "Главное управление образования Кемеровской области",
            "",
            "письмом Главного управления образования Кемеровской области №",
        ),
        # given in the nominative: put in the genitive; given in the genitive: as written
        (
            "ГАОУ ДПО ИРР ПО",
            "Институт развития образования Пермского края",
            "письмом Института развития образования Пермского края №",
        ),
        (
            "ГАОУ ДПО ИРР ПО",
            "Региональный центр обработки информации Тамбовской области",
            "письмом Регионального центра обработки информации Тамбовской области №",
        ),
        (
            "ГАОУ ДПО ИРР ПО",
            "Министерства просвещения Чувашской Республики",
            "письмом Министерства просвещения Чувашской Республики №",
        ),
        # an abbreviation or a quoted name does not decline
        ("ГАОУ ДПО ИРР ПО", "", "письмом ГАОУ ДПО ИРР ПО №"),
        ("ГБУ «Центр оценки качества образования»", "", "письмом ГБУ «Центр оценки качества образования» №"),
    ],
)
def test_the_request_is_cited_in_the_genitive_whichever_case_it_was_given_in(
    tmp_path, addressee_org, request_from, expected
):
    settings = {**KUZNETSK, "addressee_org": addressee_org, "request_from": request_from}
    sentence = body_sentence(settings, tmp_path)
    assert sentence.startswith("В соответствии с " + expected), sentence


def test_a_request_of_no_known_sender_is_cited_by_its_number(tmp_path):
    settings = {**KUZNETSK, "addressee_org": "", "request_from": ""}
    assert body_sentence(settings, tmp_path).startswith(
        "В соответствии с письмом № 01-13/702 от 10.05.2023 управление образования города Кузнецка направляет"
    )


def test_without_a_request_and_its_sender_the_sentence_opens_with_the_sender(tmp_path):
    settings = {**KUZNETSK, "addressee_org": "", "request_from": "", "request_number": "", "request_date": None}
    assert body_sentence(settings, tmp_path).startswith("Управление образования города Кузнецка направляет")


def addressee_cell(settings: dict, tmp_path: Path) -> list:
    import docx

    context = letter_context(settings, "", PERIOD, 1)
    document = docx.Document(str(render_letter(context, tmp_path / "addressee.docx")))
    return [p.text for p in document.tables[0].rows[0].cells[1].paragraphs if p.text]


@pytest.mark.parametrize(
    "addressee_org, addressee, lines",
    [
        # the position names the organisation: it is not said twice; the person in the dative
        (
            "Министерство образования Пензенской области",
            "Министру образования Пензенской области А. В. Сергеевой",
            ["Министру образования Пензенской области", "А. В. Сергеевой"],
        ),
        (
            "Министерство образования Пензенской области",
            "Министр образования Пензенской области А. В. Сергеева",
            ["Министру образования Пензенской области", "А. В. Сергеевой"],
        ),
        (
            "Министерство образования Пензенской области",
            "Министру образования Пензенской области",
            ["Министру образования Пензенской области"],
        ),
        (
            "Департамент образования Ярославской области",
            "Директор департамента Иванов Пётр Сергеевич",
            ["Департамент образования Ярославской области", "Директору департамента", "Иванову Петру Сергеевичу"],
        ),
        # no position: the organisation alone, as the Kuznetsk letter has it
        ("ГАОУ ДПО ИРР ПО", "", ["ГАОУ ДПО ИРР ПО"]),
        ("ГАОУ ДПО ИРР ПО", "Ректору Т.В. Кузнецовой", ["ГАОУ ДПО ИРР ПО", "Ректору", "Т.В. Кузнецовой"]),
    ],
)
def test_the_addressee_block_names_each_thing_once(tmp_path, addressee_org, addressee, lines):
    assert addressee_cell({**KUZNETSK, "addressee_org": addressee_org, "addressee": addressee}, tmp_path) == lines


@pytest.mark.parametrize(
    "given, expected",
    [
        ("дорожная карта «Равенство»", "дорожной карты «Равенство»"),
        ("план мероприятий по повышению качества образования", "плана мероприятий по повышению качества образования"),
        ("муниципального плана-графика (дорожной карты)", "муниципального плана-графика (дорожной карты)"),
    ],
)
def test_what_the_letter_reports_on_is_put_in_the_genitive(given, expected):
    assert letter_context({**KUZNETSK, "letter_about": given}, "", PERIOD, 1)["letter_about"] == expected
