"""What the site shows of a record, and from when: each rule written once.

The rules stage asks these functions to warn the curator («на сайт они не
попадут», «появится на сайте после сборки в этот день»), the publish stage
(``publish/org.py``, ``publish/municipality.py``) to build the public model,
and the pages and the collection to order what they list, so a warning, the
site and its downloads never disagree. Their codes, texts and sources are in
``rules/catalog.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Protocol

from ..schema.records import NewsItem, Practice, Program


def results_published(program: Program) -> bool:
    """P1 (002 §8.2, строка 360): the results of a programme are published
    only after it is completed. A status «завершена» with a completion date
    still to come is an error of the rules (``org_rules``), so a built site
    never shows results early."""
    return program.status == "completed"


def withhold_results(program: Program) -> Program:
    """P1: the programme as published — without its results until it is
    completed (``results_published``)."""
    if results_published(program):
        return program
    return replace(program, results=None)


def news_visible(item: NewsItem, today: dt.date) -> bool:
    """G1: a news item appears on the site from its publication date."""
    return item.date <= today


def is_announcement(item: NewsItem, today: dt.date) -> bool:
    """G1 («новости и анонсы», 002 строка 358): a news item is an announcement
    while the date of its event has not passed."""
    return bool(item.event_date and item.event_date >= today)


def practice_visible(practice: Practice, today: dt.date) -> bool:
    """G1: a practice card with a publication date appears from that date,
    like news; without one it is published at once."""
    return practice.published is None or practice.published <= today


class _Dated(Protocol):
    @property
    def year(self) -> int: ...

    @property
    def title(self) -> str: ...


def practice_order(practice: _Dated) -> tuple[int, str]:
    """G2: the sort key of practices wherever they are listed (an
    organization's and a portal's section, the catalog of the collection):
    the newest year first, then by title."""
    return (-practice.year, practice.title)
