"""An organization's records kept lazily by the build cache (``load`` is a
lazy stage): the portal reads a field of them alone — ``field_of``, and a
kind's records through ``Kind.records`` — never the whole records."""

from __future__ import annotations

from pathlib import Path

from generator.kinds import AGREEMENTS, org_kind
from generator.load.content import OrgContent
from generator.util.later import Parts, field_of


def _kept(content: OrgContent, read: list[str], whole: list[object]):
    return Parts.of(content).later(whole.append, lambda name, _value: read.append(name))


def _content() -> OrgContent:
    return OrgContent(
        root=Path("content/orgs/oo1"),
        display_root="content/orgs/oo1",
        mentors=["наставник"],
        programs=["программа 1", "программа 2"],
        practices=["практика"],
        more={"agreements": ["соглашение"]},
    )


def test_a_field_of_kept_records_is_read_alone():
    read: list[str] = []
    whole: list[object] = []
    kept = _kept(_content(), read, whole)
    assert field_of(kept, "practices") == ["практика"]
    assert field_of(kept, "display_root") == "content/orgs/oo1"  # small: kept as it is
    assert read == ["practices"] and whole == []


def test_a_kinds_records_of_kept_records_are_those_of_the_records():
    content = _content()
    read: list[str] = []
    whole: list[object] = []
    kept = _kept(content, read, whole)
    mentors = org_kind("mentors")
    assert mentors.records(kept) == mentors.records(content) == ["наставник"]
    assert AGREEMENTS.records(kept) == AGREEMENTS.records(content) == ["соглашение"]
    assert read == ["mentors", "more"] and whole == []


def test_a_field_of_plain_records_is_their_attribute():
    assert field_of(_content(), "programs") == ["программа 1", "программа 2"]
