"""Pages of a municipal portal: its own sections, the organization registry,
one page per organization (with that organization's record pages) and the
monitoring summaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import jinja2

from .. import addresses
from ..collection import collection_files, make_collection
from ..collection.local import municipal_cards
from ..collection.model import ContestEntry, PracticeCard
from ..config import Settings
from ..diagnostics import Report
from ..memo import Memo
from ..publish.monitoring_view import HomeFigures
from ..publish.municipality import OrgSummary, PublicMunicipality
from ..util.pagelinks import relative
from ..util.stored import HashedBytes
from ..words import word_for
from . import page_tables
from .accessibility import municipal_statement
from .catalog import MunicipalPaths, card_page, catalog_context
from .monitoring_pages import MonitoringPages
from .org_monitoring import OrgMonitoring, org_monitoring
from .org_pages import ACCESSIBILITY, OrgPages
from .pageset import Page, PageSet, Section
from .section_files import DOCX_ONLY, linked_by_stage, linking_files
from .section_files import links as section_links
from .tables import Cell, Table

SECTIONS = [
    Section("home", "", "Наставничество", "municipal/home.md.j2"),
    Section("acts", "normativnaya-baza", "Нормативная база", "org/acts.md.j2"),
    Section("roadmap", "dorozhnaya-karta", "Дорожная карта", "org/roadmap.md.j2"),
    Section("orgs", addresses.ORGS, "Организации", "municipal/registry.md.j2"),
    Section("monitoring", addresses.MONITORING, "Мониторинг", "monitoring/index.md.j2"),
    Section("practices", "praktiki", "Лучшие практики", "catalog/catalog.md.j2"),
    Section("contests", "konkursy", "Конкурсы", "municipal/contests.md.j2"),
    Section("communities", "soobshchestva", "Сообщества и советы", "municipal/communities.md.j2"),
    Section("partners", "partnery", "Партнёры", "municipal/partners.md.j2"),
    Section("materials", "materialy", "Шаблоны и материалы", "org/materials.md.j2"),
    Section("news", "novosti", "Новости и анонсы", "org/news.md.j2"),
    Section("contacts", "kontakty", "Контакты", "municipal/contacts.md.j2"),
    Section("search", addresses.SEARCH, "Поиск", "search.md.j2"),
    ACCESSIBILITY,
]


class MunicipalPages(PageSet):
    sections = SECTIONS
    record_sections = {
        "news": "news",
        "contest": "contests",
        "practice": "practices",
        "org": "orgs",
    }

    def __init__(
        self,
        muni: PublicMunicipality,
        settings: Settings,
        env: jinja2.Environment,
        imported: Sequence[PracticeCard] = (),
        memo: Memo | None = None,
        reports: Mapping[int, Sequence[str]] | None = None,
        section_formats: Sequence[str] = (),
        section_writer: Callable[[str, dt.date | None, str, list[Page]], bytes] | None = None,
    ):
        """``section_formats``: the files «Весь раздел» each organization's
        page links; ``section_writer`` makes its DOCX from its pages, in the
        organization's cached stage (report/sections.py)."""
        super().__init__(settings, env)
        self.section_formats = tuple(section_formats)
        self.section_writer = section_writer
        self.memo = memo or Memo(None)
        self.muni = muni
        self.reports = dict(reports or {})  # year → formats of the monitoring report
        self.downloads: list[tuple[str, bytes]] = []
        cards, typical = municipal_cards(muni, settings, MunicipalPaths(self))
        name = settings.config.site_name or muni.coordinator.municipality
        self.collection = make_collection(
            cards, typical, list(imported), settings, name, self.folder("practices")
        )
        self.card_at = self.collection.cards_by_page()  # a region: 2,000 lookups
        self.memo.by_content(self.collection.cards)  # read by the catalog and by each organization

    def context(self) -> dict[str, Any]:
        return {
            "org": self.muni,
            "muni": self.muni,
            "today": self.muni.today,
            "owner_name": self.muni.coordinator.name,
            "org_record": self.org_record,
        }

    def updated(self, key: str, record_id: str | None = None) -> dt.date | None:
        return self.muni.freshness.of(key, record_id)

    @staticmethod
    def org_record(org_id: str, key: str, record_id: str) -> str:
        """Address of an organization's record page (program, practice, news):
        its section's folder under the organization's page."""
        slug = next(s.slug for s in OrgPages.sections if s.key == key)
        return addresses.record_page(slug, record_id, addresses.org_page(org_id))

    def pages(self) -> list[Page]:
        """The portal's own pages, then the organizations'. The organizations'
        are computed first — in workers, on a first build — and the portal's
        meanwhile, by this process (``Memo.stage_many(meanwhile=…)``)."""
        portal: list[Page] = []
        orgs = self._orgs_pages(meanwhile=lambda: portal.extend(self._portal_pages()))
        return portal + orgs

    def _portal_pages(self) -> list[Page]:
        pages = []
        for section in SECTIONS:
            if section.key == "monitoring":
                continue
            extra: dict[str, Any] = {}
            if section.key == "home":
                extra = self._home()
            if section.key == "orgs":
                extra = {"table": self.offer(self._registry_table(), self.folder("orgs"))}
            if section.key == "roadmap":
                table = page_tables.roadmap_table(self.muni.roadmap, self.vocab_label)
                extra = {"roadmap_table": self.offer(table, self.folder("roadmap"))}
            if section.key == "contests":
                table = page_tables.contests_table(
                    self.muni.contests,
                    self.vocab_label,
                    self.record_href(self.doc_path("contests"), "contests"),
                )
                extra = {"contests_table": self.offer(table, self.folder("contests"))}
            if section.key == ACCESSIBILITY.key:
                extra = {**municipal_statement(self.muni), "section_formats": self.section_formats}
            if section.key == "practices":
                extra = catalog_context(self.collection)
                # The catalog's JSON and the feeds: 200 cards, the same until one changes.
                self.downloads += self.memo.stage(
                    "collection-files",
                    lambda _, collection, settings: collection_files(collection, settings),
                    Report(),
                    collection=self.collection,
                    settings=self.settings,
                )
                # The catalog lists every card (2,000 in a region): kept until one changes.
                pages.append(
                    self.memo.stage(
                        "catalog-page",
                        self._section_page_job(section, extra),
                        Report(),
                        collection=self.collection,
                        settings=self.settings,
                        updated=self.updated(section.key),
                    )
                )
                continue
            pages.append(self.section_page(section, **extra))
        monitoring = MonitoringPages(
            self.muni,
            self.settings,
            self.env,
            addresses.org_page,
            parents=[(self.title("home"), "")],
            reports=self.reports,
        )
        # The monitoring pages read the view, the organizations' names, the
        # formats of each year's report, its published documents and the
        # settings only: cached by those (memo.Memo.stage).
        monitoring_pages, downloads = self.memo.stage(
            "render-monitoring",
            lambda _, view, files, **__: (monitoring.pages(view, files), monitoring.downloads),
            Report(),
            aside=True,  # 55 MB of a region's pages, compared by their hashes
            view=self.muni.monitoring,
            files=self.muni.monitoring_files,
            names=monitoring.names,
            reports=self.reports,
            settings=self.settings,
        )
        pages += monitoring_pages
        self.downloads += downloads
        if self.muni.monitoring is None:
            pages.append(
                self.render(
                    "monitoring/empty.md.j2",
                    self.doc_path("monitoring"),
                    "Мониторинг",
                    "monitoring",
                )
            )
        for news in self.muni.news:
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
        for contest in self.muni.contests:
            folder = self.folder("contests", contest.id)
            winners = self._winner_links(contest)
            pages.append(
                self.render(
                    "municipal/contest.md.j2",
                    addresses.doc_path(folder),
                    contest.name,
                    "contest",
                    contest=contest,
                    winners=winners,
                    nominations_table=self.offer(page_tables.nominations_table(contest), folder),
                    winners_table=self.offer(
                        page_tables.winners_table(
                            winners, self.vocab_label, self.href_from(addresses.doc_path(folder))
                        ),
                        folder,
                    ),
                    files=self.muni.contest_files[contest.id],
                    contest_facet=ContestEntry(contest.name, contest.year).id,
                    updated=self.updated("contests", contest.id),
                )
            )
        for practice in self.muni.practices:
            card = self.card_at.get(self.folder("practices", practice.id))
            assert card is not None  # the collection has a card for every published practice
            pages.append(card_page(self, card, self.collection))
        return pages

    def _orgs_pages(self, meanwhile: Callable[[], None]) -> list[Page]:
        # An organization's pages read its summary, what it shows of the
        # monitoring (render/org_monitoring.py), its practice cards and the
        # catalog's address, nothing else of the portal: cached by exactly those.
        pages: list[Page] = []
        computed = self.memo.stage_many(
            "render-org",
            lambda _, summary, monitoring, **__: self._org_pages(summary, monitoring),
            [
                {
                    "summary": summary,
                    "cards": self._cards(summary),
                    "catalog": self.collection.page,
                    "monitoring": monitored,
                    "settings": self.settings,
                    "section_formats": self.section_formats,
                }
                for summary, monitored in zip(self.muni.orgs, self._org_monitoring())
            ],
            Report(),
            aside=True,  # a rebuild compares the pages' and tables' hashes, reads few bytes
            meanwhile=meanwhile,
        )
        downloads: list = []
        for org_pages, org_downloads in computed:
            pages += org_pages
            downloads += org_downloads
        self.downloads += downloads  # after the portal's (added meanwhile), as before
        return pages

    def _section_page_job(self, section: Section, extra: dict[str, Any]) -> Callable[..., Page]:
        """A section page as a stage computes it (its inputs only key it)."""
        return lambda _report, **_inputs: self.section_page(section, **extra)

    # -- organizations -----------------------------------------------------------------
    def _org_monitoring(self) -> list[OrgMonitoring | None]:
        """Each organization's part of the monitoring, read only for pages
        rendered again (a ``Later`` of memo.Memo.stage_many)."""
        if self.muni.monitoring is None:
            return [None] * len(self.muni.orgs)
        return self.memo.stage_many(
            "monitoring-org",
            org_monitoring,
            [{"view": self.muni.monitoring, "org_id": summary.id} for summary in self.muni.orgs],
            Report(),
            lazy=True,
        )

    def _cards(self, summary: OrgSummary) -> list:
        return [
            self.card_at.get(self.org_record(summary.id, "practices", p.id))
            for p in summary.practices
        ]

    def _org_pages(
        self, summary: OrgSummary, monitoring: OrgMonitoring | None
    ) -> tuple[list[Page], list[tuple[str, bytes]]]:
        folder = addresses.org_page(summary.id)
        monitoring = monitoring or OrgMonitoring()
        figures, agreements = monitoring.figures, monitoring.agreements
        downloads = figures.downloads(folder) if figures else []
        downloads += agreements.downloads(folder) if agreements else []
        parents = [(self.title("home"), ""), (self.title("orgs"), self.folder("orgs"))]
        records = None
        if summary.public is not None:  # read whole: its pages are made again
            records = OrgPages(
                summary.public,
                self.settings,
                self.env,
                base=folder,
                home_title=summary.entry.short_name,
                parents=parents,
                compact=True,
                extra={"owner_name": summary.entry.full_name},
                collection=self.collection,
            )
        page = self.render(
            "municipal/org.md.j2",
            addresses.doc_path(folder),
            summary.entry.short_name,
            "org",
            summary=summary,
            figures=figures,
            agreements=agreements,
            findings=monitoring.findings,
            finding_groups=monitoring.finding_groups,
            parts=records.compact_parts() if records else [],
            trail=parents,
            section_files=section_links(self.section_formats) if self.section_formats else None,
            # The organization's own home date (its summary's public org): the
            # cached stage still reads only its inputs.
            updated=self.updated("orgs", summary.id),
        )
        pages = [page]
        if records is not None:
            pages += records.record_pages()
            downloads += records.downloads  # its tables: program pages, kinds (kinds/)
        if self.section_writer is not None:
            docx = self.section_writer(
                summary.entry.full_name, self.updated("orgs", summary.id), folder, pages
            )
            downloads.append((addresses.section_document(folder, "docx"), docx))
            if linked_by_stage(self.section_formats):
                pages[0] = linking_files(page, DOCX_ONLY, {"docx": len(docx)})
        # Hashed once, kept so by the stage's cache: a rebuild's docs tree compares them.
        return pages, [(address, HashedBytes.of(data)) for address, data in downloads]

    def _registry_table(self) -> Table:
        vocab = self.settings.vocabularies["org_types"]
        table = Table(
            "reestr-organizatsiy",
            "Реестр организаций: наставничество в цифрах (по последним данным мониторинга)",
            [
                "Организация",
                "Тип",
                "Наставников",
                "Наставляемых",
                "Программ",
                "Документы",
                "Подтверждение данных",
            ],
        )
        for summary in self.muni.orgs:
            figures = summary.figures
            complete = summary.documents_complete
            missing = len(summary.public_part("missing_documents")) if summary.has_section else 0
            docs = (
                "нет раздела"
                if complete is None
                else "полный комплект"
                if complete
                else f"не хватает: {missing}"
            )
            table.rows.append(
                [
                    Cell(
                        summary.entry.short_name,
                        href=relative(self.doc_path("orgs"), addresses.org_page(summary.id)),
                        header=True,
                        value=summary.entry.full_name,
                    ),
                    Cell(vocab.label(summary.entry.type)),
                    *[_count(figures.get(k)) for k in ("mentors", "mentees", "programs")],
                    Cell(docs, sort=-1 if complete is None else (0 if complete else missing)),
                    Cell(summary.evidence.label, sort=summary.evidence.rank),
                ]
            )
        return table

    def _winner_links(self, contest) -> list[tuple[Any, str | None, str | None, str | None]]:
        """(winner, organization page, its short name, practice page) for each winner."""
        by_name: dict[str, OrgSummary] = {}
        for org in self.muni.orgs:
            for name in (
                org.id,
                org.entry.short_name,
                org.entry.full_name,
                *org.entry.aliases,
            ):
                by_name[name] = org
        out = []
        for winner in contest.winners:
            summary = by_name.get(winner.organization)
            org_folder = addresses.org_page(summary.id) if summary else None
            practice = None
            if winner.practice and "/" in winner.practice:
                org_id, practice_id = winner.practice.split("/", 1)
                practice = self.org_record(org_id, "practices", practice_id)
            elif winner.practice:
                practice = self.folder("practices", winner.practice)
            out.append(
                (winner, org_folder, summary.entry.short_name if summary else None, practice)
            )
        return out

    # -- home -----------------------------------------------------------------------
    def _home(self) -> dict[str, Any]:
        summary = self.muni.monitoring_summary
        home = summary.home if summary else HomeFigures()
        return {
            "figures": [(value, word_for(value, word)) for value, word in home.figures],
            "targets": home.targets,
            "year": home.year,
            "year_incomplete": home.year_incomplete,
            "partial": home.partial,
            "org_count": len(self.muni.orgs),
        }


def _count(value: int | None) -> Cell:
    if value is None:
        return Cell("—", sort=-1, value="", css="nst-num")
    return Cell(f"{value:,}".replace(",", "\u202f"), sort=value, value=value, css="nst-num")
