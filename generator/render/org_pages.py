"""Pages of one organization's «Наставничество» section.

A school project gets every section. Inside a municipal portal the same
organization is shown compactly: one organization page (documents,
figures, mentors, programs, practices) plus the record pages, which reuse
the school templates and link back to anchors of that page. Sections go
into the navigation; records are reached from list pages only, so the
navigation — which Material repeats on every page — stays small.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import jinja2

from ..collection import collection_files, make_collection
from ..collection.local import school_cards
from ..collection.model import Collection, PracticeCard
from ..config import Settings
from ..publish.org import PublicOrg
from . import page_tables
from .catalog import SchoolPaths, card_page, catalog_context
from .pageset import Page, PageSet, Section

SECTIONS = [
    Section("home", "", "Наставничество", "org/home.md.j2"),
    Section("acts", "normativnaya-baza", "Нормативная база", "org/acts.md.j2"),
    Section("documents", "dokumenty", "Документы организации", "org/documents.md.j2"),
    Section("roadmap", "dorozhnaya-karta", "Дорожная карта", "org/roadmap.md.j2"),
    Section("mentors", "nastavniki", "База наставников", "org/mentors.md.j2"),
    Section("mentees", "nastavlyaemye", "Наставляемые", "org/mentees.md.j2"),
    Section("programs", "programmy", "Персонализированные программы", "org/programs.md.j2"),
    Section("practices", "praktiki", "Лучшие практики", "catalog/catalog.md.j2"),
    Section("news", "novosti", "Новости и анонсы", "org/news.md.j2"),
    Section("materials", "materialy", "Методические материалы", "org/materials.md.j2"),
    Section("contacts", "kontakty", "Контакты", "org/contacts.md.j2"),
    Section("search", "poisk", "Поиск", "search.md.j2"),
]
# Anchors of the organization page in a municipal portal (compact mode).
COMPACT_ANCHORS = {
    "mentors": "nastavniki",
    "programs": "programmy",
    "practices": "praktiki",
    "news": "novosti",
    "documents": "dokumenty",
    "mentees": "figures",
    "acts": "dokumenty",
    "roadmap": "dokumenty",
    "materials": "dokumenty",
    "contacts": "kontakty",
    "search": "kontakty",
}


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

    @staticmethod
    def record_folder(base: str, key: str, record_id: str) -> str:
        slug = next(s.slug for s in SECTIONS if s.key == key)
        return f"{base}{slug}/{record_id}/"

    def anchor_for(self, key: str) -> str | None:
        return COMPACT_ANCHORS.get(key) if self.compact else None

    def title(self, key: str) -> str:
        return self.home_title if key == "home" else super().title(key)

    def context(self) -> dict[str, Any]:
        owner = self.org.organization.full_name if self.org.organization else ""
        return {"org": self.org, "today": self.org.today, "owner_name": owner, **self.extra}

    # -- pages ---------------------------------------------------------------------
    def pages(self) -> list[Page]:
        pages = [] if self.compact else [self._section(s) for s in SECTIONS]
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
        extra.update(self._tables(section.key, extra))
        return self.section_page(section, **extra)

    def _tables(self, key: str, extra: dict[str, Any]) -> dict[str, Any]:
        """The section's tables (render/page_tables.py), each offered as CSV
        and XLSX next to its page."""
        folder, org = self.folder(key), self.org
        label = self.vocab_label
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
