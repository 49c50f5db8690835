"""Pages of one organization's «Наставничество» section.

A school project gets every section. Inside a municipal portal the same
organization is shown compactly: one organization page (documents,
figures, mentors, programs, practices) plus the record pages, which reuse
the school templates and link back to anchors of that page. Sections go
into the navigation; records are reached from list pages only, so the
navigation — which Material repeats on every page — stays small.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

import jinja2

from .. import addresses
from ..collection import collection_files, make_collection
from ..collection.local import school_cards
from ..collection.model import Collection, PracticeCard
from ..config import Settings
from ..kinds import ORG_KINDS, sections_in_order
from ..publish.org import PublicOrg
from . import page_tables
from .accessibility import org_statement
from .catalog import SchoolPaths, card_page, catalog_context
from .filed_tables import filed_table
from .pageset import Page, PageSet, Section
from .tables import Table

HOME = Section("home", "", "Наставничество", "org/home.md.j2")
SEARCH = Section("search", addresses.SEARCH, "Поиск", "search.md.j2")
ACCESSIBILITY = Section(
    "accessibility", addresses.ACCESSIBILITY, "Сведения о доступности", "accessibility.md.j2"
)
# The kinds' list pages (kinds/), between the home page and the search.
SECTIONS = [
    HOME,
    *(
        Section(k.section_key or k.key, k.section.slug, k.section.title, k.section.template)
        for k in sections_in_order()
        if k.section
    ),
    SEARCH,
    ACCESSIBILITY,
]
# Anchors of the organization page in a municipal portal (compact mode).
COMPACT_ANCHORS = {
    **{
        k.section_key or k.key: k.section.compact_anchor
        for k in sections_in_order()
        if k.section and k.section.compact_anchor
    },
    "search": "kontakty",
}
FILED = {k.section_key or k.key: k for k in ORG_KINDS if k.publish == "filed" and k.section}
OPTIONAL = {k.section_key or k.key: k for k in ORG_KINDS if k.section and k.section.optional}


def sections_of(org: PublicOrg) -> list[Section]:
    """The sections an organization has: an optional one (a «filed» kind)
    only when it has records."""
    return [s for s in SECTIONS if s.key not in OPTIONAL or org.parts.get(OPTIONAL[s.key].key)]


class OrgPages(PageSet):
    sections = SECTIONS
    record_sections = {"program": "programs", "practice": "practices", "news": "news"}

    def __init__(
        self,
        org: PublicOrg,
        settings: Settings,
        env: jinja2.Environment,
        base: str = "",
        home_title: str | None = None,
        parents: list[tuple[str, str]] | None = None,
        compact: bool = False,
        extra: dict[str, Any] | None = None,
        imported: Sequence[PracticeCard] = (),
        collection: Collection | None = None,
    ):
        """``imported``: cards of other sites for the catalog; a compact set gets
        the portal's ``collection`` instead of making its own."""
        self.sections = sections_of(org)
        super().__init__(settings, env, base, parents)
        self.org = org
        self.home_title = home_title or "Наставничество"
        self.compact = compact
        self.extra = extra or {}
        self.downloads: list[tuple[str, bytes]] = []
        if collection is None:
            cards, typical = school_cards(org, settings, SchoolPaths(self))
            name = settings.config.site_name or org.organization.short_name
            collection = make_collection(
                cards, typical, list(imported), settings, name, self.folder("practices")
            )
        self.collection: Collection = collection

    def folder(self, key: str, record_id: str | None = None) -> str:
        if self.compact and not record_id:
            return self.base
        return super().folder(key, record_id)

    def anchor_for(self, key: str) -> str | None:
        return COMPACT_ANCHORS.get(key) if self.compact else None

    def title(self, key: str) -> str:
        return self.home_title if key == "home" else super().title(key)

    def updated(self, key: str, record_id: str | None = None) -> dt.date | None:
        return self.org.freshness.of(key, record_id)

    def context(self) -> dict[str, Any]:
        owner = self.org.organization.full_name if self.org.organization else ""
        return {"org": self.org, "today": self.org.today, "owner_name": owner, **self.extra}

    # -- pages ---------------------------------------------------------------------
    def pages(self) -> list[Page]:
        pages = [] if self.compact else [self._section(s) for s in self.sections]
        if not self.compact:
            self.downloads += collection_files(self.collection, self.settings)
        return pages + self.record_pages()

    def record_pages(self) -> list[Page]:
        pages = []
        for view in self.org.programs:
            p = view.program
            pages.append(
                self.render(
                    "org/program.md.j2",
                    self.doc_path("programs", p.id),
                    p.title,
                    "program",
                    view=view,
                    updated=self.updated("programs", p.id),
                    activities=self.offer(
                        page_tables.activities_table(p), self.folder("programs", p.id)
                    ),
                )
            )
        for practice in self.org.practices:
            card = self.collection.by_page(self.folder("practices", practice.id))
            assert card is not None  # the collection has a card for every published practice
            pages.append(card_page(self, card, self.collection))
        for news in self.org.news:
            pages.append(
                self.render(
                    "org/news_item.md.j2",
                    self.doc_path("news", news.item.id),
                    news.item.title,
                    "news",
                    news=news,
                    updated=self.updated("news", news.item.id),
                )
            )
        return pages

    def _section(self, section: Section) -> Page:
        extra: dict[str, Any] = {}
        if section.key == "home":
            extra = home_figures(self.org)
        if section.key == "programs":
            extra = {"facets": self._program_facets()}
        if section.key == "practices":
            extra = catalog_context(self.collection)
        if section.key in FILED:
            extra = {"records": self.org.parts.get(FILED[section.key].key, [])}
        if section.key == ACCESSIBILITY.key:
            extra = org_statement(self.org)
        extra.update(self._tables(section.key, extra))
        return self.section_page(section, **extra)

    def _tables(self, key: str, extra: dict[str, Any]) -> dict[str, Any]:
        """The section's tables (render/page_tables.py), each offered as CSV
        and XLSX next to its page."""
        folder, org = self.folder(key), self.org
        label = self.vocab_label
        if key in FILED:
            link = self.href_from(self.doc_path(key))
            vocabularies = self.settings.vocabularies
            table = filed_table(FILED[key], extra["records"], vocabularies, link)
            return {"records_table": self.offer(table, folder)}
        if key == "home":
            table = page_tables.programs_by_form(extra["form_table"], extra["statuses"], label)
            return {"forms_table": self.offer(table, folder)}
        if key == "mentees":
            return {
                "mentee_tables": [self.offer(t, folder) for t in page_tables.mentee_tables(org)]
            }
        if key == "mentors":
            return {"category_table": self.offer(page_tables.mentor_categories(org), folder)}
        if key == "programs":
            groups = page_tables.program_groups(
                org, label, self.record_href(self.doc_path(key), "programs")
            )
            for _, _, table in groups:
                self.offer(table, folder)
            return {"program_groups": groups}
        if key == "roadmap":
            return {
                "roadmap_table": self.offer(page_tables.roadmap_table(org.roadmap, label), folder)
            }
        if key == "documents":
            table = page_tables.documents_table(org.documents, label)
            return {"documents_table": self.offer(table, folder)}
        return {}

    def compact_parts(self) -> list[tuple[str, str, Table]]:
        """The «filed» kinds on a municipal portal's organization page: (anchor,
        heading, short table), the tables offered next to the page."""
        parts = []
        for kind in FILED.values():
            entries = self.org.parts.get(kind.key)
            if not entries or kind.section is None or not kind.section.compact_anchor:
                continue
            link = self.href_from(self.folder(kind.section_key or kind.key) + "index.md")
            vocabularies = self.settings.vocabularies
            table = filed_table(kind, entries, vocabularies, link, short=True)
            if table is not None:
                self.offer(table, self.folder(kind.section_key or kind.key))
                parts.append((kind.section.compact_anchor, kind.section.title, table))
        return parts

    def _program_facets(self) -> dict[str, list[tuple[str, str]]]:
        programs = [v.program for v in self.org.programs]
        vocab = self.settings.vocabularies
        forms = sorted({p.form for p in programs}, key=lambda f: vocab["forms"].label(f))
        statuses = [
            s
            for s in ("active", "completed", "planned", "stopped")
            if any(p.status == s for p in programs)
        ]
        years = sorted({v.year for v in self.org.programs}, reverse=True)
        return {
            "form": [(f, vocab["forms"].label(f)) for f in forms],
            "status": [(s, vocab["program_statuses"].label(s)) for s in statuses],
            "year": [(str(y), f"{y}/{y + 1}") for y in years],
        }


def home_figures(org: PublicOrg) -> dict[str, Any]:
    by_status = Counter(v.program.status for v in org.programs)
    # Ties by id: a set's order changes between processes (hash seeds).
    forms = sorted(
        {v.program.form for v in org.programs},
        key=lambda f: (-sum(1 for v in org.programs if v.program.form == f), f),
    )
    statuses = ["active", "completed", "planned", "stopped"]
    table = [
        (form, Counter(v.program.status for v in org.programs if v.program.form == form))
        for form in forms
    ]
    return {
        "by_status": by_status,
        "form_table": table,
        "statuses": [s for s in statuses if by_status.get(s)],
    }
