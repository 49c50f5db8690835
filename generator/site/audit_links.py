"""Every internal link of the built site leads to a page or file that exists,
and every ``#anchor`` to an element of that page."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import Location, Report


def check_links(pages: dict, site: Path, report: Report, base: str) -> None:
    """``pages`` maps a page's path in the site to its ``PageScan``; ``base``
    is where the site is published («/» or «/nastavnichestvo/»)."""
    for rel, page in pages.items():
        here = posixpath.dirname(rel)
        for href, line in page.links:
            _check(href, line, rel, here, pages, site, report, base)


def _check(href: str, line: int, rel: str, here: str, pages: dict, site: Path,
           report: Report, base: str) -> None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
        return
    where = Location(f"site/{rel}", line)
    target_rel = rel
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base):
            report.error(where, f"ссылка «{href}» ведёт за пределы сайта (он публикуется "
                         f"по адресу {base}).", "link")
            return
        path, here = path[len(base):] or ".", ""
    if parts.path:
        joined = posixpath.normpath(posixpath.join(here, path))
        if joined.startswith(".."):
            report.error(where, f"ссылка «{href}» ведёт за пределы сайта.", "link")
            return
        target = site / joined
        if target.is_dir():
            target = target / "index.html"
            joined = posixpath.normpath(posixpath.join(joined, "index.html"))
        if not target.exists():
            report.error(where, f"битая ссылка «{href}»: такой страницы или файла нет.", "link")
            return
        target_rel = joined
    fragment = parts.fragment
    if fragment and target_rel in pages and fragment not in pages[target_rel].ids \
            and not fragment.startswith("__"):
        report.error(where, f"ссылка «{href}» ведёт на несуществующий якорь.", "anchor")
