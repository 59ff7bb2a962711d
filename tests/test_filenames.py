"""Files a user sees are named for the organisation (or the roadmap) and are safe on Windows."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_tools.reports.filenames import MAX_STEM, RESERVED, output_path, owner_stem, safe_stem

WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


@pytest.mark.parametrize(
    "text, stem",
    [
        ("Управление образования города Пензы", "Управление образования города Пензы"),
        ('МКУ "Управление образования" г. Заречного', "МКУ Управление образования г. Заречного"),
        ("МКУ «Управление образования» г. Заречного", "МКУ «Управление образования» г. Заречного"),
        ("Отдел образования и/или молодёжной политики", "Отдел образования и-или молодёжной политики"),
        ("План: 2022/2023 учебный год", "План - 2022-2023 учебный год"),
        ("Что? Где? Когда*", "Что Где Когда"),
        ("Отдел <образования> | ИМЦ", "Отдел образования ИМЦ"),
        ("Управление образования.\n", "Управление образования"),
        ("  Комитет\tпо образованию  ", "Комитет по образованию"),
        ("CON", "CON_"),
        ("nul", "nul_"),
        ("Com1.отчёт", "Com1.отчёт_"),
        ("LPT9", "LPT9_"),
        ("...", ""),
        ("", ""),
    ],
)
def test_a_name_is_made_safe_for_windows(text, stem):
    assert safe_stem(text) == stem


@pytest.mark.parametrize(
    "text",
    [
        "Основные мероприятия («дорожная карта») города Пензы по направлению «Система работы со школами с низкими "
        "результатами обучения и/или школами, функционирующими в неблагоприятных социальных условиях»",
        "Муниципальноеказённоеучреждениецентрметодическогоинформационнотехническогоифинансовогообеспеченияобразования",
        "Отдел: " + "образования / " * 20,
    ],
)
def test_a_long_name_is_cut_at_a_word_and_holds_nothing_windows_forbids(text):
    stem = safe_stem(text)
    assert 0 < len(stem) <= MAX_STEM
    assert not set(stem) & WINDOWS_FORBIDDEN
    assert not stem.endswith((" ", "."))
    assert stem.split(".")[0].lower() not in RESERVED
    assert safe_stem(text, max_length=10_000).startswith(stem)  # cut, not rewritten
    if " " in text[:MAX_STEM]:
        assert safe_stem(text, max_length=10_000)[len(stem)] == " "  # at a word


@pytest.mark.parametrize(
    "settings, title, stem",
    [
        (
            {"organisation": "Управление образования города Пензы", "sender_name": "УО"},
            "Равенство",
            "Управление образования города Пензы",
        ),
        (
            {"organisation": "", "sender_name": "Отдел образования Никольского района"},
            "Равенство",
            "Отдел образования Никольского района",
        ),
        ({"organisation": "", "sender_name": ""}, "Равенство: 2023", "Равенство - 2023"),
        ({}, "", "Пенза 2022"),
        ({"organisation": "???"}, "", "Пенза 2022"),
    ],
)
def test_files_are_named_for_the_organisation_then_the_roadmap_then_the_workbook(settings, title, stem):
    assert owner_stem(settings, "Пенза 2022", title) == stem
    path = output_path(Path("/папка/Пенза 2022.xlsx"), "letter", settings, title)
    assert path == Path(f"/папка/{stem} - сопроводительное письмо.docx")


def test_a_workbook_named_nothing_usable_still_gives_a_russian_name():
    assert output_path(Path("/папка/???.xlsx"), "form", {}).name == "Дорожная карта - форма мониторинга.xlsx"
