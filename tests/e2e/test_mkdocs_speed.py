"""The shortcuts our MkDocs runner takes (generator/site/mkdocs_speed.py)
change nothing MkDocs would otherwise know or write."""

import shutil

from mkdocs.structure.pages import _HTMLHandler

from generator.site.mkdocs_speed import anchor_ids
from tests.conftest import run_cli


def parsed_ids(text: str) -> set[str]:
    handler = _HTMLHandler()
    handler.feed(text)
    handler.close()
    return handler.present_anchor_ids


def test_anchor_ids_by_pattern_are_those_mkdocs_parses(municipal_site):
    docs = municipal_site.parent / ".nastav/work/docs"
    pages = sorted(docs.rglob("*.md"))
    assert len(pages) > 90
    with_ids = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert anchor_ids(text) == parsed_ids(text), page
        with_ids += bool(parsed_ids(text))
    assert with_ids > 20
    tricky = (
        "<div ID='Big' data-x='id=no'><a href=#t name=\"n&amp;1\">x</a>"
        '<span name=skip id=one-two>y</span><p\nid="multi\nline">z</p>'
    )
    assert anchor_ids(tricky) == parsed_ids(tricky) == {"Big", "n&1", "one-two", "multi\nline"}


def test_pages_are_the_same_as_without_the_shortcuts(municipal_site, tmp_path, monkeypatch):
    """The municipal demo rebuilt page by page with plain MkDocs parsing
    gives the same bytes as the build that took the shortcuts."""
    from contextlib import nullcontext

    project = tmp_path / "city"
    shutil.copytree(municipal_site.parent, project, ignore=shutil.ignore_patterns("site"))
    shutil.rmtree(project / ".nastav/cache/pages")  # every page through MkDocs again
    monkeypatch.setattr("generator.site.mkdocs_run.anchors_found_by_pattern", nullcontext)
    monkeypatch.setattr("generator.site.mkdocs_run.theme_files_listed", lambda _: nullcontext())
    result = run_cli("build", project, "-q")
    assert result.code == 0, result.out
    pages = sorted(p.relative_to(municipal_site) for p in municipal_site.rglob("*.html"))
    assert len(pages) > 90
    for rel in pages:
        assert (project / "site" / rel).read_bytes() == (municipal_site / rel).read_bytes(), rel
