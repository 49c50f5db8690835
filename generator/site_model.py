"""What a project publishes, ready to be written out (``SiteModel``: made by
``projects.py``, written by ``pipeline.py``), and what a build or a check
tells its caller (``Outcome``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .audit.audit import SiteStats
from .config import Settings
from .diagnostics import Report
from .memo import Memo
from .privacy.guard import PersonalDataGuard
from .publish.municipality import PublicMunicipality
from .render.pageset import Page
from .report import Office, YearReport
from .report.sections import SectionSpec
from .util.stored import Data


@dataclass
class SiteModel:
    """What a project publishes, ready to be written out."""

    settings: Settings
    pages: list[Page]
    nav: list[tuple[str, str]]
    files: list
    guard: PersonalDataGuard
    site_name: str
    extra: dict
    downloads: list[tuple[str, Data]] = field(default_factory=list)  # generated CSV/XLSX
    public: list = field(default_factory=list)  # PublicOrg: what exports are made from
    municipality: PublicMunicipality | None = None  # of a municipal project
    memo: Memo | None = None  # stage results of a municipal build (generator/memo.py)
    reports: list[YearReport] = field(default_factory=list)  # the monitoring reports
    sections: list[SectionSpec] = field(default_factory=list)  # «Весь раздел» files to make
    office: Office | None = None  # LibreOffice, which makes the PDFs
    download_count: int = 0  # how many downloads there were, once let go of
    # A portal's open data, made meanwhile (opendata ``start_open_data``); else made when added.
    open_data: Callable[[], list[tuple[str, Data]]] | None = None

    def let_go_of_texts(self, keep_read: bool = False) -> None:
        """The pages are built and the downloads are in the site: their texts
        (a region's 930 organizations: 300 MB, kept also by the stage results
        they came from) go before Pagefind and the audit's workers run.
        ``keep_read``: see ``Memo.let_go``."""
        self.download_count = len(self.downloads)
        self.pages, self.downloads, self.reports = [], [], []
        if self.memo is not None:
            self.memo.let_go(keep_read)


@dataclass
class Outcome:
    report: Report
    model: SiteModel | None = None
    stats: SiteStats | None = None
    output: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)
    pages_built: int = 0  # rendered by MkDocs this time
    pages_cached: int = 0  # unchanged, taken from .nastav/cache

    @property
    def ok(self) -> bool:
        return self.report.ok
