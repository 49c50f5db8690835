"""The monitoring report («информационно-аналитическая справка») of each
year, as DOCX and tagged PDF, from the municipality's public model.

``content.py`` lays out the report as blocks (the structure of the 2024
report, seed 004), ``word.py`` writes them (with a template python-docx
makes, ``word_template.py``), ``pdf.py`` converts the DOCX with LibreOffice
and reads the result back, and ``reports.py`` is the cached stage the build
and ``nastav report`` call.
"""

from __future__ import annotations

from .pdf import Office, find_office
from .reports import YearReport, monitoring_reports, report_frame, write_report

__all__ = [
    "Office",
    "YearReport",
    "find_office",
    "monitoring_reports",
    "report_frame",
    "write_report",
]
