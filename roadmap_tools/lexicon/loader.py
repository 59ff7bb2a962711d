"""Reading ``ru.toml``: each entry checked against the type its name is declared with in
``roadmap_tools.lexicon.vocab`` (the schema), and given that Python type.

A mistake in the file (a missing entry, a number where words belong) stops with a
Russian message naming the entry, before any document is read.
"""

from __future__ import annotations

import functools
import sys
from importlib.resources import files
from typing import Any, Optional, get_args, get_origin

from roadmap_tools.errors import RoadmapError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.9 and 3.10
    import tomli as tomllib

LEXICON_FILE = "ru.toml"

_TYPE_WORDS = {
    str: "строка",
    int: "целое число",
    float: "число",
    bool: "да/нет (true/false)",
    list: "список [ … ]",
    tuple: "список [ … ]",
    dict: "таблица ключ = значение",
    frozenset: "список [ … ]",
}


class LexiconError(RoadmapError):
    """The vocabulary file does not fit its schema."""


@functools.lru_cache(maxsize=None)
def lexicon_text() -> str:
    return files("roadmap_tools.lexicon").joinpath(LEXICON_FILE).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def lexicon(text: str = "") -> dict:
    """The parsed vocabulary (``text`` for tests; the package's ``ru.toml`` by default)."""
    try:
        return tomllib.loads(text or lexicon_text())
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(
            f"словарь {LEXICON_FILE} не читается: {error}.", hint="Исправьте запись, на которую указывает сообщение."
        ) from error


def entry(key: str, schema: Any, data: Optional[dict] = None) -> Any:
    """The entry ``key`` of the vocabulary, checked against ``schema`` and typed by it."""
    data = lexicon() if data is None else data
    if key not in data:
        raise LexiconError(
            f"в словаре {LEXICON_FILE} нет записи «{key}».",
            hint="Верните запись в файл (см. историю файла в репозитории).",
        )
    return conform(data[key], schema, key)


def conform(value: Any, schema: Any, where: str) -> Any:
    """``value`` as ``schema`` says (List[str], Dict[int, Tuple[int, ...]], ...), or LexiconError."""
    if schema is Any:
        return value
    origin = get_origin(schema) or schema
    args = get_args(schema)
    if origin in (str, int, float, bool):
        if origin is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, origin) and not (origin is int and isinstance(value, bool)):
            return value
        _wrong(where, origin, value)
    if origin in (list, tuple, frozenset):
        if not isinstance(value, list):
            _wrong(where, origin, value)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(value) != len(args):
                raise LexiconError(
                    f"в словаре {LEXICON_FILE} запись «{where}»: нужно {len(args)} значения, а записано {len(value)}."
                )
            return tuple(conform(v, a, f"{where}[{i}]") for i, (v, a) in enumerate(zip(value, args)))
        item = args[0] if args else Any
        items = [conform(v, item, f"{where}[{i}]") for i, v in enumerate(value)]
        return origin(items)
    if origin is dict:
        if not isinstance(value, dict):
            _wrong(where, dict, value)
        key_type, value_type = args or (Any, Any)
        result = {}
        for k, v in value.items():
            if key_type is int:
                try:
                    k = int(k)
                except ValueError:
                    raise LexiconError(
                        f"в словаре {LEXICON_FILE} запись «{where}.{k}»: ключ должен быть числом."
                    ) from None
            result[k] = conform(v, value_type, f"{where}.{k}")
        return result
    raise TypeError(f"unknown schema {schema!r} for {where}")


def _wrong(where: str, expected: type, value: Any) -> None:
    raise LexiconError(
        f"в словаре {LEXICON_FILE} запись «{where}»: ожидается {_TYPE_WORDS[expected]}, а записано {value!r}.",
        hint="Исправьте запись по образцу соседних.",
    )
