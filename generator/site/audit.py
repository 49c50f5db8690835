"""Stage 6: check the built site before it replaces the published one
(and, with ``nastav check-site``, any folder built earlier).

* nothing is loaded from another host (scripts, styles, fonts, images, frames);
* no script can run from content (event handlers, ``javascript:`` links,
  frames, foreign inline scripts) — ``audit_html``;
* every internal link and anchor resolves — ``audit_links``;
* every file name is safe for any static server;
* no personal data — denied names, phones, e-mails, СНИЛС, local paths… —
  in any file: pages, search index, JSON, CSV/XLSX, PDF and DOCX downloads
  — ``audit_data``.
It also measures the site: pages, sizes, search index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Location, Report
from .audit_html import CSS_URL, scan_html
from .audit_links import check_links

# Published file names: ASCII, no spaces, no leading dot, short enough for
# any server, archive and file system.
SAFE_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
MAX_PATH = 200
OWN_FILES = {".nastav-build"}  # our marker of a published site


@dataclass
class SiteStats:
    pages: int = 0
    html_bytes: int = 0
    total_bytes: int = 0
    files: int = 0
    search_index_bytes: int = 0
    largest_page: tuple[int, str] = (0, "")

    @property
    def average_html(self) -> int:
        return self.html_bytes // self.pages if self.pages else 0


def audit_site(site: Path, report: Report, data_check=None, base_path: str = "/") -> SiteStats:
    """``data_check`` looks for personal data in a file's text (see
    ``audit_data.DataCheck``); ``base_path`` is where the site is published
    («/» or «/nastavnichestvo/»): root-absolute links resolve against it."""
    stats = SiteStats()
    pages: dict = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if rel in OWN_FILES:
            continue
        _check_name(rel, path, report)
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_size
        stats.files += 1
        stats.total_bytes += size
        if rel.startswith("search/") and path.suffix == ".json":
            stats.search_index_bytes += size
        if path.suffix == ".html":
            stats.pages += 1
            stats.html_bytes += size
            stats.largest_page = max(stats.largest_page, (size, rel))
            pages[rel] = _check_html(path, rel, report, data_check)
        elif path.suffix == ".css":
            _check_css(path, rel, report)
        elif data_check is not None:
            data_check.file(path, rel, report)
    check_links(pages, site, report, base_path if base_path.endswith("/") else base_path + "/")
    return stats


def _check_name(rel: str, path: Path, report: Report) -> None:
    where = Location(f"site/{rel}")
    if path.is_symlink():
        report.error(where, "в папке сайта символическая ссылка: сервер может выдать через "
                     "неё чужой файл.", "name")
    bad = [s for s in rel.split("/") if not SAFE_SEGMENT.fullmatch(s)]
    if bad:
        report.error(where, f"имя «{bad[0][:60]}» небезопасно для веб-сервера: допустимы "
                     "латинские буквы, цифры, «.», «-» и «_», без пробелов и точки в начале, "
                     "не длиннее 100 знаков.", "name")
    elif len(rel) > MAX_PATH:
        report.error(where, f"путь длиннее {MAX_PATH} знаков.", "name")


def _check_html(path: Path, rel: str, report: Report, data_check):
    scan = scan_html(path.read_text(encoding="utf-8", errors="replace"))
    for what, url, line in scan.external:
        report.error(Location(f"site/{rel}", line), f"страница загружает {what} с другого "
                     f"сайта: {url}. Сайт должен работать без внешних ресурсов.", "external")
    for what, line in scan.scripting:
        report.error(Location(f"site/{rel}", line), f"в странице исполняемый код: {what}. "
                     "Так быть не должно — сообщите разработчикам.", "script")
    if data_check is not None:
        data_check.page(scan, rel, report)
    return scan


def _check_css(path: Path, rel: str, report: Report) -> None:
    for match in CSS_URL.finditer(path.read_text(encoding="utf-8", errors="replace")):
        report.error(Location(f"site/{rel}"), f"стиль загружает ресурс с другого сайта: "
                     f"{match.group(1)}", "external")
