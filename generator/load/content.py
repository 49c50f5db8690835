"""Where each record kind lives in ``content/`` and how it is read.

Kinds that grow (mentors, programs, practices, news) are one file per
record, the file name being the record's id. Kinds that are naturally one
list (normative acts, documents, materials) are one file each. The layout
of an organization is the same in a school project and under
``content/orgs/<id>/`` of a municipal one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..config import Settings
from ..diagnostics import Location, Report, brief
from ..kinds import ORG_KINDS, Kind
from ..schema.coerce import Coercer
from ..schema.records import (
    Document,
    Material,
    MenteeBase,
    Mentor,
    NewsItem,
    NormativeAct,
    Organization,
    Practice,
    Program,
    Roadmap,
)
from ..util.slug import is_slug, slugify
from .yamlsource import YNode, load_yaml

# Record ids become folder names in the site: short enough for any server.
MAX_ID = 80

# Folders that hold attachments or belong to other stages, not records.
NON_RECORD_DIRS = {"files", "orgs", "monitoring", "images"}


@dataclass
class OrgContent:
    """Everything one organization's content folder holds, as typed records."""

    root: Path
    display_root: str
    organization: Organization | None = None
    acts: list[NormativeAct] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    roadmap: Roadmap | None = None
    mentee_base: MenteeBase | None = None
    materials: list[Material] = field(default_factory=list)
    mentors: list[Mentor] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)
    news: list[NewsItem] = field(default_factory=list)
    # Kinds without an attribute of their own (kinds/): key → records.
    more: dict[str, Any] = field(default_factory=dict)

    def records_of(self, key: str) -> Any:
        return getattr(self, key) if key in _own_attributes(self) else self.more.get(key)

    def put(self, key: str, value: Any) -> None:
        if key in _own_attributes(self):
            setattr(self, key, value)
        else:
            self.more[key] = value


def _own_attributes(content: Any) -> set[str]:
    return {f.name for f in fields(content)}


def load_records(
    root: Path,
    display_root: str,
    kinds: list[Kind],
    target: Any,
    settings: Settings,
    report: Report,
) -> None:
    """Fill ``target``'s attributes from the files ``kinds`` describe."""
    max_bytes = int(settings.config.limits.max_file_mb * 1_048_576)
    for spec in kinds:
        path = root / spec.path
        display = f"{display_root}/{spec.path}"
        if spec.shape == "dir":
            target.put(spec.key, _load_dir(path, display, spec, settings, report, max_bytes))
            continue
        if not os.path.lexists(path):
            continue
        node = load_yaml(
            path,
            display,
            report,
            max_bytes,
            allow_empty=not spec.required,
            required=spec.required,
        )
        if node is None:
            continue
        coercer = Coercer(settings.vocabularies, report, display)
        if spec.shape == "single":
            record = coercer.record(node, spec.cls)
            target.put(spec.key, None if coercer.failed else record)
        else:
            target.put(spec.key, _load_list(node, spec, coercer, display, report))


def load_org_content(
    root: Path, display_root: str, settings: Settings, report: Report
) -> OrgContent:
    content = OrgContent(root=root, display_root=display_root)
    load_records(root, display_root, ORG_KINDS, content, settings, report)
    _report_strays(root, display_root, ORG_KINDS, report)
    if content.organization is None and not _reported(report, f"{display_root}/organization.yml"):
        report.error(
            Location(f"{display_root}/organization.yml"),
            "нет карточки организации (organization.yml): без неё раздел не "
            "собрать. Создайте файл по образцу из «nastav init».",
            "missing",
        )
    return content


def _load_list(node: YNode, spec: Kind, coercer: Coercer, display: str, report: Report) -> list:
    items_node = node
    if node.kind == "map":
        if spec.list_key not in node.items:
            report.error(
                Location(display, node.line),
                f"ожидается список под ключом «{spec.list_key}:» ({spec.title}).",
                "schema",
            )
            return []
        items_node = node.items[spec.list_key]
        extra = [k for k in node.items if k != spec.list_key]
        for key in extra:
            report.error(
                Location(display, node.line_of(key), brief(key, 40)),
                f"неизвестное поле «{brief(key)}»: в этом файле ожидается только "
                f"«{spec.list_key}:».",
                "schema",
            )
    if items_node.is_null:
        return []
    if items_node.kind != "seq":
        report.error(
            Location(display, items_node.line, spec.list_key),
            f"ожидается список записей ({spec.title}), каждая начинается с «- ».",
            "schema",
        )
        return []
    records: list[object] = []  # instances of spec.cls
    for index, item in enumerate(items_node.seq, start=1):
        record = coercer.record(item, spec.cls, path=f"{spec.list_key}[{index}]")
        if record is not None and not coercer.failed:
            records.append(record)
    return records


def record_files(root: Path, folder: str) -> set[str]:
    """Ids of the record files in ``root/folder``, loaded or not: a reference to
    a record whose own file has an error is not a second error."""
    path = root / folder
    if not path.is_dir():
        return set()
    return {
        f.stem
        for f in path.iterdir()
        if f.suffix.lower() in (".yml", ".yaml") and not f.name.startswith((".", "_"))
    }


def _load_dir(
    path: Path, display: str, spec: Kind, settings: Settings, report: Report, max_bytes: int
) -> list:
    if not path.is_dir():
        return []
    records: list[object] = []  # instances of spec.cls
    first_of: dict[str, str] = {}  # record id → the file that holds it
    for file in sorted(path.iterdir()):
        # «_черновик.yml», «_obrazec.yml»: drafts and samples are not published.
        if file.name.startswith((".", "_")) or file.is_dir():
            continue
        file_display = f"{display}/{file.name}"
        if file.suffix.lower() not in (".yml", ".yaml"):
            report.warning(
                Location(file_display), "файл не в формате YAML (.yml) и не используется.", "stray"
            )
            continue
        record_id = file.stem
        # «pp-1.yml» and «pp-1.yaml» (or «pp-1.YML»): one id, one page address.
        same = first_of.setdefault(record_id.lower(), file.name)
        if same != file.name:
            report.error(
                Location(file_display),
                f"запись «{record_id}» уже есть в файле {display}/{same}: имя файла "
                "— идентификатор записи и адрес её страницы, поэтому оно не может "
                f"повторяться с другим расширением. Оставьте один из файлов {same} и "
                f"{file.name}.",
                "id",
            )
            continue
        if len(record_id) > MAX_ID:
            report.error(
                Location(file_display),
                f"имя файла длиннее {MAX_ID} знаков, а оно станет адресом страницы; "
                f"сократите его, например до {slugify(record_id, 40)}{file.suffix}.",
                "id",
            )
            continue
        if not is_slug(record_id):
            report.error(
                Location(file_display),
                f"имя файла «{file.name}» станет адресом страницы, поэтому может "
                "содержать только латинские строчные буквы, цифры, «-» и «_». "
                f"Например: {slugify(record_id)}{file.suffix}.",
                "id",
            )
            continue
        node = load_yaml(file, file_display, report, max_bytes)
        if node is None:
            continue
        coercer = Coercer(settings.vocabularies, report, file_display)
        record = coercer.record(node, spec.cls)
        if record is None or coercer.failed:
            continue
        declared = getattr(record, "id", None)
        if declared and declared != record_id:
            report.error(
                Location(file_display, record.src.line_of("id"), "id"),
                f"идентификатор «{brief(declared)}» не совпадает с именем файла "
                f"«{record_id}»; уберите поле id или переименуйте файл.",
                "id",
            )
            continue
        record.id = record_id
        records.append(record)
    return records


def _report_strays(root: Path, display_root: str, kinds: list[Kind], report: Report) -> None:
    known = {spec.path for spec in kinds} | NON_RECORD_DIRS
    if not root.is_dir():
        return
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name in known:
            continue
        if entry.is_file() and entry.suffix.lower() in (".yml", ".yaml"):
            names = ", ".join(sorted(s.path for s in kinds if s.shape != "dir"))
            report.warning(
                Location(f"{display_root}/{entry.name}"),
                f"файл не относится ни к одному виду записей и не используется. "
                f"Известные файлы: {names}.",
                "stray",
            )


def _reported(report: Report, display: str) -> bool:
    return any(d.location.file == display for d in report.items)
