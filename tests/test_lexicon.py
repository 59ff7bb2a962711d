"""The vocabulary is data (roadmap_tools/lexicon/ru.toml) checked against its schema: the
typed declarations of roadmap_tools/lexicon/vocab.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

import roadmap_tools
from roadmap_tools.lexicon import vocab
from roadmap_tools.lexicon.loader import LexiconError, entry, lexicon

PACKAGE = Path(roadmap_tools.__file__).parent
VOCAB_SOURCE = PACKAGE / "lexicon" / "vocab.py"


def declared_entries() -> dict:
    """Entry key -> vocab name, from the ``NAME: type = entry("key", type)`` lines."""
    found = {}
    for node in ast.parse(VOCAB_SOURCE.read_text(encoding="utf-8")).body:
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", "") == "entry"
        ):
            found[node.value.args[0].value] = node.target.id
    return found


def test_every_entry_of_the_file_is_declared_with_a_type_and_every_declaration_is_in_the_file():
    assert set(lexicon()) == set(declared_entries())


def test_each_entry_keeps_the_name_it_has_in_the_file():
    assert all(key.upper() == name for key, name in declared_entries().items())


def test_the_file_fits_the_schema_the_declarations_give():
    for key, name in declared_entries().items():
        assert getattr(vocab, name) is not None, key


@pytest.mark.parametrize(
    "text,schema,message",
    [
        ('x = "слово"', List[str], "ожидается список"),
        ("x = [1, 2]", List[str], "«x[0]»: ожидается строка"),
        ('x = ["a"]', Tuple[str, int], "нужно 2 значения"),
        ("x.abc = [1]", Dict[int, List[int]], "ключ должен быть числом"),
        ("x = true", int, "ожидается целое число"),
    ],
)
def test_a_wrong_entry_is_a_russian_message_naming_it(text, schema, message):
    with pytest.raises(LexiconError, match=re.escape(message)):
        entry("x", schema, lexicon(text))


def test_a_missing_entry_is_named():
    with pytest.raises(LexiconError, match="нет записи «nothing»"):
        entry("nothing", str, lexicon('x = "a"'))


def test_a_file_that_is_not_toml_is_a_russian_message():
    with pytest.raises(LexiconError, match="не читается"):
        lexicon("x = [")


def test_numbered_keys_become_numbers_and_tuples_stay_tuples():
    assert sorted(vocab.MONTH_FORMS) == list(range(1, 13))
    assert isinstance(vocab.REQUIRED_FIELDS, tuple) and isinstance(vocab.MONTH_STEMS, tuple)


def test_months_are_spelled_once_letters_take_their_cases_from_the_month_forms():
    text = (PACKAGE / "lexicon" / "ru.toml").read_text(encoding="utf-8")
    assert text.count('"января"') == 1
    assert vocab.MONTHS_GENITIVE[0] == "января" and vocab.MONTHS_PREPOSITIONAL[4] == "мае"


def _russian_words_in_patterns(path: Path) -> list:
    """Regular-expression literals of a module that hold Russian words (not just «[а-яё]»)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and getattr(node.func.value, "id", "") == "re"
            and node.args
        ):
            for part in ast.walk(node.args[0]):
                if (
                    isinstance(part, ast.Constant)
                    and isinstance(part.value, str)
                    and re.search("[\u0400-\u04ff]", re.sub(r"\[[^\]]*\]", "", part.value))
                ):
                    found.append(f"{path.name}:{node.lineno}: {part.value[:60]}")
    return found


def test_no_russian_word_in_a_regular_expression_outside_the_grammar_and_the_lexicon():
    modules = [p for p in PACKAGE.rglob("*.py") if p.name != "deadlines.py" and "lexicon" not in p.parts]
    assert [hit for path in modules for hit in _russian_words_in_patterns(path)] == []
