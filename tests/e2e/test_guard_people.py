"""A portal's privacy guard is made from each organization's people, kept
between builds per organization (publish/named.py); an organization's
records are read again only when they changed (load is a lazy stage). A
consent withdrawn in one organization must still stop its mentor's name in
another organization's text, in a cached rebuild as in the first build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_municipal_demo, run_cli

NAME = "Щербакова Олеся Игоревна"
MENTOR = """\
full_name: {name}
category: педагог
position: учитель (химия)
experience_years: 12
forms:
- учитель – учитель
consent:
  fields:
{fields}
  date: 01.09.2025
  valid_until: 31.08.2028
"""


def _mentor(project: Path, with_name: bool) -> None:
    fields = ["ФИО", "должность", "стаж"] if with_name else ["должность", "стаж"]
    text = MENTOR.format(name=NAME, fields="\n".join(f"  - {f}" for f in fields))
    path = project / "content" / "orgs" / "gimnaziya2" / "mentors" / "mentor-9.yml"
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    project = copy_municipal_demo(tmp_path / "portal")
    _mentor(project, with_name=True)
    program = project / "content" / "orgs" / "litsey7" / "programs" / "pp-2025-1.yml"
    text = program.read_text(encoding="utf-8")
    assert "\ngoal: " in text
    program.write_text(
        text.replace("\ngoal: ", f"\ngoal: Консультации ведёт {NAME}. ", 1), encoding="utf-8"
    )
    return project


def test_a_consent_withdrawn_in_one_organization_stops_the_name_in_another_when_cached(portal):
    first = run_cli("build", portal)
    assert first.code == 0, first.out
    page = portal / "site" / "organizatsii" / "litsey7" / "programmy" / "pp-2025-1" / "index.html"
    assert NAME in page.read_text(encoding="utf-8")

    _mentor(portal, with_name=False)  # litsey7's records are unchanged
    withdrawn = run_cli("build", portal)
    assert withdrawn.code != 0
    told = [line for line in withdrawn.out.splitlines() if NAME in line]
    assert any("content/orgs/litsey7/programs/pp-2025-1.yml" in line for line in told), told
    assert NAME in page.read_text(encoding="utf-8")  # the published site stays as it was

    _mentor(portal, with_name=True)
    again = run_cli("build", portal)
    assert again.code == 0, again.out
    assert NAME in page.read_text(encoding="utf-8")
