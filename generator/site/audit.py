"""Stage 6: check the built site before it replaces the published one.

* nothing is loaded from another host (scripts, styles, fonts, images, frames);
* no script can run from content (event handlers, ``javascript:`` links);
* every internal link and anchor resolves;
* no denied name (mentees, people without consent) appears in any file,
  search index and data downloads included.
It also measures the site: pages, sizes, search index. What a file yields
is cached by its content hash, so a rebuild re-reads only changed files.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import Location, Report
from ..privacy.names import NameFinder
from .scan import css_external, scan_html

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
class _FileResult:
    problems: list[tuple[int | None, str, str]]  # line, message, code
    links: list[tuple[str, int]]
    ids: set[str]


def audit_site(site: Path, report: Report, finder: NameFinder | None = None,
               base_path: str = "/", cache_file: Path | None = None) -> SiteStats:
    """``base_path`` is where the site is published («/» or «/nastavnichestvo/»):
    root-absolute links (the 404 page uses them) are resolved against it."""
    stats = SiteStats()
    fingerprint = finder.fingerprint if finder is not None else ""
    cache = _load(cache_file)
    fresh: dict[str, _FileResult] = {}
    pages: dict[str, _FileResult] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        stats.files += 1
        stats.total_bytes += len(data)
        if rel.startswith(("search/", "pagefind")) and path.suffix in (".json", ".pf_index",
                                                                        ".pf_meta"):
            stats.search_index_bytes += len(data)
        suffix = path.suffix
        if suffix == ".html":
            stats.pages += 1
            stats.html_bytes += len(data)
            stats.largest_page = max(stats.largest_page, (len(data), rel))
        if suffix not in (".html", ".css") and suffix not in _TEXT_SUFFIXES:
            continue
        key = hashlib.sha1(data).hexdigest() + fingerprint + suffix
        result = cache.get(key) or _examine(data.decode("utf-8", "replace"), suffix, finder)
        fresh[key] = result
        for line, message, code in result.problems:
            report.error(Location(f"site/{rel}", line), message, code)
        if suffix == ".html":
            pages[rel] = result
    _check_links(pages, site, report, base_path if base_path.endswith("/") else base_path + "/")
    _save(cache_file, fresh)
    return stats


def _examine(text: str, suffix: str, finder: NameFinder | None) -> _FileResult:
    problems: list[tuple[int | None, str, str]] = []
    if suffix == ".css":
        for url in css_external(text):
            problems.append((None, f"стиль загружает ресурс с другого сайта: {url}", "external"))
        return _FileResult(problems, [], set())
    if suffix != ".html":
        if finder is not None and finder.has_denied:
            if suffix == ".json":
                try:
                    text = " ".join(_json_strings(json.loads(text)))
                except ValueError:
                    pass
            problems += _names(finder, text)
        return _FileResult(problems, [], set())
    page = scan_html(text)
    for what, url, line in page.external:
        problems.append((line, f"страница загружает {what} с другого сайта: {url}. Сайт должен "
                               "работать без внешних ресурсов.", "external"))
    for what, line in page.scripting:
        problems.append((line, f"в странице исполняемый код: {what}. Так быть не должно — "
                               "сообщите разработчикам.", "script"))
    if finder is not None and finder.has_denied:
        problems += _names(finder, page.text)
        for address in page.addresses:
            hits = finder.find_in_link(address)
            if hits:
                problems.append((None, f"адрес «{address[:80]}» содержит имя «{hits[0].text}» "
                                       f"({hits[0].person.why}); сайт не опубликован.", "PD"))
    return _FileResult(problems, page.links, page.ids)


def _names(finder: NameFinder, text: str) -> list[tuple[int | None, str, str]]:
    seen, problems = set(), []
    for hit in finder.find_known(text):
        if hit.person.full_name not in seen:
            seen.add(hit.person.full_name)
            problems.append((None, f"в собранном сайте найдено имя «{hit.text}» "
                                   f"({hit.person.why}); сайт не опубликован.", "PD"))
    return problems


def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


def _check_links(pages: dict[str, _FileResult], site: Path, report: Report, base: str) -> None:
    files = {p.relative_to(site).as_posix() for p in site.rglob("*")}
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
                if joined == "." or posixpath.join(joined, "index.html") in files:
                    joined = posixpath.normpath(posixpath.join(joined, "index.html"))
                if joined not in files:
                    report.error(Location(f"site/{rel}", line), f"битая ссылка «{href}»: "
                                 "такой страницы или файла нет.", "link")
                    continue
                target_rel = joined
            fragment = parts.fragment
            if fragment and target_rel in pages and fragment not in pages[target_rel].ids \
                    and not fragment.startswith("__"):
                report.error(Location(f"site/{rel}", line), f"ссылка «{href}» ведёт на "
                             "несуществующий якорь.", "anchor")


def _load(cache_file: Path | None) -> dict[str, _FileResult]:
    if cache_file is None or not cache_file.exists():
        return {}
    try:
        with open(cache_file, "rb") as f:
            return pickle.load(f)
    except Exception:  # a cache from another version or a cut-off write: start over
        return {}


def _save(cache_file: Path | None, results: dict[str, _FileResult]) -> None:
    if cache_file is None:
        return
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache_file.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        pickle.dump(results, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(cache_file)
