"""What a file says about itself: metadata fields, and reading them out of XML.

Every reader in ``meta_image``, ``meta_office`` and ``meta_pdf`` returns
``MetaField``s: where the value sits (a label a curator can look up in the
file's properties), the value, and whether the field's job is to name a
person or their computer («автор», «кем изменён», GPS, a path under
``C:\\Users``). Every value is searched for names; only personal fields
count as «personal metadata left in the file» in the check of a built site.

XML (XMP packets, ``docProps/core.xml``, ODF ``meta.xml``, SVG
``<metadata>``) is read with a small tokenizer, not a parser: the packets
are often malformed, and a regular expression over bounded text cannot be
made to expand entities or fetch anything.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .extract import Unreadable  # one kind of failure for text and metadata alike

__all__ = ["MetaField", "Unreadable", "decode_text", "looks_like_local_path", "xml_fields"]

MAX_FIELDS = 500  # per file: a packet with 100,000 keywords is read in part
MAX_VALUE = 2_000  # characters kept of one value
MAX_XML = 1_048_576  # characters of one XML part read for fields


@dataclass(frozen=True)
class MetaField:
    label: str  # «автор (dc:creator)», «EXIF: автор (Artist)»
    value: str
    personal: bool  # names a person, their account, computer or whereabouts


# Local names (any namespace) of XML properties whose job is to name a
# person → how a curator knows them. Other properties are still searched.
PERSONAL_XML = {
    "creator": "автор",
    "initial-creator": "создатель",
    "lastModifiedBy": "кем изменён",
    "contributor": "соавтор",
    "Manager": "руководитель",
    "author": "автор",
    "Author": "автор",
    "initials": "инициалы автора",
    "userId": "учётная запись",
    "displayName": "имя автора",
    "printed-by": "кем напечатан",
    "Owner": "владелец",
    "CaptionWriter": "автор подписи",
    "AuthorsPosition": "должность автора",
    "Artist": "автор",
    "CiEmailWork": "адрес электронной почты автора",
    "CiTelWork": "телефон автора",
    "CiAdrExtadr": "адрес автора",
    "absPath": "путь к файлу на компьютере",
    "docname": "имя файла на компьютере",
    "export-filename": "путь к файлу на компьютере",
}
_CONTAINERS = {"RDF", "Description", "Seq", "Bag", "Alt", "li", "xmpmeta", "value"}
# Neither a quoted value nor a tag crosses «<»: a broken tag fails at the next
# one, so a hostile part costs time linear in its length.
_TOKEN = re.compile(r"<(/?)([\w.:-]+)((?:[^<>\"']|\"[^<\"]*\"|'[^<']*')*?)(/?)>|<[!?][^<>]*>")
_ATTRIBUTE = re.compile(r"([\w.:-]+)\s*=\s*(\"[^\"]*\"|'[^']*')")
_SKIPPED_ATTRIBUTES = {"about", "lang", "parseType", "resource", "space", "ID", "nodeID", "type"}


def local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def xml_fields(xml: str, source: str, personal: dict[str, str] | None = None) -> list[MetaField]:
    """Text and attribute values of an XML part, each labelled by the
    property that holds it: ``source`` («XMP», «свойства документа») and the
    qualified name. ``personal`` maps local names to their Russian meaning
    (``PERSONAL_XML`` by default)."""
    meaning = PERSONAL_XML if personal is None else personal
    fields: list[MetaField] = []
    stack: list[str] = []
    position = 0
    xml = xml[:MAX_XML]

    def add(name: str, value: str) -> None:
        value = " ".join(html.unescape(value).split())[:MAX_VALUE]
        if value and len(fields) < MAX_FIELDS:
            known = meaning.get(local(name))
            label = f"{known} ({source}, {name})" if known else f"{source}, {name}"
            fields.append(MetaField(label, value, known is not None))

    def holder() -> str:
        for name in reversed(stack):
            if local(name) not in _CONTAINERS:
                return name
        return ""

    for token in _TOKEN.finditer(xml):
        text = xml[position : token.start()]
        position = token.end()
        if text.strip() and holder():
            add(holder(), text)
        closing, name, attributes, empty = token.groups()
        if name is None:  # a comment, declaration or processing instruction
            continue
        if closing:
            while stack and stack.pop() != name:
                pass
            continue
        for attribute, quoted in _ATTRIBUTE.findall(attributes or ""):
            if attribute.startswith("xmlns") or local(attribute) in _SKIPPED_ATTRIBUTES:
                continue
            add(attribute, quoted[1:-1])
        if not empty:
            stack.append(name)
    return fields


def decode_text(data: bytes) -> str:
    """Text of a metadata value whose encoding nobody declared."""
    data = data.rstrip(b"\x00")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


def looks_like_local_path(value: str) -> bool:
    """A path on someone's computer: it names the user (``C:\\Users\\ivanova``)."""
    return bool(re.match(r"(?i)(file:|[a-z]:[\\/]|\\\\|/home/|/Users/)", value.strip()))
