"""Attachments chosen for publication, renamed from their metadata.

Uploaded file names leak personal names (004: «ПП Егорова Элина…pdf»), so
the published name is made from the record's title; the source name never
reaches the site. Each file is listed once even when referenced twice.

An attachment the privacy guard refuses (``on_personal_data: redact``) is
replaced in the public copy by ``WITHHELD``; the page then says «файл не
опубликован» where the link would be, and the reason goes to the curator in
the build's warning, never to the site.

What is published is a copy without metadata (author, EXIF, XMP…):
``publish/clean.py``; its size is the one shown next to the link. A PDF
carries whether it is tagged (``util/pdftags.py``) for the accessibility
statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .. import addresses
from ..util.pdftags import PdfTags, pdf_tags
from ..util.slug import slugify
from ..words import size_text
from .clean import current as current_copies


class Withheld:
    """Stands for an attachment that is not published, in a public copy and
    wherever a ``PublishedFile`` would be. It holds no path (the uploaded name
    may itself be the leak) and is false in a condition, so code that only
    knows published files leaves it out; templates test ``is withheld``."""

    def __bool__(self) -> Literal[False]:  # lets the type checker narrow ``if file:`` too
        return False

    def __repr__(self) -> str:
        return "WITHHELD"


WITHHELD = Withheld()


@dataclass(frozen=True)
class PublishedFile:
    source: Path
    href: str  # path from the docs root, e.g. "files/dokumenty/polozhenie.pdf"
    size: int  # of the published copy, without metadata (publish/clean.py)
    format: str  # «PDF», «DOCX», …
    title: str = ""  # the record's title: the document title of the published copy
    # A PDF's tags (util/pdftags.py): the accessibility statement lists the
    # untagged ones; the copy without metadata keeps the catalog, so its tags.
    tags: PdfTags | None = None

    def data(self) -> bytes:
        """The published bytes: the source without its metadata."""
        return current_copies().data(self.source, self.title)

    @property
    def size_text(self) -> str:
        return size_text(self.size)


# What an attachment becomes on the site: a published file, a withheld one or none.
FileRef = PublishedFile | Withheld | None


class FileRegistry:
    def __init__(self, content_root: Path, prefix: str = addresses.FILES):
        """``prefix``: the folder of the site the files are published in."""
        self.content_root = content_root.resolve()
        self.prefix = prefix
        self._by_source: dict[Path, PublishedFile] = {}
        # A dict, not a set: published models are pickled for the build cache,
        # and a set's order (so its pickle) changes from process to process.
        self._taken: dict[str, None] = {}

    def add(
        self, attachment: str | Withheld | None, title: str, group: str
    ) -> PublishedFile | Withheld | None:
        if isinstance(attachment, Withheld):
            return attachment
        if not attachment:
            return None
        try:
            source = (self.content_root / attachment).resolve()
            source.relative_to(self.content_root)
        except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop
            return WITHHELD  # validation has already reported it
        if not source.is_file():
            return WITHHELD
        if source in self._by_source:
            return self._by_source[source]
        suffix = source.suffix.lower()
        base = f"{self.prefix}/{group}/{slugify(title, 50)}"
        href, n = f"{base}{suffix}", 2
        while href in self._taken:
            href, n = f"{base}-{n}{suffix}", n + 1
        self._taken[href] = None
        size = current_copies().size(source, title)
        tags = pdf_tags(source) if suffix == ".pdf" else None
        published = PublishedFile(source, href, size, suffix.lstrip(".").upper(), title, tags)
        self._by_source[source] = published
        return published

    @property
    def files(self) -> list[PublishedFile]:
        return sorted(self._by_source.values(), key=lambda f: f.href)
