"""The shortcuts our MkDocs runner takes (generator/build/mkdocs_speed.py)
change nothing MkDocs would otherwise know or write."""

from mkdocs.structure.pages import _HTMLHandler

from generator.build.mkdocs_speed import PROVEN, SWITCH, anchor_ids, installed_versions
from tests.conftest import copy_municipal_demo, differences, run_cli


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


def test_site_is_the_same_with_and_without_the_shortcuts(tmp_path, monkeypatch):
    """The proof behind ``mkdocs_speed.PROVEN``: the municipal demo built from
    scratch with the shortcuts forced on and with stock MkDocs gives the same
    bytes in every file, on whatever MkDocs and Material are installed."""
    sites = {}
    for switch in ("on", "off"):
        monkeypatch.setenv(SWITCH, switch)
        project = copy_municipal_demo(tmp_path / switch)
        result = run_cli("build", project, "-v")
        assert result.code == 0, result.out
        assert ("ускорения сборки включены" in result.out) == (switch == "on"), result.out
        sites[switch] = project / "site"
    assert len(list(sites["on"].rglob("*.html"))) > 90
    assert differences(sites["on"], sites["off"]) == []


def test_the_installed_versions_are_proven():
    """Shortcuts are taken only on proven versions: a lock that moves MkDocs or
    Material makes this fail until the test above is run and the pair added."""
    assert installed_versions() in PROVEN, (
        f"MkDocs/Material {installed_versions()} не в mkdocs_speed.PROVEN: запустите "
        "test_site_is_the_same_with_and_without_the_shortcuts и добавьте пару"
    )


def test_unproven_versions_run_stock_mkdocs_and_say_so(demo_project, monkeypatch):
    monkeypatch.delenv(SWITCH, raising=False)
    monkeypatch.setattr("generator.build.mkdocs_speed.PROVEN", set())

    def refuse(*args, **kwargs):
        raise AssertionError("a shortcut was taken on an unproven version")

    monkeypatch.setattr("generator.build.mkdocs_run.theme_files_listed", refuse)
    monkeypatch.setattr("generator.build.mkdocs_run.anchors_found_by_pattern", refuse)
    monkeypatch.setattr("generator.build.mkdocs_run._tune_theme", refuse)
    result = run_cli("build", demo_project, "-v")
    assert result.code == 0, result.out
    assert "с этими версиями не проверены, используется обычный код MkDocs" in result.out
