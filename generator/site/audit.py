"""Stage 6: check the built site before it replaces the published one.

* nothing is loaded from another host (scripts, styles, fonts, images, frames);
* no script can run from content (event handlers, ``javascript:`` links);
* every internal link and anchor resolves;
* no denied name (mentees, people without consent) appears in any file,
  search index and data downloads included.
It also measures the site: pages, sizes, search index.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import Location, Report
from ..privacy.names import NameFinder

# Tags whose URL attribute makes the browser fetch something.
_RESOURCE_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
    "embed": ("src",), "object": ("data",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "input": ("src",),
    "image": ("href",), "use": ("href",),
}
_LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload",
                 "modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest",
                 "mask-icon"}
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)
_TEXT_SUFFIXES = {".json", ".xml", ".txt", ".csv", ".atom", ".rss"}


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


@dataclass
class _Page:
    links: list[tuple[str, int]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self.external: list[tuple[str, str, int]] = []
        self.scripting: list[tuple[str, int]] = []
        self.text: list[str] = []
        self.links: list[str] = []  # addresses and ids: checked for transliterated names
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        for name, value in values.items():
            if name.startswith("on"):
                self.scripting.append((f"атрибут {name} в <{tag}>", line))
            if name in ("href", "src", "action", "formaction", "data", "xlink:href") and \
                    _is_script_url(value):
                self.scripting.append((f"ссылка {value[:40]}… в <{tag}>", line))
            if name in ("alt", "title", "href", "src", "content", "aria-label", "value"):
                self.text.append(value)
            if name in ("href", "src", "id", "srcset"):
                self.links.append(value)
        for attr in _RESOURCE_ATTRS.get(tag, ()):
            for url in _urls(values.get(attr, ""), attr == "srcset"):
                if _is_external(url):
                    self.external.append((f"<{tag} {attr}>", url, line))
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & _LOADING_RELS and _is_external(values.get("href", "")):
                self.external.append(("<link rel=" + values.get("rel", "") + ">",
                                      values["href"], line))
        if tag == "a" and values.get("href"):
            self.page.links.append((values["href"], line))
        if tag in ("script", "style"):
            self._skip += 1
        if "style" in values:
            for match in _CSS_URL.finditer(values["style"]):
                self.external.append((f"<{tag} style>", match.group(1), line))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def _urls(value: str, srcset: bool) -> list[str]:
    if not value:
        return []
    if srcset:
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value.strip()]


def _is_external(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme.lower()
    return scheme not in ("", "data", "blob")


def _is_script_url(value: str) -> bool:
    cleaned = re.sub(r"[\s\x00-\x1f]", "", unquote(value)).lower()
    return cleaned.startswith(("javascript:", "vbscript:", "data:text/html"))


def audit_site(site: Path, report: Report, finder: NameFinder | None = None,
               base_path: str = "/") -> SiteStats:
    """``base_path`` is where the site is published («/» or «/nastavnichestvo/»):
    root-absolute links (the 404 page uses them) are resolved against it."""
    stats = SiteStats()
    pages: dict[str, _Page] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        size = path.stat().st_size
        stats.files += 1
        stats.total_bytes += size
        if rel.startswith("search/") and path.suffix == ".json":
            stats.search_index_bytes += size
        if path.suffix == ".html":
            stats.pages += 1
            stats.html_bytes += size
            stats.largest_page = max(stats.largest_page, (size, rel))
            pages[rel] = _check_html(path, rel, report, finder)
        elif path.suffix == ".css":
            _check_css(path, rel, report)
        elif path.suffix in _TEXT_SUFFIXES and finder is not None and finder.has_denied:
            _check_text_file(path, rel, report, finder)
    _check_links(pages, site, report, base_path if base_path.endswith("/") else base_path + "/")
    return stats


def _check_html(path: Path, rel: str, report: Report, finder: NameFinder | None) -> _Page:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    for what, url, line in parser.external:
        report.error(Location(f"site/{rel}", line), f"страница загружает {what} с другого "
                     f"сайта: {url}. Сайт должен работать без внешних ресурсов.", "external")
    for what, line in parser.scripting:
        report.error(Location(f"site/{rel}", line), f"в странице исполняемый код: {what}. "
                     "Так быть не должно — сообщите разработчикам.", "script")
    if finder is not None and finder.has_denied:
        _report_names(finder, " ".join(parser.text), f"site/{rel}", report)
        for link in {*parser.links, rel}:
            for hit in finder.find_in_link(link):
                report.error(Location(f"site/{rel}"), f"адрес «{link[:80]}» содержит имя "
                             f"«{hit.text}» ({hit.person.why}); сайт не опубликован.", "PD")
                break
    return parser.page


def _check_css(path: Path, rel: str, report: Report) -> None:
    for match in _CSS_URL.finditer(path.read_text(encoding="utf-8", errors="replace")):
        report.error(Location(f"site/{rel}"), f"стиль загружает ресурс с другого сайта: "
                     f"{match.group(1)}", "external")


def _check_text_file(path: Path, rel: str, report: Report, finder: NameFinder) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":
        try:
            text = " ".join(_json_strings(json.loads(text)))
        except ValueError:
            pass
    _report_names(finder, text, f"site/{rel}", report)


def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


def _report_names(finder: NameFinder, text: str, display: str, report: Report) -> None:
    seen = set()
    for hit in finder.find_known(text):
        if hit.person.full_name in seen:
            continue
        seen.add(hit.person.full_name)
        report.error(Location(display), f"в собранном сайте найдено имя «{hit.text}» "
                     f"({hit.person.why}); сайт не опубликован.", "PD")


def _check_links(pages: dict[str, _Page], site: Path, report: Report, base: str) -> None:
    for rel, page in pages.items():
        here = posixpath.dirname(rel)
        for href, line in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
                continue
            target_rel = rel
            path = unquote(parts.path)
            if path.startswith("/"):
                if not path.startswith(base):
                    report.error(Location(f"site/{rel}", line), f"ссылка «{href}» ведёт за "
                                 f"пределы сайта (он публикуется по адресу {base}).", "link")
                    continue
                path, here = path[len(base):] or ".", ""
            if parts.path:
                joined = posixpath.normpath(posixpath.join(here, path))
                if joined.startswith(".."):
                    report.error(Location(f"site/{rel}", line), f"ссылка «{href}» ведёт за "
                                 "пределы сайта.", "link")
                    continue
                target = site / joined
                if target.is_dir():
                    target = target / "index.html"
                    joined = posixpath.normpath(posixpath.join(joined, "index.html"))
                if not target.exists():
                    report.error(Location(f"site/{rel}", line), f"битая ссылка «{href}»: "
                                 "такой страницы или файла нет.", "link")
                    continue
                target_rel = joined
            fragment = parts.fragment
            if fragment and target_rel in pages and fragment not in pages[target_rel].ids \
                    and not fragment.startswith("__"):
                report.error(Location(f"site/{rel}", line), f"ссылка «{href}» ведёт на "
                             "несуществующий якорь.", "anchor")
