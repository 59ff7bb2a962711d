"""roadmap-tools import: the workbook, the JSON, the default output, the help."""

from __future__ import annotations

from conftest import FIXTURES, gold

from roadmap_tools.workbook import schema as layout


def test_import_writes_the_workbook_and_says_what_it_did(cli, tmp_path):
    output = tmp_path / "Roadmap.xlsx"
    result = cli("import", FIXTURES / "roadmap_karpinsk_2022_split.docx", "-o", output)
    assert result.code == 0, result.err
    assert "Импортировано мероприятий: 40, разделов: 5, годы: 2022." in result.out
    import openpyxl

    assert openpyxl.load_workbook(output).sheetnames == [
        layout.SHEET_ROADMAP,
        layout.SHEET_LISTS,
        layout.SHEET_SETTINGS,
    ]


def test_json_has_the_gold_shape_and_writes_nothing_without_output(cli, tmp_path):
    source = tmp_path / "roadmap.docx"
    source.write_bytes((FIXTURES / "roadmap_sarov_2021_2022.docx").read_bytes())
    result = cli("import", source, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert list(data) == [
        "title",
        "organisation",
        "years",
        "school_year",
        "columns",
        "sections",
        "kept_columns",
        "report_columns",
    ]
    assert (data["kept_columns"], data["report_columns"]) == ([], {})  # the document has only our columns
    assert data["columns"] == gold("roadmap_sarov_2021_2022")["columns"]
    assert list(tmp_path.iterdir()) == [source]


def test_without_output_the_workbook_goes_beside_the_document(cli, tmp_path):
    source = tmp_path / "приказ.docx"
    source.write_bytes((FIXTURES / "roadmap_penza_2022.docx").read_bytes())
    result = cli("import", source)
    assert result.code == 0, result.err
    assert (tmp_path / "приказ_roadmap.xlsx").exists()


def test_an_excel_roadmap_of_someone_else_is_imported(cli, tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "План"
    sheet["A1"] = "Дорожная карта по поддержке школ на 2023 год"
    sheet.append([])
    sheet.append(["Мероприятие", "Срок", "Ответственный", "№"])
    sheet.append(["Организационные мероприятия"])
    sheet.merge_cells("A4:D4")
    sheet.append(["Совещание", "март 2023", "Отдел образования", 1])
    sheet.append(["Семинар", "апрель 2023", "ИМЦ", 2])
    path = tmp_path / "план.xlsx"
    workbook.save(path)
    result = cli("import", path, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["title"] == "Дорожная карта по поддержке школ на 2023 год" and data["years"] == [2023]
    assert data["sections"] == [
        {
            "title": "Организационные мероприятия",
            "activities": [
                {
                    "number": "1",
                    "activity": "Совещание",
                    "deadline": "март 2023",
                    "executor": "Отдел образования",
                    "result": "",
                },
                {"number": "2", "activity": "Семинар", "deadline": "апрель 2023", "executor": "ИМЦ", "result": ""},
            ],
        }
    ]


def test_help_names_the_command_import_with_an_example(cli):
    result = cli("import", "--help")
    assert result.code == 0
    assert "roadmap-tools import приказ.docx" in result.out
    assert "import" in cli("--help").out


def test_output_must_be_an_excel_workbook(cli, tmp_path):
    result = cli("import", FIXTURES / "roadmap_sarov_2021_2022.docx", "-o", tmp_path / "Roadmap.csv")
    assert result.code == 2 and ".xlsx" in result.err  # a wrong -o is a bad argument, refused before reading
    assert not (tmp_path / "Roadmap.csv").exists()
