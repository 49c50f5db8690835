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


def test_the_registry_counts_programs_without_reading_them():
    """Without monitoring data, an organization's line of the registry counts
    its published programs — by their briefs, not the programs."""
    from dataclasses import fields

    from generator.publish.municipality import _summary
    from generator.publish.org import ProgramBrief, PublicOrg
    from generator.schema.municipal import RegistryEntry
    from generator.util.later import Parts

    public = object.__new__(PublicOrg)
    for f in fields(PublicOrg):
        setattr(public, f.name, None)
    public.programs = ["программа 1", "программа 2"]
    public.program_briefs = [ProgramBrief(f"p{n}", "Программа", "teacher", False) for n in (1, 2)]
    public.mentors_total, public.mentees_total, public.practices = 5, 7, []
    kept = Parts.of(public).later(lambda _value: None, lambda _name, _value: None)
    entry = object.__new__(RegistryEntry)
    line = _summary(entry, kept, None)
    assert line.figures == {"mentors": 5, "mentees": 7, "programs": 2}
    assert not kept.parts["programs"].worked_out and not kept.worked_out
