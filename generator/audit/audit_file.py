"""What the audit finds in one file of a built site (or of an export): the
checks of audit.py, file by file, in plain values the audit cache keeps."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from ..diagnostics import Diagnostic, Location, Report, Severity
from ..rules.common import A11Y
from ..util.pdftags import ADVICE, pdf_tags_of
from .audit_html import CSS_URL, scan_html
from .audit_links import resolve


def examine_file(path: Path, rel: str, data_check, base: str = "/") -> list[Diagnostic]:
    """What the audit finds in one file, outside a site (exports, audit_export.py)."""
    diagnostics, _, _ = examine(path, rel, data_check, base)
    return [diagnostic(*d) for d in diagnostics]


def examine_in(site: Path, rel: str, data_check, base: str) -> Result:
    return examine(site / rel, rel, data_check, base)


# What one file yields, in plain values (the cache, audit_cache.py, is read with marshal:
# ten times faster than pickle for 3,000 pages): its diagnostics as
# (severity, file, line, field, message, code), and for a page its element
# ids and internal links (audit_links.Link as plain tuples), else None.
Result = tuple


def content_key(content: str, fingerprint: str, base: str, rel: str) -> str:
    """What a file yields depends on its bytes (``content``: their SHA-1),
    what the check looks for, where the site is published, and its path:
    the four digested (the index keeps a key for each of a region's 56,000
    files, and reads and writes it every build)."""
    return hashlib.sha1(f"{content}:{fingerprint}:{base}:{rel}".encode()).hexdigest()


def examine(path: Path, rel: str, data_check, base: str) -> Result:
    local = Report()
    if path.suffix == ".html":
        scan = _check_html(path.read_bytes().decode("utf-8", "replace"), rel, local, data_check)
        resolved = [tuple(link) for link in resolve(scan.links, rel, base)]
        return packed(local), frozenset(sys.intern(i) for i in scan.ids), resolved
    elif path.suffix == ".css":
        _check_css(path.read_bytes().decode("utf-8", "replace"), rel, local)
    else:
        # Other files are read by the check that needs them, once: a region's
        # data/monitoring.json is 67 MB.
        if path.suffix.lower() == ".pdf":
            _check_pdf(path.read_bytes(), rel, local)
        if data_check is not None:
            data_check.file(path, rel, local)
    return packed(local), None, None


def packed(report: Report) -> tuple:
    return tuple(
        (d.severity.value, d.location.file, d.location.line, d.location.field, d.message, d.code)
        for d in report.items
    )


def diagnostic(severity: str, file: str, line, field, message: str, code: str) -> Diagnostic:
    return Diagnostic(Severity(severity), Location(file, line, field), message, code)


def _check_html(text: str, rel: str, report: Report, data_check):
    scan = scan_html(text)
    for what, url, line in scan.external:
        report.error(
            Location(f"site/{rel}", line),
            f"страница загружает {what} с другого "
            f"сайта: {url}. Сайт должен работать без внешних ресурсов.",
            "external",
        )
    for what, line in scan.scripting:
        report.error(
            Location(f"site/{rel}", line),
            f"в странице исполняемый код: {what}. Так быть не должно — сообщите разработчикам.",
            "script",
        )
    for src, line in scan.no_alt:
        report.warning(
            Location(f"site/{rel}", line),
            f"изображение «{src}» без текстового описания (атрибута alt нет или он пуст): "
            "незрячий посетитель не узнает, что на нём. Опишите изображение (в записи — "
            'поле alt); если это лишь украшение, отметьте его role="presentation".',
            A11Y,
        )
    if data_check is not None:
        data_check.page(scan, rel, report)
    return scan


def _check_pdf(data: bytes, rel: str, report: Report) -> None:
    """A PDF a screen reader cannot read well: a warning, the site is published."""
    tags = pdf_tags_of(data)
    if tags is not None and not tags.tagged:
        report.warning(
            Location(f"site/{rel}"),
            f"документ {tags.problem}. Чтобы это исправить, {ADVICE}; затем пересоберите сайт.",
            A11Y,
        )


def _check_css(text: str, rel: str, report: Report) -> None:
    for match in CSS_URL.finditer(text):
        report.error(
            Location(f"site/{rel}"),
            f"стиль загружает ресурс с другого сайта: {match.group(1)}",
            "external",
        )
