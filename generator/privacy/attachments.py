"""Personal data in attached files: in the name the curator gave the file,
and in the text inside it.

The published copy is renamed from the record's title, so the original name
never reaches the site; but a file named after a person («ПП Егорова
Элина.pdf», 004 L838) almost always has that name inside too. A known
person (a mentee, a mentor without consent, privacy.persons) in the file
name is therefore an error, like one found in the text; a name-like file
name of someone unknown is a warning (it may be an author with consent).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .detectors import Allowed, find_personal_data, found
from .extract import Unreadable, can_extract, extract_text
from .names import NameFinder


@dataclass(frozen=True)
class FileFinding:
    error: bool  # False: a warning
    message: str


def scan_attachment(
    path: Path, shown: str, finder: NameFinder, allowed: Allowed, read_text: bool = True
) -> list[FileFinding]:
    findings = _file_name(path, shown, finder)
    if read_text and can_extract(path):
        findings += _contents(path, shown, finder, allowed)
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


def _contents(path: Path, shown: str, finder: NameFinder, allowed: Allowed) -> list[FileFinding]:
    try:
        parts = extract_text(path)
    except Unreadable as problem:
        return [
            FileFinding(
                False,
                f"текст файла «{shown}» не удалось проверить ({problem}): "
                "убедитесь сами, что в нём нет персональных данных.",
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
