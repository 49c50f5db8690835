"""``nastav init``: a new project, empty or with the demo content."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..console import Console
from ..resources import demo_project

TEMPLATE = Path(__file__).parent / "new_project"
MUNICIPAL_TEMPLATE = Path(__file__).parent / "new_municipal"


def init_project(
    target: Path,
    demo: bool,
    force: bool,
    console: Console,
    source: Path | None = None,
    municipal: bool = False,
) -> int:
    if target.exists() and not target.is_dir():
        console.problem(f"{target}: это файл, а не папка.")
        return 1
    if target.exists() and any(target.iterdir()) and not force:
        console.problem(
            f"Папка {target} не пуста. Выберите новую папку или добавьте --force "
            "(существующие файлы не будут перезаписаны)."
        )
        return 1
    if source is None:
        if municipal:
            source = demo_project("municipal") if demo else MUNICIPAL_TEMPLATE
        else:
            source = demo_project("school") if demo else TEMPLATE
    copied = _copy_project(source, target)
    _link_schemas(target)
    console.say(f"Проект создан: {target} (файлов: {copied}).")
    console.say("Дальше:")
    console.say(f"  nastav validate {target}   — проверить записи")
    console.say(f"  nastav serve {target}      — посмотреть сайт и править записи")
    console.say(f"  nastav build {target}      — собрать сайт в {target / 'site'}")
    return 0


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
