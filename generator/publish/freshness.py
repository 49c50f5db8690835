"""When each page was last updated: «Обновлено: ДД.ММ.ГГГГ» (issue 17).

273-ФЗ ст. 29 wants the site updated within ten working days of a change,
so every page says when what it shows last changed — from the dates of its
records (``Kind.dates``: a news item's date, a programme's approval and
completion, a mentor's ``updated``, a document's date…), never from the
build date, and never from the attached files (a git checkout dates them
all to the checkout):

* a record page (programme, practice, news item, contest): its record;
* a list page: the newest of the records of the kinds it shows;
* the home page: the newest of the whole section (of a portal: with its
  organizations'); a portal's organization page: that organization's home.

A date still to come has changed nothing yet. A page with no dated record
has no date: nothing is made up. The pages only look the dates up
(``Freshness.of``), one macro shows them (``_macros.md.j2`` ``updated``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..kinds import MUNICIPAL_OWN_KINDS, ORG_KINDS, Kind
from ..load.content import OrgContent
from ..load.municipal import MunicipalContent

HOME = "home"  # the home page's section key, in a school and in a portal
ORGS = "orgs"  # a portal's registry: its organizations' pages are its records
PRACTICES = "practices"  # a portal's catalog lists its organizations' practices too


@dataclass(frozen=True)
class Freshness:
    # section key (a kind's ``section_key``, or «home») → the newest date
    pages: dict[str, dt.date] = field(default_factory=dict)
    # (section key, record id) → the date of that record's own page
    records: dict[tuple[str, str], dt.date] = field(default_factory=dict)

    def of(self, key: str, record_id: str | None = None) -> dt.date | None:
        """The date of section ``key``'s page, or of a record's page in it."""
        if record_id is None:
            return self.pages.get(key)
        return self.records.get((key, record_id))


def org_freshness(content: OrgContent, today: dt.date) -> Freshness:
    """An organization's pages."""
    pages, records = _dated(ORG_KINDS, content, today)
    return _with_home(pages, records)


def municipal_freshness(
    content: MunicipalContent, orgs: Mapping[str, Freshness], today: dt.date
) -> Freshness:
    """A portal's own pages; ``orgs``: each organization's, by registry id."""
    pages, records = _dated(MUNICIPAL_OWN_KINDS, content, today)
    for org_id, org in orgs.items():
        if (home := org.of(HOME)) is not None:
            records[(ORGS, org_id)] = home
            _keep_newest(pages, ORGS, home)
        if (practices := org.of(PRACTICES)) is not None:
            _keep_newest(pages, PRACTICES, practices)
    return _with_home(pages, records)


def _dated(
    kinds: Iterable[Kind], content: OrgContent | MunicipalContent, today: dt.date
) -> tuple[dict[str, dt.date], dict[tuple[str, str], dt.date]]:
    pages: dict[str, dt.date] = {}
    records: dict[tuple[str, str], dt.date] = {}
    for kind in kinds:
        key = kind.section_key or kind.key
        for record in kind.records(content):
            newest = kind.newest(record, today)
            if newest is None:
                continue
            _keep_newest(pages, key, newest)
            record_id = getattr(record, "id", None)
            if kind.by_file and isinstance(record_id, str):
                records[(key, record_id)] = newest
    return pages, records


def _with_home(pages: dict[str, dt.date], records: dict[tuple[str, str], dt.date]) -> Freshness:
    if pages:
        pages[HOME] = max(pages.values())
    return Freshness(pages, records)


def _keep_newest(pages: dict[str, dt.date], key: str, date: dt.date) -> None:
    if key not in pages or pages[key] < date:
        pages[key] = date
