"""Personal data anywhere in a built site: page text and attributes, link
addresses, the search index and other JSON, XML, CSV and text files, and
the text inside PDF, DOCX and XLSX downloads, and the metadata of documents
and images (authors, EXIF, XMP: ``privacy/metadata.py``).

Denied names (mentees, people without consent, ``privacy.persons``) and
every detector of ``privacy.detectors``. Without the project (``nastav
check-site`` on a bare folder) the official contacts are unknown, so phones
and e-mails are reported as warnings to look at, not errors.
"""

from __future__ import annotations

import gzip
import json
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..diagnostics import Location, Report
from ..privacy.attachments import known_in_metadata
from ..privacy.detectors import Allowed, find_personal_data, found
from ..privacy.extract import Unreadable, can_extract, extract_text
from ..privacy.metadata import can_clean, read_metadata
from ..privacy.names import NameFinder, NameHit
from .audit_blocks import BLOCKS_FROM, own_hits, search_blocks

_TEXT_SUFFIXES = {".json", ".xml", ".txt", ".csv", ".atom", ".rss"}
# Pagefind keeps each page's indexed text in a gzip-compressed fragment:
# a signature, then JSON with the page's address, title and content.
_PAGEFIND_FRAGMENT = ".pf_fragment"
_PAGEFIND_SIGNATURE = b"pagefind_dcd"
_CONTACT_KINDS = {"номер телефона", "адрес электронной почты"}


@dataclass
class DataCheck:
    finder: NameFinder | None = None
    allowed: Allowed = field(default_factory=Allowed)
    contacts_known: bool = True
    _links: dict = field(default_factory=dict, repr=False)
    _lines: dict = field(default_factory=dict, repr=False)  # chrome line → findings
    _chromes: dict = field(default_factory=dict, repr=False)  # chrome lines → findings
    known_blocks: dict = field(default_factory=dict, repr=False)  # from earlier builds
    _used: dict = field(default_factory=dict, repr=False)  # file → {block key: hits}
    # What is checked and what a finding stops, in the messages (the same check
    # runs over exports: audit/audit_export.py).
    where: str = "в собранном сайте"
    stopped: str = "сайт не опубликован"

    @classmethod
    def from_guard(cls, guard) -> DataCheck:
        return cls(guard.finder, guard.allowed, True)

    @property
    def fingerprint(self) -> str:
        """Changes when what this check looks for changes (for the audit cache)."""
        import hashlib

        allowed = (
            sorted(self.allowed.phones),
            sorted(self.allowed.emails),
            sorted(self.allowed.addresses),
            self.contacts_known,
        )
        names = self.finder.fingerprint if self.finder is not None else ""
        words = (self.where, self.stopped)
        return hashlib.sha256(f"{names}{allowed}{words}".encode()).hexdigest()

    def page(self, scan, rel: str, report: Report) -> None:
        # Addresses too: a file:/// link or an ouid= lives in an href.
        self._text(" \n".join([*scan.text, *scan.addresses]), rel, report)
        where = Location(f"site/{rel}")
        reported = {d.message for d in report.items if d.location == where}
        for finding in self._chrome_findings(scan.chrome, rel):
            if finding.message not in reported:
                reported.add(finding.message)
                report.items.append(replace(finding, location=where))
        if self.finder is not None and self.finder.has_denied:
            for link in {*scan.addresses, rel}:
                for hit in self._link_hits(self.finder, link):
                    assert hit.person is not None  # find_in_link reports denied persons only
                    report.error(
                        Location(f"site/{rel}"),
                        f"адрес «{link[:80]}» содержит имя "
                        f"«{hit.text}» ({hit.person.why}); {self.stopped}.",
                        "PD",
                    )
                    break

    def _chrome_findings(self, chrome: tuple[str, ...], rel: str) -> list:
        """What the lines of a page's header, navigation and footer hold, each
        message once: by the lines' tuple, which pages of a section share
        (audit_html.py), and for a new tuple line by line."""
        if chrome not in self._chromes:
            if len(self._chromes) >= 512:
                self._chromes.clear()
            findings: dict[str, Any] = {}
            for line in chrome:
                if line not in self._lines:
                    found = Report()
                    self._text(line, rel, found)
                    self._lines[line] = found.items
                for finding in self._lines[line]:
                    findings.setdefault(finding.message, finding)
            self._chromes[chrome] = list(findings.values())
        return self._chromes[chrome]

    def _link_hits(self, finder: NameFinder, link: str) -> list[NameHit]:
        # Every page repeats the navigation's addresses: each is looked at once.
        if link not in self._links:
            self._links[link] = finder.find_in_link(link)
        return self._links[link]

    def file(self, path: Path, rel: str, report: Report) -> None:
        suffix = path.suffix.lower()
        if suffix == _PAGEFIND_FRAGMENT:
            text = _fragment_text(path)
            if text is None:
                report.warning(
                    Location(f"site/{rel}"),
                    "фрагмент поискового индекса не удалось прочитать и проверить.",
                    "PD",
                )
            else:
                self._text(text, rel, report)
        elif suffix in _TEXT_SUFFIXES:
            self._text(_file_text(path, suffix), rel, report)
        elif can_extract(path):
            try:
                parts = extract_text(path)
            except Unreadable as problem:
                report.warning(
                    Location(f"site/{rel}"), f"текст файла не удалось проверить ({problem}).", "PD"
                )
                return
            self._text(" \n".join(text for _, text in parts), rel, report)
        if can_clean(path):
            self._metadata(path, rel, report)

    def _metadata(self, path: Path, rel: str, report: Report) -> None:
        """Denied names in a file's metadata are errors, like in its text. Any
        field naming a person (an author, EXIF Artist, GPS) is a warning: the
        build publishes files without them, so one left there was put in by
        hand — it may be a person with consent, but look at it."""
        where = Location(f"site/{rel}")
        try:
            metadata = read_metadata(path)
        except Unreadable as problem:
            if not can_extract(path):  # else the text check has warned already
                report.warning(where, f"свойства файла не удалось проверить ({problem}).", "PD")
            return
        if self.finder is not None and self.finder.has_denied:
            for name, why, fields in known_in_metadata(metadata.fields, self.finder):
                report.error(
                    where,
                    f"в свойствах файла ({fields}) найдено имя «{name}» ({why}); {self.stopped}.",
                    "PD",
                )
        if metadata.personal and not metadata.signed:
            listed = "; ".join(f"{f.label}: «{f.value[:60]}»" for f in metadata.personal[:5])
            report.warning(
                where,
                f"в свойствах файла остались личные сведения ({listed}). nastav build "
                "публикует файлы без них: этот файл, похоже, положен в папку сайта "
                "вручную — удалите из него свойства или пересоберите сайт.",
                "PD",
            )

    def _text(self, text: str, rel: str, report: Report) -> None:
        where = Location(f"site/{rel}")
        if len(text) >= BLOCKS_FROM:
            names, items = search_blocks(
                text,
                self._search,
                self.fingerprint,
                self.known_blocks,
                self._used.setdefault(rel, {}),
            )
        else:
            names, items = own_hits(text, 0, len(text), self._search)
        seen: set[str] = set()
        for full_name, text_found, why in names:
            if full_name not in seen:
                seen.add(full_name)
                report.error(
                    where,
                    f"{self.where} найдено имя «{text_found}» ({why}); {self.stopped}.",
                    "PD",
                )
        for kind, text_found, advice in items:
            if text_found in seen:
                continue
            seen.add(text_found)
            message = f"{found(kind)} {kind} «{text_found[:60]}»"
            if kind in _CONTACT_KINDS and not self.contacts_known:
                report.warning(
                    where,
                    f"{message}: проверьте, что это служебный контакт "
                    "организации (укажите папку проекта, чтобы проверить точно).",
                    "PD",
                )
            else:
                report.error(where, f"{self.where} {message}; {advice}.", "PD")

    def _search(self, text: str) -> tuple[list, list]:
        names = (
            self.finder.find_known(text)
            if self.finder is not None and self.finder.has_denied
            else []
        )
        return names, find_personal_data(text, self.allowed)

    def take_blocks(self) -> dict[str, dict]:
        """Blocks of large texts searched since the last call, by file: the
        audit keeps them for the next build (audit_blocks.py)."""
        used, self._used = self._used, {}
        return used


def _file_text(path: Path, suffix: str) -> str:
    """What is searched in a text file: of JSON its string values, joined
    (keys and numbers are no one's data), else — or when it is not JSON
    after all — the whole text."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if suffix != ".json":
        return text
    strings = _json_value_strings(text)
    if strings is None:
        return text
    del text  # a region's monitoring.json: 67 MB, gone before its values are joined
    return " \n".join(strings)


def _fragment_text(path: Path) -> str | None:
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, zlib.error):
        return None
    strings = _json_value_strings(data.removeprefix(_PAGEFIND_SIGNATURE).decode("utf-8"))
    return None if strings is None else " \n".join(strings)


def _json_value_strings(text: str) -> list[str] | None:
    """Every string value of a JSON document, in its order (``_json_strings``
    of ``json.loads``); None if the text is not JSON. Parsed without keeping
    what is not searched: objects become the lists of their values, numbers
    None, and a value repeated (a criterion's name in 139,000 monitoring
    values) one string — a region's monitoring.json took 650 MB parsed
    whole, and the audit runs it in each of its workers."""
    shared: dict[str, str] = {}

    def values(pairs: list[tuple[str, object]]) -> list:
        # dict(): a key given twice keeps its last value at its first place, as json.loads
        return [
            shared.setdefault(value, value) if type(value) is str else value
            for value in dict(pairs).values()
            if type(value) is str or type(value) is list
        ]

    decoder = json.JSONDecoder(
        object_pairs_hook=values, parse_int=_nothing, parse_float=_nothing, parse_constant=_nothing
    )
    try:
        return _json_strings(decoder.decode(text))
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python goes
        return None


def _nothing(_: str) -> None:
    return None


def _json_strings(value) -> list[str]:
    """Every string of a parsed JSON value, in the order of the document
    (one call per object or array, not per value: a region's programs.json
    holds 270,000 values)."""
    if isinstance(value, str):
        return [value]
    found: list[str] = []
    add = found.append

    def walk(items) -> None:
        for item in items:
            kind = type(item)
            if kind is str:
                add(item)
            elif kind is dict:
                walk(item.values())
            elif kind is list:
                walk(item)

    if isinstance(value, dict):
        walk(value.values())
    elif isinstance(value, list):
        walk(value)
    return found
