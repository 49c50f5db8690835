"""Stage 2: typed records. Wrong types, unknown vocabulary values, missing
and unknown fields are reported with file, line and field, all at once."""

from tests.conftest import check_project, edit, messages


def test_demo_is_valid(demo_project):
    report = check_project(demo_project)
    assert report.ok, messages(report)


def test_all_problems_of_a_file_are_reported_at_once(demo_project):
    path = demo_project / "content/programs/pp-2026-uch-01.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("form: учитель – ученик", "form: учитель – директор")
    text = text.replace("  start: 01.10.2026", "  start: 31.02.2026")
    text = text.replace("title: Подготовка", "titel: Подготовка")
    text = text.replace("  count: 2", "  count: два")
    path.write_text(text, encoding="utf-8")
    report = check_project(demo_project)
    found = "\n".join(messages(report))
    file = "content/programs/pp-2026-uch-01.yml"
    assert (
        f"{file}, строка 2, поле «form»" in found and "«учитель – директор» нет в списке" in found
    )
    assert "поле «period.start»" in found and "нет в календаре" in found
    assert "неизвестное поле «titel»" in found and "«title»" in found
    assert "поле «mentee.count»" in found and "не целое число" in found
    assert len(report.errors) >= 4


def test_vocabulary_matching_forgives_dashes_case_and_synonyms(demo_project):
    edit(
        demo_project,
        "content/programs/pp-2026-uch-01.yml",
        "form: учитель – ученик",
        "form: Педагог-ученик",
    )
    edit(
        demo_project,
        "content/programs/pp-2026-uch-01.yml",
        "types: [групповая]",
        "types: групповое",
    )
    assert check_project(demo_project).ok


def test_vocabulary_is_extended_in_site_config(demo_project):
    edit(
        demo_project,
        "content/programs/pp-2026-uch-01.yml",
        "form: учитель – ученик",
        "form: педагог – студент колледжа",
    )
    assert not check_project(demo_project).ok
    with open(demo_project / "site_config.yml", "a", encoding="utf-8") as f:
        f.write("vocabularies:\n  forms:\n    - label: педагог – студент колледжа\n")
    assert check_project(demo_project).ok


def test_wrong_shape(demo_project):
    edit(
        demo_project,
        "content/programs/pp-2026-uch-01.yml",
        "tasks:\n",
        "tasks:\n  nested:\n    deep: 1\n  other:\n",
    )
    found = "\n".join(messages(check_project(demo_project)))
    assert "поле «tasks»" in found and "ожидается список" in found


def test_missing_required_field_names_it(demo_project):
    edit(demo_project, "content/programs/pp-2026-uch-01.yml", "goal: >-", "goal_text: >-")
    found = "\n".join(messages(check_project(demo_project)))
    assert "не заполнено обязательное поле «goal» (Цель)" in found


def test_record_file_names_must_be_slugs(demo_project):
    (demo_project / "content/programs/pp-2026-uch-01.yml").rename(
        demo_project / "content/programs/Программа 1.yml"
    )
    found = "\n".join(messages(check_project(demo_project)))
    assert "programma-1.yml" in found


def test_drafts_starting_with_underscore_are_skipped(demo_project):
    (demo_project / "content/programs/_черновик.yml").write_text("это не YAML: [", "utf-8")
    assert check_project(demo_project).ok


def test_list_file_accepts_top_level_list(demo_project):
    path = demo_project / "content/materials.yml"
    text = path.read_text(encoding="utf-8").replace("materials:\n", "")
    path.write_text(
        "\n".join(line[2:] if line.startswith("  ") else line for line in text.splitlines()),
        encoding="utf-8",
    )
    assert check_project(demo_project).ok
