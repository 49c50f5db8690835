"""Facets of the practice catalog and the small JSON the catalog page's
script filters in the browser (``praktiki/katalog.json``).

The JSON holds only what the result list shows and what filters need:
ids of facet values per card, labels once per facet. Texts are plain (no
markup): the script writes them with ``textContent`` only.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..schema.vocab import Vocabulary
from ..util.markup import render_markdown
from ..util.pagelinks import relative
from ..util.slug import slugify
from .model import Collection, PracticeCard, Value

SUMMARY_CHARS = 240


@dataclass(frozen=True)
class Facet:
    key: str  # the URL parameter: ?form=uchitel-uchitel
    label: str
    values_of: Callable[[PracticeCard], list[Value]]
    open: bool = False  # shown unfolded


def _contest_values(card: PracticeCard) -> list[Value]:
    return [Value(e.id, e.title) for e in card.contests]


def _nominations(card: PracticeCard) -> list[Value]:
    return [Value(slugify(e.nomination, 60), e.nomination) for e in card.contests if e.nomination]


def _source(card: PracticeCard) -> list[Value]:
    return [
        Value(slugify(card.source, 40), card.source) if card.source else Value("local", "этот сайт")
    ]


FACETS = [
    Facet("form", "Форма наставничества", lambda c: c.forms, open=True),
    Facet("type", "Вид (формат)", lambda c: c.types),
    Facet("audience", "Целевая аудитория", lambda c: c.audience),
    Facet("year", "Год", lambda c: [Value(str(c.year), str(c.year))], open=True),
    Facet("contest", "Конкурс", _contest_values),
    Facet("nomination", "Номинация", _nominations),
    Facet("award", "Результат в конкурсе", lambda c: [e.award for e in c.contests if e.award]),
    Facet("org", "Организация", lambda c: [Value(o.id, o.name) for o in c.organizations]),
    Facet(
        "municipality",
        "Муниципальное образование",
        lambda c: [Value(slugify(c.municipality, 60), c.municipality)] if c.municipality else [],
    ),
    Facet(
        "tag",
        "Ключевые слова",
        lambda c: [Value(slugify(t, 60), t) for t in c.tags if slugify(t, 60)],
    ),
    Facet("source", "Источник", _source),
]


@dataclass
class FacetView:
    facet: Facet
    values: list[Value]  # in display order


def facet_views(cards: list[PracticeCard], vocabularies: dict[str, Vocabulary]) -> list[FacetView]:
    """Facets that narrow the collection: more than one value, or one value
    that not every card has."""
    views = []
    for facet in FACETS:
        seen: dict[str, Value] = {}
        having = 0
        for card in cards:
            values = facet.values_of(card)
            having += bool(values)
            for value in values:
                seen.setdefault(value.id, value)
        if len(seen) > 1 or (seen and having < len(cards)):
            views.append(FacetView(facet, _ordered(facet.key, list(seen.values()), vocabularies)))
    return views


def _ordered(key: str, values: list[Value], vocabularies: dict[str, Vocabulary]) -> list[Value]:
    vocab = {"form": "forms", "type": "types", "audience": "audiences", "award": "awards"}.get(key)
    if vocab:
        order = {t.id: i for i, t in enumerate(vocabularies[vocab].terms)}
        return sorted(values, key=lambda v: (order.get(v.id, len(order)), v.label))
    if key == "year":
        return sorted(values, key=lambda v: v.id, reverse=True)
    if key == "contest":
        return sorted(
            values, key=lambda v: (-int(v.label[-4:]) if v.label[-4:].isdigit() else 0, v.label)
        )
    if key == "source":
        return sorted(values, key=lambda v: (v.id != "local", v.label))
    return sorted(values, key=lambda v: v.label.lower())


def plain_text(markdown_text: str, limit: int = SUMMARY_CHARS) -> str:
    text = re.sub(r"<[^>]+>", " ", str(render_markdown(markdown_text)))
    text = " ".join(html.unescape(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:–- ") + "…"


def catalog_json(collection: Collection, vocabularies: dict[str, Vocabulary]) -> bytes:
    here = collection.page + "index.md"
    views = facet_views(collection.cards, vocabularies)
    typical = collection.typical_by_form()
    facets = []
    for view in views:
        values = []
        for value in view.values:
            item: dict[str, object] = {"id": value.id, "label": value.label}
            if view.facet.key == "form" and value.id in typical:
                item["typical"] = [
                    {"title": t.title, "url": relative(here, t.page), "org": t.organization}
                    for t in typical[value.id]
                ]
            values.append(item)
        facets.append(
            {
                "key": view.facet.key,
                "label": view.facet.label,
                "open": view.facet.open,
                "values": values,
            }
        )
    items = []
    for card in collection.cards:
        entry: dict[str, object] = {
            "title": card.title,
            "url": relative(here, card.page) if card.page else card.url,
            "org": card.org_names,
            "year": card.year,
            "summary": plain_text(card.summary),
            "forms": ", ".join(v.label for v in card.forms),
            "f": {
                view.facet.key: [v.id for v in view.facet.values_of(card)]
                for view in views
                if view.facet.values_of(card)
            },
        }
        if card.contests:
            entry["awards"] = [
                f"{e.title}: {e.result}" if e.result else e.title for e in card.contests
            ]
        if card.source:
            entry["source"] = card.source
        items.append(entry)
    document = {"version": 1, "count": len(items), "facets": facets, "items": items}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
