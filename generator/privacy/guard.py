"""The gate every published text, link and file passes: no personal data
without consent.

Names come from ``names`` (known people and «Фамилия Имя Отчество» shapes),
everything else from ``detectors`` (phones, e-mails, СНИЛС, …), attached
files from ``attachments``. In the default «error» mode a finding is an
error (the build stops, nothing is published); in «redact» mode the finding
is replaced by «[скрыто]» — a link or a file is left out — and reported as
a warning. This is the only place that decides between the two.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Location, Report
from ..schema.fields import Record
from ..words import count
from .attachments import scan_attachment
from .detectors import Allowed, Finding, find_personal_data, found, without_overlaps
from .names import NameFinder, NameHit, Person

REDACTED = "[скрыто]"
UNNAMED_ADVICE = "уберите имя из текста"
MAX_REPORTED = 10  # per field: a pasted list of 5,000 e-mails is one problem, not 5,000
# Link problems schema/links.py already reports (V15 file:///, V17 ouid=, my-drive).
_LINK_RULES = ("ouid=", "my-drive", "file:")


@dataclass
class PersonalDataGuard:
    finder: NameFinder
    report: Report
    redact: bool
    allowed: Allowed = field(default_factory=Allowed)
    # Display root of each organization's content («content», «content/orgs/x»)
    # → its folder: attachments are paths inside it.
    content_roots: dict[str, Path] = field(default_factory=dict)
    read_attachments: bool = True
    _files: dict[Path, bool] = field(default_factory=dict)
    _links: dict[str, tuple] = field(default_factory=dict)
    _keyed: tuple[tuple, str] | None = field(default=None, repr=False, compare=False)

    def __digest__(self) -> str:
        """A stage's key part for the guard (memo.Memo.key_of)."""
        return self.fingerprint

    @property
    def fingerprint(self) -> str:
        """Changes when anything the guard checks for changes (build cache key).

        Every organization's stages key on it, so it is computed again only
        when the guard changed since: the official contacts only grow
        (``Allowed.add_*``), the content roots are replaced whole, the name
        lists are fixed (``NameFinder``)."""
        allowed = self.allowed
        stamp = (
            id(self.finder),
            len(allowed.phones),
            len(allowed.emails),
            len(allowed.addresses),
            id(self.content_roots),
            len(self.content_roots),
            self.redact,
            self.read_attachments,
        )
        if self._keyed is not None and self._keyed[0] == stamp:
            return self._keyed[1]
        from ..memo import digest

        roots = sorted((k, str(v)) for k, v in self.content_roots.items())
        value = digest(
            self.finder.fingerprint,
            repr(sorted(self.allowed.phones)),
            repr(sorted(self.allowed.emails)),
            repr(self.allowed.addresses),
            repr((self.redact, self.read_attachments, roots)),
        )
        self._keyed = (stamp, value)
        return value

    @contextmanager
    def reporting_to(self, report: Report) -> Iterator[None]:
        """Findings go to ``report`` for a while: one organization's stage."""
        saved, self.report = self.report, report
        try:
            yield
        finally:
            self.report = saved

    def text(self, value: str, record: Record, path: str) -> str:
        return self.text_at(value, self._loc(record, path))

    def link(self, value: str, record: Record, path: str) -> str | None:
        return self.link_at(value, self._loc(record, path))

    def text_at(self, value: str, loc: Location) -> str:
        """Like ``text`` for values that are not records (monitoring rows)."""
        names = self.finder.find(value)
        found = without_overlaps(
            sorted([*names, *find_personal_data(value, self.allowed)], key=lambda item: item.start),
            value,
        )
        for item in found[:MAX_REPORTED]:
            self._report(
                loc,
                self._name_message(item, "в тексте")
                if isinstance(item, NameHit)
                else self._data_message(item, "в тексте"),
            )
        if len(found) > MAX_REPORTED:
            self._report(loc, f"и ещё {count(len(found) - MAX_REPORTED, 'found')} в этом поле.")
        if not self.redact:
            return value
        parts, position = [], 0
        for item in found:  # sorted, without overlaps
            parts += [value[position : item.start], REDACTED]
            position = item.end
        return "".join(parts) + value[position:]

    def link_at(self, value: str, loc: Location) -> str | None:
        hits, data = self._link_findings(value)
        for hit in hits:
            self._report(loc, self._name_message(hit, "в ссылке"))
        for finding in data:
            self._report(loc, self._data_message(finding, "в ссылке"))
        return None if (hits or data) and self.redact else value

    def attachment(self, value: str, record: Record, path: str) -> str | None:
        """The attached file at ``value``: its name and its text. Returns the
        value, or None when redacting a file that cannot be published."""
        source = self._resolve(value, record)
        if source is None:
            return value  # missing or outside content/: rules/files.py reports it
        if source not in self._files:
            blocked = False
            for finding in scan_attachment(
                source, value, self.finder, self.allowed, self.read_attachments
            ):
                blocked |= finding.error
                if finding.error and not self.redact:
                    self.report.error(self._loc(record, path), finding.message, "PD")
                else:
                    suffix = " Файл не опубликован." if finding.error else ""
                    self.report.warning(self._loc(record, path), finding.message + suffix, "PD")
            self._files[source] = blocked
        return None if self._files[source] and self.redact else value

    def record_id(self, record: Record) -> None:
        """A record's file name becomes its page address: no names in it."""
        record_id = getattr(record, "id", "") or ""
        for hit in self.finder.find_in_link(record_id):
            who = hit.person.why if hit.person else "человек без согласия"
            # Redacting a URL is impossible: the file must be renamed.
            self.report.error(
                Location(record.src.file if record.src else ""),
                f"имя файла содержит имя «{hit.text}» ({who}) и станет адресом "
                "страницы; переименуйте файл, например по номеру программы.",
                "PD",
            )

    # -- helpers ---------------------------------------------------------------
    def _link_findings(self, value: str) -> tuple[list[NameHit], list[Finding]]:
        # A municipality repeats one evidence document in hundreds of rows
        # («…/monitoring-2025.pdf#k1.2», «#k1.3»): each link is examined once.
        if value not in self._links:
            data = [
                f
                for f in find_personal_data(value, self.allowed)
                if not f.text.lower().lstrip("?&#;").startswith(_LINK_RULES)
                and "my-drive" not in f.text
            ]
            self._links[value] = (self.finder.find_in_link(value), data)
        return self._links[value]

    def _resolve(self, value: str, record: Record) -> Path | None:
        file = record.src.file if record.src else ""
        roots = [r for r in self.content_roots if file.startswith(r + "/")]
        if not roots:
            return None
        root = self.content_roots[max(roots, key=len)].resolve()
        try:
            source = (root / value.strip()).resolve()
            source.relative_to(root)
        except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop
            return None
        return source if source.is_file() else None

    def _name_message(self, hit: NameHit, where: str) -> str:
        person = hit.person
        if person is not None and hit.also is not None:
            return (
                f"{where} «{hit.text}» может означать двух людей: {person.why} и "
                f"{hit.also.full_name} (есть согласие). Уточните, о ком речь: "
                f"{self._action_for_ambiguous(hit.also)}."
            )
        who = person.why if person else "человек без согласия на публикацию"
        return f"{where} найдено имя «{hit.text}» ({who}): {self._name_action(person)}."

    def _name_action(self, person: Person | None) -> str:
        if self.redact:
            return "скрыто при публикации"
        if person is None:
            return (
                "уберите имя или замените его ролью; если у человека есть согласие на "
                "публикацию ФИО, внесите его в записи (наставник с согласием, автор практики)"
            )
        return person.advice or UNNAMED_ADVICE

    def _action_for_ambiguous(self, consented: Person) -> str:
        if self.redact:
            return "пока фамилия скрыта при публикации"
        return (
            f"если это {consented.full_name}, напишите имя полностью или с инициалами "
            f"(«{consented.short_name}»); если нет — уберите фамилию или замените её ролью"
        )

    def _data_message(self, finding: Finding, where: str) -> str:
        return (
            f"{where} {found(finding.kind)} {finding.kind} «{finding.text[:60]}»: "
            f"{self._action(finding.advice)}."
        )

    def _action(self, advice: str) -> str:
        if self.redact:
            return "скрыто при публикации"
        return advice

    @staticmethod
    def _loc(record: Record, path: str) -> Location:
        src = record.src
        return (
            Location(src.file, src.line_of(path), src.field_path(path))
            if src
            else Location("", None, path)
        )

    def _report(self, loc: Location, message: str) -> None:
        if self.redact:
            self.report.warning(loc, message, "PD")
        else:
            self.report.error(loc, message, "PD")
