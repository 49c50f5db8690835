"""Every internal link of the built site leads to a page or file that exists,
and every ``#anchor`` to an element of that page.

A city has 50,000 links. Working out where a link points (``resolve``) is
done once per page content and cached with the rest of the page's audit;
checking the targets (``check_links``) is a set lookup against the files of
this build, done for the pages whose links may have changed their outcome
(audit.py ``_Audit.check_links``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from sys import intern
from typing import NamedTuple, Protocol
from urllib.parse import unquote, urlsplit

from ..diagnostics import Location, Report


class Link(NamedTuple):
    href: str
    line: int
    target: str | None  # path in the site, before «…/index.html» is added to folders
    fragment: str
    problem: str | None  # a link that is wrong wherever it points


def resolve(links: list[tuple[str, int]], rel: str, base: str) -> list[Link]:
    """``base`` is where the site is published («/» or «/nastavnichestvo/»)."""
    here = posixpath.dirname(rel)
    out = []
    for href, line in links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
            continue
        path, folder, problem, target = unquote(parts.path), here, None, rel
        if path.startswith("/"):
            if not path.startswith(base):
                problem = (
                    f"ссылка «{href}» ведёт за пределы сайта (он публикуется по адресу {base})."
                )
            path, folder = path[len(base) :] or ".", ""
        if parts.path and problem is None:
            target = posixpath.normpath(posixpath.join(folder, path))
            if target.startswith(".."):
                problem = f"ссылка «{href}» ведёт за пределы сайта."
        # Interned: the navigation's links repeat on every page, and the audit
        # cache then stores (and reads back) each distinct string once.
        out.append(
            Link(intern(href), line, target and intern(target), intern(parts.fragment), problem)
        )
    return out


class Ids(Protocol):
    """Each page's element ids, by its path."""

    def __contains__(self, rel: object, /) -> bool: ...

    def __getitem__(self, rel: str, /) -> Collection[str]: ...


class PageLinks(NamedTuple):
    """What checking one page's links found: its problems, every path it
    links to (as ``Link.target``) and the pages its ``#anchors`` point into."""

    report: Report
    targets: frozenset[str]
    anchored: frozenset[str]


def check_links(
    rel: str,
    links: list[Link],
    ids: Ids | dict[str, frozenset[str]],
    files: Collection[str],
    folders: Collection[str],
) -> PageLinks:
    """``links``: the page's links; ``ids``: each page's element ids (looked
    up only for the pages anchors point into); ``files`` and ``folders``:
    every path in the site."""
    report = Report()
    targets: set[str] = set()
    anchored: set[str] = set()
    for href, line, target, fragment, problem in links:  # Link, or the same as a tuple
        where = Location(f"site/{rel}", line)
        if problem:
            report.error(where, problem, "link")
            continue
        assert target is not None, "resolve() gives a target to every link without a problem"
        folder = "" if target == "." else target
        targets.add(folder)
        if folder in folders:
            target = f"{folder}/index.html" if folder else "index.html"
        elif target not in files:
            report.error(where, f"битая ссылка «{href}»: такой страницы или файла нет.", "link")
            continue
        if not fragment or fragment.startswith("__"):
            continue
        anchored.add(target)
        if target in ids and fragment not in ids[target]:
            report.error(where, f"ссылка «{href}» ведёт на несуществующий якорь.", "anchor")
    return PageLinks(report, frozenset(targets), frozenset(anchored))
