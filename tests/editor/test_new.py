"""«nastav new»: records with every field present and commented, unique ids,
acts appended to the list file safely."""

from __future__ import annotations

import pytest

from generator.diagnostics import Report
from generator.load.yamlsource import parse_yaml_text
from generator.scaffold.yamlout import field_types
from generator.schema.records import Mentor, NewsItem, NormativeAct, Practice, Program
from tests.conftest import TODAY, copy_demo, run_cli

KINDS = {
    "program": ("programs", Program),
    "practice": ("practices", Practice),
    "news": ("news", NewsItem),
    "mentor": ("mentors", Mentor),
}
DAY = "22.11.2026"
assert TODAY == "2026-11-22"


@pytest.fixture
def project(tmp_path):
    return copy_demo(tmp_path / "school")


@pytest.mark.parametrize("word", KINDS)
def test_new_record_has_every_field_commented_and_a_unique_id(project, word):
    folder, cls = KINDS[word]
    before = set((project / "content" / folder).iterdir())
    result = run_cli("new", word, project)
    assert result.code == 0, result.out
    created = set((project / "content" / folder).iterdir()) - before
    assert len(created) == 1
    path = created.pop()
    text = path.read_text("utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schemas/{folder}.schema.json")
    assert (project / "schemas" / f"{folder}.schema.json").is_file()
    for name, meta, _ in field_types(cls):
        if name == "id":
            continue
        assert f"\n{name}:" in text or f"\n# {name}:" in text, name  # generated: never drifts
        assert f"# {meta.label}" in text, meta.label
    assert parse_yaml_text(text, path.name, Report()) is not None
    # a second record gets another id
    assert run_cli("new", word, project).code == 0
    assert len(set((project / "content" / folder).iterdir()) - before) == 2


def test_new_program_is_dated_today_and_validate_names_what_to_fill(project):
    assert run_cli("new", "program", project, "--title", "Адаптация учителя химии").code == 0
    path = project / "content/programs/pp-2026-01.yml"
    text = path.read_text("utf-8")
    assert f"start: {DAY}" in text and "title: Адаптация учителя химии" in text
    result = run_cli("validate", project)
    assert result.code == 1
    assert "content/programs/pp-2026-01.yml" in result.out
    assert "не заполнено обязательное поле «form»" in result.out
    assert "Traceback" not in result.out


def test_new_mentor_id_from_the_name_and_existing_ids_kept(project):
    result = run_cli("new", "mentor", project, "--title", "Иванова Елена Анатольевна")
    assert result.code == 0
    assert "ivanova-ea-2" in result.out  # ivanova-ea exists already
    assert run_cli("new", "news", project, "--id", "Плохое имя").code == 2


def test_new_act_is_appended_and_the_list_still_reads(project):
    acts = project / "content/normative_acts.yml"
    before = acts.read_text("utf-8")
    result = run_cli("new", "act", project, "--title", "О наставничестве в районе")
    assert result.code == 0, result.out
    after = acts.read_text("utf-8")
    assert after.startswith(before.rstrip("\n"))  # nothing above was touched
    for name, _, _ in field_types(NormativeAct):
        assert f"{name}:" in after[len(before) :]
    result = run_cli("validate", project)
    assert "acts[10].level" in result.out and "не заполнено обязательное поле" in result.out


@pytest.mark.parametrize("content", ["acts: []\n", "", "# только комментарий\n"])
def test_new_act_in_empty_list_files(project, content):
    acts = project / "content/normative_acts.yml"
    acts.write_text(content, "utf-8")
    assert run_cli("new", "act", project, "--title", "Закон").code == 0
    result = run_cli("validate", project)
    assert "acts[1].level" in result.out, result.out


def test_new_act_refuses_a_broken_or_inline_list(project):
    acts = project / "content/normative_acts.yml"
    acts.write_text("acts: [{title: Закон, level: федеральный}]\n", "utf-8")
    result = run_cli("new", "act", project)
    assert result.code == 1 and "Файл не изменён" in result.out
    acts.write_text("acts:\n  - title: [Закон\n", "utf-8")
    result = run_cli("new", "act", project)
    assert result.code == 1 and "normative_acts.yml, строка" in result.out
    assert acts.read_text("utf-8") == "acts:\n  - title: [Закон\n"
