"""The registry of record kinds: every kind is published and shown somewhere,
or declared internal — a kind that is loaded and checked but never reaches
the site (or reaches it unchecked) fails here, not in a user's build."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.kinds import KINDS, MUNICIPAL, ORG, Kind, SectionSpec
from generator.publish.municipality import PublicMunicipality
from generator.publish.org import PublicOrg
from generator.render.municipal_pages import SECTIONS as MUNICIPAL_SECTIONS
from generator.render.org_pages import SECTIONS as ORG_SECTIONS
from generator.schema.records import Document

TEMPLATES = Path(__file__).resolve().parents[2] / "generator/render/templates"


def problems(kind: Kind) -> list[str]:
    """What is missing for the kind to be published and shown."""
    if kind.internal:
        return []
    found = []
    public = PublicOrg if kind.scope == ORG else PublicMunicipality
    attributes = {f.name for f in dataclasses.fields(public)}
    if kind.publish == "custom":
        if not kind.public:
            found.append(f"{kind.key}: no publish step (public attributes)")
        found += [f"{kind.key}: {a} is not made" for a in kind.public if a not in attributes]
    elif not kind.files_folder:
        found.append(f"{kind.key}: a filed kind needs files_folder")
    if kind.scope == ORG:
        if kind.section is not None:
            if not (TEMPLATES / kind.section.template).is_file():
                found.append(f"{kind.key}: no template {kind.section.template}")
            if kind.section_key not in {s.key for s in ORG_SECTIONS}:
                found.append(f"{kind.key}: its section is not among the pages")
        elif kind.shown_on not in {s.key for s in ORG_SECTIONS}:
            found.append(f"{kind.key}: no render step (section or shown_on)")
    elif kind.shown_on not in {s.key for s in MUNICIPAL_SECTIONS}:
        found.append(f"{kind.key}: no render step (shown_on a municipal section)")
    return found


def test_every_kind_is_published_and_shown():
    assert [p for kind in KINDS for p in problems(kind)] == []


def test_a_kind_without_steps_is_caught():
    bare = Kind("reports", "отчёты", Document, "reports.yml", "list", "reports")
    assert problems(bare) == [
        "reports: no publish step (public attributes)",
        "reports: no render step (section or shown_on)",
    ]
    missing_template = Kind(
        "reports",
        "отчёты",
        Document,
        "reports.yml",
        "list",
        "reports",
        publish="filed",
        files_folder="otchety",
        section=SectionSpec("otchety", "Отчёты", "org/reports.md.j2", 99),
    )
    assert "reports: no template org/reports.md.j2" in problems(missing_template)
    assert problems(dataclasses.replace(bare, internal=True)) == []


def test_kinds_have_one_place_each():
    for scope in (ORG, MUNICIPAL):
        kinds = [k for k in KINDS if k.scope == scope]
        assert len({k.key for k in kinds}) == len(kinds)
        assert len({k.path for k in kinds}) == len(kinds)
    slugs = [k.section.slug for k in KINDS if k.section]
    assert len(set(slugs)) == len(slugs)
    words = [k.words.new for k in KINDS if k.words.new]
    assert len(set(words)) == len(words)
