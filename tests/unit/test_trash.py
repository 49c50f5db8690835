"""Folders deleted in the background (util/trash.py): gone from where they
were at once, and from the trash soon after."""

from __future__ import annotations

import time
from pathlib import Path

from generator.util.trash import discard_all


def _folder(path: Path, files: int) -> Path:
    for n in range(files):
        (path / f"d{n % 7}").mkdir(parents=True, exist_ok=True)
        (path / f"d{n % 7}" / f"{n}.md").write_text("# —\n", encoding="utf-8")
    return path


def test_folders_leave_at_once_and_the_trash_is_emptied_meanwhile(tmp_path):
    parts = [_folder(tmp_path / "parts" / str(i), 50) for i in range(3)]
    trash = tmp_path / "trash"
    discard_all(parts, trash)
    assert not any(p.exists() for p in parts)
    for _ in range(100):  # a detached process empties it
        if not any(trash.iterdir()):
            break
        time.sleep(0.05)
    assert not any(trash.iterdir())


def test_without_a_trash_folders_are_deleted_here(tmp_path):
    parts = [_folder(tmp_path / "parts" / str(i), 10) for i in range(2)]
    discard_all([*parts, tmp_path / "never-made"], None)
    assert not any(p.exists() for p in parts)
