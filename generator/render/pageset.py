"""Addressing and rendering shared by every set of pages.

A page set has sections (folders under a base path); templates link with
``link(section, record_id=None, anchor=None)`` and never build paths
themselves, so the same templates work at the root of a school site and
under ``orgs/<id>/`` of a municipal portal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .. import addresses
from ..config import Settings
from ..util.pagelinks import relative
from ..util.stored import HashedBytes, SlicedBytes, as_bytes
from .tables import Table

# Pagefind joins the text of adjacent table cells, terms and figures when no
# whitespace separates their tags («Статусзавершена»), so such words cannot
# be found and excerpts run together. A space after the closing tag changes
# nothing on screen.
_CELL_END = re.compile(
    r"(</(?:dt|dd|th|td|tr|caption|li)>|"
    r'<span class="nst-figure__value">[^<]*</span>)(?=<)'
)


class Page:
    """A page of the docs tree: its path («…/index.md» or «index.md»), title,
    Markdown and what template made it (``kind``: for tests and the audit).

    ``digest``: SHA-1 of the Markdown in UTF-8 (three times as fast as
    SHA-256 here; it tells a change, it guards nothing): the docs tree's
    manifest (build/tree.py) and the page cache (build/engine.py) compare
    it. Worked out as the page is made and kept with it in the stage cache
    (memo.py), which keeps the Markdown as UTF-8 bytes, read back as they
    are and decoded only when the text is asked for: a region's rebuild
    reads 14,000 cached pages, 180 MB, and needs the text of a handful.
    A page is never changed once made."""

    __slots__ = ("_data", "_text", "digest", "kind", "path", "title")

    def __init__(self, path: str, title: str, content: str, kind: str = "page") -> None:
        self.path, self.title, self.kind = path, title, kind
        self._text: str | None = content
        # The text or its bytes is kept, not both; the bytes maybe in the stage cache.
        self._data: bytes | SlicedBytes | None = None
        data = content.encode("utf-8")
        self.digest: bytes = hashlib.sha1(data, usedforsecurity=False).digest()

    @property
    def content(self) -> str:
        if self._text is None:
            assert self._data is not None
            self._text, self._data = as_bytes(self._data).decode("utf-8"), None
        return self._text

    @property
    def data(self) -> bytes:
        """The Markdown in UTF-8, as the docs tree holds it."""
        return as_bytes(self._data) if self._data is not None else self.content.encode("utf-8")

    def __reduce__(self) -> tuple[Any, tuple]:
        # Bytes carrying their hash: a stage kept aside keeps them out of its
        # result (memo.py), a rebuild reads those of the changed pages alone.
        data = self._data
        if type(data) not in (SlicedBytes, HashedBytes):
            data = HashedBytes.of(self.data, self.digest)
        return _stored_page, (self.path, self.title, self.kind, self.digest, data)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Page):
            return NotImplemented
        return (self.path, self.title, self.kind, self.digest) == (
            other.path,
            other.title,
            other.kind,
            other.digest,
        )

    def __hash__(self) -> int:
        return hash((self.path, self.digest))

    def __repr__(self) -> str:
        return f"Page(path={self.path!r}, title={self.title!r}, kind={self.kind!r})"


def _stored_page(
    path: str, title: str, kind: str, digest: bytes, data: bytes | SlicedBytes
) -> Page:
    """A page read back from the stage cache: its text decoded when asked for."""
    page = Page.__new__(Page)
    page.path, page.title, page.kind, page.digest = path, title, kind, digest
    page._text, page._data = None, data
    return page


def page_of_data(path: str, title: str, data: bytes, kind: str = "page") -> Page:
    """A page made of Markdown in UTF-8 (changed as bytes: report/sections.py)."""
    return _stored_page(path, title, kind, hashlib.sha1(data, usedforsecurity=False).digest(), data)


@dataclass(frozen=True)
class Section:
    key: str
    slug: str  # folder under the base; "" is the home page of the set
    title: str
    template: str


class PageSet:
    sections: list[Section] = []
    record_sections: dict[str, str] = {}  # page kind of a record → its list section

    def __init__(
        self,
        settings: Settings,
        env: jinja2.Environment,
        base: str = "",
        parents: list[tuple[str, str]] | None = None,
    ):
        self.settings = settings
        self.env = env
        self.base = base
        self.parents = parents or []
        self._by_key = {s.key: s for s in self.sections}
        self.downloads: list[tuple[str, bytes]] = []  # generated files: docs path → bytes

    def offer(self, table: Table | None, folder: str) -> Table | None:
        """A table of a page in ``folder``: its CSV and XLSX are written
        next to the page, and ``table.html(href)`` links them."""
        if table is not None:
            self.downloads += table.downloads(folder)
        return table

    def href_from(self, page: str) -> Callable[[str], str]:
        """Links from the page at docs path ``page`` to any docs path."""
        return lambda target: relative(page, target)

    def vocab_label(self, vocab: str, term_id: str) -> str:
        return self.settings.vocabularies[vocab].label(term_id)

    def record_href(self, page: str, key: str) -> Callable[[str], str]:
        """Links from the page at ``page`` to the record pages of section ``key``."""
        return lambda record_id: relative(page, self.folder(key, record_id))

    # -- addressing ----------------------------------------------------------------
    def folder(self, key: str, record_id: str | None = None) -> str:
        """The address of section ``key``'s page, or of a record's page in it."""
        page = addresses.section(self._by_key[key].slug, self.base)
        return addresses.section(record_id or "", page)

    def anchor_for(self, key: str) -> str | None:
        """Compact sets send list sections to an anchor of one page."""
        return None

    def doc_path(self, key: str, record_id: str | None = None) -> str:
        return addresses.doc_path(self.folder(key, record_id))

    def title(self, key: str) -> str:
        return self._by_key[key].title

    def updated(self, key: str, record_id: str | None = None) -> dt.date | None:
        """«Обновлено» of section ``key``'s page or of a record's page in it
        (``publish/freshness.py``); None: no dated record, no date."""
        return None

    def nav(self) -> list[tuple[str, str]]:
        return [(self.title(s.key), self.doc_path(s.key)) for s in self.sections]

    def section_page(self, section: Section, **context: Any) -> Page:
        context.setdefault("updated", self.updated(section.key))
        return self.render(
            section.template,
            self.doc_path(section.key),
            self.title(section.key),
            section.key,
            **context,
        )

    # -- rendering -----------------------------------------------------------------
    def context(self) -> dict[str, Any]:
        """What every template of this set sees besides the page's own data."""
        return {}

    def crumbs(self, path: str, kind: str) -> list[tuple[str, str]]:
        trail = list(self.parents)
        home = self.sections[0]
        if path != self.doc_path(home.key):
            trail.append((self.title(home.key), self.folder(home.key)))
        section_key = self.record_sections.get(kind)
        if section_key and not self.anchor_for(section_key):
            trail.append((self.title(section_key), self.folder(section_key)))
        return trail

    def render(self, template: str, path: str, title: str, kind: str, **context: Any) -> Page:
        # Our own paths are made of slugs: HTML-escaped, not Markdown-escaped.
        def link(key: str, record_id: str | None = None, anchor: str | None = None) -> Markup:
            target = relative(path, self.folder(key, record_id))
            anchor = anchor or (None if record_id else self.anchor_for(key))
            return escape(f"{target}#{anchor}" if anchor else target)

        def href(target: str) -> Markup:
            """Link to any docs path (a folder «…/» or a file)."""
            return escape(relative(path, target))

        def file_href(published) -> Markup:
            return escape(relative(path, published.href))

        def label(vocab: str, term_id: str) -> str:
            return self.settings.vocabularies[vocab].label(term_id)

        trail = context.pop("trail", None) or self.crumbs(path, kind)
        context.setdefault("updated", None)  # a page's date: ``m.updated(updated)``
        content = self.env.get_template(template).render(
            title=title,
            page_path=path,
            link=link,
            href=href,
            file_href=file_href,
            label=label,
            sections=self.sections,
            section_title=self.title,
            crumbs=[(text, relative(path, target)) for text, target in trail],
            **{**self.context(), **context},
        )
        return Page(path, title, _CELL_END.sub(r"\1 ", content), kind)
