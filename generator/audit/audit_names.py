"""The names of a built site's files: safe for any static server, archive and
file system — and the site's listing, as the audit reads it."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from ..diagnostics import Location, Report

# Published file names: ASCII, no spaces, no leading dot, short enough for
# any server, archive and file system.
SAFE_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
MAX_PATH = 200
# A whole path of safe segments, short enough: one match for most files, the
# segments are looked at one by one (``check_name``) only when it fails.
SAFE_PATH = re.compile(
    rf"(?=.{{1,{MAX_PATH}}}\Z){SAFE_SEGMENT.pattern}(?:/{SAFE_SEGMENT.pattern})*", re.DOTALL
)


def walk_site(site: Path, skip: str | None = None, prefix: str = "") -> tuple[list[str], set[str]]:
    """Every entry's path in the site (folders are named too: an unsafe folder
    name is reported), and the set of folders; ``skip``: a top folder left
    out. os.walk: thousands of files."""
    entries: list[str] = []
    folders: set[str] = {""} if not prefix else set()
    for top, dirs, names in os.walk(site):
        rel_top = os.path.relpath(top, site).replace(os.sep, "/")
        here = prefix if rel_top == "." else prefix + rel_top + "/"
        if rel_top == "." and skip in dirs:
            dirs.remove(skip)
        for name in dirs:
            if not os.path.islink(os.path.join(top, name)):
                folders.add(here + name)
        entries += [here + name for name in dirs + names]
    return sorted(entries), folders


def check_name(rel: str, is_link: bool, report: Report) -> None:
    where = Location(f"site/{rel}")
    if is_link:
        report.error(
            where,
            "в папке сайта символическая ссылка: сервер может выдать через неё чужой файл.",
            "name",
        )
    bad = [s for s in rel.split("/") if _unsafe(s)]
    if bad:
        report.error(
            where,
            f"имя «{bad[0][:60]}» небезопасно для веб-сервера: допустимы "
            "латинские буквы, цифры, «.», «-» и «_», без пробелов и точки в начале, "
            "не длиннее 100 знаков.",
            "name",
        )
    elif len(rel) > MAX_PATH:
        report.error(where, f"путь длиннее {MAX_PATH} знаков.", "name")


@functools.lru_cache(maxsize=65536)
def _unsafe(segment: str) -> bool:
    """Names repeat (index.html, organizatsii, …): each is matched once."""
    return not SAFE_SEGMENT.fullmatch(segment)


def suffix_of(rel: str) -> str:
    """``os.path.splitext(rel)[1]`` of a path with «/», without its calls
    (once a file: a region's 56,000)."""
    name = rel.rfind("/") + 1
    dot = rel.rfind(".")
    if dot <= name or (rel[name] == "." and not rel[name:dot].strip(".")):
        return ""
    return rel[dot:]
