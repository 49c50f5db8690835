"""Regenerate docs/screenshots/report-docx.png and report-pdf.png: a page of
each format of the monitoring report of the municipal demo (2025).

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
    print(f"{OUT / 'report-docx.png'}\n{OUT / 'report-pdf.png'}")


if __name__ == "__main__":
    shoot()
