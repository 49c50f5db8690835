"""Which folder a build may replace with the site: never one that holds
the project, nor one that holds someone else's files."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Location, Report
from . import swap


def output_is_safe(project_dir: Path, output: Path, report: Report) -> bool:
    """Never replace a folder that holds the project or is not a site of ours."""
    content = project_dir / "content"
    dangerous = (
        output in (project_dir, content, Path(output.anchor), Path.home())
        or output in project_dir.parents
        or content in output.parents
    )
    if dangerous:
        report.error(
            Location(str(output)),
            "эта папка не может быть папкой сайта: при сборке "
            "её содержимое заменяется. Укажите отдельную папку, например site.",
            "output",
        )
        return False
    if output.exists() and not output.is_dir():
        report.error(Location(str(output)), "по этому пути находится файл, а не папка.", "output")
        return False
    if not swap.looks_like_our_site(output):
        report.error(
            Location(str(output)),
            "папка не пуста и не похожа на сайт, собранный "
            "nastav; выберите пустую папку, чтобы не потерять чужие файлы.",
            "output",
        )
        return False
    return True
