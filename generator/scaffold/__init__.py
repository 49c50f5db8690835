"""``nastav init``: a new project, empty or with the demo content."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..resources import demo_project

TEMPLATE = Path(__file__).parent / "new_project"
MUNICIPAL_TEMPLATE = Path(__file__).parent / "new_municipal"


@dataclass(frozen=True)
class Created:
    """What ``init_project`` did: the files it copied, or why it wrote nothing."""

    files: int = 0
    refused: str = ""  # in Russian; empty when the project was created


def init_project(
    target: Path,
    demo: bool,
    force: bool,
    source: Path | None = None,
    municipal: bool = False,
) -> Created:
    if target.exists() and not target.is_dir():
        return Created(refused=f"{target}: это файл, а не папка.")
    if target.exists() and any(target.iterdir()) and not force:
        return Created(
            refused=f"Папка {target} не пуста. Выберите новую папку или добавьте --force "
            "(существующие файлы не будут перезаписаны)."
        )
    if source is None:
        if municipal:
            source = demo_project("municipal") if demo else MUNICIPAL_TEMPLATE
        else:
            source = demo_project("school") if demo else TEMPLATE
    copied = _copy_project(source, target)
    _link_schemas(target)
    return Created(copied)


def _copy_project(source: Path, target: Path) -> int:
    copied = 0
    for name in ("site_config.yml", "content", "theme"):
        path = source / name
        if path.is_file():
            copied += _copy_file(path, target / name)
        elif path.is_dir() and not (
            name == "theme" and source not in (TEMPLATE, MUNICIPAL_TEMPLATE)
        ):
            for file in sorted(path.rglob("*")):
                if file.is_file() and "__pycache__" not in file.parts:
                    copied += _copy_file(file, target / name / file.relative_to(path))
    return copied


def _link_schemas(project: Path) -> None:
    """Write the JSON Schemas and start each YAML file with its schema line,
    so an editor with the YAML language server completes and checks fields."""
    from .schemas import add_schema_line, write_schemas

    write_schemas(project)
    for path in [project / "site_config.yml", *sorted((project / "content").rglob("*.yml"))]:
        if not path.is_file():
            continue
        text = path.read_text("utf-8")
        if not text.startswith("# yaml-language-server:"):
            rel = path.relative_to(project).as_posix()
            path.write_text(add_schema_line(text, rel), "utf-8")


def _copy_file(source: Path, target: Path) -> int:
    if target.exists():
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return 1
