"""Mail headers that every mail program reads back exactly: our own RFC 2047 folding.

The standard library folds a long Russian header between encoded words at the spaces,
leaving the space outside the encoded text, where RFC 2047 tells parsers to drop it:
«Мониторинг дорожной» came back as «Мониторингдорожной» in Python and in Node's
mailparser alike. Here each encoded word carries its own trailing space, ends on a word
boundary where it can (a word longer than one encoded word is cut between characters,
which decoders join), and stays within 75 characters on lines of at most 78. A display name is one encoded
word, however long (see ``_display_name``).
``MAIL_POLICY`` is ``email.policy.default`` with this folding for Subject and the
address headers; everything else (MIME parameters: RFC 2231 file names) is the library's.
"""

from __future__ import annotations

import base64
import re
from email.policy import EmailPolicy
from typing import Iterable, List, Optional

#: RFC 2047: an encoded word is at most 75 characters; RFC 5322: lines of at most 78.
MAX_ENCODED_WORD = 75
MAX_LINE = 78
#: A display name stays one encoded word up to this length (RFC 5322: lines under 998).
MAX_NAME_WORD = 900
_PREFIX, _SUFFIX = "=?utf-8?B?", "?="
#: Characters a display name may hold unquoted (RFC 5322 atext and spaces).
_ATOM_TEXT = re.compile(r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*")
#: Headers we fold ourselves: free text and addresses.
TEXT_HEADERS = {"subject", "comments", "x-subject"}
ADDRESS_HEADERS = {"from", "to", "cc", "bcc", "reply-to", "sender"}


def one_line(text: str) -> str:
    """A header holds one line: runs of whitespace (line breaks included) become one space."""
    return " ".join(str(text or "").split())


def _encoded(text: str) -> str:
    return _PREFIX + base64.b64encode(text.encode("utf-8")).decode("ascii") + _SUFFIX


def _fits(text: str, room: int) -> bool:
    return len(_encoded(text)) <= room


def _chunks(text: str, first_room: int, room: int) -> List[str]:
    """``text`` cut into pieces each of which encodes within its room: the first within
    ``first_room``, the rest within ``room``. Cuts fall after a space when one is in reach."""
    words = re.findall(r"\S+\s*|\s+", text)
    pieces: List[str] = []
    current = ""
    for word in words:
        limit = first_room if not pieces else room
        if _fits(current + word, limit):
            current += word
            continue
        if current:
            pieces.append(current)
            current = ""
        limit = first_room if not pieces else room
        while not _fits(word, limit):  # a word too long for one encoded word: cut between characters
            cut = len(word)
            while cut > 1 and not _fits(word[:cut], limit):
                cut -= 1
            pieces.append(word[:cut])
            word = word[cut:]
            limit = room
        current = word
    if current or not pieces:
        pieces.append(current)
    return pieces


def encode_words(text: str, used: int) -> List[str]:
    """``text`` as RFC 2047 encoded words; the first starts ``used`` characters into its line."""
    first_room = min(MAX_ENCODED_WORD, MAX_LINE - used)
    room = min(MAX_ENCODED_WORD, MAX_LINE - 1)
    if first_room < len(_encoded("ж")):  # no room left on this line: start on the next
        return [""] + [_encoded(p) for p in _chunks(text, room, room)]
    return [_encoded(p) for p in _chunks(text, first_room, room)]


def _join(tokens: Iterable[str], used: int) -> str:
    """Tokens separated by a space, a line folded (CRLF and a space) before a token that
    would pass ``MAX_LINE``. A token "" means: the next token starts a new line."""
    out = ""
    column = used
    pending_break = False
    for token in tokens:
        if token == "":
            pending_break = True
            continue
        if out and (pending_break or column + 1 + len(token) > MAX_LINE):
            out += "\n " + token
            column = 1 + len(token)
        elif out:
            out += " " + token
            column += 1 + len(token)
        elif pending_break:
            out = "\n " + token
            column = 1 + len(token)
        else:
            out = token
            column += len(token)
        pending_break = False
    return out


def _needs_encoding(text: str) -> bool:
    return not text.isascii() or "=?" in text


def fold_text(name: str, value: str) -> str:
    """``Name: value`` for a free-text header (Subject), folded, ending in a newline."""
    text = one_line(value)
    used = len(name) + 2
    # a long ASCII text is encoded too: a reader that does not unfold (compat32) would keep
    # the line break, while breaks between encoded words are dropped by every decoder
    if _needs_encoding(text) or used + len(text) > MAX_LINE:
        return f"{name}: {_join(encode_words(text, used), used)}\n"
    return f"{name}: {_join(text.split(' '), used)}\n"


def _display_name(name: str, used: int) -> List[str]:
    name = one_line(name)
    if not name:
        return []
    if not _needs_encoding(name) and _ATOM_TEXT.fullmatch(name):
        return name.split(" ")
    # Non-ASCII, commas, quotes, dots: encoded, which also hides them from address splitting.
    # One encoded word, even past 75 characters: Python's address parser keeps the space
    # between two encoded words of a name while RFC 2047 parsers drop it, so a name cut in
    # two cannot read back the same in both. Only a name too long for a line is cut.
    whole = _encoded(name)
    if len(whole) <= MAX_NAME_WORD:
        return [whole]
    return encode_words(name, used)


def fold_addresses(name: str, addresses: Iterable) -> str:
    """``Name: addresses`` from ``email.headerregistry.Address`` objects, folded."""
    used = len(name) + 2
    tokens: List[str] = []
    parts = []
    for index, address in enumerate(addresses):
        spec = f"<{address.addr_spec}>" if address.display_name else address.addr_spec
        # a later name may start a line of its own: ``_join`` folds before it when needed
        words = _display_name(address.display_name, used if index == 0 else 0)
        parts.append(words + [spec])
    for index, words in enumerate(parts):
        if index:
            tokens[-1] += ","
        tokens.extend(words)
    return f"{name}: {_join(tokens, used)}\n"


def fold_content_type(name: str, value) -> Optional[str]:
    """``Content-Type`` of an attachment with a Russian ``name``: the type whole on the first
    line and ``name="=?utf-8?B?…?="`` on the next, as Thunderbird and nodemailer write it,
    for mail programs that look for the name there (the RFC 2231 file name in
    Content-Disposition is what the others read). None for every other Content-Type: the
    library folds the Office type into encoded words once a parameter is not ASCII
    («application/=?utf-8?q?vnd…»), which no mail program understands."""
    params = dict(getattr(value, "params", {}) or {})
    if not any(not str(v).isascii() for v in params.values()):
        return None
    lines = [f"{name}: {value.content_type};"]
    for key, text in params.items():
        text = str(text)
        if text.isascii():
            quoted = text.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f' {key}="{quoted}";')
        else:
            lines.append(f' {key}="{_encoded(one_line(text))}";')
    lines[-1] = lines[-1].rstrip(";")
    return "\n".join(lines) + "\n"


class MailPolicy(EmailPolicy):
    """``policy.default`` with Subject and address headers folded by this module."""

    def _ours(self, name: str, value) -> Optional[str]:
        key = name.lower()
        if key in TEXT_HEADERS:
            text = fold_text(name, str(value))
        elif key in ADDRESS_HEADERS and getattr(value, "addresses", None) is not None:
            text = fold_addresses(name, value.addresses)
        elif key == "content-type":
            folded = fold_content_type(name, value)
            if folded is None:
                return None
            text = folded
        else:
            return None
        return text.replace("\n", self.linesep)

    def fold(self, name, value):
        return self._ours(name, value) or super().fold(name, value)

    def fold_binary(self, name, value):
        ours = self._ours(name, value)
        return ours.encode("ascii") if ours else super().fold_binary(name, value)


#: For building messages (``\n``) and, cloned with ``linesep="\r\n"``, for writing and sending.
MAIL_POLICY = MailPolicy()
SMTP_POLICY = MAIL_POLICY.clone(linesep="\r\n")
