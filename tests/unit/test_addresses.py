"""Every address of the built site is spelled in generator/addresses.py only.

The code (generator/**/*.py: its strings, not comments or docstrings), the
page templates (generator/**/*.j2) and the theme (theme/**/*.html, *.js) are
scanned for the folders and files addresses.py owns; the built site's
addresses themselves are checked by the e2e and browser tests
(tests/e2e/test_municipal_site.py, test_search_index.py, test_demo_site.py,
tests/browser/test_search.py).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import addresses

ROOT = Path(__file__).resolve().parents[2]
OWNER = "generator/addresses.py"

# How each address owned by addresses.py is recognised: in a Python string
# (seen here in double quotes), a template or a script.
SPELLINGS = {
    "organizatsii": r"(?<![\w-])organizatsii(?![\w-])",
    "poisk": r"(?<![\w-])poisk(?![\w-])",
    "dostupnost": r"(?<![\w-])dostupnost(?![\w-])",
    # The bundle's folder, not Pagefind's own files (pagefind.js, pagefind-entry.json)
    # or attributes (data-pagefind-body).
    "pagefind": r"(?<![\w.-])pagefind(?=[/\"'])",
    "nastav-shards.json": r"nastav-shards\.json",
    "katalog.json": r"katalog\.json",
    "practices-feed.json": r"practices-feed\.json",
    "practices.atom": r"practices\.atom",
    "data/": r"(?<![\w.-])data/",
    "README.txt": r"(?<![\w.-])README\.txt",
    # Monitoring pages; not the templates of render/templates/monitoring/.
    "monitoring/": r"[\"']monitoring/(?![^\"']*\.j2[\"'])",
    "znacheniya.csv": r"(?<![\w-])znacheniya\.csv",
    "vyvody": r"(?<![\w-])vyvody(?![\w-])",
    "kachestvo-dannyh": r"(?<![\w-])kachestvo-dannyh(?![\w-])",
    "spravka-monitoring": r"spravka-monitoring",  # the year's report, DOCX and PDF
    "napravlenie-…/": r"napravlenie-\{[^{}]*\}/",  # a direction's folder, not its tables
    "sitemap.xml": r"sitemap\.xml",
    ".nastav-build": r"\.nastav-build",
}

# Spelled like an address, but names something else.
NOT_ADDRESSES = {
    ("generator/search/search.py", "pagefind"): "the Pagefind program and its Python module",
    ("generator/fingerprint.py", "pagefind"): "the name of the Python package",
}

# Modules being rewritten for issue 15 (the kinds registry) when addresses.py
# came: they still spell these addresses and take them from addresses.py with
# the rewrite. The test fails when an entry is no longer needed: delete it.
PENDING: dict[tuple[str, str], str] = {}


def _python_strings(text: str) -> Iterator[tuple[int, str]]:
    """The module's strings but its docstrings, each in double quotes; an
    f-string with ``{}`` for each value put in."""
    tree = ast.parse(text)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # a docstring, or a string on a line of its own
        if isinstance(node, ast.JoinedStr):
            skip.update(id(part) for part in ast.walk(node) if part is not node)
            joined = "".join(
                part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
            )
            yield node.lineno, f'"{joined}"'
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, f'"{node.value}"'


def _sources() -> Iterator[tuple[str, int, str]]:
    """(file, line, text) of every string of the code and every line of the
    templates and the theme."""
    for path in sorted((ROOT / "generator").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for line, text in _python_strings(path.read_text(encoding="utf-8")):
            yield rel, line, text
    templates = sorted((ROOT / "generator").rglob("*.j2"))
    theme = sorted(p for p in (ROOT / "theme").rglob("*") if p.suffix in (".html", ".js"))
    for path in templates + theme:
        rel = path.relative_to(ROOT).as_posix()
        for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            yield rel, line, text


def _spelled() -> dict[tuple[str, str], list[str]]:
    """(file, address) → where the file spells it, outside addresses.py."""
    found: dict[tuple[str, str], list[str]] = {}
    patterns = {name: re.compile(pattern) for name, pattern in SPELLINGS.items()}
    for rel, line, text in _sources():
        if rel == OWNER:
            continue
        for name, pattern in patterns.items():
            if pattern.search(text):
                found.setdefault((rel, name), []).append(f"{rel}:{line}: {text.strip()[:100]}")
    return found


def test_addresses_are_spelled_in_addresses_py_only():
    found = _spelled()
    wrong = [
        where
        for key, places in sorted(found.items())
        if key not in NOT_ADDRESSES and key not in PENDING
        for where in places
    ]
    assert not wrong, "addresses of the site outside generator/addresses.py:\n" + "\n".join(wrong)


def test_pending_and_allowed_spellings_are_still_there():
    """An entry of PENDING or NOT_ADDRESSES whose spelling went is deleted."""
    found = _spelled()
    stale = sorted(key for key in {**PENDING, **NOT_ADDRESSES} if key not in found)
    assert not stale, f"no longer spelled there, delete from the lists: {stale}"


def test_the_patterns_find_the_addresses():
    """Each pattern above finds its address where it is meant to be: in
    addresses.py's strings or the values of its constants."""
    owner = (ROOT / OWNER).read_text(encoding="utf-8")
    values = [v for n, v in vars(addresses).items() if n.isupper() and isinstance(v, str)]
    text = "\n".join([s for _, s in _python_strings(owner)] + [f'"{v}"' for v in values])
    missing = [name for name, pattern in SPELLINGS.items() if not re.search(pattern, text)]
    assert not missing


def test_modules_still_spelling_an_address_agree_with_addresses_py():
    """Until the pending modules take their addresses from addresses.py, they
    must at least say the same."""
    from generator import collection
    from generator.collection import feed, readme

    assert collection.CATALOG_JSON == addresses.CATALOG_JSON
    assert feed.FEED_PATH == addresses.PRACTICE_FEED
    assert feed.ATOM_PATH == addresses.PRACTICE_ATOM
    assert readme.README_PATH == addresses.DATA_README


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (addresses.section("programmy"), "programmy/"),
        (addresses.section("", "organizatsii/sosh3/"), "organizatsii/sosh3/"),
        (addresses.record_page("programmy", "pp-1"), "programmy/pp-1/"),
        (
            addresses.record_page("programmy", "pp-1", addresses.org_page("sosh3")),
            "organizatsii/sosh3/programmy/pp-1/",
        ),
        (addresses.doc_path("programmy/pp-1/"), "programmy/pp-1/index.md"),
        (addresses.doc_path(""), "index.md"),
        (addresses.page_of("programmy/pp-1/index.md"), "programmy/pp-1/"),
        (addresses.page_of("index.md"), ""),
        (addresses.page_file("programmy/", "programmy.csv"), "programmy/programmy.csv"),
        (addresses.search_page(), "poisk/"),
        (addresses.accessibility_page(), "dostupnost/"),
        (addresses.org_page("sosh3"), "organizatsii/sosh3/"),
        (addresses.org_files("sosh3"), "organizatsii/sosh3/files"),
        (addresses.open_data("mentors.csv"), "data/mentors.csv"),
        (addresses.DATA_README, "data/README.txt"),
        (addresses.PRACTICE_FEED, "data/practices-feed.json"),
        (addresses.PRACTICE_ATOM, "data/practices.atom"),
        (addresses.monitoring_home(), "monitoring/"),
        (addresses.MONITORING_VALUES, "monitoring/znacheniya.csv"),
        (addresses.monitoring_year(2025), "monitoring/2025/"),
        (addresses.monitoring_conclusions(2025), "monitoring/2025/vyvody/"),
        (addresses.monitoring_quality(2025), "monitoring/2025/kachestvo-dannyh/"),
        (
            addresses.monitoring_report(2025, "pdf"),
            "monitoring/2025/spravka-monitoring-2025.pdf",
        ),
        (addresses.section_document("", "pdf"), "ves-razdel.pdf"),
        (
            addresses.section_document(addresses.org_page("sosh3"), "docx"),
            "organizatsii/sosh3/ves-razdel.docx",
        ),
        (addresses.search_bundle(), "pagefind/"),
        (addresses.search_shard_list(), "pagefind/nastav-shards.json"),
        (addresses.search_shard("orgs"), "shards/orgs/"),
    ],
)
def test_addresses(address, expected):
    """The site's addresses, as the published sites have them: changing one
    breaks every link to it from outside."""
    assert address == expected


def test_organization_of_a_path():
    assert addresses.org_of("organizatsii/sosh3/programmy/pp-1/index.html") == "sosh3"
    assert addresses.org_of("organizatsii/sosh3/index.html") == "sosh3"
    assert addresses.org_of("organizatsii/sosh3/") == "sosh3"
    assert addresses.org_of("organizatsii/index.html") is None  # the registry
    assert addresses.org_of("organizatsii/") is None
    assert addresses.org_of("programmy/pp-1/index.html") is None
    assert addresses.is_open_data("data/mentors.csv")
    assert not addresses.is_open_data("database/x.csv")
    assert addresses.in_search_index("pagefind/pagefind.js")
    assert addresses.in_search_index("search/search_index.json")  # MkDocs' own, older sites
    assert not addresses.in_search_index("poisk/index.html")
    with pytest.raises(ValueError):
        addresses.page_of("programmy/pp-1/")


def test_the_theme_reads_what_the_generator_writes():
    """The theme's templates read their addresses from mkdocs.yml
    (``extra.nastav.addresses``), the search script from its page."""
    from generator.build.mkdocs_config import mkdocs_config

    config = mkdocs_config(
        site_name="x", site_url=None, nav=[], description=None, extra={"nastav": {"a": 1}}
    )
    given = config["extra"]["nastav"]
    assert given == {"a": 1, "addresses": addresses.theme_addresses()}
    theme = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "theme").rglob("*.html"))
    )
    for key in addresses.theme_addresses():
        assert re.search(rf"addresses\.{key}\b", theme), key
    page = (ROOT / "generator/render/templates/search.md.j2").read_text(encoding="utf-8")
    script = (ROOT / "theme/assets/javascripts/nastav.js").read_text(encoding="utf-8")
    for attribute in ("bundle", "shards"):
        assert f"data-{attribute}=" in page
        assert f"box.dataset.{attribute}" in script
