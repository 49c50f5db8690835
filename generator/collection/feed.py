"""Feeds of the public practice cards, written by every build:

* ``data/practices-feed.json`` — every card with every public field, the
  format other nastav projects import (``collections:`` in site_config.yml);
* ``data/practices.atom`` — the newest cards by publication date (Atom 1.0),
  for feed readers and regional portals.

Both are made from the same cards as the pages, so they publish only what
the pages publish. Addresses are relative to the site root unless the
project sets ``site_url``; a reader resolves them against the feed's own
address (the feed lives in ``data/``).
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urljoin

from .. import addresses
from ..util.slug import slugify
from .facets import plain_text
from .model import Collection, PracticeCard, Value

FEED_PATH = addresses.PRACTICE_FEED
ATOM_PATH = addresses.PRACTICE_ATOM
FORMAT = "nastav-practices"
VERSION = 1
ATOM_ENTRIES = 50


def _values(values: list[Value]) -> list[dict[str, str]]:
    return [{"id": v.id, "label": v.label} for v in values]


def _absolute(collection: Collection, path: str | None) -> str | None:
    if not path:
        return None
    return urljoin(collection.site_url, path) if collection.site_url else path


def card_item(card: PracticeCard, collection: Collection) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": card.id,
        "url": card.page if card.page else card.url,
        "link": card.url,
        "title": card.title,
        "summary": card.summary,
        "organizations": [o.name for o in card.organizations],
        "municipality": card.municipality,
        "region": card.region,
        "authors": [{"full_name": name, "position": position} for name, position in card.authors],
        "forms": _values(card.forms),
        "types": _values(card.types),
        "audience": _values(card.audience),
        "year": card.year,
        "period": card.period,
        "published": card.published.isoformat() if card.published else None,
        "contests": [
            {
                "name": e.name,
                "year": e.year,
                "nomination": e.nomination,
                "award": e.award.label if e.award else None,
                "place": e.place,
                "level": e.level.label if e.level else None,
                "url": _absolute(collection, e.page) or e.url,
            }
            for e in card.contests
        ],
        "tags": card.tags,
    }
    p = card.practice
    if p is not None:
        item.update(
            {
                "problem": p.problem,
                "goal": p.goal,
                "tasks": p.tasks,
                "description": p.description,
                "stages": [
                    {"name": s.name, "period": s.period, "content": s.content} for s in p.stages
                ],
                "resources": p.resources,
                "results": p.results,
                "indicators": p.indicators,
                "scalability": p.scalability,
                "materials": [
                    {
                        "title": m.title,
                        "kind": m.kind,
                        "url": m.file.href if m.file else m.url,
                        "format": m.file.format if m.file else m.format,
                        "size": m.file.size if m.file else None,
                    }
                    for m in card.materials
                ],
                "contacts": {
                    k: getattr(card.contacts, k)
                    for k in ("address", "phone", "email", "website")
                    if card.contacts and getattr(card.contacts, k)
                },
                "programs": [
                    {"title": r.title, "url": r.page, "typical": r.typical} for r in card.programs
                ],
            }
        )
    else:
        item.update(card.extra)
        item["source"] = {"name": card.source, "site": card.extra.get("site")}
        item.pop("site", None)
    return _compact(item)


def _compact(value: Any) -> Any:
    """Empty fields are left out, at every level."""
    if isinstance(value, dict):
        return {k: c for k, v in value.items() if (c := _compact(v)) not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def feed_json(collection: Collection) -> bytes:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "title": f"Практики наставничества — {collection.site_name}",
        "site": {"name": collection.site_name, "url": collection.site_url},
        "generated": collection.today.isoformat(),
        "count": len(collection.cards),
        "practices": [card_item(c, collection) for c in collection.cards],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(collection: Collection) -> bytes:
    """Newest first; cards without a publication date are not «new» and stay out."""
    atom = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", atom)

    def el(parent, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{atom}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    dated = sorted(
        ((c.published, c) for c in collection.cards if c.published),
        key=lambda pair: (pair[0], pair[1].title),
        reverse=True,
    )[:ATOM_ENTRIES]
    site = slugify(collection.site_name, 40)
    feed = ET.Element(f"{{{atom}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "ru"})
    el(feed, "title", f"Новые практики наставничества — {collection.site_name}")
    own = urljoin(collection.site_url, ATOM_PATH) if collection.site_url else None
    el(feed, "id", own or f"urn:nastav:{site}:practices")
    updated = dated[0][0] if dated else collection.today
    el(feed, "updated", _stamp(updated))
    el(feed, "link", rel="self", href=own or ATOM_PATH.rpartition("/")[2])
    el(
        feed,
        "link",
        rel="alternate",
        type="text/html",
        href=_absolute(collection, collection.page) or "../" + collection.page,
    )
    el(el(feed, "author"), "name", collection.site_name)
    el(feed, "generator", "nastav")
    for published, card in dated:
        entry = el(feed, "entry")
        el(entry, "title", card.title)
        href = card.url or ("../" + card.page if card.page else "")
        el(entry, "id", card.url or f"urn:nastav:{site}:{slugify(card.page or card.id, 120)}")
        el(entry, "link", rel="alternate", type="text/html", href=href)
        el(entry, "published", _stamp(published))
        el(entry, "updated", _stamp(published))
        el(el(entry, "author"), "name", card.org_names or collection.site_name)
        for form in card.forms:
            el(entry, "category", term=form.id, label=form.label)
        el(entry, "summary", plain_text(card.summary, 1000), type="text")
    body = ET.tostring(feed, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")
