"""Regenerate the pictures of the documents the build writes, in docs/screenshots/:
report-docx.png and report-pdf.png (a page of each format of the monitoring
report of the municipal demo, 2025), report-chart.png (the PDF's first page
with a direction's charts) and section-pdf.png (the demo school's «Весь
раздел» PDF, the page of its home section).

The DOCX's first page is rendered by LibreOffice (``soffice --convert-to
png``, which needs LibreOffice Draw besides Writer:
``libreoffice-draw-nogui``); the PDF's page with the «тепловая карта» by
``pdftoppm`` (``poppler-utils``), as a reader's viewer shows it. Run:

    .venv/bin/python tools/report_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
YEAR = 2025
PDF_PAGE = 5  # the summary «тепловая карта»
os.environ.setdefault("NASTAV_TODAY", "2026-11-22")  # the demo's date, as in the tests
sys.path.insert(0, str(ROOT))

from generator.cli import main  # noqa: E402
from generator.report.pdf import find_office  # noqa: E402


def run(*command: str | Path) -> None:
    subprocess.run([str(c) for c in command], check=True, capture_output=True, timeout=300)


def shoot() -> None:
    office = find_office()
    if office is None or shutil.which("pdftoppm") is None:
        sys.exit("Нужны LibreOffice (soffice) и pdftoppm (apt-get install poppler-utils).")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        city = work / "city"
        shutil.copytree(
            ROOT / "demo" / "municipal",
            city,
            ignore=shutil.ignore_patterns("site", "site-*", ".nastav", "spravka"),
        )
        if main(["report", str(city), "--year", str(YEAR), "--output", str(work / "out")]):
            sys.exit("nastav report не удался")
        docx = work / "out" / f"spravka-monitoring-{YEAR}.docx"
        pdf = docx.with_suffix(".pdf")
        profile = (work / "profile").as_uri()
        run(office.path, "--headless", f"-env:UserInstallation={profile}",
            "--convert-to", "png", "--outdir", work / "png", docx)  # fmt: skip
        shutil.copy(work / "png" / f"{docx.stem}.png", OUT / "report-docx.png")
        page = str(PDF_PAGE)
        run("pdftoppm", "-png", "-r", "80", "-f", page, "-l", page, "-singlefile", pdf,
            work / "page")  # fmt: skip
        shutil.copy(work / "page.png", OUT / "report-pdf.png")
        chart = str(_first_page_with(pdf, "Диаграммы"))
        run("pdftoppm", "-png", "-r", "80", "-f", chart, "-l", chart, "-singlefile", pdf,
            work / "chart")  # fmt: skip
        shutil.copy(work / "chart.png", OUT / "report-chart.png")
        school = work / "school"
        school.mkdir()
        shutil.copytree(ROOT / "content", school / "content")
        shutil.copy(ROOT / "site_config.yml", school / "site_config.yml")
        if main(["build", str(school), "--quiet"]):
            sys.exit("nastav build не удался")
        section = school / "site" / "ves-razdel.pdf"
        home = str(_first_page_with(section, "Наставничество в цифрах"))
        run("pdftoppm", "-png", "-r", "80", "-f", home, "-l", home, "-singlefile", section,
            work / "section")  # fmt: skip
        shutil.copy(work / "section.png", OUT / "section-pdf.png")
    for name in ("report-docx", "report-pdf", "report-chart", "section-pdf"):
        print(OUT / f"{name}.png")


def _first_page_with(pdf: Path, text: str) -> int:
    """The first page (from 1) whose text has ``text``, after the contents."""
    from pypdf import PdfReader

    pages = PdfReader(str(pdf)).pages
    for number, page in enumerate(pages, start=1):
        words = page.extract_text()
        if text in words and "Содержание" not in words:
            return number
    sys.exit(f"В {pdf.name} нет страницы с «{text}»")


if __name__ == "__main__":
    shoot()
