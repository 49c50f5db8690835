"""The gate every published text passes: no personal data without consent.

``PersonalDataGuard.text`` returns the text to publish. In the default
«error» mode a finding is an error (the build stops, nothing is
published); in «redact» mode the finding is replaced by «[скрыто]» and
reported as a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Location, Report
from ..schema.fields import Record
from .names import NameFinder, NameHit

REDACTED = "[скрыто]"


@dataclass
class PersonalDataGuard:
    finder: NameFinder
    report: Report
    redact: bool

    def text(self, value: str, record: Record, path: str) -> str:
        return self.text_at(value, _where(record, path))

    def link(self, value: str, record: Record, path: str) -> str | None:
        return self.link_at(value, _where(record, path))

    def text_at(self, value: str, loc: Location) -> str:
        hits = self.finder.find(value)
        if not hits:
            return value
        for hit in hits:
            self._report(loc, hit, in_link=False)
        if not self.redact:
            return value
        for hit in sorted(hits, key=lambda h: h.start, reverse=True):
            value = value[:hit.start] + REDACTED + value[hit.end:]
        return value

    def link_at(self, value: str, loc: Location) -> str | None:
        hits = self.finder.find_in_link(value)
        for hit in hits:
            self._report(loc, hit, in_link=True)
        return None if hits and self.redact else value

    def record_id(self, record: Record) -> None:
        """A record's file name becomes its page address: no names in it."""
        record_id = getattr(record, "id", "") or ""
        for hit in self.finder.find_in_link(record_id):
            who = hit.person.why if hit.person else "человек без согласия"
            # Redacting a URL is impossible: the file must be renamed.
            self.report.error(Location(record.src.file if record.src else ""),
                              f"имя файла содержит имя «{hit.text}» ({who}) и станет адресом "
                              "страницы; переименуйте файл, например по номеру программы.", "PD")

    def _report(self, loc: Location, hit: NameHit, in_link: bool) -> None:
        who = hit.person.why if hit.person else "человек без согласия на публикацию"
        where = "в ссылке" if in_link else "в тексте"
        action = ("скрыто при публикации" if self.redact else
                  "уберите имя или замените его ролью («молодой специалист, учитель "
                  "музыки»)")
        message = f"{where} найдено имя «{hit.text}» ({who}): {action}."
        if self.redact:
            self.report.warning(loc, message, "PD")
        else:
            self.report.error(loc, message, "PD")


def _where(record: Record, path: str) -> Location:
    src = record.src
    if src is None:
        return Location("", None, path)
    return Location(src.file, src.line_of(path), src.field_path(path))
