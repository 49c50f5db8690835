"""Every mistake with a path is the user's to fix: a Russian message naming
the path, exit code 1 or 2 — never «Внутренняя ошибка» (3) or a traceback.
Output that nobody reads any more (``| head``) ends quietly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, copy_demo, run_cli


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_demo(tmp_path_factory.mktemp("paths") / "school")


def bad_places(tmp_path):
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", "utf-8")
    return {
        "system folder": "/proc/nastav-test/out",
        "under a file": str(a_file / "out"),
    }


COMMANDS = {
    "build --output": lambda project, place: ["build", project, "--output", place, "-q"],
    "export --output": lambda project, place: ["export", project, "--output", place, "-q"],
    "export-gosweb": lambda project, place: ["export-gosweb", project, f"{place}.zip", "-q"],
    "templates": lambda project, place: ["templates", place, "--project", project, "-q"],
    "init": lambda project, place: ["init", place],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("where", ["system folder", "under a file"])
def test_an_unwritable_output_is_a_russian_error(project, tmp_path, command, where):
    place = bad_places(tmp_path)[where]
    result = run_cli(*COMMANDS[command](project, place))
    assert result.code in (1, 2), result.out
    assert "Внутренняя ошибка" not in result.out and "Traceback" not in result.out
    assert "ошибка" in result.out.lower()
    assert "nastav-test" in result.out or "file.txt" in result.out, result.out


def test_check_site_on_a_project_folder_says_which_folder_to_give(project):
    assert run_cli("build", project, "-q").code == 0
    result = run_cli("check-site", project)
    assert result.code == 1
    assert "это папка проекта (в ней site_config.yml), а не собранный сайт" in result.out
    assert f"nastav check-site {project.resolve() / 'site'}" in result.out
    assert result.out.count("ошибка") == 1  # one message, not one per file


def test_output_cut_short_by_head_ends_without_a_traceback():
    """``nastav validate demo/municipal | head -2``: the reader closes the pipe."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", "validate", str(ROOT / "demo/municipal")]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # what «head -1» does
        errors = process.stderr.read().decode("utf-8", "replace")
        code = process.wait(timeout=120)
    assert first.strip()
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors
    assert code in (0, 1)
