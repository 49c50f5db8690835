"""The kinds of a municipal project's own content (``content/`` of a
municipal office; its organizations' folders use the school kinds).

The portal's pages are laid out by ``render/municipal_pages.py``: each kind
names the section that shows it (``shown_on``); ``publish/municipality.py``
makes the public forms, into the ``PublicMunicipality`` attributes in
``public``.
"""

from __future__ import annotations

from ..schema.municipal import Community, Contest, Coordinator, Partner, Registry
from ..schema.records import Material, NewsItem, NormativeAct, Practice, Roadmap
from .base import MUNICIPAL, Kind

COORDINATOR = Kind(
    "coordinator",
    "карточка координатора",
    Coordinator,
    "coordinator.yml",
    "single",
    required=True,
    scope=MUNICIPAL,
    public=("coordinator",),
    shown_on="contacts",
)
REGISTRY = Kind(
    "registry",
    "реестр организаций",
    Registry,
    "registry.yml",
    "single",
    required=True,
    scope=MUNICIPAL,
    public=("orgs",),
    shown_on="orgs",
)
MUNICIPAL_ACTS = Kind(
    "acts",
    "нормативная база",
    NormativeAct,
    "normative_acts.yml",
    "list",
    "acts",
    scope=MUNICIPAL,
    public=("acts",),
    shown_on="acts",
)
MUNICIPAL_ROADMAP = Kind(
    "roadmap",
    "муниципальная дорожная карта",
    Roadmap,
    "roadmap.yml",
    "single",
    scope=MUNICIPAL,
    public=("roadmap", "roadmap_file"),
    shown_on="roadmap",
    dated=("approved.date",),
)
MUNICIPAL_MATERIALS = Kind(
    "materials",
    "шаблоны и методические материалы",
    Material,
    "materials.yml",
    "list",
    "materials",
    scope=MUNICIPAL,
    public=("materials",),
    shown_on="materials",
)
COMMUNITIES = Kind(
    "communities",
    "сообщества и советы",
    Community,
    "communities.yml",
    "list",
    "communities",
    scope=MUNICIPAL,
    public=("communities", "community_files"),
    shown_on="communities",
    dated=("basis.date",),
)
PARTNERS = Kind(
    "partners",
    "партнёры и соглашения",
    Partner,
    "partners.yml",
    "list",
    "partners",
    scope=MUNICIPAL,
    public=("partners", "agreement_files"),
    shown_on="partners",
    dated=("agreements.date",),
)
CONTESTS = Kind(
    "contests",
    "конкурсы",
    Contest,
    "contests",
    "dir",
    scope=MUNICIPAL,
    public=("contests", "contest_files"),
    shown_on="contests",
    dated=("basis.date", "end"),  # the order, and the end: the results
)
MUNICIPAL_NEWS = Kind(
    "news",
    "новости и анонсы",
    NewsItem,
    "news",
    "dir",
    scope=MUNICIPAL,
    public=("news",),
    shown_on="news",
    expects_updates=True,
)
MUNICIPAL_PRACTICES = Kind(
    "practices",
    "практики муниципального уровня",
    Practice,
    "practices",
    "dir",
    scope=MUNICIPAL,
    public=("practices", "practice_materials"),
    shown_on="practices",
    dated=("published",),
)

MUNICIPAL_KINDS = [
    COORDINATOR,
    REGISTRY,
    MUNICIPAL_ACTS,
    MUNICIPAL_ROADMAP,
    MUNICIPAL_MATERIALS,
    COMMUNITIES,
    PARTNERS,
    CONTESTS,
    MUNICIPAL_NEWS,
    MUNICIPAL_PRACTICES,
]
