"""Where imported rows go: which content folder receives each row.

A school project has one content folder. A municipal project has its own
(the registry, municipal acts and practices) and one per organization,
``content/orgs/<id>/`` in the school format. A row goes to an organization
named by ``--org`` or by the row's «Идентификатор организации» cell (the
column municipal exports carry, so an exported table imports back onto the
same records); the cell may also hold the organization's name or an alias
from the registry. Rows of other organizations than ``--org`` are skipped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Location, Report
from ..load.safefile import read_project_text
from ..monitoring.observations import OrgMatcher
from .columns import ORG_ID_HEADER, column_letter
from .kinds import MUNICIPAL, ORG, TableKind
from .plain import read_plain
from .read import CellLocation, Sheet
from .rows import Mapping, Row


@dataclass
class Target:
    org: str  # registry id; "" — the project's own content
    root: Path  # the content folder
    rel: str  # the same, as shown to people: «content», «content/orgs/sosh1»
    rows: list[Row] = field(default_factory=list)


@dataclass
class Routing:
    targets: list[Target]
    skipped: int = 0  # rows of other organizations than --org


def registry_names(project: Path, report: Report) -> dict[str, list[str]] | None:
    """Registry id → its names, read from content/registry.yml as plain data."""
    path = project / "content" / "registry.yml"
    if not os.path.lexists(path):
        report.error(
            Location("content/registry.yml"),
            "нет реестра организаций: сначала заполните его (nastav import registry ФАЙЛ).",
            "registry",
        )
        return None
    text = read_project_text(path, "content/registry.yml", report)  # never a pipe
    if text is None:
        return None
    data = read_plain(text, "content/registry.yml", report)
    entries = data.get("organizations") if isinstance(data, dict) else None
    names: dict[str, list[str]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("id"):
            aliases = entry.get("aliases") or []
            names[str(entry["id"])] = [
                str(n)
                for n in (
                    entry.get("full_name"),
                    entry.get("short_name"),
                    *(aliases if isinstance(aliases, list) else [aliases]),
                )
                if n
            ]
    return names


def route(
    project: Path,
    kind: TableKind,
    municipal: bool,
    org: str | None,
    rows: list[Row],
    sheet: Sheet,
    mapping: Mapping,
    report: Report,
) -> Routing | None:
    content = project / "content"
    if not municipal:
        if kind.levels == {MUNICIPAL}:
            report.error(
                Location(sheet.display),
                f"{kind.title} ведётся только в муниципальном "
                "проекте (mode: municipal в site_config.yml).",
                "kind",
            )
            return None
        if org:
            report.error(
                Location(sheet.display),
                "--org указывается только для "
                "муниципального проекта (mode: municipal в site_config.yml).",
                "org",
            )
            return None
        named = [r for r in rows if r.org]
        if named:
            where = CellLocation(sheet.display, named[0].number, column=_org_cell(mapping))
            report.error(
                where,
                f"в таблице заполнен столбец «{ORG_ID_HEADER}» — это выгрузка "
                "муниципального проекта; её импортируют в муниципальный проект. Чтобы "
                "импортировать строки в этот проект, удалите столбец.",
                "org",
            )
            return None
        return Routing([Target("", content, "content", list(rows))])
    if org and ORG not in kind.levels:
        report.error(
            Location(sheet.display),
            f"{kind.title} ведётся на муниципальном уровне: --org здесь не нужен.",
            "org",
        )
        return None
    if not org and mapping.org_column is None and MUNICIPAL not in kind.levels:
        report.error(
            Location(sheet.display),
            f"в муниципальном проекте {kind.title} ведётся "
            "в папке организации (content/orgs/ИДЕНТИФИКАТОР): укажите организацию "
            f"параметром --org ИДЕНТИФИКАТОР или столбцом «{ORG_ID_HEADER}».",
            "org",
        )
        return None
    needs_names = bool(org) or any(r.org for r in rows)
    names = registry_names(project, report) if needs_names else {}
    if names is None:
        return None
    matcher = OrgMatcher(names)
    if org and org not in names:
        report.error(
            Location("content/registry.yml"),
            f"организации «{org}» нет в реестре; "
            f"идентификаторы: {', '.join(names) or 'реестр пуст'}.",
            "org",
        )
        return None
    targets: dict[str, Target] = {}
    routing = Routing([])
    for row in rows:
        wanted = matcher.match(row.org) if row.org else org
        if row.org and wanted is None:
            report.error(
                CellLocation(sheet.display, row.number, column=_org_cell(mapping)),
                f"организации «{row.org}» нет в реестре (content/registry.yml): "
                "укажите её идентификатор или наименование, как в реестре.",
                "org",
            )
            continue
        if org and wanted != org:
            routing.skipped += 1
            continue
        if not wanted and MUNICIPAL not in kind.levels:
            report.error(
                CellLocation(sheet.display, row.number),
                f"в муниципальном проекте {kind.title} ведётся в папке организации: "
                f"укажите организацию — параметром --org ИДЕНТИФИКАТОР или столбцом "
                f"«{ORG_ID_HEADER}».",
                "org",
            )
            continue
        key = wanted or ""
        if key not in targets:
            root = content / "orgs" / key if key else content
            targets[key] = Target(key, root, f"content/orgs/{key}" if key else "content")
        targets[key].rows.append(row)
    routing.targets = [targets[k] for k in sorted(targets)]
    return routing if report.ok else None


def _org_cell(mapping: Mapping) -> str:
    index = mapping.org_column or 0
    return f"{column_letter(index)} «{ORG_ID_HEADER}»"
