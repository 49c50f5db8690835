"""A portal's rebuild after one program is edited reads of every other
organization's published records only what the portal's own pages show —
the fields the registry, the catalog of practices, the accessibility
statement and the list of files need — never its programs or the whole
(``publish`` is a lazy stage: publish/municipality.py ``OrgSummary``)."""

from __future__ import annotations

from generator.console import Console
from generator.pipeline import build
from generator.util.later import Later
from tests.conftest import copy_municipal_demo, edit, read


def test_a_rebuild_reads_of_unchanged_organizations_only_the_fields_shown(tmp_path):
    city = copy_municipal_demo(tmp_path / "city")
    assert build(city, None, Console(quiet=True)).ok
    edit(
        city,
        "content/orgs/sosh3/programs/pp-2025-1.yml",
        "title: Адаптация молодого учителя (физика)",
        "title: Адаптация молодого учителя физики",
    )
    outcome = build(city, None, Console(quiet=True))
    assert outcome.ok and outcome.model is not None
    muni = outcome.model.municipality
    assert muni is not None
    with_section = {s.id: s.published for s in muni.orgs if s.has_section}
    kept = {org: p for org, p in with_section.items() if isinstance(p, Later)}
    assert "sosh3" in with_section and "sosh3" not in kept  # published again: its records
    assert len(kept) == len(with_section) - 1 >= 4
    for org, published in kept.items():
        assert not published.worked_out, f"{org}: read whole"
        assert not published.parts["programs"].worked_out, f"{org}: its programs read"
    # What the portal shows of them is there all the same.
    org = city / "site" / "organizatsii" / "sosh3"
    pages = [read(page) for page in org.rglob("index.html")]
    assert any("Адаптация молодого учителя физики" in page for page in pages)
    registry = read(city / "site" / "organizatsii" / "index.html")
    assert all(f"{org}/" in registry for org in kept)
