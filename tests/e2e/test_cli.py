"""The command line as a curator uses it."""

import hashlib
from pathlib import Path

import pytest

from tests.conftest import edit, run_cli

BREAKAGES = {
    "yaml syntax": (
        "content/programs/pp-2026-uch-01.yml",
        "title: Подготовка",
        "title: [Подготовка",
        "content/programs/pp-2026-uch-01.yml, строка 1",
    ),
    "wrong type": (
        "content/mentors/belova-ti.yml",
        "experience_years: 16",
        "experience_years: шестнадцать",
        "content/mentors/belova-ti.yml, строка 5",
    ),
    "unknown form": (
        "content/programs/pp-2026-uch-01.yml",
        "form: учитель – ученик",
        "form: наставник – котик",
        "content/programs/pp-2026-uch-01.yml, строка 2",
    ),
    "dangling reference": (
        "content/programs/pp-2026-uch-01.yml",
        "mentor: sokolov-dm",
        "mentor: nobody",
        "content/programs/pp-2026-uch-01.yml, строка 4",
    ),
    "bad date": (
        "content/documents.yml",
        "date: 01.10.2025",
        "date: 01.102025",
        "content/documents.yml, строка 39",
    ),
    "tab indentation": (
        "content/mentees.yml",
        "  - category: молодые специалисты",
        "\t- category: молодые специалисты",
        "content/mentees.yml, строка",
    ),
}


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("name", BREAKAGES)
def test_broken_content_fails_in_russian_and_keeps_previous_site(demo_project, name):
    assert run_cli("build", demo_project, "-q").code == 0
    before = tree_digest(demo_project / "site")
    file, old, new, where = BREAKAGES[name]
    edit(demo_project, file, old, new)

    result = run_cli("validate", demo_project)
    assert result.code == 1
    assert where in result.out and "ошибка" in result.out
    assert "Traceback" not in result.out

    result = run_cli("build", demo_project)
    assert result.code == 1 and "ранее опубликованный сайт не изменён" in result.out
    assert tree_digest(demo_project / "site") == before


def test_warnings_only_exit_zero(demo_project):
    result = run_cli("validate", demo_project)
    assert result.code == 0 and "предупреждение" in result.out and "ошибок нет" in result.out


def test_build_never_writes_into_content(demo_project):
    before = tree_digest(demo_project / "content")
    assert run_cli("build", demo_project, "-q").code == 0
    assert tree_digest(demo_project / "content") == before


def test_same_input_same_output(demo_project, tmp_path):
    assert run_cli("build", demo_project, "-o", tmp_path / "a", "-q").code == 0
    assert run_cli("build", demo_project, "-o", tmp_path / "b", "-q").code == 0
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_output_elsewhere_and_refusing_dangerous_folders(demo_project, tmp_path):
    assert run_cli("build", demo_project, "--output", tmp_path / "www", "-q").code == 0
    assert (tmp_path / "www/index.html").exists()
    for target in (demo_project, demo_project / "content", tmp_path):
        result = run_cli("build", demo_project, "--output", target)
        assert result.code == 1 and "не может быть папкой сайта" in result.out
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "important.txt").write_text("чужой файл")
    result = run_cli("build", demo_project, "--output", foreign)
    assert result.code == 1 and (foreign / "important.txt").exists()


def test_missing_project(tmp_path):
    result = run_cli("validate", tmp_path)
    assert result.code == 1 and "нет файла site_config.yml" in result.out


def test_init_creates_a_project_that_builds(tmp_path):
    result = run_cli("init", tmp_path / "new")
    assert result.code == 0
    assert (tmp_path / "new/content/programs/_obrazec.yml").exists()
    assert run_cli("build", tmp_path / "new", "-q").code == 0
    assert (tmp_path / "new/site/index.html").exists()
    assert run_cli("init", tmp_path / "new").code == 1  # not empty


def test_scaffold_samples_are_valid_records(tmp_path):
    """The commented samples in a new project are themselves valid records."""
    project = tmp_path / "new"
    assert run_cli("init", project, "--demo").code == 0
    for kind in ("mentors", "programs", "practices", "news"):
        sample = Path(__file__).parents[2] / "generator/scaffold/new_project/content" / kind
        target = project / "content" / kind / "obrazec.yml"
        target.write_text(
            (sample / "_obrazec.yml")
            .read_text("utf-8")
            .replace("mentor: ivanova-ea", "mentor: belova-ti")
            .replace("programs: [pp-2025-01]", ""),
            "utf-8",
        )
    result = run_cli("validate", project)
    assert result.code == 0, result.out


def test_init_demo_and_help_in_russian(tmp_path):
    assert run_cli("init", tmp_path / "d", "--demo").code == 0
    assert (tmp_path / "d/content/programs/pp-2025-uu-01.yml").exists()
    result = run_cli("--help")
    assert "Использование" in result.out and "собрать сайт" in result.out
    result = run_cli("build", "--no-such-flag")
    assert result.code == 2 and "неизвестные аргументы" in result.out


def test_help_names_every_kind_that_new_and_import_accept():
    """The parser lists the kinds by word, from the registry of kinds."""
    from generator.scaffold.new_record import NEW_KINDS
    from generator.tabular.kinds import TABLE_KINDS

    new_help = " ".join(run_cli("new", "--help").out.split())
    assert "что создать: " + ", ".join(NEW_KINDS) in new_help
    assert "agreement — соглашение о сотрудничестве (дописывается в content/agreements.yml)" in (
        new_help
    )
    import_help = " ".join(run_cli("import", "--help").out.split())
    assert "что импортировать: " + ", ".join(TABLE_KINDS) in import_help
    refused = run_cli("new", "poem")
    assert refused.code == 2 and "poem" in refused.out
