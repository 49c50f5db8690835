"""The checks of ``nastav validate`` for a record as the form would save it.

The candidate text goes into a copy of the record's content root (hard
links: no file is read twice, nothing of the real project changes), which
is then loaded, validated and passed through the privacy guard exactly as
a build does; the problems found in that file are the form's. Messages are
therefore word for word those of ``nastav validate``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..config import Settings
from ..diagnostics import Diagnostic, Report
from ..kinds import MUNICIPAL_OWN_KINDS
from ..load.content import OrgContent, load_org_content, load_records
from ..load.municipal import MunicipalContent
from ..publish.named import make_guard, org_people
from ..publish.org import publish_org
from ..rules.common import check_fields
from ..rules.org_rules import validate_org
from ..workspace import Workspace
from .places import Place


def problems(project: Path, place: Place, text: str, settings: Settings) -> list[Diagnostic]:
    """Errors and warnings of the record file ``place.rel`` with ``text``."""
    scratch_parent = Workspace.of(project).root / "editor"
    scratch_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="check-", dir=scratch_parent) as scratch:
        root = Path(scratch) / "root"
        source = project / place.root
        if source.is_dir():
            shutil.copytree(source, root, symlinks=True, copy_function=_link, ignore=_skip_orgs)
        else:
            root.mkdir(parents=True)
        target = root / Path(place.rel).relative_to(place.root)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() or target.is_symlink():
            target.unlink()  # a hard link: writing into it would change the real file
        target.write_text(text, "utf-8")
        report = Report()
        if place.kind in MUNICIPAL_OWN_KINDS and place.org is None:
            _municipal(root, settings, report)
        else:
            _organization(project, root, place, settings, report)
    return [d for d in report.sorted() if d.location.file == place.rel]


def _organization(
    project: Path, root: Path, place: Place, settings: Settings, report: Report
) -> None:
    content: OrgContent = load_org_content(root, place.root, settings, report)
    contests = project / "content" / "contests"
    known = {"contest": {p.stem for p in contests.glob("*.y*ml")}} if place.org else {}
    validate_org(content, settings, report, known_ids=known)
    guard = make_guard([org_people(content, settings.today)], settings, report)
    publish_org(content, settings, guard)


def _municipal(root: Path, settings: Settings, report: Report) -> None:
    content = MunicipalContent(root=root)
    load_records(root, "content", MUNICIPAL_OWN_KINDS, content, settings, report)
    records = [r for kind in MUNICIPAL_OWN_KINDS for r in kind.records(content)]
    check_fields(records, root, settings.config.limits, report)


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: a copy
        shutil.copy2(source, target)


def _skip_orgs(folder: str, names: list[str]) -> list[str]:
    """A municipal project's own root: the organizations are checked on their own."""
    return ["orgs"] if Path(folder).name == "content" else []
