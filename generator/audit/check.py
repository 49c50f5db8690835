"""``nastav check-site DIR``: the post-build audit on a folder built earlier
(or by hand, or changed on the server).

With the project (``--project``, or the folder holding DIR when it has a
site_config.yml) the audit knows who may not be named and which contacts
are official, exactly as during ``build``; without it, names are not
checked and phones and e-mails found are warnings to look at.

The project is read by the caller (``read_project``: the command passes the
pipeline's check), so the audit stage does not depend on the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import addresses
from ..config import CONFIG_NAME
from ..console import Console
from ..diagnostics import Location, Report
from ..rules.common import A11Y
from .audit import audit_site, untagged_files
from .audit_data import DataCheck

# A project folder → its checked model (``guard``, ``settings``) or None, and
# the problems found in its records.
ReadProject = Callable[[Path], tuple[Any, Report]]


def check_site(
    site: Path,
    project: Path | None,
    base: str | None,
    console: Console,
    report: Report,
    read_project: ReadProject,
):
    """Audit ``site`` into ``report``; returns the site's ``SiteStats`` or None."""
    site = site.resolve()
    if not site.is_dir():
        report.error(
            Location(str(site)),
            "такой папки нет: укажите папку собранного сайта (например, site).",
            "output",
        )
        return None
    if not (site / "index.html").is_file():
        report.error(Location(str(site)), _not_a_site(site), "output")
        return None
    if project is None and (site.parent / CONFIG_NAME).is_file():
        project = site.parent
    data_check = DataCheck(contacts_known=False)
    site_url = None
    reported: set[str] = set()
    if project is not None:
        console.stage(f"Чтение проекта {project}")
        model, problems = read_project(project.resolve())
        if model is None:
            report.extend(problems)
            report.error(
                Location(CONFIG_NAME),
                "в записях проекта ошибки, поэтому сайт не "
                "с чем сравнить: исправьте их или запустите проверку без --project.",
                "project",
            )
            return None
        data_check = DataCheck.from_guard(model.guard)
        site_url = model.settings.config.site_url
        # Untagged PDFs are named with their records; the site's copies not again.
        report.items += [d for d in problems.items if d.code == A11Y]
        reported = untagged_files(model.files)
    console.stage(f"Проверка сайта {site}")
    return audit_site(
        site, report, data_check, base or addresses.base_path(site_url), reported=reported
    )


def _not_a_site(folder: Path) -> str:
    """What the folder is instead of a built site, and what to point at."""
    if (folder / CONFIG_NAME).is_file():
        built = folder / "site"
        hint = (
            f"укажите собранный сайт: nastav check-site {built}"
            if (built / "index.html").is_file()
            else f"сначала соберите сайт: nastav build {folder}"
        )
        return f"это папка проекта (в ней {CONFIG_NAME}), а не собранный сайт; {hint}."
    return (
        "в папке нет index.html, поэтому это не собранный сайт: укажите папку, "
        "в которую nastav build записал сайт (по умолчанию ПАПКА_ПРОЕКТА/site)."
    )
