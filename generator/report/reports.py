"""Every year's report, made once and kept in the build cache.

``monitoring_reports`` is what the build and ``nastav report`` call: the
DOCX of each monitoring year, and its PDF when LibreOffice is installed.
A stage of ``memo.Memo`` per year: its key is what the year's report reads
of the monitoring view (``year_view``), the frame (the coordinator, the
acts, the organizations' names and types, two settings) and the LibreOffice
program, so a rebuild without changes to those takes the files from the
cache and starts no LibreOffice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from .. import addresses
from ..config import Settings
from ..diagnostics import Location, Report
from ..memo import Memo
from ..monitoring.compute import Results
from ..publish.monitoring_view import MonitoringView
from ..publish.municipality import PublicMunicipality
from .content import Frame, OrgLine, report_document
from .pdf import (
    ConversionFailed,
    Office,
    convert,
    disabled,
    heading_pages,
    name_figures,
    pdf_facts,
)
from .word import write_docx
from .word_charts import chart_texts

WHERE = Location("content/monitoring")
# Two years' reports are worth workers: each takes seconds, and the memory
# its document trees take (900 MB for a region's three) goes with the worker.
IN_WORKERS_FROM = 2
NO_OFFICE = (
    "справка по итогам мониторинга записана только в DOCX: для PDF нужен LibreOffice "
    "(программа soffice не найдена). Установите LibreOffice (https://ru.libreoffice.org/) "
    "или укажите путь к soffice в переменной окружения NASTAV_SOFFICE."
)


@dataclass(frozen=True)
class YearReport:
    year: int
    docx: bytes
    pdf: bytes | None  # None: no LibreOffice, or it failed (a warning says which)

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(ext for ext, _ in self.files())

    def files(self) -> list[tuple[str, bytes]]:
        """(extension, bytes) of each format made."""
        return [("docx", self.docx)] + ([("pdf", self.pdf)] if self.pdf is not None else [])

    def address(self, ext: str) -> str:
        """Where the site publishes it."""
        return addresses.monitoring_report(self.year, ext)


def write_report(year_report: YearReport, folder: Path) -> list[Path]:
    """``nastav report``: the year's files into ``folder``, named as on the site."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for ext, data in year_report.files():
        path = folder / PurePosixPath(year_report.address(ext)).name
        path.write_bytes(data)
        written.append(path)
    return written


def report_frame(muni: PublicMunicipality, settings: Settings) -> Frame:
    """What the report reads from the portal besides the monitoring view."""
    types = settings.vocabularies["org_types"]
    kinds = settings.vocabularies["act_kinds"]
    return Frame(
        coordinator=muni.coordinator,
        acts=tuple((a.record, kinds.label(a.record.kind)) for a in muni.acts),
        orgs=tuple(OrgLine(o.id, o.entry.short_name, types.label(o.entry.type)) for o in muni.orgs),
        min_coverage=settings.config.limits.monitoring_min_coverage,
        site_url=settings.config.site_url,
    )


def monitoring_reports(
    muni: PublicMunicipality,
    settings: Settings,
    report: Report,
    memo: Memo | None,
    office: Office | None,
) -> list[YearReport]:
    """The report of every monitoring year with data, oldest first; PDFs
    with ``office`` (``pdf.find_office()``), none without it (a warning says
    that the PDF needs LibreOffice, unless it was turned off).

    One cached stage per year, keyed by what that year's report reads
    (``year_view``): new values for 2025 leave the reports of 2023 and 2024
    in the cache. The years to make are made side by side in worker
    processes (one LibreOffice each) when the machine has the cores."""
    view, summary = muni.monitoring, muni.monitoring_summary
    if view is None or summary is None or not summary.years:
        return []
    if office is None and not disabled():
        report.warning(WHERE, NO_OFFICE, "report")
    memo = memo or Memo(None)
    frame = report_frame(muni, settings)
    jobs = [
        {"view": memo.derived("year-view", year_view, view=view, year=y), "frame": frame, "year": y}
        for y in summary.years
    ]
    if office is not None:
        try:
            return memo.stage_many(
                "monitoring-report",
                make_report,
                [{**job, "office": office} for job in jobs],
                report,
                parallel_from=IN_WORKERS_FROM,
            )
        except ConversionFailed as exc:  # not kept in the cache: the next build tries again
            report.warning(
                WHERE,
                f"справка по итогам мониторинга записана только в DOCX: {exc}; "
                "следующая сборка попробует создать PDF снова.",
                "report",
            )
    return memo.stage_many(
        "monitoring-report",
        make_report,
        [{**job, "office": None} for job in jobs],
        report,
        parallel_from=IN_WORKERS_FROM,
    )


def year_view(view: MonitoringView, year: int) -> MonitoringView:
    """What the report of ``year`` reads of the monitoring view: the values of
    that year and of the years before it (its dynamics), and that year's
    findings, conclusions and confirmations by agreements."""
    results = view.results
    return replace(
        view,
        results=Results(
            results.catalog,
            [y for y in results.years if y <= year],
            municipal={k: v for k, v in results.municipal.items() if k[0] <= year},
            orgs={k: v for k, v in results.orgs.items() if k[0] <= year},
            org_ids=list(results.org_ids),
            reporting={y: n for y, n in results.reporting.items() if y <= year},
            incomplete={y for y in results.incomplete if y <= year},
        ),
        findings=[f for f in view.findings if f.year == year],
        conclusions={y: c for y, c in view.conclusions.items() if y == year},
        report_files={},
        agreements=[c for c in view.agreements if c.year == year],
    )


def make_report(
    report: Report,
    view: MonitoringView,
    frame: Frame,
    year: int,
    office: Office | None,
) -> YearReport:
    """The stage itself: the DOCX; with ``office``, the PDF, made from a
    variant of the DOCX whose table of contents LibreOffice fills with page
    numbers, which the DOCX's own table of contents then shows. Raises
    ``ConversionFailed`` when LibreOffice makes no PDF."""
    document = report_document(view, frame, year)
    if office is None:
        return YearReport(year, write_docx(document), None)
    name = f"spravka-{year}"
    pdf = convert(office, {name: write_docx(document, toc_field=False)})[name]
    named = name_figures(pdf, chart_texts(document))
    if named is None:
        report.warning(
            WHERE,
            f"в PDF справки за {year} год диаграммы остались без текстового описания для "
            "программ экранного доступа: дописать их не удалось (PDF слишком велик или "
            "повреждён); в DOCX описания есть.",
            "report",
        )
    pdf = named or pdf
    facts = pdf_facts(pdf)
    if not facts.tagged or not (facts.language or "").lower().startswith("ru"):
        report.warning(
            WHERE,
            f"PDF справки за {year} год получился без разметки для программ экранного "
            "доступа (тегов или языка ru): нужен LibreOffice 7.4 или новее; PDF не "
            "опубликован, опубликован DOCX.",
            "report",
        )
        return YearReport(year, write_docx(document), None)
    pages = heading_pages(pdf, [h.text for h in document.headings()])
    return YearReport(year, write_docx(document, pages=pages), pdf)
