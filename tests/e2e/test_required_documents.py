"""The school's own regulation counts wherever the curator listed it: in the
documents or among the local acts of the normative base."""

from __future__ import annotations

import re

from tests.conftest import copy_demo, read, run_cli

TEACHERS = """  - role: положение о наставничестве педагогических работников
    title: Положение о системе наставничества педагогических работников
    date: 30.08.2022
    number: 128-од
    file: files/dokumenty/polozhenie-pedagogi.pdf

"""
LOCAL_ACT = "    title: Положение о системе наставничества педагогических работников\n"


def keep_regulation_only_among_acts(project, title: str | None = None) -> None:
    documents = project / "content/documents.yml"
    source = read(documents)
    assert TEACHERS in source
    documents.write_text(source.replace(TEACHERS, ""), "utf-8")
    acts = project / "content/normative_acts.yml"
    text = read(acts)
    assert "  - level: локальный\n    kind: Положение\n" in text and LOCAL_ACT in text
    if title is not None:
        acts.write_text(text.replace(LOCAL_ACT, f"    title: {title}\n"), "utf-8")


def test_a_regulation_among_the_local_acts_counts(tmp_path):
    project = copy_demo(tmp_path / "school")
    keep_regulation_only_among_acts(project)
    result = run_cli("validate", project)
    assert result.code == 0, result.out
    assert "обязательные документы" not in result.out


def test_an_unrecognisable_one_is_reported_with_where_it_belongs(tmp_path):
    project = copy_demo(tmp_path / "school")
    keep_regulation_only_among_acts(project, "О наставничестве")
    result = run_cli("validate", project)
    assert re.search(
        r"content/documents\.yml: предупреждение: не опубликованы обязательные документы: "
        r"«положение о наставничестве педагогических работников»\. Документы организации "
        r"вносятся в documents\.yml с видом \(role\)",
        result.out,
    ), result.out
