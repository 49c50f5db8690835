"""Loading a municipal project: its own records, the registry, every
organization's folder (school format) and the monitoring data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..diagnostics import Location, Report
from ..kinds import MUNICIPAL_OWN_KINDS
from ..memo import Memo, Tree
from ..monitoring.catalog import DEFAULT_CATALOG, Catalog, load_catalog
from ..monitoring.observations import Observation, ObservationReader, OrgMatcher
from ..schema.coerce import Coercer
from ..schema.municipal import (
    Community,
    Conclusions,
    Contest,
    Coordinator,
    Partner,
    Registry,
    RegistryEntry,
)
from ..schema.records import Material, NewsItem, NormativeAct, Practice, Roadmap
from ..util.later import Later, resolved
from ..util.slug import is_slug
from .content import OrgContent, _own_attributes, _reported, load_org_content, load_records
from .yamlsource import load_yaml


@dataclass
class MunicipalContent:
    root: Path
    display_root: str = "content"
    coordinator: Coordinator | None = None
    registry: Registry | None = None
    acts: list[NormativeAct] = field(default_factory=list)
    roadmap: Roadmap | None = None
    materials: list[Material] = field(default_factory=list)
    communities: list[Community] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    contests: list[Contest] = field(default_factory=list)
    news: list[NewsItem] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)
    orgs: dict[str, OrgContent] = field(default_factory=dict)
    conclusions: list[Conclusions] = field(default_factory=list)
    catalog: Catalog | None = None
    # A ``Later`` when kept in the build cache (util/later.py): only the
    # monitoring stage reads the values; the years are known without them.
    observations: list[Observation] | Later = field(default_factory=list)
    observation_years: list[int] = field(default_factory=list)
    more: dict[str, Any] = field(default_factory=dict)  # kinds without an attribute

    def records_of(self, key: str) -> Any:
        return getattr(self, key) if key in _own_attributes(self) else self.more.get(key)

    def put(self, key: str, value: Any) -> None:
        if key in _own_attributes(self):
            setattr(self, key, value)
        else:
            self.more[key] = value

    @property
    def entries(self) -> list[RegistryEntry]:
        return self.registry.organizations if self.registry else []


def load_municipal(
    project_dir: Path, settings: Settings, report: Report, memo: Memo | None = None
) -> MunicipalContent:
    memo = memo or Memo(None)
    root = project_dir / "content"
    content = MunicipalContent(root=root)
    load_records(root, "content", MUNICIPAL_OWN_KINDS, content, settings, report)
    # A file that was read but rejected has its own errors; a missing one gets this.
    if content.coordinator is None and not _reported(report, "content/coordinator.yml"):
        report.error(
            Location("content/coordinator.yml"),
            "нет карточки муниципального координатора (coordinator.yml).",
            "missing",
        )
    if content.registry is None and not _reported(report, "content/registry.yml"):
        report.error(
            Location("content/registry.yml"),
            "нет реестра организаций (registry.yml): без него не собрать страницы организаций.",
            "missing",
        )
    _check_registry(content, report)
    # The monitoring values are read while workers read the organizations
    # (a region: 180,000 values, 2.5 s); their diagnostics come after, as before.
    monitoring = Report()
    _load_orgs(
        content,
        settings,
        report,
        memo,
        meanwhile=lambda: _load_monitoring(content, settings, monitoring, memo),
    )
    report.extend(monitoring)
    return content


def _check_registry(content: MunicipalContent, report: Report) -> None:
    if content.registry is None:
        return
    src = content.registry.src
    seen: dict[str, int] = {}
    for index, entry in enumerate(content.entries, start=1):
        path = f"organizations[{index}].id"
        line = src.line_of(path) if src else None
        if not is_slug(entry.id):
            report.error(
                Location("content/registry.yml", line, path),
                f"идентификатор "
                f"«{entry.id}» станет адресом страницы: только латинские строчные "
                "буквы, цифры, «-» и «_».",
                "registry",
            )
        if entry.id in seen:
            report.error(
                Location("content/registry.yml", line, path),
                f"идентификатор «{entry.id}» повторяется (см. организацию № {seen[entry.id]}).",
                "registry",
            )
        seen[entry.id] = index


def _load_orgs(
    content: MunicipalContent,
    settings: Settings,
    report: Report,
    memo: Memo,
    meanwhile: Callable[[], None],
) -> None:
    """The organizations' records; ``meanwhile()`` runs while they are read
    (``Memo.stage_many``), and also when there are none."""
    folder = content.root / "orgs"
    known = {e.id for e in content.entries}
    if not folder.is_dir():
        meanwhile()
        return
    names = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "_")) or not path.is_dir():
            continue
        # A registry that could not be read has its own errors; the folders are
        # still checked, so that every error is reported at once.
        if path.name not in known and content.registry is not None:
            report.error(
                Location(f"content/orgs/{path.name}"),
                f"папки организации "
                f"«{path.name}» нет в реестре (registry.yml): добавьте организацию "
                "в реестр или переименуйте папку по её идентификатору.",
                "registry",
            )
            continue
        names.append(path.name)
    # Cached by what each reads (memo.Memo.stage): its folder and the settings.
    # Kept lazily: the stages that read an organization's records are keyed by
    # them, and the rest of the portal reads a field or two (``field_of``) —
    # an edit reads one organization's records, not 930.
    loaded = memo.stage_many(
        "load",
        _load_org,
        [{"folder": Tree(folder / name), "name": name, "settings": settings} for name in names],
        report,
        lazy=True,
        meanwhile=meanwhile,
    )
    content.orgs.update(zip(names, loaded))


def _load_org(report: Report, folder: Tree, name: str, settings: Settings) -> OrgContent:
    return load_org_content(folder.path, f"content/orgs/{name}", settings, report)


def _load_monitoring(
    content: MunicipalContent, settings: Settings, report: Report, memo: Memo
) -> None:
    # Names are matched against the registry: a new alias changes the result.
    source = memo.stage(
        "monitoring-load",
        _read_monitoring,
        report,
        lazy=True,
        files=Tree(content.root / "monitoring"),
        entries=content.entries,
        settings=settings,
    )
    content.catalog = resolved(memo.part(source, "catalog"))
    content.conclusions = resolved(memo.part(source, "conclusions"))
    content.observation_years = resolved(memo.part(source, "years"))
    content.observations = memo.part(source, "observations")


@dataclass
class MonitoringSource:
    catalog: Catalog | None
    observations: list[Observation]
    conclusions: list[Conclusions]
    years: list[int]  # of the observations


def _read_monitoring(
    report: Report, files: Tree, entries: list[RegistryEntry], settings: Settings
) -> MonitoringSource:
    catalog, observations, conclusions = _read_folder(report, files, entries, settings)
    return MonitoringSource(
        catalog, observations, conclusions, sorted({o.year for o in observations})
    )


def _read_folder(
    report: Report, files: Tree, entries: list[RegistryEntry], settings: Settings
) -> tuple[Catalog | None, list[Observation], list[Conclusions]]:
    folder = files.path
    conclusions: list[Conclusions] = []
    override = folder / "catalog.yml"
    if override.exists():
        catalog = load_catalog(override, "content/monitoring/catalog.yml", report)
    else:
        catalog = load_catalog(DEFAULT_CATALOG, "набор показателей по умолчанию", report)
    if catalog is None:
        return None, [], []
    names = {e.id: [e.full_name, e.short_name, *e.aliases] for e in entries}
    reader = ObservationReader(catalog, OrgMatcher(names), report)
    observations = reader.read_folder(folder, "content/monitoring")
    max_bytes = int(settings.config.limits.max_file_mb * 1_048_576)
    for path in sorted(folder.glob("conclusions*.y*ml")) if folder.is_dir() else []:
        display = f"content/monitoring/{path.name}"
        node = load_yaml(path, display, report, max_bytes)
        if node is None:
            continue
        coercer = Coercer(settings.vocabularies, report, display)
        record = coercer.record(node, Conclusions)
        if record is not None and not coercer.failed:
            conclusions.append(record)
    return catalog, observations, conclusions
