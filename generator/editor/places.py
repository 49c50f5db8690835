"""Where a record lives and where it is shown: a file of ``content/`` ↔ its
kind (kinds/) ↔ the preview page that shows it.

A school project keeps its kinds under ``content/``; a municipal one its own
kinds there and each organization's under ``content/orgs/<id>/``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from .. import addresses
from ..kinds import MUNICIPAL_OWN_KINDS, ORG_KINDS, Kind

CONTENT = "content"
ORGS = "orgs"  # content/orgs/<id>/: an organization of a municipal project


@dataclass(frozen=True)
class Place:
    rel: str  # the file, relative to the project: «content/programs/pp-1.yml»
    kind: Kind
    root: str  # the content root it belongs to: «content» or «content/orgs/sosh1»
    org: str | None = None  # the organization of a municipal project

    @property
    def record_id(self) -> str | None:
        """Kinds kept a file per record: the id is the file name."""
        if not self.kind.by_file:
            return None
        return posixpath.splitext(posixpath.basename(self.rel))[0]


def is_municipal(project: Path) -> bool:
    """From site_config.yml without loading it: the editor must open even
    when the configuration has an error (the form is how it gets fixed)."""
    config = project / "site_config.yml"
    try:
        text = config.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "mode":
            return value.split("#")[0].strip().strip("\"'").lower() in (
                "municipal",
                "муниципалитет",
            )
    return False


def kinds_of(municipal: bool, org: str | None) -> list[Kind]:
    return list(MUNICIPAL_OWN_KINDS) if municipal and org is None else list(ORG_KINDS)


def place_of(rel: str, municipal: bool) -> Place | None:
    """The kind of a record file (or of a new file in a kind's folder)."""
    parts = rel.replace("\\", "/").split("/")
    if not parts or parts[0] != CONTENT:
        return None
    org = None
    root = CONTENT
    inner = parts[1:]
    if municipal and len(inner) >= 2 and inner[0] == ORGS:
        org, root, inner = inner[1], f"{CONTENT}/{ORGS}/{inner[1]}", inner[2:]
    inside = "/".join(inner)
    for kind in kinds_of(municipal, org):
        if kind.by_file and posixpath.dirname(inside) == kind.path and inside.endswith(".yml"):
            return Place(rel, kind, root, org)
        if not kind.by_file and inside == kind.path:
            return Place(rel, kind, root, org)
    return None


def file_of(kind: Kind, root: str, record_id: str | None = None) -> str:
    if kind.by_file:
        return f"{root}/{kind.path}/{record_id}.yml"
    return f"{root}/{kind.path}"


def page_of(place: Place) -> str:
    """The preview page that shows the record (URL path from the site root)."""
    base = addresses.org_page(place.org) if place.org else ""
    section = place.kind.section
    if section is None:
        return f"/{base}"
    if place.org is not None and place.record_id is None:
        return f"/{base}"  # an organization of a portal is one page; its records have pages
    folder = f"{base}{section.slug}/"
    if place.record_id and section.record_template:
        return f"/{folder}{place.record_id}/"
    return f"/{folder}"


@dataclass(frozen=True)
class PageLinks:
    """What the editor offers on a preview page."""

    edit: list[tuple[str, str]]  # (link text, editor address)
    add: list[tuple[str, str]]


def links_for_page(path: str, municipal: bool) -> PageLinks:
    """«Редактировать» and «Добавить» for the preview page at URL ``path``."""
    parts = [p for p in path.split("/") if p and p != "index.html"]
    org = None
    root = CONTENT
    orgs_folder = addresses.ORGS
    if municipal and len(parts) >= 2 and parts[0] == orgs_folder:
        org, root, parts = parts[1], f"{CONTENT}/{ORGS}/{parts[1]}", parts[2:]
    edit: list[tuple[str, str]] = []
    add: list[tuple[str, str]] = []
    kinds = kinds_of(municipal, org)
    if not parts:
        if org is not None:
            edit.append(("Записи организации", f"{EDITOR}?{urlencode({'org': org})}"))
        if org is not None or not municipal:
            for kind in kinds:
                if kind.shape == "single":
                    edit.append((f"Редактировать: {kind.title}", edit_address(file_of(kind, root))))
        return PageLinks(edit, add)
    for kind in kinds:
        section = kind.section
        if section is None or section.slug != parts[0]:
            continue
        if len(parts) >= 2 and kind.by_file:
            edit.append(("Редактировать эту запись", edit_address(file_of(kind, root, parts[1]))))
        elif kind.by_file:
            add.append((f"Добавить: {kind.title}", new_address(f"{root}/{kind.path}")))
        elif kind.shape == "single":
            edit.append((f"Редактировать: {kind.title}", edit_address(file_of(kind, root))))
        else:
            edit.append((f"Записи: {kind.title}", list_address(file_of(kind, root))))
            add.append((f"Добавить: {kind.title}", edit_address(file_of(kind, root), "new")))
    return PageLinks(edit, add)


EDITOR = "/_nastav/"


def edit_address(rel: str, entry: int | str | None = None) -> str:
    query = {"file": rel, **({"entry": str(entry)} if entry is not None else {})}
    return f"{EDITOR}edit?{urlencode(query)}"


def new_address(folder: str) -> str:
    return f"{EDITOR}new?{urlencode({'folder': folder})}"


def list_address(rel: str) -> str:
    return f"{EDITOR}list?{urlencode({'file': rel})}"
