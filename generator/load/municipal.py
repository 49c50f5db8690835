"""Loading a municipal project: its own records, the registry, every
organization's folder (school format) and the monitoring data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..diagnostics import Location, Report
from ..memo import Memo, digest, object_digest, settings_key, tree_digest
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
from ..util.slug import is_slug
from .content import KindSpec, OrgContent, _reported, load_org_content, load_records
from .yamlsource import load_yaml

MUNICIPAL_KINDS = [
    KindSpec(
        "coordinator",
        "карточка координатора",
        Coordinator,
        "coordinator.yml",
        "single",
        required=True,
    ),
    KindSpec("registry", "реестр организаций", Registry, "registry.yml", "single", required=True),
    KindSpec("acts", "нормативная база", NormativeAct, "normative_acts.yml", "list", "acts"),
    KindSpec("roadmap", "муниципальная дорожная карта", Roadmap, "roadmap.yml", "single"),
    KindSpec(
        "materials",
        "шаблоны и методические материалы",
        Material,
        "materials.yml",
        "list",
        "materials",
    ),
    KindSpec(
        "communities", "сообщества и советы", Community, "communities.yml", "list", "communities"
    ),
    KindSpec("partners", "партнёры и соглашения", Partner, "partners.yml", "list", "partners"),
    KindSpec("contests", "конкурсы", Contest, "contests", "dir"),
    KindSpec("news", "новости и анонсы", NewsItem, "news", "dir"),
    KindSpec("practices", "практики муниципального уровня", Practice, "practices", "dir"),
]


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
    observations: list[Observation] = field(default_factory=list)
    # Build-cache keys: each organization's folder and the monitoring data
    # with what they are read against (generator/memo.py).
    org_keys: dict[str, str] = field(default_factory=dict)
    monitoring_key: str = ""

    @property
    def entries(self) -> list[RegistryEntry]:
        return self.registry.organizations if self.registry else []


def load_municipal(
    project_dir: Path, settings: Settings, report: Report, memo: Memo | None = None
) -> MunicipalContent:
    memo = memo or Memo(None)
    root = project_dir / "content"
    content = MunicipalContent(root=root)
    load_records(root, "content", MUNICIPAL_KINDS, content, settings, report)
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
    _load_orgs(content, settings, report, memo)
    _load_monitoring(content, settings, report, memo)
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


def _load_orgs(content: MunicipalContent, settings: Settings, report: Report, memo: Memo) -> None:
    folder = content.root / "orgs"
    known = {e.id for e in content.entries}
    if not folder.is_dir():
        return
    jobs = []
    settings_part = settings_key(settings)  # read once, not per organization
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
        key = content.org_keys[path.name] = digest(tree_digest(path), settings_part, path.name)
        jobs.append(
            (
                path.name,
                (key,),
                lambda r, path=path: load_org_content(
                    path, f"content/orgs/{path.name}", settings, r
                ),
            )
        )
    loaded = memo.run_many("load", [(key, load) for _, key, load in jobs], report)
    content.orgs.update(zip([name for name, _, _ in jobs], loaded))


def _load_monitoring(
    content: MunicipalContent, settings: Settings, report: Report, memo: Memo
) -> None:
    folder = content.root / "monitoring"
    # Names are matched against the registry: a new alias changes the result.
    content.monitoring_key = digest(
        tree_digest(folder), settings_key(settings), object_digest(content.entries)
    )
    content.catalog, content.observations, content.conclusions = memo.run(
        "monitoring-load",
        (content.monitoring_key,),
        lambda r: _read_monitoring(content, settings, r),
        report,
    )


def _read_monitoring(
    content: MunicipalContent, settings: Settings, report: Report
) -> tuple[Catalog | None, list[Observation], list[Conclusions]]:
    folder = content.root / "monitoring"
    conclusions: list[Conclusions] = []
    override = folder / "catalog.yml"
    if override.exists():
        catalog = load_catalog(override, "content/monitoring/catalog.yml", report)
    else:
        catalog = load_catalog(DEFAULT_CATALOG, "набор показателей по умолчанию", report)
    if catalog is None:
        return None, [], []
    names = {e.id: [e.full_name, e.short_name, *e.aliases] for e in content.entries}
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
