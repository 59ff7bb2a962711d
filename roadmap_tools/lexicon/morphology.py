"""Russian inflection in one place: names of organisations, positions, people and places.

Every case we put a name in goes through here, on pymorphy3 (its dictionaries come as the
``pymorphy3-dicts-ru`` package: nothing is downloaded). Where the library is wrong for a
name, the right form is data in ``vocab.INFLECTION_EXCEPTIONS``.

- ``genitive`` of an organisation: «Министерство образования Пензенской области» ->
  «Министерства образования Пензенской области» (a name already in the genitive stays);
- ``dative`` of a position and a person: «Министр образования Пензенской области
  И. О. Фамилия» -> «Министру образования Пензенской области И. О. Фамилии»;
- ``place_nominative`` of a municipality's words: «Городища» -> «Городище»,
  «Кузнецкого района» -> «Кузнецкий район», «Никольском районе» -> «Никольский район».
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional, Sequence

import pymorphy3

from roadmap_tools.lexicon import vocab

#: Initials: «И.О.», «И. О.», «И.»; a word of them is a person's name, not inflected.
_INITIALS = re.compile(r"^(?:[А-ЯЁ]\.\s?){1,2}$")
_INITIALS_GLUED = re.compile(r"^((?:[А-ЯЁ]\.){1,2})([А-ЯЁ][а-яё\-]+)$")  # «И.И.Иванова»
_SURNAME_GLUED = re.compile(r"^([А-ЯЁ][а-яё\-]+)((?:[А-ЯЁ]\.){1,2})$")  # «Иванова И.И.»
_WORD = re.compile(r"^[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*$")
_PERSON_TAGS = {"Surn", "Name", "Patr"}


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=4096)
def _parses(word: str) -> tuple:
    return tuple(analyzer().parse(word.lower()))


def _exception(word: str, case: str) -> Optional[str]:
    return vocab.INFLECTION_EXCEPTIONS.get(case, {}).get(word.lower().replace("ё", "е"))


def match_case(model: str, word: str) -> str:
    """``word`` written with the capitals of ``model``: «МКУ», «Пензы», «пензы»."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if "-" in model and "-" in word:  # «Нижне-Ломовский»: each part as written
        return "-".join(match_case(m, w) for m, w in zip(model.split("-"), word.split("-")))
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _is_abbreviation(word: str, all_caps: bool = False) -> bool:
    """«МКУ», «ГАОУ», «И.о.», «№5»: a word that does not decline. In a name written all in
    capitals («ОТДЕЛ ОБРАЗОВАНИЯ …») a word is an abbreviation only if the dictionary says so."""
    letters = word.strip('«»"“”().,')
    if "." in letters or not _WORD.match(letters or "-"):
        return True
    if len(letters) > 1 and letters.isupper():
        if not all_caps:
            return True
        parses = _parses(letters)
        return not parses or parses[0].tag.POS is None or bool({"Abbr", "Fixd"} & set(parses[0].tag.grammemes))
    return False


def _inflect(parse, case: str, number: Optional[str] = None) -> Optional[str]:
    grammemes = {case} | ({number} if number else set())
    inflected = parse.inflect(grammemes)
    return inflected.word if inflected else None


def _nominative_parse(word: str, parts: Sequence[str] = ("NOUN", "ADJF")):
    """The parse of ``word`` as a singular nominative noun or adjective, or None."""
    for parse in _parses(word):
        tag = parse.tag
        if tag.POS in parts and tag.case == "nomn" and tag.number != "plur":
            return parse
    return None


def _inflect_head(words: List[str], case: str) -> Optional[List[str]]:
    """Put the head of a noun phrase in ``case``: the adjectives before the first noun and
    that noun (its dependents after it stay as written). None when the phrase does not open
    with a nominative («Министерства …» is left to the caller as it is)."""
    out = list(words)
    all_caps = len(words) > 1 and all(w.isupper() for w in words if any(c.isalpha() for c in w))
    for index, word in enumerate(words):
        if _is_abbreviation(word, all_caps) or word.startswith(("«", '"', "“")):
            # «МКУ «…»», «И.о. министра», «ГАОУ ДПО …»: the head does not decline
            return out if index else None
        parse = _nominative_parse(word)
        if parse is None:
            return out if index else None
        following = words[index + 1] if index + 1 < len(words) else ""
        if parse.tag.POS == "NOUN" and following and _nominative_parse(following, ("NOUN",)) is not None:
            # «Главное управление»: a word that may be a noun is an adjective before a noun
            parse = _nominative_parse(word, ("ADJF",)) or parse
        forced = _exception(word, case)
        inflected = forced or _inflect(parse, case)
        if inflected is None:
            return out if index else None
        out[index] = match_case(word, inflected)
        if parse.tag.POS == "NOUN":
            return out
    return out


def _words(text: str) -> List[str]:
    return " ".join(str(text or "").split()).split(" ") if str(text or "").strip() else []


def genitive(name: str) -> str:
    """An organisation's name in the genitive: «письмом Министерства образования …».

    A name already in the genitive, or one that opens with an abbreviation or a quote
    («ГАОУ ДПО «Институт …»», «МКУ «Управление образования»»), is returned as written.
    """
    words = _words(name)
    if not words:
        return ""
    inflected = _inflect_head(words, "gent")
    return " ".join(inflected) if inflected else " ".join(words)


def _split_person(words: List[str]) -> tuple:
    """(position words, person words): the person is the initials and the surname, or a
    full name of surname, first name and patronymic, at the end of the text."""
    if not words:
        return [], []
    last = words[-1]
    if _INITIALS_GLUED.match(last) or _SURNAME_GLUED.match(last):
        return words[:-1], [last]
    if len(words) >= 2 and _INITIALS.match(words[-2]):  # «… И.О. Фамилия», «… И. О. Фамилия»
        start = len(words) - 2
        while start > 0 and _INITIALS.match(words[start - 1]):
            start -= 1
        return words[:start], words[start:]
    if _INITIALS.match(last) and len(words) >= 2:  # «… Фамилия И.О.», «… Фамилия И. О.»
        start = len(words) - 1
        while start > 0 and _INITIALS.match(words[start - 1]):
            start -= 1
        return words[: start - 1], words[start - 1 :]
    # a full name: the last three words are surname, first name and patronymic
    if len(words) >= 3 and _has_tag(words[-1], "Patr") and _has_tag(words[-2], "Name"):
        return words[:-3], words[-3:]
    if len(words) >= 3 and _has_tag(words[-3], "Name") and _has_tag(words[-2], "Patr"):  # «Ирина Викторовна Иванова»
        return words[:-3], words[-3:]
    return words, []


def _has_tag(word: str, grammeme: str) -> bool:
    return any(grammeme in p.tag for p in _parses(word))


def _gender(person: List[str]) -> Optional[str]:
    for word in person:
        for parse in _parses(word):
            if parse.tag.case == "nomn" and ({"Name", "Patr"} & set(parse.tag.grammemes)):
                return parse.tag.gender
    return None


def _person_word(word: str, case: str, gender: Optional[str]) -> str:
    """One word of a person's name (surname, first name, patronymic) in ``case``."""
    glued = _INITIALS_GLUED.match(word) or _SURNAME_GLUED.match(word)
    if glued:
        initials, surname = (glued.group(1), glued.group(2)) if word[1] == "." else (glued.group(2), glued.group(1))
        surname = _person_word(surname, case, gender)
        return initials + surname if word[1] == "." else surname + initials
    if _INITIALS.match(word) or not _WORD.match(word):
        return word
    forced = _exception(word, case)
    if forced:
        return match_case(word, forced)
    candidates = [p for p in _parses(word) if p.tag.case == "nomn" and p.tag.number != "plur"]
    persons = [p for p in candidates if _PERSON_TAGS & set(p.tag.grammemes)]
    if gender:
        persons = [p for p in persons if p.tag.gender == gender or "ms-f" in p.tag] or persons
    chosen = (persons or candidates or [None])[0]
    if chosen is None:
        return word
    if "Fixd" in chosen.tag:
        return word
    inflected = _inflect(chosen, case, "sing")
    return match_case(word, inflected) if inflected else word


def _already(words: List[str], case: str) -> bool:
    """The phrase opens in ``case`` already («Министру …», «Министерства …»)."""
    first = next((w for w in words if not _is_abbreviation(w)), "")
    if not first:
        return True
    parses = _parses(first)
    return bool(parses) and parses[0].tag.case == case and _nominative_parse(first) is None


def dative(text: str) -> str:
    """A position and a person in the dative: «Министр образования Пензенской области
    И. О. Фамилия» -> «Министру образования Пензенской области И. О. Фамилии».

    Text already in the dative is returned as written.
    """
    words = _words(text)
    if not words:
        return ""
    position, person = _split_person(words)
    if position and _already(position, "datv") or not position and person and _already(person, "datv"):
        return " ".join(words)
    if position:
        inflected = _inflect_head(position, "datv")
        position = inflected if inflected else position
    gender = _gender(person)
    person = [_person_word(w, "datv", gender) for w in person]
    return " ".join(position + person)


def split_person(text: str) -> tuple:
    """(position, person) of an addressee line, as two texts («…», «И. О. Фамилии»)."""
    position, person = _split_person(_words(text))
    return " ".join(position), " ".join(person)


def lemmas(text: str) -> List[str]:
    """The dictionary forms of the words of ``text`` (for comparing names across cases)."""
    out = []
    for word in _words(text):
        bare = word.strip('«»"“”().,;:')
        if not bare:
            continue
        parses = _parses(bare) if _WORD.match(bare) else ()
        out.append(parses[0].normal_form if parses else bare.lower())
    return out


# --- places ------------------------------------------------------------------------------
def _place_parse(word: str, cases: Sequence[str], part: Optional[str]):
    parses = [
        p
        for p in _parses(word)
        if p.tag.case in cases and p.tag.number != "plur" and (part is None or p.tag.POS == part)
    ]
    if not parses:
        return None
    # a town (Geox) before a common noun, a masculine adjective («город», «район») before others
    parses.sort(key=lambda p: (-("Geox" in p.tag), -(p.tag.gender == "masc"), -p.score))
    return parses[0]


def place_word_nominative(
    word: str,
    cases: Sequence[str] = ("gent", "loct"),
    known: bool = True,
    part: Optional[str] = None,
    gender: Optional[str] = None,
) -> str:
    """One word of a place name from ``cases`` into the nominative.

    ``known``: the text says the word is in one of ``cases`` («города Нижнего Ломова»), so
    «Ломова» is taken as the genitive of «Ломов» though it could be a nominative surname;
    otherwise a word that can be a nominative stays as written. ``gender`` makes an
    adjective agree with its noun («Кушвинского городского округа» -> «Кушвинский»).
    """
    forced = _exception(word, "nomn")
    if forced:
        return match_case(word, forced)
    if not _WORD.match(word) or not known and _nominative_parse(word) is not None:
        return word
    if any("Geox" in p.tag and p.tag.case == "nomn" for p in _parses(word)):
        return word  # a town's own name as written: «города Луга», «города Чусовой»
    parse = _place_parse(word, cases, part)
    if parse is None:
        return word
    grammemes = {"nomn", "sing"}
    if parse.tag.POS == "ADJF":
        grammemes.add(gender or "masc")
    inflected = parse.inflect(grammemes)
    return match_case(word, inflected.word) if inflected else word


def is_genitive_adjective(word: str) -> bool:
    """«Заречного», «Нижнего»: an adjective in the genitive (a town named after «г.»)."""
    return _place_parse(word, ("gent",), "ADJF") is not None and _nominative_parse(word, ("ADJF",)) is None


def is_genitive_town(word: str) -> bool:
    """«Кузнецка», «Пензы», «Городища»: a noun that can only be a genitive here. A town in
    the plural («Химки», «Мытищи») or one that is its own nominative («Кушва») is not."""
    parses = [p for p in _parses(word) if p.tag.POS == "NOUN"]
    towns = [p for p in parses if "Geox" in p.tag]
    if towns:
        return any(p.tag.case == "gent" and p.tag.number == "sing" for p in towns) and not any(
            p.tag.case == "nomn" for p in towns
        )
    return (
        any(p.tag.case == "gent" and p.tag.number == "sing" for p in parses)
        and _nominative_parse(word, ("NOUN",)) is None
    )


def adjective_before_noun(first: str, second: str) -> bool:
    """«Нижнего Ломова», «Верхней Пышмы», «Великие Луки»: two words of one name (an adjective,
    then a noun); «Заречный Пензенской (области)» is not."""
    return any(p.tag.POS == "ADJF" for p in _parses(first)) and any(p.tag.POS == "NOUN" for p in _parses(second))


def place_nominative(words: Sequence[str], cases: Sequence[str] = ("gent", "loct"), known: bool = True) -> str:
    """A place's words in the nominative: «Нижнего Ломова» -> «Нижний Ломов», «Верхней
    Пышмы» -> «Верхняя Пышма», «Городища» -> «Городище» (``known``: see
    ``place_word_nominative``). An adjective agrees with the noun after it."""
    if (
        len(words) > 1
        and _place_parse(words[0], cases, "ADJF") is None
        and any(p.tag.POS == "ADJF" for p in _parses(words[0]))
    ):
        return " ".join(words)  # «Великие Луки», «Нижний Тагил»: the adjective says the name is a nominative
    out = []
    for index, word in enumerate(words):
        gender = None
        following = words[index + 1] if index + 1 < len(words) else ""
        if following and _place_parse(word, cases, "ADJF") is not None:
            noun = _place_parse(following, cases, "NOUN")
            gender = noun.tag.gender if noun is not None and noun.tag.gender in ("masc", "femn", "neut") else None
        out.append(place_word_nominative(word, cases, known, gender=gender))
    return " ".join(out)
