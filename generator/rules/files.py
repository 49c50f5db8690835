"""Attached files must exist inside ``content/`` and be safe to serve.

A path may not climb out of the content folder (``..``, absolute paths,
symlinks to elsewhere), and file types a browser would execute when opened
from our own host (HTML, SVG, JS) are refused.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from ..load.safefile import Refused, is_special, read_limited, refusal

ALLOWED_SUFFIXES = {
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".rtf",
    ".txt",
    ".xls",
    ".xlsx",
    ".ods",
    ".csv",
    ".ppt",
    ".pptx",
    ".odp",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".zip",
    ".sig",
    ".mp4",
    ".mp3",
    ".webm",
}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}


def resolve_attachment(
    content_root: Path, value: str, max_bytes: int, image: bool = False
) -> tuple[Path | None, str | None]:
    """Return (absolute path, None) or (None, Russian explanation)."""
    text = value.strip()
    if "\\" in text:
        fixed = text.replace("\\", "/")
        return None, (f"в пути к файлу обратная косая черта «\\»; пишите через «/»: {fixed}")
    if text.startswith(("/", "~")) or (len(text) > 1 and text[1] == ":"):
        return None, (
            "путь к файлу должен быть относительным — от папки content/, "
            "например files/polozhenie.pdf"
        )
    pure = PurePosixPath(text)
    if ".." in pure.parts:
        return None, "путь к файлу не может выходить за папку content/ («..»)."
    path = content_root / pure
    try:
        present = os.path.lexists(path)
    except ValueError:  # a NUL byte: no such file
        present = False
    if not present:
        return None, f"файл «{text}» не найден в папке content/."
    try:
        resolved = path.resolve(strict=True)
        resolved.relative_to(content_root.resolve())
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop
        return None, (
            f"файл «{text}» — ссылка на файл вне папки content/; положите сам файл в content/."
        )
    refused = refusal(resolved, project=content_root)  # a pipe or a device: never opened
    if refused is not None:
        return None, f"«{text}» — {refused.message}"
    suffix = resolved.suffix.lower()
    allowed = IMAGE_SUFFIXES if image else ALLOWED_SUFFIXES
    if suffix not in allowed:
        kinds = ", ".join(sorted(allowed))
        return None, (
            f"файлы «{suffix or 'без расширения'}» не публикуются (HTML, SVG и "
            f"скрипты браузер выполнил бы на сайте). Допустимо: {kinds}."
        )
    size = resolved.stat().st_size
    if size > max_bytes:
        return None, (
            f"файл «{text}» занимает {size / 1_048_576:.1f} МБ — больше допустимых "
            f"{max_bytes / 1_048_576:.0f} МБ (limits.max_attachment_mb)."
        )
    if size == 0:
        return None, f"файл «{text}» пустой."
    return resolved, None


def theme_problems(theme: Path) -> list[tuple[str, str]]:
    """A project's ``theme/`` overrides are copied into the site build: no
    symlinks out of it (a link to /etc/passwd would be published) and no
    names a server would mishandle. Returns (path, Russian explanation)."""
    if not theme.is_dir():
        return []
    root = theme.resolve()
    problems = []
    for path in sorted(theme.rglob("*")):
        rel = path.relative_to(theme).as_posix()
        try:
            path.resolve(strict=True).relative_to(root)
        except (OSError, ValueError, RuntimeError):
            problems.append(
                (
                    rel,
                    "ссылка на файл или папку вне theme/ (или битая ссылка); "
                    "положите сам файл в theme/.",
                )
            )
            continue
        if path.suffix.lower() == ".html" and not is_special(path) and path.is_file():
            problem = _template_problem(path)
            if problem:
                problems.append((rel, problem))
                continue
        if any(part.startswith(".") for part in rel.split("/")) or " " in rel:
            problems.append(
                (
                    rel,
                    "имя начинается с точки или содержит пробел; переименуйте "
                    "файл латиницей без пробелов.",
                )
            )
    return problems


def theme_special_files(theme: Path) -> list[str]:
    """Pipes, devices and sockets in ``theme/``: never opened nor copied (the
    theme is copied file by file, regular files only), each worth a warning."""
    if not theme.is_dir():
        return []
    return [
        path.relative_to(theme).as_posix() for path in sorted(theme.rglob("*")) if is_special(path)
    ]


MAX_TEMPLATE_BYTES = 1_048_576


def _template_problem(path: Path) -> str | None:
    """A theme template MkDocs (Jinja) will read: UTF-8 text of a sane size."""
    try:
        data = read_limited(path, MAX_TEMPLATE_BYTES)
    except (OSError, Refused):
        return "файл не удаётся прочитать."
    if len(data) > MAX_TEMPLATE_BYTES:
        return "шаблон больше 1 МБ: такой шаблон темы не нужен; проверьте, тот ли это файл."
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return f"шаблон не в кодировке UTF-8 (строка {line}); сохраните его в UTF-8."
    return None
