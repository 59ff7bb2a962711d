"""The roadmap back to Word: an appendix that imports to the same roadmap."""

from __future__ import annotations

import docx
import pytest
from conftest import FIXTURES, ROADMAP_FIXTURES, collapsed
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from roadmap_tools.errors import RoadmapError
from roadmap_tools.model import Activity, Roadmap, Section
from roadmap_tools.reading.importer import import_roadmap, import_to_workbook
from roadmap_tools.reports.word_export import default_word_path, export_word, write_roadmap_docx
from roadmap_tools.workbook.book import read_roadmap_workbook


@pytest.mark.parametrize("variant", ["", "_split"])
@pytest.mark.parametrize("name", ROADMAP_FIXTURES)
def test_word_to_workbook_to_word_to_workbook_gives_the_same_roadmap(name, variant, tmp_path):
    first, book = import_to_workbook(FIXTURES / f"{name}{variant}.docx", tmp_path / "first.xlsx")
    _, document = export_word(book, tmp_path / "appendix.docx")
    again, book_again = import_to_workbook(document, tmp_path / "again.xlsx")
    assert collapsed(again.to_json()) == collapsed(first.to_json())
    assert again.has_executor_column == first.has_executor_column
    # and the two workbooks hold the same roadmap
    assert collapsed(read_roadmap_workbook(book_again)[0].to_json()) == collapsed(
        read_roadmap_workbook(book)[0].to_json()
    )


@pytest.fixture
def karpinsk_appendix(tmp_path):
    _, book = import_to_workbook(FIXTURES / "roadmap_karpinsk_2022.docx", tmp_path / "Roadmap.xlsx")
    _, document = export_word(book)
    return docx.Document(str(document))


def test_appendix_is_a4_landscape_in_times_new_roman(karpinsk_appendix):
    section = karpinsk_appendix.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    fonts = {run.font.name for p in karpinsk_appendix.paragraphs for run in p.runs}
    fonts |= {
        run.font.name
        for t in karpinsk_appendix.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for run in p.runs
    }
    assert fonts == {"Times New Roman"}
    assert karpinsk_appendix.styles["Normal"].font.name == "Times New Roman"


def test_appendix_table_has_the_source_columns_and_repeats_its_header_on_every_page(karpinsk_appendix):
    (table,) = karpinsk_appendix.tables
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["№ n/n", "Мероприятия", "Сроки", "Планируемый результат"]
    flags = header._tr.trPr.findall(qn("w:tblHeader"))
    assert flags and flags[0].get(qn("w:val")) == "true"
    assert all(row._tr.trPr is None or not row._tr.trPr.findall(qn("w:tblHeader")) for row in table.rows[1:])


def test_appendix_sections_are_rows_merged_across_the_table_and_numbers_stay(karpinsk_appendix):
    (table,) = karpinsk_appendix.tables
    second = table.rows[1]
    assert len({id(c._tc) for c in second.cells}) == 1
    assert second.cells[0].text.startswith("Совершенствование управления")
    assert table.rows[2].cells[0].text == "1.1."
    texts = [p.text for p in karpinsk_appendix.paragraphs if p.text]
    assert texts[0] == "ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДСКОГО ОКРУГА КАРПИНСК"
    assert "Приложение" in texts and texts[-1].startswith("ДОРОЖНАЯ КАРТА по реализации проекта")


def test_lines_of_a_cell_are_paragraphs_and_import_back_as_lines(tmp_path):
    roadmap = Roadmap(
        title="План мероприятий на 2024 год",
        years=[2024],
        columns=["№", "Мероприятие", "Срок", "Ответственный"],
        sections=[Section("", [Activity("1", "Совещание", "май 2024", "Отдел образования\nМКУ «ИМЦ»")])],
    )
    path = write_roadmap_docx(roadmap, tmp_path / "plan.docx")
    again = import_roadmap(path)
    assert next(again.activities()).executor == "Отдел образования\nМКУ «ИМЦ»"
    assert again.columns == roadmap.columns and again.title == roadmap.title


def test_cli_writes_beside_the_book_by_default_and_says_so(cli, tmp_path):
    _, book = import_to_workbook(FIXTURES / "roadmap_sarov_2021_2022.docx", tmp_path / "Саров.xlsx")
    result = cli("export-word", book)
    assert result.code == 0, result.err
    assert default_word_path(book) == tmp_path / "Саров - дорожная карта.docx"
    assert str(default_word_path(book)) in result.out and default_word_path(book).exists()


def test_output_over_the_book_or_not_docx_is_refused(cli, tmp_path):
    _, book = import_to_workbook(FIXTURES / "roadmap_sarov_2021_2022.docx", tmp_path / "Саров.xlsx")
    before = book.read_bytes()
    for target in (book, tmp_path / "Саров.pdf"):
        result = cli("export-word", book, "-o", target)
        assert result.code == 1 and "Traceback" not in result.err and "docx" in result.err
    assert book.read_bytes() == before


def test_a_file_that_is_not_a_roadmap_workbook_is_refused_in_russian(tmp_path):
    with pytest.raises(RoadmapError) as caught:
        export_word(FIXTURES / "roadmap_sarov_2021_2022.docx", tmp_path / "out.docx")
    assert caught.value.file and not (tmp_path / "out.docx").exists()


def test_a_roadmap_without_its_source_columns_gets_the_usual_ones_and_imports_back(tmp_path):
    from roadmap_tools.lexicon import vocab

    roadmap = Roadmap(
        title="План мероприятий на 2024 год",
        years=[2024],
        columns=[],
        sections=[Section("1. Кадры", [Activity("1.1", "Семинар", "март 2024", "ИМЦ", "Протокол")])],
    )
    path = write_roadmap_docx(roadmap, tmp_path / "plan.docx")
    assert [c.text for c in docx.Document(str(path)).tables[0].rows[0].cells] == vocab.APPENDIX_DEFAULT_COLUMNS
    again = import_roadmap(path)
    assert [s.title for s in again.sections] == ["1. Кадры"]
    assert next(again.activities()).to_json() == roadmap.sections[0].activities[0].to_json()


def test_the_documents_own_and_reporting_columns_go_back_to_word_with_their_values(tmp_path):
    document = docx.Document()
    document.add_paragraph("План мероприятий на 2024 год")
    table = document.add_table(rows=1, cols=6)
    titles = ["№", "Мероприятие", "Сроки", "Ответственные", "Куратор", "Отметка о выполнении"]
    for cell, title in zip(table.rows[0].cells, titles):
        cell.text = title
    for values in (
        ["1", "Семинар", "март 2024", "ИМЦ", "Иванова А. А.", "Выполнено"],
        ["2", "Совещание", "май 2024", "Отдел", "Петров Б. Б.", ""],
    ):
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    source = tmp_path / "plan.docx"
    document.save(str(source))
    first, book = import_to_workbook(source, tmp_path / "plan.xlsx")
    _, exported = export_word(book, tmp_path / "back.docx")
    assert [c.text for c in docx.Document(str(exported)).tables[0].rows[0].cells] == titles
    again = import_roadmap(exported)
    assert (
        [a.extra for a in again.activities()]
        == [a.extra for a in first.activities()]
        == [{"Куратор": "Иванова А. А."}, {"Куратор": "Петров Б. Б."}]
    )
    assert [a.status for a in again.activities()] == [a.status for a in first.activities()]
    assert collapsed(again.to_json()) == collapsed(first.to_json())
