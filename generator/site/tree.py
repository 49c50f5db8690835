"""Write the generated docs tree and ``mkdocs.yml``.

The tree is plain MkDocs input — Markdown pages, attachments, a theme
folder and a config — so the same tree builds with Zensical. Files whose
bytes did not change are left alone (mtime kept), which lets a «dirty»
rebuild skip them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from ..publish.files import PublishedFile
from ..render.pageset import Page


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def copy_if_changed(source: Path, target: Path) -> bool:
    if target.exists() and target.stat().st_size == source.stat().st_size \
            and target.read_bytes() == source.read_bytes():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    # A new inode, never an in-place rewrite: published sites hard-link these files.
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(source, tmp)
    tmp.replace(target)
    return True


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link a cached file into a site being assembled; copy across filesystems."""
    try:
        os.link(source, target)
    except FileExistsError:
        target.unlink()
        link_or_copy(source, target)
    except OSError:
        shutil.copyfile(source, target)


def make_parent(path: Path, made: set[Path]) -> None:
    """mkdir -p of a file's folder, once per folder (thousands of files)."""
    parent = path.parent
    if parent not in made:
        parent.mkdir(parents=True, exist_ok=True)
        made.add(parent)


def link_tree(source: Path, target: Path, made: set[Path] | None = None) -> None:
    """Hard-link every file under ``source`` to the same place under ``target``."""
    made = set() if made is None else made
    for top, _, names in os.walk(source):
        folder = target / os.path.relpath(top, source)
        for name in names:
            dest = folder / name
            make_parent(dest, made)
            link_or_copy(Path(top) / name, dest)


def write_docs(docs_dir: Path, pages: list[Page], files: list[PublishedFile],
               generated: list[tuple[str, bytes]] = ()) -> int:
    """Make ``docs_dir`` hold exactly these pages and files; return files rewritten.
    ``generated`` are files made at build time (table downloads)."""
    wanted: set[Path] = set()
    changed = 0
    for href, data in generated:
        target = docs_dir / href
        wanted.add(target)
        changed += write_if_changed(target, data)
    for page in pages:
        target = docs_dir / page.path
        wanted.add(target)
        changed += write_if_changed(target, page.content.encode("utf-8"))
    for published in files:
        target = docs_dir / published.href
        wanted.add(target)
        changed += copy_if_changed(published.source, target)
    if docs_dir.exists():
        for path in sorted(docs_dir.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed


def merge_theme(bundled: Path, project_theme: Path | None, target: Path) -> None:
    """The project's own ``theme/`` files override the bundled ones."""
    sources = [bundled] + ([project_theme] if project_theme and project_theme.is_dir()
                           and project_theme.resolve() != bundled.resolve() else [])
    wanted: set[Path] = set()
    for source in sources:
        for path in source.rglob("*"):
            if path.is_file():
                dest = target / path.relative_to(source)
                wanted.add(dest)
                copy_if_changed(path, dest)
    for path in sorted(target.rglob("*"), reverse=True) if target.exists() else []:
        if path.is_file() and path not in wanted:
            path.unlink()


def write_mkdocs_yml(path: Path, config: dict) -> None:
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
    write_if_changed(path, text.encode("utf-8"))
