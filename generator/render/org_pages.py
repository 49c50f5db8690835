"""Pages of one organization's «Наставничество» section.

The same builder serves a school project (``base=""``) and each
organization inside a municipal project (``base="orgs/<id>/"``). Sections
go into the navigation; records are reached from their list pages only, so
the navigation — which Material repeats on every page — stays small.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import jinja2

from ..config import Settings
from ..publish.org import PublicOrg
from .env import relative


@dataclass(frozen=True)
class Page:
    path: str  # docs path, always «…/index.md» or «index.md»
    title: str
    content: str
    kind: str = "page"  # what template made it: for tests and the audit


@dataclass(frozen=True)
class Section:
    key: str
    slug: str  # folder under the organization's base; "" is the home page
    title: str
    template: str


SECTIONS = [
    Section("home", "", "Наставничество", "org/home.md.j2"),
    Section("acts", "normativnaya-baza", "Нормативная база", "org/acts.md.j2"),
    Section("documents", "dokumenty", "Документы организации", "org/documents.md.j2"),
    Section("roadmap", "dorozhnaya-karta", "Дорожная карта", "org/roadmap.md.j2"),
    Section("mentors", "nastavniki", "База наставников", "org/mentors.md.j2"),
    Section("mentees", "nastavlyaemye", "Наставляемые", "org/mentees.md.j2"),
    Section("programs", "programmy", "Персонализированные программы", "org/programs.md.j2"),
    Section("practices", "praktiki", "Лучшие практики", "org/practices.md.j2"),
    Section("news", "novosti", "Новости и анонсы", "org/news.md.j2"),
    Section("materials", "materialy", "Методические материалы", "org/materials.md.j2"),
    Section("contacts", "kontakty", "Контакты", "org/contacts.md.j2"),
]
SECTION_BY_KEY = {s.key: s for s in SECTIONS}


class OrgPages:
    def __init__(self, org: PublicOrg, settings: Settings, env: jinja2.Environment,
                 base: str = "", home_title: str | None = None, parents: list | None = None):
        self.org = org
        self.settings = settings
        self.env = env
        self.base = base
        self.home_title = home_title or "Наставничество"
        # Breadcrumb trail above this organization's home (municipal portal).
        self.parents = parents or []

    # -- addressing ----------------------------------------------------------------
    def folder(self, key: str, record_id: str | None = None) -> str:
        slug = SECTION_BY_KEY[key].slug
        path = self.base + (f"{slug}/" if slug else "")
        return f"{path}{record_id}/" if record_id else path

    def doc_path(self, key: str, record_id: str | None = None) -> str:
        return self.folder(key, record_id) + "index.md"

    def title(self, key: str) -> str:
        return self.home_title if key == "home" else SECTION_BY_KEY[key].title

    def nav(self) -> list[tuple[str, str]]:
        return [(self.title(s.key), self.doc_path(s.key)) for s in SECTIONS]

    # -- pages ---------------------------------------------------------------------
    def pages(self) -> list[Page]:
        pages = [self._section_page(s) for s in SECTIONS]
        for view in self.org.programs:
            p = view.program
            pages.append(self._render("org/program.md.j2", self.doc_path("programs", p.id),
                                      p.title, "program", view=view))
        for practice in self.org.practices:
            pages.append(self._render("org/practice.md.j2",
                                      self.doc_path("practices", practice.id), practice.title,
                                      "practice", practice=practice,
                                      files=self.org.practice_files[practice.id]))
        for news in self.org.news:
            pages.append(self._render("org/news_item.md.j2",
                                      self.doc_path("news", news.item.id), news.item.title,
                                      "news", news=news))
        return pages

    def _section_page(self, section: Section) -> Page:
        extra: dict[str, Any] = {}
        if section.key == "home":
            extra = self._home_figures()
        if section.key == "programs":
            extra = {"facets": self._program_facets()}
        return self._render(section.template, self.doc_path(section.key),
                            self.title(section.key), section.key, **extra)

    def _render(self, template: str, path: str, title: str, kind: str, **context: Any) -> Page:
        org = self.org

        def link(key: str, record_id: str | None = None) -> str:
            return relative(path, self.folder(key, record_id))

        def file_href(published) -> str:
            return relative(path, published.href)

        def label(vocab: str, term_id: str) -> str:
            return self.settings.vocabularies[vocab].label(term_id)

        crumbs = [*self.parents]
        if path != self.doc_path("home"):
            crumbs.append((self.home_title, self.folder("home")))
        section_key = kind if kind in SECTION_BY_KEY else {
            "program": "programs", "practice": "practices", "news": "news"}.get(kind)
        if section_key and section_key != kind:
            crumbs.append((self.title(section_key), self.folder(section_key)))
        content = self.env.get_template(template).render(
            org=org, title=title, page_path=path, link=link, file_href=file_href,
            label=label, sections=SECTIONS, section_title=self.title,
            crumbs=[(text, relative(path, target)) for text, target in crumbs],
            today=org.today, **context,
        )
        return Page(path, title, content, kind)

    # -- figures -------------------------------------------------------------------
    def _home_figures(self) -> dict[str, Any]:
        by_status = Counter(v.program.status for v in self.org.programs)
        # Ties by id: a set's order changes between processes (hash seeds).
        forms = sorted({v.program.form for v in self.org.programs},
                       key=lambda f: (-sum(1 for v in self.org.programs if v.program.form == f),
                                      f))
        statuses = ["active", "completed", "planned", "stopped"]
        table = [
            (form, Counter(v.program.status for v in self.org.programs if v.program.form == form))
            for form in forms
        ]
        return {"by_status": by_status, "form_table": table,
                "statuses": [s for s in statuses if by_status.get(s)]}

    def _program_facets(self) -> dict[str, list[tuple[str, str]]]:
        programs = [v.program for v in self.org.programs]
        vocab = self.settings.vocabularies
        forms = sorted({p.form for p in programs}, key=lambda f: vocab["forms"].label(f))
        statuses = [s for s in ("active", "completed", "planned", "stopped")
                    if any(p.status == s for p in programs)]
        years = sorted({v.year for v in self.org.programs}, reverse=True)
        return {
            "form": [(f, vocab["forms"].label(f)) for f in forms],
            "status": [(s, vocab["program_statuses"].label(s)) for s in statuses],
            "year": [(str(y), f"{y}/{y + 1}") for y in years],
        }
