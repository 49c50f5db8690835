"""``nastav import KIND FILE``: spreadsheet rows → YAML records.

* One row is one record; its id comes from the «Идентификатор» column or
  from a key column (``kinds.TableKind.make_key``), so the same row always
  lands in the same file: importing a file twice changes nothing.
* Only the columns the sheet has are taken from it; every other field of an
  existing record (stages, activity plans, comments of a hand-written list)
  is kept.
* A file written by an import carries a fingerprint of its data. A record
  whose data no longer matches its fingerprint — edited by hand, or never
  imported — is not overwritten without ``--force``; the import lists, field
  by field, what would change, and writes nothing.
* All problems of all rows are reported at once, by row and column; with
  any error nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import load_settings
from ..diagnostics import Report
from ..load.safefile import read_project_text
from ..schema.vocab import normalise
from ..util.slug import is_slug, slugify
from .columns import display, get_path
from .kinds import TableKind
from .plain import coerce, digest, marker_of, prune, read_plain, set_path
from .read import CellLocation, read_table
from .rows import Mapping, Row, map_headers, match_mentor, read_rows, relocate
from .targets import Target, route
from .write import append_entries, list_file_text, record_file_text


@dataclass
class Change:
    target: str  # file (and entry) as shown to people
    row: int
    status: str  # "new" | "updated" | "same" | "conflict"
    diffs: list[tuple[str, str, str]] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    record_id: str = ""
    index: int | None = None  # position in a list file


@dataclass
class ImportPlan:
    """What an import would change, by row; nothing is written until ``write``."""

    changes: list[Change]
    skipped: int  # rows of other organizations, left out by --org
    _planned: list[tuple[_Importer, list[Change]]]

    @property
    def conflicts(self) -> list[Change]:
        """Records edited by hand (or never imported) the import would replace."""
        return [c for c in self.changes if c.status == "conflict"]

    def write(self) -> int:
        """Write the planned records; the number of files written."""
        return sum(importer.write(planned) for importer, planned in self._planned)


def plan_import(
    project: Path,
    kind: TableKind,
    file: Path,
    org: str | None,
    report: Report,
    stage: Callable[[str], None],
) -> ImportPlan | None:
    """Read ``file`` and plan its records into ``project``; None when ``report``
    has errors (then nothing may be written). ``stage`` hears progress."""
    settings = load_settings(project, report)
    if settings is None:
        return None
    stage(f"Чтение таблицы {file.name}")
    sheet = read_table(file, file.name, report)
    mapping = map_headers(sheet, kind, report) if sheet else None
    if sheet is None or mapping is None:
        return None
    rows = read_rows(sheet, mapping, kind, settings.vocabularies, report)
    routing = route(
        project, kind, settings.config.mode == "municipal", org, rows, sheet, mapping, report
    )
    if routing is None:
        return None
    importers = [
        _Importer(
            project, target, kind, settings.vocabularies, sheet, mapping, report, settings.today
        )
        for target in routing.targets
    ]
    planned = [(importer, importer.plan(importer.target.rows)) for importer in importers]
    if not report.ok:
        return None
    changes = [change for _, changes in planned for change in changes]
    return ImportPlan(changes, routing.skipped, planned)


class _Importer:
    def __init__(
        self,
        project: Path,
        target: Target,
        kind: TableKind,
        vocabularies,
        sheet,
        mapping: Mapping,
        report: Report,
        today,
    ):
        self.project = project
        self.target = target
        self.kind = kind
        self.vocabularies = vocabularies
        self.sheet = sheet
        self.mapping = mapping
        self.report = report
        self.today = today
        self.folder = target.root / kind.spec.path
        self.rel = f"{target.rel}/{kind.spec.path}"
        self.list_text = ""
        self.list_entries: list[dict] = []

    # -- planning -------------------------------------------------------------------
    def plan(self, rows: list[Row]) -> list[Change]:
        if not self.kind.by_file:
            self._read_list()
        mentors = (
            self._mentors() if any(c.meta.ref == "mentor" for _, c in self.mapping.columns) else {}
        )
        seen: dict[str, int] = {}
        changes = []
        for row in rows:
            key = self._key(row)
            if key is None:
                continue
            if key in seen:
                self.report.error(
                    CellLocation(self.sheet.display, row.number),
                    f"эта строка описывает ту же запись, что и строка {seen[key]} "
                    f"(«{key}»); оставьте одну или укажите разные "
                    "идентификаторы.",
                    "duplicate",
                )
                continue
            seen[key] = row.number
            if mentors and row.data.get("mentor"):
                self._resolve_mentor(row, mentors)
            change = self._change(row, key)
            if change:
                changes.append(change)
        return changes

    def _key(self, row: Row) -> str | None:
        given = row.data.get("id")
        known = (
            self.kind.lookup(self.list_entries, row.data)
            if self.kind.lookup and not given
            else None
        )
        key = given or known or self.kind.make_key(row.data)
        if key is None:
            self.report.error(
                CellLocation(self.sheet.display, row.number),
                f"не удаётся определить запись: заполните столбцы, из которых "
                f"составляется идентификатор ({self.kind.key_help}), или "
                "столбец «Идентификатор».",
                "id",
            )
            return None
        if (self.kind.by_file or self.kind.keeps_id) and not is_slug(key):
            self.report.error(
                self.mapping.where(self.sheet, row.number, "id"),
                f"идентификатор «{key}» станет именем файла и адресом страницы: "
                "только латинские строчные буквы, цифры, «-» и «_». Например: "
                f"{slugify(key)}.",
                "id",
            )
            return None
        return key

    def _change(self, row: Row, key: str) -> Change | None:
        if self.kind.by_file:
            path = self.folder / f"{key}.yml"
            rel = f"{self.rel}/{key}.yml"
            text = read_project_text(path, rel, self.report)  # never a pipe (load/safefile.py)
            old = read_plain(text, rel, self.report) if text is not None else None
            if text is not None and not isinstance(old, dict):
                return None  # unreadable: the loader's message is in the report
            ours = text is not None and marker_of(text) == digest(old)
            index = None
        else:
            index = next(
                (
                    i
                    for i, e in enumerate(self.list_entries)
                    if isinstance(e, dict) and self.kind.make_key(e) == key
                ),
                None,
            )
            old = self.list_entries[index] if index is not None else None
            ours = marker_of(self.list_text) == digest(self.list_entries)
            rel = f"{self.rel}, запись {index + 1}" if index is not None else self.rel
        data = self._merge(old or {}, row)
        if self.kind.keeps_id:  # the entry's own field, first as in hand-written files
            data = {"id": key, **{k: v for k, v in data.items() if k != "id"}}
        else:  # a file name, not a field
            data.pop("id", None)
        new_record = self._coerce(data, row)
        if new_record is None:
            return None
        change = Change(rel, row.number, "new", data=data, record_id=key, index=index)
        if old is None:
            return change
        old_report = Report()
        old_record = coerce(old, self.kind.spec.cls, self.vocabularies, rel, row.number, old_report)
        change.diffs = self._diffs(old_record, new_record)
        if not change.diffs:
            change.status = "same"
        else:
            change.status = "updated" if ours else "conflict"
        return change

    def _merge(self, old: dict, row: Row) -> dict:
        import copy

        data = copy.deepcopy(old)
        for _, column in self.mapping.columns:
            set_path(data, column.path, get_path(row.data, column.path))
        return prune(data)

    def _coerce(self, data: dict, row: Row):
        local = Report()
        record = coerce(
            data, self.kind.spec.cls, self.vocabularies, self.sheet.display, row.number, local
        )
        relocate(local, self.sheet, self.mapping, row.number, self.report)
        return record

    def _diffs(self, old, new) -> list[tuple[str, str, str]]:
        diffs = []
        for _, column in self.mapping.columns:
            if column.path == "id":
                continue
            before = (
                display(get_path(old, column.path), column, self.vocabularies)
                if old is not None
                else ""
            )
            after = display(get_path(new, column.path), column, self.vocabularies)
            if before != after:
                diffs.append((column.header, before, after))
        return diffs

    # -- references -----------------------------------------------------------------
    def _mentors(self) -> dict[str, str]:
        found: dict[str, str] = {}
        folder = self.target.root / "mentors"
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            if path.name.startswith(("_", ".")):
                continue
            data = read_plain(
                read_project_text(path, path.name, Report()) or "", path.name, Report()
            )
            found[path.stem] = path.stem
            if isinstance(data, dict) and data.get("full_name"):
                found.setdefault(normalise(data["full_name"]), path.stem)
        return found

    def _resolve_mentor(self, row: Row, mentors: dict[str, str]) -> None:
        value = row.data["mentor"]
        mentor_id = match_mentor(value, mentors)
        if mentor_id is None:
            self.report.error(
                self.mapping.where(self.sheet, row.number, "mentor"),
                f"наставника «{value}» нет в базе наставников "
                f"({self.target.rel}/mentors): укажите его идентификатор "
                "(имя файла) или ФИО, как в базе. Базу можно импортировать "
                "раньше: nastav import mentors ФАЙЛ.",
                "ref",
            )
        else:
            row.data["mentor"] = mentor_id

    # -- writing --------------------------------------------------------------------
    def _read_list(self) -> None:
        path = self.folder
        self.list_text = read_project_text(path, self.rel, self.report) or ""
        data = read_plain(self.list_text, self.rel, self.report) if self.list_text.strip() else None
        if isinstance(data, dict):
            data = data.get(self.kind.spec.list_key)
        self.list_entries = list(data) if isinstance(data, list) else []

    def write(self, changes: list[Change]) -> int:
        todo = [c for c in changes if c.status in ("new", "updated", "conflict")]
        if not todo:
            return 0
        if not (self.project / "schemas").is_dir():
            from ..scaffold.schemas import write_schemas

            write_schemas(self.project, self.vocabularies)
        source = f"{self.sheet.display}"
        if self.kind.by_file:
            self.folder.mkdir(parents=True, exist_ok=True)
            for change in todo:
                rel = f"{self.rel}/{change.record_id}.yml"
                text = record_file_text(
                    self.kind.spec.cls,
                    change.data,
                    rel,
                    f"{source}, строка {change.row}",
                    self.today,
                )
                (self.folder / f"{change.record_id}.yml").write_text(text, "utf-8")
            return len(todo)
        path = self.folder
        entries = list(self.list_entries)
        rewrite = (
            any(c.status != "new" for c in todo)
            or not self.list_text.strip()
            or marker_of(self.list_text) == digest(self.list_entries)
        )
        for change in todo:
            if change.index is None:
                entries.append(change.data)
            else:
                entries[change.index] = change.data
        if rewrite:
            text = list_file_text(
                self.kind.spec.cls, self.kind.spec.list_key, entries, self.rel, source, self.today
            )
        else:  # a hand-written list only gains entries: append, keep every comment
            text = append_entries(
                self.list_text, self.kind.spec.cls, [c.data for c in todo], f"{source}", self.today
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        return 1
