"""The registry of record kinds: every stage iterates ``KINDS``.

To add a kind: declare it (a module here, like ``agreements.py``: the record
class and its ``Kind``), add it to ``KINDS`` below, write its list template
in ``render/templates/``, and its tests. See CONTRIBUTING.md.
"""

from __future__ import annotations

from .agreements import AGREEMENTS
from .base import MUNICIPAL, ORG, Kind, SectionSpec, Words
from .municipal import MUNICIPAL_KINDS
from .school import SCHOOL

KINDS: list[Kind] = [*SCHOOL, AGREEMENTS, *MUNICIPAL_KINDS]

ORG_KINDS = [k for k in KINDS if k.scope == ORG]
MUNICIPAL_OWN_KINDS = [k for k in KINDS if k.scope == MUNICIPAL]


def org_kind(key: str) -> Kind:
    return next(k for k in ORG_KINDS if k.key == key)


def sections_in_order() -> list[Kind]:
    """An organization's kinds with a page of their own, in navigation order."""
    shown = [k for k in ORG_KINDS if k.section is not None]
    return sorted(shown, key=lambda k: k.section.position if k.section else 0)


__all__ = [
    "KINDS",
    "MUNICIPAL",
    "MUNICIPAL_OWN_KINDS",
    "ORG",
    "ORG_KINDS",
    "Kind",
    "SectionSpec",
    "Words",
    "org_kind",
    "sections_in_order",
]
