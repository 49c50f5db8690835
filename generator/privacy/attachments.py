"""Personal data in attached files: in the name the curator gave the file,
and in the text inside it.

The published copy is renamed from the record's title, so the original name
never reaches the site; but a file named after a person («ПП Егорова
Элина.pdf», 004 L838) almost always has that name inside too. A known
person (a mentee, a mentor without consent, privacy.persons) in the file
name is therefore an error, like one found in the text; a name-like file
name of someone unknown is a warning (it may be an author with consent).

Before the text, the file's metadata (``metadata.py``: PDF /Author and
XMP, the properties of a DOCX, EXIF of a photo…) is searched for the same
known people: a mentee as the author or in the title of a document says
the document is about them. The site publishes the file without its
metadata, so anyone else found there (the curator as the author) is simply
not published, not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .detectors import Allowed, find_personal_data, found
from .extract import Unreadable, can_extract, extract_text
from .metadata import MetaField, read_metadata
from .names import NameFinder

MAX_METADATA_FINDINGS = 10


@dataclass(frozen=True)
class FileFinding:
    error: bool  # False: a warning
    message: str
    unreadable: bool = False  # the file could not be read at all


def scan_attachment(
    path: Path, shown: str, finder: NameFinder, allowed: Allowed, read_text: bool = True
) -> list[FileFinding]:
    findings = _file_name(path, shown, finder)
    if read_text:
        metadata = _metadata(path, shown, finder)
        text = _contents(path, shown, finder, allowed) if can_extract(path) else []
        if any(f.unreadable for f in text):  # one warning for a file nothing can read
            metadata = [f for f in metadata if not f.unreadable]
        findings += metadata + text
    return findings


def _metadata(path: Path, shown: str, finder: NameFinder) -> list[FileFinding]:
    try:
        metadata = read_metadata(path)
    except Unreadable as problem:
        return [
            FileFinding(
                False,
                f"свойства файла «{shown}» не удалось прочитать ({problem}), поэтому "
                "он будет опубликован как есть: убедитесь сами, что в нём нет "
                "персональных данных.",
                unreadable=True,
            )
        ]
    findings = [
        FileFinding(
            True,
            f"в свойствах файла «{shown}» ({where}) найдено имя «{name}» ({why}): "
            "уберите его из свойств файла и проверьте, что сам документ обезличен.",
        )
        for name, why, where in known_in_metadata(metadata.fields, finder)
    ][:MAX_METADATA_FINDINGS]
    if metadata.signed and metadata.personal and not findings:
        shown_fields = "; ".join(f"{f.label}: «{f.value[:60]}»" for f in metadata.personal[:3])
        findings.append(
            FileFinding(
                False,
                f"файл «{shown}» {metadata.signed}, поэтому публикуется без изменений, "
                f"вместе со свойствами ({shown_fields}). Если их публиковать не нужно, "
                "удалите их из файла до подписания.",
            )
        )
    return findings


def _file_name(path: Path, shown: str, finder: NameFinder) -> list[FileFinding]:
    findings = []
    for hit in finder.find_in_link(path.name):
        assert hit.person is not None  # find_in_link reports denied persons only
        findings.append(
            FileFinding(
                True,
                f"имя файла «{shown}» содержит имя «{hit.text}» "
                f"({hit.person.why}); скорее всего, оно есть и в самом "
                "документе. Обезличьте документ и переименуйте файл.",
            )
        )
    if findings:
        return findings
    spaced = re.sub(r"[_.]+", " ", path.stem)
    for hit in finder.find(spaced):
        if hit.person is None:
            findings.append(
                FileFinding(
                    False,
                    f"имя файла «{shown}» похоже на ФИО «{hit.text}»: "
                    "проверьте, что документ обезличен (на сайте файл "
                    "получит имя из названия документа).",
                )
            )
    return findings


def known_in_metadata(fields: list[MetaField], finder: NameFinder) -> list[tuple[str, str, str]]:
    """Denied people named in metadata, one entry per person: (the name as
    found, why it may not be published, the fields it is in)."""
    people: dict[str, tuple[str, str, list[str]]] = {}
    for field in fields:
        for hit in finder.find_known(field.value):
            assert hit.person is not None  # find_known reports denied persons only
            key = getattr(hit.person, "full_name", hit.text)
            labels = people.setdefault(key, (hit.text, hit.person.why, []))[2]
            if field.label not in labels:
                labels.append(field.label)
    return [(name, why, "; ".join(labels[:5])) for name, why, labels in people.values()]


def _contents(path: Path, shown: str, finder: NameFinder, allowed: Allowed) -> list[FileFinding]:
    try:
        parts = extract_text(path)
    except Unreadable as problem:
        return [
            FileFinding(
                False,
                f"текст файла «{shown}» не удалось проверить ({problem}): "
                "убедитесь сами, что в нём нет персональных данных.",
                unreadable=True,
            )
        ]
    findings: list[FileFinding] = []
    if path.suffix.lower() == ".pdf" and sum(len(t.strip()) for _, t in parts) < 20:
        return [
            FileFinding(
                False,
                f"в PDF «{shown}» нет текстового слоя (скан?), его нельзя "
                "проверить автоматически: убедитесь сами, что в нём нет "
                "персональных данных.",
            )
        ]
    for where, text in parts:
        place = f"«{shown}»" + (f", {where}" if where.startswith("страница") else "")
        for hit in finder.find_known(text):
            assert hit.person is not None  # find_known reports denied persons only
            findings.append(
                FileFinding(
                    True,
                    f"в файле {place} найдено имя «{hit.text}» "
                    f"({hit.person.why}); обезличьте документ.",
                )
            )
        for item in find_personal_data(text, allowed):
            findings.append(
                FileFinding(
                    True,
                    f"в файле {place} {found(item.kind)} {item.kind} "
                    f"«{item.text[:60]}»: {item.advice}.",
                )
            )
        if len(findings) >= 10:
            break
    return findings
