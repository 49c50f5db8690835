"""``nastav check-links``: open every evidence link online (seed-model §4.7
V1–V19: the document must exist, be reachable, and be a document, not the
site's home page). Off by default and never part of a build: it needs the
network, and a site that is down today says nothing about the content.

Answers are cached on disk (``.nastav/links.json``) for ``max_age_days`` so
that a second run checks only new links.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..diagnostics import Location, Report
from ..schema.fields import Url
from ..schema.walk import walk

USER_AGENT = "nastav-check-links/1 (+https://github.com/)"
_DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods")


@dataclass
class Answer:
    status: int | None  # None: no answer
    content_type: str = ""
    final_url: str = ""
    error: str = ""


def fetch(url: str, timeout: float) -> Answer:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read(65536)
            return Answer(response.status, response.headers.get_content_type(),
                          response.geturl())
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, "", url)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return Answer(None, error=str(reason)[:100])


def problems(url: str, answer: Answer) -> list[tuple[str, str]]:
    """(severity, Russian message) for one answer."""
    if answer.status is None:
        return [("warning", f"сайт не ответил ({answer.error}); проверьте ссылку позже.")]
    if answer.status in (401, 403):
        return [("error", f"нет доступа к документу (код {answer.status}): он закрыт паролем "
                          "или лежит в личном хранилище (V8).")]
    if answer.status >= 400:
        return [("error", f"документ по ссылке не найден (код {answer.status}) (V7).")]
    found: list[tuple[str, str]] = []
    final = urlsplit(answer.final_url or url)
    if final.path in ("", "/") and urlsplit(url).path not in ("", "/"):
        found.append(("error", "ссылка перенаправляет на главную страницу сайта, документа "
                               "по ней нет (V2, V7)."))
    elif urlsplit(url).path.lower().endswith(_DOCUMENT_SUFFIXES) and \
            answer.content_type == "text/html":
        found.append(("warning", "ссылка должна вести на файл документа, а открывается "
                                 "веб-страница (V3, V9)."))
    return found


class LinkCache:
    def __init__(self, path: Path, max_age_days: int, today: dt.date):
        self.path = path
        self.max_age = dt.timedelta(days=max_age_days)
        self.today = today
        try:
            self.data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            self.data = {}

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
        self.data[url] = {"checked": self.today.isoformat(), "status": answer.status,
                          "type": answer.content_type, "final": answer.final_url,
                          "error": answer.error}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.data, ensure_ascii=False, indent=1), "utf-8")


def check_links_online(records, cache: LinkCache, timeout: float, report: Report,
                       say=lambda text: None) -> int:
    """Check every ``Url`` field of ``records``; returns how many were fetched."""
    fetched = 0
    for record in records:
        for leaf in walk(record):
            if leaf.type is not Url or not str(leaf.value).startswith(("http://", "https://")):
                continue
            url = str(leaf.value).strip()
            answer = cache.get(url)
            if answer is None:
                say(f"Проверка {url}")
                answer = fetch(url, timeout)
                cache.put(url, answer)
                fetched += 1
            src = record.src
            where = Location(src.file, src.line_of(leaf.path), src.field_path(leaf.path))
            for severity, message in problems(url, answer):
                emit = report.error if severity == "error" else report.warning
                emit(where, f"{leaf.meta.label}: {message}", "online")
    cache.save()
    return fetched
