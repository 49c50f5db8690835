"""Metadata of RTF files (WordPad, older Word): the ``{\\info …}`` group
(title, author, operator — the last editor —, manager, company, comments,
dates), custom properties (``{\\*\\userprops …}``), the authors of tracked
changes (``{\\*\\revtbl …}``) and of comments (``\\atnauthor``, ``\\atnid``).

The clean copy drops the info group and the custom properties and blanks
the names of revision and comment authors, keeping their number so the
document's references to them still hold. RTF is text: everything else is
copied byte for byte.
"""

from __future__ import annotations

import re

from .metafields import MetaField, Unreadable

MAX_GROUPS = 10_000
_INFO = {  # control word in \info → (label, personal)
    "title": ("название (RTF title)", False),
    "subject": ("тема (RTF subject)", False),
    "author": ("автор (RTF author)", True),
    "operator": ("кем изменён (RTF operator)", True),
    "manager": ("руководитель (RTF manager)", True),
    "company": ("организация (RTF company)", False),
    "category": ("категория (RTF category)", False),
    "keywords": ("ключевые слова (RTF keywords)", False),
    "comment": ("комментарий (RTF comment)", False),
    "doccomm": ("комментарий (RTF doccomm)", False),
    "hlinkbase": ("адрес ссылок (RTF hlinkbase)", False),
}
_DESTINATION = re.compile(rb"\{(?:\\\*)?\\(info|userprops|revtbl|atnauthor|atnid)(?![a-zA-Z])")
_WORD = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?")


def _check(data: bytes) -> None:
    if not data.lstrip().startswith(b"{\\rtf"):
        raise Unreadable("это не RTF")


def _group_end(data: bytes, start: int) -> int:
    """Just after the «}» closing the group opened at ``start``."""
    depth, at = 0, start
    while at < len(data):
        byte = data[at]
        if byte == 0x5C:  # «\»: an escaped brace or a control word, never a group
            at += 2
            continue
        if byte == 0x7B:
            depth += 1
        elif byte == 0x7D:
            depth -= 1
            if depth == 0:
                return at + 1
        at += 1
    raise Unreadable("RTF обрывается")


def _destinations(data: bytes):
    """(name, start, end) of each group of interest, outermost first."""
    found, at = 0, 0
    while found < MAX_GROUPS:
        match = _DESTINATION.search(data, at)
        if match is None:
            return
        end = _group_end(data, match.start())
        yield match.group(1).decode(), match.start(), end
        found += 1
        at = end


def _code_page(data: bytes) -> str:
    match = re.search(rb"\\ansicpg(\d{3,5})", data[:2000])
    return f"cp{match.group(1).decode()}" if match else "cp1252"


def _text(group: bytes, code_page: str) -> str:
    """The text of a group: escapes decoded, control words and braces gone."""
    out, raw, at = [], bytearray(), 0
    skip = 0  # characters after \uN that stand in for it in old readers

    def flush() -> None:
        if raw:
            out.append(raw.decode(code_page, errors="replace"))
            raw.clear()

    while at < len(group):
        byte = group[at]
        if byte == 0x5C and group[at + 1 : at + 2] == b"'":
            if skip:
                skip -= 1
            else:
                try:
                    raw += bytes.fromhex(group[at + 2 : at + 4].decode("ascii"))
                except ValueError:  # UnicodeDecodeError included
                    raw += b"?"
            at += 4
            continue
        if byte == 0x5C:
            word = _WORD.match(group, at)
            if word is None:  # a control symbol: \\ \{ \} are text, \* \- \: are not
                symbol = group[at + 1 : at + 2]
                raw += (
                    symbol
                    if symbol in (b"\\", b"{", b"}")
                    else {b"~": b" ", b"_": b"-"}.get(symbol, b"")
                )
                at += 2
                continue
            if word.group(1) == b"u" and word.group(2):
                flush()
                point = int(word.group(2)) & 0xFFFF
                out.append("\ufffd" if 0xD800 <= point <= 0xDFFF else chr(point))
                skip = 1
            at = word.end()
            continue
        if byte in (0x7B, 0x7D, 0x0D, 0x0A):
            raw += b" " if byte in (0x7B, 0x7D) else b""
            at += 1
            continue
        if skip:
            skip -= 1
        else:
            raw.append(byte)
        at += 1
    flush()
    return " ".join("".join(out).split())


def fields(data: bytes) -> list[MetaField]:
    _check(data)
    code_page = _code_page(data)
    found: list[MetaField] = []
    for name, start, end in _destinations(data):
        group = data[start:end]
        if name == "info":
            for inner in re.finditer(rb"\{(?:\\\*)?\\([a-z]+)", group[1:]):
                word = inner.group(1).decode()
                if word in _INFO:
                    begin = inner.start() + 1
                    text = _text(group[begin : _group_end(group, begin)], code_page)
                    if text:
                        label, personal = _INFO[word]
                        found.append(MetaField(label, text, personal))
        elif name == "revtbl":
            for entry in re.finditer(rb"\{([^{}]*);\}", group):
                text = _text(entry.group(1), code_page)
                if text and text != "Unknown":
                    found.append(MetaField("автор исправлений (RTF revtbl)", text, True))
        else:
            text = _text(group, code_page)
            if text:
                label = (
                    "свойство документа (RTF userprops)"
                    if name == "userprops"
                    else ("автор примечания (RTF atnauthor)")
                )
                found.append(MetaField(label, text, name != "userprops"))
    return found


def clean(data: bytes) -> bytes:
    _check(data)
    out, at = bytearray(), 0
    for name, start, end in _destinations(data):
        out += data[at:start]
        group = data[start:end]
        if name in ("atnauthor", "atnid"):
            out += group[: group.index(name.encode()) + len(name)] + b" }"
        elif name == "revtbl":
            out += re.sub(rb"\{[^{}]*;\}", b"{Unknown;}", group)
        at = end  # info and userprops: gone
    return bytes(out + data[at:])
