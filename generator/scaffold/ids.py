"""Record ids for new and imported records: stable, readable, Latin."""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from ..util.slug import slugify, transliterate


def person_id(full_name: str) -> str:
    """«Иванова Елена Анатольевна» → ``ivanova-ea`` (surname and initials)."""
    words = [w for w in full_name.replace(".", " ").split() if w]
    if not words:
        return "item"
    surname = slugify(words[0], 40)
    initials = "".join(transliterate(w[0])[:1] for w in words[1:3])
    return f"{surname}-{initials}" if initials else surname


def free_id(folder: Path, base: str, taken: Set[str] = frozenset()) -> str:
    """``base`` or ``base-2``, ``base-3``… not used by a file (drafts included)."""
    candidate, n = base, 2
    while candidate in taken or any((folder / f"{p}{candidate}.yml").exists() for p in ("", "_")):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def numbered_id(folder: Path, prefix: str) -> str:
    """``prefix-01``, ``prefix-02``… the first number not yet used."""
    n = 1
    while (folder / f"{prefix}-{n:02d}.yml").exists() or (
        folder / f"_{prefix}-{n:02d}.yml"
    ).exists():
        n += 1
    return f"{prefix}-{n:02d}"


def academic_year(start_year: int, start_month: int) -> str:
    year = start_year if start_month >= 8 else start_year - 1
    return f"{year}/{year + 1}"
