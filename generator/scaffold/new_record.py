"""``nastav new``: a new record with every field present and commented.

Generated from the record metadata (``yamlout.scaffold_record``), so a new
field in ``schema/records.py`` appears here without anyone editing a
template. Kinds kept one per file get a new file with a unique id; a
normative act is appended to ``normative_acts.yml`` — after checking that
the file reads before and still reads after, so a mistake can never leave
the list broken.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..config import build_date, load_settings
from ..diagnostics import Report
from ..kinds import ORG_KINDS
from ..load.safefile import read_project_text
from ..load.yamlsource import parse_yaml_text
from ..schema.values import format_date_short
from ..util.slug import is_slug, slugify
from .ids import academic_year, free_id, numbered_id, person_id
from .schemas import schema_line, vocabularies_of, write_schemas
from .yamlout import INDENT, as_list_item, scaffold_record


@dataclass
class NewOutcome:
    """What ``new`` did, for the command to print: exit code, lines to say
    and problems (in Russian)."""

    code: int = 0
    said: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def say(self, text: str) -> None:
        self.said.append(text)


@dataclass(frozen=True)
class NewKind:
    word: str  # the CLI word
    kind: str  # Kind.key
    what: str  # Russian, accusative: «создана программа»


NEW_KINDS = {
    k.words.new: NewKind(k.words.new, k.key, k.words.new_what) for k in ORG_KINDS if k.words.new
}
SPECS = {s.key: s for s in ORG_KINDS}


def new_record(project: Path, word: str, title: str | None, record_id: str | None) -> NewOutcome:
    console = NewOutcome()
    console.code = _new_record(project, word, title, record_id, console)
    return console


def _new_record(
    project: Path, word: str, title: str | None, record_id: str | None, console: NewOutcome
) -> int:
    if not (project / "site_config.yml").exists():
        console.problem(
            f"{project}: нет site_config.yml — это не папка проекта. Создайте "
            "проект командой «nastav init ПАПКА» или укажите его папку."
        )
        return 1
    kind = NEW_KINDS[word]
    spec = SPECS[kind.kind]
    settings = load_settings(project, Report())
    vocabularies = vocabularies_of(project)
    today = settings.today if settings else build_date_default()
    values = _values(kind.word, title, today, spec.words.title_field)
    if not (project / "schemas").is_dir():
        write_schemas(project, vocabularies)
    if spec.shape == "list":
        return _append_to_list(project, spec, kind.what, values, vocabularies, today, console)
    folder = project / "content" / spec.path
    if record_id and not is_slug(record_id):
        console.problem(
            f"Идентификатор «{record_id}» станет именем файла и адресом страницы: "
            "только латинские строчные буквы, цифры, «-» и «_». Например: "
            f"{slugify(record_id)}."
        )
        return 2
    record_id = record_id or _new_id(kind.word, folder, title, today)
    target = folder / f"{record_id}.yml"
    if target.exists():
        console.problem(f"Файл {target} уже существует: выберите другой идентификатор (--id).")
        return 1
    rel = f"content/{spec.path}/{record_id}.yml"
    lines = [
        schema_line(rel) or "",
        f"# {kind.what.capitalize()} — создано командой «nastav new {word}» "
        f"{format_date_short(today)}.",
        "# Заполните поля (обязательные помечены) и проверьте: nastav validate.",
        "# Незаполненные необязательные поля можно оставить пустыми или удалить.",
        "",
    ]
    lines += scaffold_record(spec.cls, values, vocabularies, skip=frozenset({"id"}))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", "utf-8")
    console.say(f"Создано: {rel} ({kind.what}, идентификатор {record_id}).")
    console.say("Заполните обязательные поля и проверьте проект: nastav validate")
    return 0


def build_date_default() -> dt.date:
    from ..config import SiteConfig

    return build_date(SiteConfig())


def _values(word: str, title: str | None, today: dt.date, title_field: str) -> dict:
    day = format_date_short(today)
    if word == "program":
        return {
            "title": title,
            "period": {"start": day, "end": None},
            "academic_year": academic_year(today.year, today.month),
        }
    if word == "news":
        return {"title": title, "date": day}
    if word == "mentor":
        return {"full_name": title, "updated": day}
    if word == "practice":
        return {"title": title, "year": str(today.year), "published": day}
    return {title_field: title}


def _new_id(word: str, folder: Path, title: str | None, today: dt.date) -> str:
    if word == "program":
        return numbered_id(folder, f"pp-{today.year}")
    if word == "news":
        return free_id(folder, f"{today.isoformat()}-{slugify(title, 40) if title else 'novost'}")
    if word == "mentor":
        return free_id(folder, person_id(title)) if title else numbered_id(folder, "nastavnik")
    return free_id(folder, slugify(title, 50)) if title else numbered_id(folder, "praktika")


def _append_to_list(
    project: Path,
    spec,
    what: str,
    values: dict,
    vocabularies,
    today: dt.date,
    console: NewOutcome,
) -> int:
    rel = f"content/{spec.path}"
    path = project / rel
    report = Report()
    text = read_project_text(path, rel, report) or ""  # never a pipe (load/safefile.py)
    root = parse_yaml_text(text, rel, report, allow_empty=True) if text.strip() else None
    if not report.ok:
        for diagnostic in report.sorted():
            console.problem(diagnostic.format())
        console.problem(
            f"Файл {rel} сейчас не читается; исправьте его, затем повторите "
            "команду — иначе запись некуда добавить."
        )
        return 1
    key = spec.list_key
    before = _count(root, key, text.splitlines())
    if before is None:
        console.problem(
            f"В файле {rel} нет списка «{key}:» с записями, начинающимися с «- » "
            "(или он записан в одну строку «[…]»); приведите файл к виду образца "
            "из «nastav init», затем повторите команду. Файл не изменён."
        )
        return 1
    lines = text.splitlines()
    item_indent = INDENT
    if root is None:
        lines = [schema_line(rel) or "", f"{key}:"] if not lines else [*lines, f"{key}:"]
    elif root.kind == "seq":
        item_indent = _indent_at(lines, root.seq[0].line) if root.seq else ""
    else:
        items = root.items[key]
        if items.kind == "seq" and items.seq:
            item_indent = _indent_at(lines, items.seq[0].line)
        elif items.kind == "seq":  # «acts: []»
            at = root.line_of(key) - 1
            lines[at] = lines[at].replace("[]", "", 1).rstrip()
    entry = scaffold_record(spec.cls, values, vocabularies, item_indent + INDENT)
    note = [
        f"{item_indent}# Новая запись — создана командой «nastav new» {format_date_short(today)}.",
        f"{item_indent}# Заполните поля и проверьте: nastav validate.",
    ]
    new_lines = [*lines, "", *note, *as_list_item(entry, item_indent)]
    new_text = "\n".join(new_lines).lstrip("\n") + "\n"
    check = Report()
    after = _count(parse_yaml_text(new_text, rel, check), key, new_text.splitlines())
    if not check.ok or after != (before or 0) + 1:
        console.problem(
            f"Не удалось безопасно дописать запись в {rel}: файл не изменён. "
            "Добавьте запись вручную по образцу."
        )
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new_text, "utf-8")
    console.say(f"В {rel} добавлена новая запись ({what}) — в конце файла.")
    console.say("Заполните обязательные поля и проверьте проект: nastav validate")
    return 0


def _count(root, key: str, lines: list[str]) -> int | None:
    """Items in a list file; None when the list is written inline and non-empty."""
    if root is None:
        return 0
    if root.kind == "map" and key not in root.items:
        return None
    node = root if root.kind == "seq" else root.items.get(key)
    if node is None or node.is_null:
        return 0
    if node.kind != "seq":
        return None
    if node.seq and root.kind != "seq":
        key_line = lines[root.line_of(key) - 1]
        if "[" in key_line.partition(":")[2]:
            return None  # flow style «[{…}]»
    return len(node.seq)


def _indent_at(lines: list[str], line: int) -> str:
    text = lines[line - 1]
    stripped = text.lstrip(" ")
    return " " * (len(text) - len(stripped)) if stripped.startswith("-") else INDENT
