"""Russian inflection of names, through pymorphy3: one phrase, one expected form, per line.

Organisations, positions and municipalities from the fixtures and the consolidation tests,
and names the code has never seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_tools.lexicon import morphology, vocab
from roadmap_tools.lexicon.morphology import dative, genitive, place_nominative, place_word_nominative


@pytest.mark.parametrize(
    "nominative, genitive_form",
    [
        # from the fixtures and the consolidation tests
        ("Министерство образования Пензенской области", "Министерства образования Пензенской области"),
        ("Министерство образования Свердловской области", "Министерства образования Свердловской области"),
        ("Управление образования города Кузнецка", "Управления образования города Кузнецка"),
        ("Отдел образования администрации Сердобского района", "Отдела образования администрации Сердобского района"),
        ("Комитет по образованию администрации города Ирбита", "Комитета по образованию администрации города Ирбита"),
        (
            "Департамент образования администрации города Нижний Тагил",
            "Департамента образования администрации города Нижний Тагил",
        ),
        (
            "Управление образования Берёзовского городского округа",
            "Управления образования Берёзовского городского округа",
        ),
        (
            "ГАОУ ДПО «Институт регионального развития Пензенской области»",
            "ГАОУ ДПО «Институт регионального развития Пензенской области»",
        ),
        ("ГАОУ ДПО ИРР ПО", "ГАОУ ДПО ИРР ПО"),
        ("МКУ «Управление образования» г. Заречного", "МКУ «Управление образования» г. Заречного"),
        (
            "Муниципальное казённое учреждение «Центр развития образования»",
            "Муниципального казённого учреждения «Центр развития образования»",
        ),
        # names the code has not seen
        (
            "Информационно-методический центр Лопатинского района",
            "Информационно-методического центра Лопатинского района",
        ),
        ("Администрация Никольского района", "Администрации Никольского района"),
        (
            "Государственное автономное учреждение «Региональный центр оценки качества образования»",
            "Государственного автономного учреждения «Региональный центр оценки качества образования»",
        ),
        ("Институт развития образования Ивановской области", "Института развития образования Ивановской области"),
        ("Служба по контролю и надзору в сфере образования", "Службы по контролю и надзору в сфере образования"),
        ("Главное управление образования Кемеровской области", "Главного управления образования Кемеровской области"),
        (
            "Центр непрерывного повышения профессионального мастерства педагогов",
            "Центра непрерывного повышения профессионального мастерства педагогов",
        ),
        ("Министерство просвещения Российской Федерации", "Министерства просвещения Российской Федерации"),
        # already in the genitive, or empty: as written
        ("Министерства образования Пензенской области", "Министерства образования Пензенской области"),
        ("Управления образования г. Пензы", "Управления образования г. Пензы"),
        ("", ""),
    ],
)
def test_an_organisation_in_the_genitive(nominative, genitive_form):
    assert genitive(nominative) == genitive_form


@pytest.mark.parametrize(
    "given, dative_form",
    [
        (
            "Министр образования Пензенской области И. О. Фамилия",
            "Министру образования Пензенской области И. О. Фамилии",
        ),
        (
            "Министр образования Пензенской области А. В. Сергеева",
            "Министру образования Пензенской области А. В. Сергеевой",
        ),
        (
            "Начальник отдела общего образования Министерства образования Свердловской области Иванов И.И.",
            "Начальнику отдела общего образования Министерства образования Свердловской области Иванову И.И.",
        ),
        ("Директор ГАОУ ДПО ИРР ПО Л.А.Борисова", "Директору ГАОУ ДПО ИРР ПО Л.А.Борисовой"),
        ("Ректор Сергеев Пётр Ильич", "Ректору Сергееву Петру Ильичу"),
        (
            "Начальник управления образования Заводчикова Лариса Ивановна",
            "Начальнику управления образования Заводчиковой Ларисе Ивановне",
        ),
        (
            "Первый заместитель министра образования Е.П. Морозова",
            "Первому заместителю министра образования Е.П. Морозовой",
        ),
        ("Заместитель министра Петренко И.И.", "Заместителю министра Петренко И.И."),
        ("Руководитель департамента Н.В. Сычёва", "Руководителю департамента Н.В. Сычёвой"),
        ("Председатель комитета Ирина Викторовна Кондратьева", "Председателю комитета Ирине Викторовне Кондратьевой"),
        # already in the dative: as written
        ("Министру образования Пензенской области", "Министру образования Пензенской области"),
        ("Начальнику отдела Петровой М.С.", "Начальнику отдела Петровой М.С."),
        ("Директору Иванову И.И.", "Директору Иванову И.И."),
    ],
)
def test_a_position_and_a_person_in_the_dative(given, dative_form):
    assert dative(given) == dative_form


@pytest.mark.parametrize(
    "words, nominative",
    [
        (["Городища"], "Городище"),
        (["Кузнецка"], "Кузнецк"),
        (["Пензы"], "Пенза"),
        (["Сарова"], "Саров"),
        (["Каменки"], "Каменка"),
        (["Спасска"], "Спасск"),
        (["Сердобска"], "Сердобск"),
        (["Ирбита"], "Ирбит"),
        (["Заречного"], "Заречный"),
        (["Нижнего", "Ломова"], "Нижний Ломов"),
        (["Нижний", "Тагил"], "Нижний Тагил"),
        (["Белинского"], "Белинский"),
        (["Шемышейки"], "Шемышейка"),
        (["Никольска"], "Никольск"),
        (["Верхней", "Пышмы"], "Верхняя Пышма"),
        (["Сосновоборска"], "Сосновоборск"),
        # written in the nominative after «города»: a town's own name stays
        (["Луга"], "Луга"),
        (["Чусовой"], "Чусовой"),
        (["Великие", "Луки"], "Великие Луки"),
        (["Химки"], "Химки"),
    ],
)
def test_a_town_after_city_or_g_in_the_nominative(words, nominative):
    assert place_nominative(words, ("gent",)) == nominative


@pytest.mark.parametrize(
    "adjective, nominative",
    [
        ("Кузнецкого", "Кузнецкий"),
        ("Никольском", "Никольский"),
        ("Сердобского", "Сердобский"),
        ("Кушвинского", "Кушвинский"),
        ("Бессоновского", "Бессоновский"),
        ("Артёмовского", "Артёмовский"),
        ("Нижнеломовского", "Нижнеломовский"),
        ("Тавдинском", "Тавдинский"),
        ("Сердобский", "Сердобский"),
    ],
)
def test_a_district_adjective_in_the_nominative(adjective, nominative):
    assert place_word_nominative(adjective, ("gent", "loct"), part="ADJF") == nominative


def test_municipalities_named_by_consolidation_through_the_library():
    from roadmap_tools.consolidation.report_reader import municipality_in

    assert municipality_in("Управление образования г. Городища") == "Городище"
    assert municipality_in("Отдел образования администрации города Городища") == "Городище"
    assert municipality_in("Мониторинг в Никольском районе") == "Никольский район"
    assert municipality_in("Отдел образования Кузнецкого района") == "Кузнецкий район"
    assert municipality_in("Управление образования г. Верхней Пышмы") == "Верхняя Пышма"
    assert municipality_in("Управление образования города Великие Луки") == "Великие Луки"
    assert municipality_in("Управление образования г. Заречный Пензенской области") == "Заречный"
    assert municipality_in("Управление образования г. Кузнецка Пензенской области") == "Кузнецк"


def test_a_word_the_dictionary_gets_wrong_is_put_right_from_the_vocabulary(monkeypatch):
    monkeypatch.setitem(vocab.INFLECTION_EXCEPTIONS, "nomn", {"кузнецка": "Кузнецк-Пензенский"})
    assert place_nominative(["Кузнецка"]) == "Кузнецк-Пензенский"


def test_dictionaries_load_from_the_installed_package_not_a_download():
    import pymorphy3_dicts_ru

    path = Path(morphology.analyzer().dictionary.path).resolve()
    assert path == Path(pymorphy3_dicts_ru.get_path()).resolve()
    assert (path / "words.dawg").is_file()


# --- every organisation and position the fixtures and the consolidation tests hold ---------
ORGANISATION_WORDS = (
    "управление",
    "отдел",
    "комитет",
    "департамент",
    "министерство",
    "администрация",
    "муниципальное",
    "мку",
    "мбоу",
    "гаоу",
    "институт",
    "центр",
)
POSITION_WORDS = ("начальник", "директор", "министр", "заместитель", "руководитель", "председатель", "ректор")


def _texts_of_fixtures_and_tests() -> set:
    import ast

    import docx

    here = Path(__file__).parent
    texts = set()
    for path in sorted((here / "fixtures").glob("*.docx")):
        document = docx.Document(str(path))
        texts |= {p.text for p in document.paragraphs}
        texts |= {c.text for t in document.tables for r in t.rows for c in r.cells}
    for path in sorted(here.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        texts |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return {" ".join(t.split()) for t in texts if 0 < len(t) < 150}


TEXTS = _texts_of_fixtures_and_tests()
ORGANISATIONS = sorted(t for t in TEXTS if t.lower().startswith(ORGANISATION_WORDS) and "направляет" not in t)
POSITIONS = sorted(t for t in TEXTS if t.lower().startswith(POSITION_WORDS))


def test_the_fixtures_hold_names_to_check():
    assert len(ORGANISATIONS) >= 20 and len(POSITIONS) >= 20


def _changed_prefix(before: str, after: str) -> list:
    """The words that changed; they must be the first ones (the head), the rest as written."""
    old, new = before.split(" "), after.split(" ")
    assert len(old) == len(new), (before, after)
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    assert changed == list(range(len(changed))), (before, after)
    return [new[i] for i in changed]


@pytest.mark.parametrize("name", ORGANISATIONS)
def test_every_organisation_of_the_fixtures_declines_in_its_head_only(name):
    result = genitive(name)
    assert genitive(result) == result  # a genitive stays a genitive
    changed = _changed_prefix(name, result)
    for word in changed:
        assert any(p.tag.case == "gent" for p in morphology.analyzer().parse(word)), (name, result)
    first = name.split(" ")[0]
    if first[:1].isupper() and first[1:].islower() and first.lower() in ORGANISATION_WORDS:
        assert changed, f"«{name}»: the head «{first}» did not decline"


@pytest.mark.parametrize("text", POSITIONS)
def test_every_position_of_the_fixtures_goes_into_the_dative(text):
    result = dative(text)
    assert dative(result) == result  # a dative stays a dative
    changed = _changed_prefix(
        *(
            " ".join(p for p in pair if p)
            for pair in (morphology.split_person(text)[:1], morphology.split_person(result)[:1])
        )
    )
    for word in changed:
        assert any(p.tag.case == "datv" for p in morphology.analyzer().parse(word)), (text, result)
    position = morphology.split_person(result)[0]
    assert any(p.tag.case == "datv" for p in morphology.analyzer().parse(position.split(" ")[0])), result
    for word in morphology.split_person(result)[1].replace(".", ". ").split():
        if len(word) > 2 and word.isalpha():  # the surname, first name, patronymic; not initials
            assert any(p.tag.case == "datv" for p in morphology.analyzer().parse(word)), (text, result)
