"""The Quick start's main job: the whole chain on the bundled sample roadmap."""

from __future__ import annotations

import email
import zipfile
from email import policy

from conftest import run_cli
from openpyxl import load_workbook

from roadmap_tools.workbook import schema as layout


def test_demo_runs_the_whole_chain_on_the_sample_and_writes_every_file(tmp_path):
    out = tmp_path / "out"
    result = run_cli("demo", "-o", out)
    assert result.code == 0, result.err
    assert "Импортировано мероприятий: 27, разделов: 4." in result.out
    assert "[6/6]" in result.err  # progress of a long job

    book = load_workbook(out / "roadmap.xlsx")
    assert {"Дорожная карта", "Проверка", "Форма мониторинга", "Настройки"} <= set(book.sheetnames)
    column = [c.field for c in layout.ROADMAP_COLUMNS].index("control") + 1
    control = [
        row[0]
        for row in book["Дорожная карта"].iter_rows(min_row=2, min_col=column, max_col=column, values_only=True)
        if row[0]
    ]
    assert len(control) == 27 and "Просрочено" in control

    message = email.message_from_bytes((out / "письмо.eml").read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    names = sorted(part.get_filename() for part in message.iter_attachments())
    # named for the organisation of the demo's settings, not for the workbook «roadmap.xlsx»
    assert names == [
        "Управление образования города Пензы - сопроводительное письмо.docx",
        "Управление образования города Пензы - форма мониторинга.xlsx",
    ]

    with zipfile.ZipFile(out / "Roadmap.xlsm") as zf:
        assert "xl/vbaProject.bin" in zf.namelist()
        assert "customUI/customUI14.xml" in zf.read("_rels/.rels").decode()
