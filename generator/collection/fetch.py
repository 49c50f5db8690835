"""Getting another site's practice feed: a file of the project or an
address fetched at build time, with a copy kept in ``.nastav/collections/``.

A copy younger than ``FRESH_SECONDS`` is used without going to the network
(``nastav serve`` rebuilds often); when the site cannot be reached the last
good copy is used with a warning, so offline rebuilds work. Only responses
that parse as JSON replace the copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..config import CollectionSource
from ..load.safefile import Refused, read_limited, refusal
from ..util import safejson
from ..workspace import Workspace

FRESH_SECONDS = 600
MAX_BYTES = 20 * 1_048_576


class FetchError(Exception):
    """A reason in Russian, for people."""


@dataclass
class Fetched:
    text: str
    origin: str  # the address or file the feed came from
    note: str | None = None  # a warning: «использована сохранённая копия …»


def cache_path(project_dir: Path, source: CollectionSource) -> Path:
    digest = hashlib.sha1((source.url or "").encode("utf-8")).hexdigest()[:10]
    return Workspace.of(project_dir).collections / f"{digest}.json"


def get_feed(source: CollectionSource, project_dir: Path) -> Fetched:
    if source.file and not source.url:
        return _read_file(project_dir, source.file)
    if source.url and not source.file:
        return _fetch_cached(source, source.url, project_dir)
    raise FetchError("укажите для коллекции либо адрес ленты (url), либо файл (file).")


def _read_file(project_dir: Path, name: str) -> Fetched:
    path = project_dir / name
    try:
        present = os.path.lexists(path)
    except ValueError:  # a NUL in the name
        present = False
    if not present:
        raise FetchError(f"файла ленты «{name}» нет (путь считается от папки проекта).")
    # A regular file, never a pipe or a device (load/safefile.py); it may lie
    # outside the project: a feed downloaded next to it.
    refused = refusal(path, project=Path(path.anchor))
    if refused is not None:
        raise FetchError(f"файл ленты «{name}»: {refused.message}")
    try:
        data = read_limited(path, MAX_BYTES)
    except (OSError, Refused) as exc:
        raise FetchError(f"файл ленты «{name}» не удаётся прочитать ({exc}).") from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"файл ленты «{name}» больше {MAX_BYTES // 1_048_576} МБ.")
    return Fetched(_decode(data, name), name)


def _stored(cached: Path) -> str | None:
    """The kept copy of a feed, or None: a copy that cannot be read back (cut
    off, damaged, not ours) is deleted and fetched again."""
    try:
        text = read_limited(cached, MAX_BYTES).decode("utf-8")
        if len(text) > MAX_BYTES:
            raise ValueError("too large")
        safejson.loads(text)
        return text
    except FileNotFoundError:
        return None
    except (OSError, ValueError, Refused):
        try:
            cached.unlink()
        except OSError:
            pass
        return None


def _fetch_cached(source: CollectionSource, url: str, project_dir: Path) -> Fetched:
    url = url.strip()
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise FetchError(f"адрес ленты «{url}» должен начинаться с https:// или http://.")
    cached = cache_path(project_dir, source)
    if cached.is_file() and time.time() - cached.stat().st_mtime < FRESH_SECONDS:
        fresh = _stored(cached)
        if fresh is not None:
            return Fetched(fresh, url)
    try:
        text = _download(url, source.timeout)
        safejson.loads(text)
    except (FetchError, ValueError) as exc:
        reason = str(exc) if isinstance(exc, FetchError) else f"ответ сайта {exc}"
        kept = _stored(cached) if cached.is_file() else None
        if kept is None:
            raise FetchError(
                f"не удалось получить ленту {url}: {reason}. Сохранённой копии "
                "нет; проверьте адрес или подключение к сети."
            ) from None
        when = dt.datetime.fromtimestamp(cached.stat().st_mtime).strftime("%d.%m.%Y %H:%M")
        return Fetched(
            kept,
            url,
            f"не удалось получить ленту {url}: {reason}; использована сохранённая копия от {when}.",
        )
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(cached)
    return Fetched(text, url)


def _download(url: str, timeout: float) -> str:
    # Imported here: urllib.request brings http.client and ssl (0.01 s of every build).
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url, headers={"User-Agent": "nastav (practice feed)", "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"сайт ответил ошибкой {exc.code}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (socket.timeout, TimeoutError)):
            raise FetchError(f"сайт не ответил за {timeout:g} с") from None
        raise FetchError(f"сайт недоступен ({exc.reason})") from None
    except TimeoutError:
        raise FetchError(f"сайт не ответил за {timeout:g} с") from None
    except (OSError, ValueError) as exc:
        raise FetchError(f"ошибка соединения ({exc})") from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"лента больше {MAX_BYTES // 1_048_576} МБ")
    return _decode(data, url)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FetchError(f"лента «{name}» не в кодировке UTF-8.") from None
