"""Attachments and theme overrides cannot reach outside the project, and what
the site publishes has safe names."""

from __future__ import annotations

import os
import re

import pytest

from tests.conftest import edit, run_cli

PROGRAM = "content/programs/pp-2025-uu-01.yml"
ATTACHED = "files/dokumenty/tipovaya-programma-uu.pdf"


def attach(project, value: str) -> None:
    edit(project, PROGRAM, f"file: {ATTACHED}", f"file: {value}")


def error_at_file_field(result) -> bool:
    return bool(re.search(rf"{PROGRAM}, строка \d+, поле «files\[1\]\.file»: ошибка: ", result.out))


@pytest.mark.parametrize(
    "value, says",
    [
        ("../site_config.yml", "за папку content"),
        ("files/../../site_config.yml", "за папку content"),
        ("/etc/passwd", "относительным"),
        ("~/secret.pdf", "относительным"),
        ("C:/Users/Учитель/x.pdf", "относительным"),
        ("files\\\\dokumenty\\\\x.pdf", "обратная косая"),
        ("files/dokumenty", "папка, а не файл"),
        ("files/dokumenty/nope.pdf", "не найден"),
    ],
)
def test_paths_that_escape_or_do_not_exist(demo_project, value, says):
    attach(demo_project, value)
    result = run_cli("validate", demo_project)
    assert result.code == 1 and error_at_file_field(result) and says in result.out, result.out


def test_symlinked_file_pointing_outside(demo_project, tmp_path):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 secret")
    (demo_project / "content/files/dokumenty/link.pdf").symlink_to(secret)
    attach(demo_project, "files/dokumenty/link.pdf")
    result = run_cli("validate", demo_project)
    assert result.code == 1 and error_at_file_field(result) and "вне папки content" in result.out


def test_symlinked_directory_pointing_outside(demo_project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "doc.pdf").write_bytes(b"%PDF-1.4 outside")
    (demo_project / "content/files/linked").symlink_to(outside, target_is_directory=True)
    attach(demo_project, "files/linked/doc.pdf")
    result = run_cli("validate", demo_project)
    assert result.code == 1 and error_at_file_field(result) and "вне папки content" in result.out


def test_symlinks_inside_content_are_followed(demo_project):
    files = demo_project / "content/files"
    (files / "alias.pdf").symlink_to(files / "dokumenty/tipovaya-programma-uu.pdf")
    (files / "docs-alias").symlink_to(files / "dokumenty", target_is_directory=True)
    attach(demo_project, "files/alias.pdf")
    edit(
        demo_project,
        "content/documents.yml",
        "file: files/dokumenty/prikaz-166.pdf",
        "file: files/docs-alias/prikaz-166.pdf",
    )
    result = run_cli("build", demo_project, "-q")
    assert result.code == 0, result.out
    assert not any(p.is_symlink() for p in (demo_project / "site").rglob("*"))


def test_broken_symlink(demo_project):
    (demo_project / "content/files/broken.pdf").symlink_to("/nonexistent/file.pdf")
    attach(demo_project, "files/broken.pdf")
    result = run_cli("validate", demo_project)
    assert result.code == 1 and error_at_file_field(result)


def test_symlink_loop(demo_project):
    loop = demo_project / "content/files/loop.pdf"
    os.symlink(loop, loop)
    attach(demo_project, "files/loop.pdf")
    result = run_cli("validate", demo_project)
    assert result.code == 1 and error_at_file_field(result), result.out


def test_theme_override_linking_outside_is_refused(demo_project, tmp_path):
    (tmp_path / "passwd").write_text("root:x:0:0")
    assets = demo_project / "theme/assets"
    assets.mkdir(parents=True)
    (assets / "passwd.txt").symlink_to(tmp_path / "passwd")
    result = run_cli("build", demo_project)
    assert result.code == 1 and "theme/assets/passwd.txt: ошибка: ссылка на файл" in result.out
    assert not (demo_project / "site").exists()


def test_published_names_are_safe_slugs(demo_project):
    """Uploaded names with spaces, Cyrillic and leading dots become slugs."""
    source = demo_project / "content" / ATTACHED
    source.rename(source.with_name(".Типовая программа (итог) 2025.pdf"))
    attach(demo_project, "files/dokumenty/.Типовая программа (итог) 2025.pdf")
    result = run_cli("build", demo_project, "-q")
    assert result.code == 0, result.out
    for path in (demo_project / "site").rglob("*"):
        rel = path.relative_to(demo_project / "site").as_posix()
        if rel != ".nastav-build":
            assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/-]*", rel) and len(rel) <= 200, rel


def test_long_record_file_name(demo_project):
    source = demo_project / PROGRAM
    source.rename(source.with_name("p" * 90 + ".yml"))
    result = run_cli("validate", demo_project)
    assert result.code == 1 and "длиннее 80 знаков" in result.out
