"""Shared fixtures: demo projects copied to temp folders, a fixed build date,
and a way to run the CLI as a user would and read what it printed."""

from __future__ import annotations

import filecmp
import io
import json
import os
import shutil
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Every test sees the same «today», so statuses (upcoming news, expired
# consents) do not change with the calendar. The demo content is written
# for this date.
TODAY = "2026-11-22"
os.environ["NASTAV_TODAY"] = TODAY
os.environ.pop("SOURCE_DATE_EPOCH", None)
# The monitoring report's PDF takes LibreOffice seconds in every municipal
# build: elsewhere the build makes the DOCX only (and says nothing about the
# PDF); tests/e2e/test_report.py turns the PDF on.
os.environ.setdefault("NASTAV_SOFFICE", "off")

# Property-based tests: a fixed number of examples from a fixed seed, so CI
# is deterministic and fast; HYPOTHESIS_PROFILE=thorough explores more.
from hypothesis import HealthCheck, settings  # noqa: E402

from generator.cli import main  # noqa: E402

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "thorough", parent=settings.get_profile("ci"), max_examples=2000, derandomize=False
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@dataclass
class CliResult:
    code: int
    out: str

    def __contains__(self, text: str) -> bool:
        return text in self.out


def run_cli(*args: str | Path) -> CliResult:
    buffer = io.StringIO()
    with redirect_stdout(buffer), redirect_stderr(buffer):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return CliResult(code, buffer.getvalue())


def copy_demo(target: Path) -> Path:
    """A fresh copy of the repository's demo school project."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "site_config.yml", target / "site_config.yml")
    shutil.copytree(ROOT / "content", target / "content")
    return target


@pytest.fixture
def demo_project(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "school")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo school built once for all read-only assertions."""
    project = copy_demo(tmp_path_factory.mktemp("demo") / "school")
    result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    return project / "site"


@pytest.fixture(scope="session")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo school with XSS payloads in every kind of field, built once."""
    from tests.xss.project import make_xss_project

    project = make_xss_project(tmp_path_factory.mktemp("xss") / "school")
    result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    return project / "site"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def all_text_files(site: Path) -> dict[str, str]:
    """Every file of a built site a browser or a download could show, as text.

    JSON (the search index) escapes Cyrillic as \\uXXXX, so it is decoded.
    """
    texts = {}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (
            ".html",
            ".json",
            ".xml",
            ".csv",
            ".txt",
            ".js",
            ".atom",
        ):
            text = path.read_text("utf-8", "replace")
            if path.suffix == ".json":
                try:
                    text = json.dumps(json.loads(text), ensure_ascii=False)
                except ValueError:
                    pass
            texts[path.relative_to(site).as_posix()] = text
    return texts


def check_project(project: Path):
    """Run everything ``nastav validate`` runs; return the report."""
    from generator.console import Console
    from generator.diagnostics import Report
    from generator.pipeline import Outcome, check

    outcome = Outcome(Report())
    check(project, Console(quiet=True), outcome)
    return outcome.report


def messages(report, code: str | None = None) -> list[str]:
    return [d.format() for d in report.items if code is None or d.code == code]


def edit(project: Path, rel: str, old: str, new: str) -> None:
    """Replace text in a content file, failing loudly if the text is not there."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def differences(a: Path, b: Path) -> list[str]:
    """Files present in one site only or with other bytes, as paths."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only)
        found.extend(prefix + name for name in cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(found)


def copy_municipal_demo(target: Path) -> Path:
    shutil.copytree(
        ROOT / "demo" / "municipal",
        target,
        ignore=shutil.ignore_patterns("site", "site-*", ".nastav"),
    )
    return target


@pytest.fixture(scope="session")
def municipal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The municipal demo built once for all read-only assertions."""
    project = copy_municipal_demo(tmp_path_factory.mktemp("municipal") / "city")
    result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    return project / "site"
