"""``nastav check-links``: open every evidence link online (seed-model §4.7
V1–V19: the document must exist, be reachable, and be a document, not the
site's home page). Off by default and never part of a build: it needs the
network, and a site that is down today says nothing about the content.

Answers are cached on disk (``.nastav/links.json``) for ``max_age_days`` so
that a second run checks only new links.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urldefrag, urlsplit

from .. import words
from ..diagnostics import Location, Report
from ..load.safefile import Refused, read_limited
from ..schema.fields import Url
from ..schema.walk import walk
from ..util import safejson
from ..util.later import resolved

USER_AGENT = "nastav-check-links/1 (+https://github.com/)"
_DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods")


@dataclass
class Answer:
    status: int | None  # None: no answer
    content_type: str = ""
    final_url: str = ""
    error: str = ""


def fetch(url: str, timeout: float) -> Answer:
    # Cyrillic paths as curators type them («…/Положение.pdf») are sent encoded.
    url = quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read(65536)
            return Answer(response.status, response.headers.get_content_type(), response.geturl())
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, "", url)
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        return Answer(None, error=str(reason)[:100])


def problems(url: str, answer: Answer) -> list[tuple[str, str]]:
    """(severity, Russian message) for one answer."""
    if answer.status is None:
        return [("warning", f"сайт не ответил ({answer.error}); проверьте ссылку позже.")]
    if answer.status in (401, 403):
        return [
            (
                "error",
                f"нет доступа к документу (код {answer.status}): он закрыт паролем "
                "или лежит в личном хранилище (V8).",
            )
        ]
    if answer.status >= 400:
        return [("error", f"документ по ссылке не найден (код {answer.status}) (V7).")]
    found: list[tuple[str, str]] = []
    final = urlsplit(answer.final_url or url)
    if final.path in ("", "/") and urlsplit(url).path not in ("", "/"):
        found.append(
            (
                "error",
                "ссылка перенаправляет на главную страницу сайта, документа по ней нет (V2, V7).",
            )
        )
    elif (
        urlsplit(url).path.lower().endswith(_DOCUMENT_SUFFIXES)
        and answer.content_type == "text/html"
    ):
        found.append(
            (
                "warning",
                "ссылка должна вести на файл документа, а открывается веб-страница (V3, V9).",
            )
        )
    return found


class LinkCache:
    def __init__(self, path: Path, max_age_days: int, today: dt.date):
        self.path = path
        self.max_age = dt.timedelta(days=max_age_days)
        self.today = today
        try:  # our own file; whatever cannot be read back is checked again
            data = safejson.loads(read_limited(path, 100 * 1_048_576))
        except (OSError, ValueError, Refused):
            data = {}
        self.data = data if isinstance(data, dict) else {}

    def get(self, url: str) -> Answer | None:
        entry = self.data.get(url)
        if not isinstance(entry, dict):
            return None
        try:
            checked = dt.date.fromisoformat(entry["checked"])
            answer = Answer(entry["status"], entry["type"], entry["final"], entry["error"])
        except (KeyError, TypeError, ValueError):
            return None
        return answer if self.today - checked <= self.max_age else None

    def put(self, url: str, answer: Answer) -> None:
        self.data[url] = {
            "checked": self.today.isoformat(),
            "status": answer.status,
            "type": answer.content_type,
            "final": answer.final_url,
            "error": answer.error,
        }

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.data, ensure_ascii=False, indent=1), "utf-8")


@dataclass(frozen=True)
class LinkRef:
    """One evidence link and where a curator fixes it."""

    url: str
    where: Location
    label: str  # the field's Russian name
    same_in: tuple[int, ...] = ()  # further rows of the same file with this link

    @property
    def key(self) -> str:
        """What is fetched and cached: «…/monitoring-2025.pdf#k1.2» and «#k1.3» are
        one document (the fragment never reaches the server)."""
        return urldefrag(self.url).url


def _openable(url: str) -> bool:
    """One http(s) address; anything else is an offline error already (V15–V19)."""
    return url.startswith(("http://", "https://")) and not any(c.isspace() for c in url)


def record_links(records) -> Iterator[LinkRef]:
    for record in records:
        for leaf in walk(record):
            if leaf.type is Url and _openable(str(leaf.value).strip()):
                src = record.src
                yield LinkRef(
                    str(leaf.value).strip(),
                    Location(src.file, src.line_of(leaf.path), src.field_path(leaf.path)),
                    leaf.meta.label,
                )


def observation_links(observations) -> Iterator[LinkRef]:
    """Monitoring evidence: one link per file and document, with its rows."""
    rows: dict[tuple[str, str], list] = {}
    for item in observations:
        link = (item.link or "").strip()
        if _openable(link):
            rows.setdefault((item.where.file, urldefrag(link).url), []).append((item, link))
    for found in rows.values():
        first, link = found[0]
        yield LinkRef(
            link,
            Location(first.where.file, first.where.line, "ссылка"),
            "Ссылка на подтверждающий документ",
            tuple(o.where.line for o, _ in found[1:]),
        )


def project_links(project: Path, settings, report: Report) -> list[LinkRef]:
    """Every evidence link of a project: a school's records, or a municipality's
    own records, every organization's records and the monitoring values."""
    from ..load.content import load_org_content
    from .org_rules import records_of

    if settings.config.mode != "municipal":
        content = load_org_content(project / "content", "content", settings, report)
        return list(record_links(records_of(content)))
    from ..load.municipal import load_municipal
    from .municipal_rules import municipal_records

    muni = load_municipal(project, settings, report)
    records = list(municipal_records(muni))
    for org in muni.orgs.values():
        records += records_of(org)
    return [*record_links(records), *observation_links(resolved(muni.observations))]


def check_links_online(
    links: list[LinkRef],
    cache: LinkCache,
    timeout: float,
    report: Report,
    say=lambda text: None,
    workers: int = 8,
) -> int:
    """Open every link not answered in the cache (``workers`` at a time: a
    municipality has hundreds of documents); report in the links' order.
    Returns how many were fetched."""
    answers = {key: a for key in {link.key for link in links} if (a := cache.get(key))}
    todo = list(dict.fromkeys(link.key for link in links if link.key not in answers))
    for key in todo:
        say(f"Проверка {key}")
    if todo:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(todo)))) as pool:
            for key, answer in zip(todo, pool.map(lambda k: fetch(k, timeout), todo)):
                answers[key] = answer
                cache.put(key, answer)
    for link in links:
        more = ""
        if link.same_in:
            more = f" Та же ссылка — {words.lines_phrase(link.same_in[:10])}" + (
                " и других." if len(link.same_in) > 10 else "."
            )
        for severity, message in problems(link.key, answers[link.key]):
            emit = report.error if severity == "error" else report.warning
            emit(link.where, f"{link.label}: {message}{more}", "online")
    cache.save()
    return len(todo)
