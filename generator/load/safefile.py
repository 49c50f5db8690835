"""Which files of a project nastav reads at all: regular files inside the project.

Every reader of project files (records, ``site_config.yml``, monitoring
tables, conclusions, theme templates, attachments, feeds kept as files) asks
``refusal`` first, which looks at the file without opening it:

* a named pipe (FIFO), a device or a socket is never opened: opening a pipe
  blocks until someone writes into it, and a device may never end. Such an
  entry is skipped with a warning (an error where the file is required);
* a symbolic link must lead to a regular file inside the project (the
  folder holding ``site_config.yml``, or the project's own ``content/`` or
  ``theme/`` when that folder itself is a link), as attachments must: a
  link to ``/etc/passwd`` would otherwise be read and published.

``open_regular`` then opens without blocking and checks again what was
opened (the entry may have been replaced in between).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..diagnostics import Location, Report

CONFIG_NAME = "site_config.yml"
SPECIAL = (
    "не обычный файл (именованный канал, устройство или сокет): nastav такие файлы "
    "не открывает. Удалите его или замените обычным файлом."
)


class Refused(Exception):
    """Why a file is not read, in Russian; ``severity`` is "error" or "warning"."""

    def __init__(self, message: str, severity: str = "warning"):
        super().__init__(message)
        self.message = message
        self.severity = severity


def project_of(path: Path) -> Path | None:
    """The nearest folder above ``path`` holding ``site_config.yml``."""
    for folder in Path(os.path.abspath(path)).parents:
        if os.path.lexists(folder / CONFIG_NAME):
            return folder
    return None


def refusal(path: Path, project: Path | None = None) -> Refused | None:
    """Why ``path`` must not be read, or None for a regular file inside the
    project (``project``; by default the nearest folder with site_config.yml).
    Nothing is opened."""
    try:
        info = os.lstat(path)
    except (OSError, ValueError) as exc:
        return Refused(f"файл не удаётся прочитать ({_reason(exc)}).", "error")
    target: Path | None = None
    if stat.S_ISLNK(info.st_mode):
        try:
            target = Path(path).resolve(strict=True)
            info = os.stat(target)
        except (OSError, RuntimeError):  # RuntimeError: a loop of links
            return Refused(
                "ссылка (symlink) никуда не ведёт или ведёт по кругу; "
                "положите на её место сам файл.",
                "error",
            )
    project = project or project_of(path)
    # The file itself or a folder on its way may be the link that leads out.
    if project is not None:
        target = target or Path(os.path.realpath(path))
        if not _inside(Path(path), target, project):
            return Refused(
                "ссылка (symlink) на файл вне папки проекта (или файл в папке-ссылке "
                "наружу): такие файлы не читаются и не публикуются. Положите сам файл "
                "в проект.",
                "error",
            )
    if stat.S_ISDIR(info.st_mode):
        return Refused("это папка, а не файл.", "error")
    if not stat.S_ISREG(info.st_mode):
        return Refused(SPECIAL)
    return None


def is_special(path: Path) -> bool:
    """A pipe, device or socket (following links): never to be opened."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def skipped(
    path: Path, display: str, report: Report, required: bool = False, line: int | None = None
) -> bool:
    """Report why ``path`` is not read (a warning, or an error when the file is
    required or the reason is an error) and return True; False for a file that
    may be read."""
    refused = refusal(path)
    if refused is None:
        return False
    where = Location(display, line)
    if refused.severity == "error" or required:
        report.error(where, refused.message, "file")
    else:
        report.warning(where, refused.message + " Файл пропущен.", "file")
    return True


def open_regular(path: Path) -> BinaryIO:
    """Open for reading without ever blocking on a pipe; raise ``Refused``
    when what was opened is not a regular file."""
    # Windows has neither the flag nor pipes in its file system.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Refused(SPECIAL)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_limited(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file (the caller compares with
    ``limit``); raises ``Refused`` or ``OSError``."""
    with open_regular(path) as stream:
        return stream.read(limit + 1)


def _inside(link: Path, target: Path, project: Path) -> bool:
    """Is ``target`` inside the project, or inside the project's top folder
    (content/, theme/) that ``link`` lies in, should that folder be a link?"""
    roots = [project]
    try:
        parts = Path(os.path.abspath(link)).relative_to(Path(os.path.abspath(project))).parts
    except ValueError:
        parts = ()
    if len(parts) > 1:  # the link lies in a folder of the project: that folder may be a link
        roots.append(project / parts[0])
    for root in roots:
        try:
            target.relative_to(root.resolve())
            return True
        except (OSError, ValueError, RuntimeError):
            continue
    return False


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
        return "слишком длинное имя файла"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def read_project_text(
    path: Path, display: str, report: Report, limit: int = 20 * 1_048_576
) -> str | None:
    """The text of a project file another command edits (``nastav import``,
    ``nastav new``): None when there is no such file, or after an error in
    ``report`` when it is not a regular file inside the project, too large or
    not text (load/encoding.py)."""
    from .encoding import decode_text

    try:
        if not os.path.lexists(path):
            return None
    except ValueError:
        return None
    if skipped(path, display, report, required=True):
        return None
    try:
        data = read_limited(path, limit)
    except Refused as refused:
        report.error(Location(display), refused.message, "file")
        return None
    except OSError as exc:
        report.error(Location(display), f"файл не удаётся прочитать ({_reason(exc)}).", "io")
        return None
    if len(data) > limit:
        report.error(
            Location(display),
            f"файл больше {limit // 1_048_576} МБ: так много записей "
            "в одном файле не бывает; проверьте, тот ли это файл.",
            "size",
        )
        return None
    return decode_text(data, display, report)
