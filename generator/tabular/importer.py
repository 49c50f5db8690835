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

from dataclasses import dataclass, field
from pathlib import Path

from ..config import load_settings
from ..console import Console
from ..diagnostics import Report
from ..load.safefile import read_project_text
from ..schema.vocab import normalise
from ..util.slug import is_slug, slugify
from .columns import display, get_path
from .kinds import TABLE_KINDS, TableKind, table_kind
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


def import_table(
    project: Path,
    word: str,
    file: Path,
    force: bool,
    dry_run: bool,
    console: Console,
    org: str | None = None,
) -> int:
    kind = table_kind(word)
    if kind is None:
        console.problem(
            f"Неизвестный вид записей «{word}». Можно импортировать: {', '.join(TABLE_KINDS)}."
        )
        return 2
    report = Report()
    settings = load_settings(project, report)
    if settings is None:
        return _fail(report, console)
    console.stage(f"Чтение таблицы {file.name}")
    sheet = read_table(file, file.name, report)
    mapping = map_headers(sheet, kind, report) if sheet else None
    if sheet is None or mapping is None:
        return _fail(report, console)
    rows = read_rows(sheet, mapping, kind, settings.vocabularies, report)
    routing = route(
        project, kind, settings.config.mode == "municipal", org, rows, sheet, mapping, report
    )
    if routing is None:
        return _fail(report, console)
    importers = [
        _Importer(
            project, target, kind, settings.vocabularies, sheet, mapping, report, settings.today
        )
        for target in routing.targets
    ]
    plans = [(importer, importer.plan(importer.target.rows)) for importer in importers]
    changes = [change for _, planned in plans for change in planned]
    if not report.ok:
        return _fail(report, console)
    for diagnostic in report.sorted():  # warnings
        console.problem(diagnostic.format())
    if routing.skipped:
        console.say(
            f"Строк других организаций пропущено: {routing.skipped} (импортируются "
            f"только строки организации {org})."
        )
    _print_plan(changes, kind, file, force, console)
    conflicts = [c for c in changes if c.status == "conflict"]
    if conflicts and not force:
        console.problem(
            f"Ничего не записано: записей, изменённых вручную, — {len(conflicts)}. "
            "Чтобы заменить их данными таблицы, повторите команду с --force "
            "(поля, которых нет в таблице, сохранятся)."
        )
        return 1
    if dry_run:
        console.say("Проверка (--dry-run): файлы не записаны.")
        return 0
    written = sum(importer.write(planned) for importer, planned in plans)
    if written:
        console.say(f"Записано файлов: {written}. Проверьте проект: nastav validate")
    else:
        console.say("Изменений нет: записи уже совпадают с таблицей.")
    return 0


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


def _print_plan(
    changes: list[Change], kind: TableKind, file: Path, force: bool, console: Console
) -> None:
    counts = {
        s: sum(1 for c in changes if c.status == s) for s in ("new", "updated", "same", "conflict")
    }
    console.say(
        f"Таблица {file.name} ({kind.title}): записей {len(changes)} — новых "
        f"{counts['new']}, изменённых {counts['updated'] + counts['conflict']}, "
        f"без изменений {counts['same']}."
    )
    edited = "изменена вручную" if kind.by_file else "в файле, который ведётся вручную"
    titles = {
        "new": "новая запись",
        "updated": "изменится",
        "conflict": f"{edited} — будет заменена (--force)"
        if force
        else f"{edited}, импорт её не перезапишет без --force",
    }
    if force and not kind.by_file and any(c.status == "conflict" for c in changes):
        console.say(
            f"  Файл {kind.spec.path} будет записан заново: комментарии в нём не сохранятся."
        )
    for change in changes:
        if change.status == "same":
            continue
        console.problem(
            f"  {titles[change.status]}: {change.target} (строка {change.row})"
        ) if change.status == "conflict" else console.say(
            f"  {titles[change.status]}: {change.target} (строка {change.row})"
        )
        for header, before, after in change.diffs:
            line = f"      «{header}»: {_quote(before)} → {_quote(after)}"
            console.problem(line) if change.status == "conflict" else console.say(line)


def _quote(text: str) -> str:
    if not text:
        return "(пусто)"
    text = " ".join(text.split())
    return f"«{text[:80]}…»" if len(text) > 80 else f"«{text}»"


def _fail(report: Report, console: Console) -> int:
    for diagnostic in report.sorted():
        console.problem(diagnostic.format())
    console.problem(report.summary() + " Ничего не записано: исправьте таблицу и повторите.")
    return 1
