"""Which files of the project's ``theme/`` a build may use: none that
could not be published as it is (a path or a kind of file the site must
not have), and no special file (merge_theme copies regular files only)."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Location, Report


def theme_is_safe(theme: Path, report: Report) -> bool:
    from ..load.safefile import SPECIAL
    from ..rules.files import theme_problems, theme_special_files

    for rel, problem in theme_problems(theme):
        report.error(Location(f"theme/{rel}"), problem, "file")
    for rel in theme_special_files(theme):  # merge_theme copies regular files only
        report.warning(Location(f"theme/{rel}"), f"{SPECIAL} Файл пропущен.", "file")
    return report.ok
