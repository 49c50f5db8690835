"""Every address of the built site, in one place.

An address is a path from the site's root, the same in the docs tree and in
the built site: a page is a folder ending in «/» (``index.md`` in the docs
tree, ``index.html`` in the site; ``""`` is the home page), a file is a path
without one. Renderers, open data, the search index, the sitemap, the audit
and the theme ask this module; none of them spells a folder of the site.
``tests/unit/test_addresses.py`` holds them to it.

The theme gets the addresses it links to through ``mkdocs.yml``
(``extra.nastav.addresses``: ``theme_addresses``), the scripts through data
attributes of the page that needs them (the search page names the index and
its shard list).

The folders of one organization's sections (``normativnaya-baza``,
``programmy``, …) are declared with their kinds (``generator/kinds/``);
``section`` and ``record_page`` build addresses from such a slug. Only the
addresses other modules need to agree on are here.

To add a page or a file: a constant or a function here, used by whatever
writes it and whatever links to it.

This module imports the standard library only: every stage may use it.
"""

from __future__ import annotations

# -- pages and files of the docs tree ---------------------------------------------------
INDEX = "index.md"  # a page's Markdown in its folder
HTML_INDEX = "index.html"  # the same page built

# -- folders and files at the site's root -----------------------------------------------
FILES = "files"  # attachments: files/<group>/<name from the title>
DATA = "data"  # open data: data/<table>.csv, .json and README.txt
DATA_README_NAME = "README.txt"  # the open data's description, in DATA
PRACTICE_FEED = f"{DATA}/practices-feed.json"  # every practice card (collection/feed.py)
PRACTICE_ATOM = f"{DATA}/practices.atom"  # the newest practices, Atom 1.0
CATALOG_JSON = "katalog.json"  # next to the practice catalog's page: its facets and cards
SEARCH = "poisk"  # the search page's section
ACCESSIBILITY = "dostupnost"  # the accessibility statement («Сведения о доступности»)
SEARCH_BUNDLE = "pagefind"  # the search index (search/search.py)
SEARCH_SHARDS = "shards"  # in the bundle: an index per shard
SEARCH_SHARD_LIST = "nastav-shards.json"  # in the bundle: the shards the page merges
ORGS = "organizatsii"  # a municipal portal: the registry, an organization's pages
MONITORING = "monitoring"  # a municipal portal: the monitoring summaries
MONITORING_VALUES_NAME = "znacheniya.csv"  # every monitoring value, in MONITORING
SITEMAP = "sitemap.xml"
SITEMAP_GZ = "sitemap.xml.gz"
BUILD_MARKER = ".nastav-build"  # marks a folder as a site built by nastav (deploy/swap.py)
LUNR_INDEX = "search"  # MkDocs' own search index, in sites built before Pagefind

DATA_README = f"{DATA}/{DATA_README_NAME}"
MONITORING_VALUES = f"{MONITORING}/{MONITORING_VALUES_NAME}"


# -- where the site is published -----------------------------------------------------------
def base_path(site_url: str | None) -> str:
    """The path the site is published under («/», «/nastavnichestvo/»), from
    ``site_url``: root-absolute links of its pages resolve against it."""
    from urllib.parse import urlsplit

    return urlsplit(site_url).path or "/" if site_url else "/"


# -- pages ------------------------------------------------------------------------------
def section(slug: str, base: str = "") -> str:
    """The list page of a section: the folder ``slug`` under ``base`` (a page
    address, ``""`` for the root); ``slug`` ``""`` is ``base`` itself."""
    return f"{base}{slug}/" if slug else base


def record_page(slug: str, record_id: str, base: str = "") -> str:
    """A record's page in the section ``slug`` under ``base``:
    ``record_page("programmy", "pp-1", "organizatsii/sosh3/")``
    → ``organizatsii/sosh3/programmy/pp-1/``."""
    return f"{base}{slug}/{record_id}/"


def doc_path(page: str) -> str:
    """The Markdown file of the page at ``page`` in the docs tree."""
    return page + INDEX


def page_of(doc: str) -> str:
    """The page address of a docs path ``…/index.md`` (``doc_path`` reversed)."""
    if not doc.endswith(INDEX):
        raise ValueError(f"not a page's Markdown: {doc!r}")
    return doc[: -len(INDEX)]


def page_file(page: str, name: str) -> str:
    """A file next to a page: its tables' CSV and XLSX, the catalog's JSON."""
    return f"{page}{name}"


def search_page(base: str = "") -> str:
    return section(SEARCH, base)


def accessibility_page(base: str = "") -> str:
    return section(ACCESSIBILITY, base)


# -- a municipal portal's organizations ---------------------------------------------------
def org_page(org_id: str) -> str:
    """An organization's page in a municipal portal; its record pages are
    under it (``record_page(slug, id, org_page(org_id))``)."""
    return f"{ORGS}/{org_id}/"


def org_files(org_id: str) -> str:
    """The folder of an organization's attachments in a municipal portal."""
    return org_page(org_id) + FILES


def org_of(path: str) -> str | None:
    """The organization whose folder holds ``path`` (an address or a file of
    the site), or None: outside the organizations' folders, and for the
    registry page itself."""
    prefix = f"{ORGS}/"
    if not path.startswith(prefix):
        return None
    org, inside, _ = path[len(prefix) :].partition("/")
    return org if inside and org else None


# -- open data ---------------------------------------------------------------------------
def open_data(name: str) -> str:
    """A file of the open data: ``open_data("mentors.csv")`` → ``data/mentors.csv``."""
    return f"{DATA}/{name}"


def is_open_data(path: str) -> bool:
    return path.startswith(f"{DATA}/")


# -- monitoring ---------------------------------------------------------------------------
def monitoring_home() -> str:
    return section(MONITORING)


def monitoring_year(year: int) -> str:
    """The summary of one monitoring year."""
    return f"{MONITORING}/{year}/"


def monitoring_direction(year: int, direction_id: str) -> str:
    return f"{monitoring_year(year)}napravlenie-{direction_id}/"


def monitoring_conclusions(year: int) -> str:
    return f"{monitoring_year(year)}vyvody/"


def monitoring_quality(year: int) -> str:
    return f"{monitoring_year(year)}kachestvo-dannyh/"


def monitoring_report(year: int, ext: str) -> str:
    """The year's «информационно-аналитическая справка» (``ext``: docx or pdf),
    next to the year's summary: ``monitoring/2025/spravka-monitoring-2025.pdf``."""
    return page_file(monitoring_year(year), f"spravka-monitoring-{year}.{ext}")


def section_document(base: str, ext: str) -> str:
    """The whole section as one document (``ext``: docx or pdf), next to its
    home page: a school's ``ves-razdel.pdf``, an organization's part of a
    portal ``organizatsii/sosh1/ves-razdel.pdf``."""
    return page_file(base, f"ves-razdel.{ext}")


# -- search ------------------------------------------------------------------------------
def search_bundle() -> str:
    """The folder of the search index (Pagefind's bundle)."""
    return f"{SEARCH_BUNDLE}/"


def search_shard_list() -> str:
    """The list of the shards the search page merges (addresses relative to it)."""
    return search_bundle() + SEARCH_SHARD_LIST


def search_shard(name: str) -> str:
    """A shard's index, relative to the bundle (as the shard list names it)."""
    return f"{SEARCH_SHARDS}/{name}/"


def in_search_index(path: str) -> bool:
    """A file of a search index: Pagefind's bundle, or MkDocs' own index in a
    site built before Pagefind."""
    return path.startswith((search_bundle(), f"{LUNR_INDEX}/"))


# -- the theme ---------------------------------------------------------------------------
def theme_addresses() -> dict[str, str]:
    """What the theme's templates link to on every page: ``mkdocs.yml``'s
    ``extra.nastav.addresses`` (theme/partials/)."""
    return {
        "search": search_page(),
        "open_data": DATA_README,
        "accessibility": accessibility_page(),
    }
