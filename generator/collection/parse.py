"""Reading another site's feed into catalog cards — untrusted input.

Every value is checked for its type and length; a card that is not usable
is skipped with a warning naming it. Texts go through the same
personal-data check as local texts (a name the source publishes is
accepted only as a listed author of that card); Markdown is rendered
later by the same sanitizer as local text, and plain values are escaped
by the templates. Vocabulary values are matched to this site's
vocabularies, so «педагог – педагог» from one site and «учитель – учитель»
from another filter together.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, overload
from urllib.parse import urljoin, urlsplit

from ..privacy.names import NameFinder
from ..schema.vocab import Vocabulary
from ..util import safejson
from ..util.slug import slugify
from .feed import FORMAT, VERSION
from .model import ContestEntry, OrgRef, PracticeCard, Value

LIMITS = {"title": 500, "summary": 5000, "text": 30000, "short": 300}
TEXT_FIELDS = ("problem", "goal", "description", "resources", "results", "scalability")


class FeedError(Exception):
    """The whole feed is unusable: the reason in Russian."""


class CardError(Exception):
    """One card is unusable."""


def read_feed(text: str) -> dict[str, Any]:
    try:  # our limits of depth and size: a feed is untrusted (util/safejson.py)
        document = safejson.loads(text)
    except safejson.JsonError as exc:
        raise FeedError(f"лента {exc}.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FeedError(f"это не лента практик nastav: нет поля «format»: «{FORMAT}».")
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise FeedError(
            f"лента версии {version!r}; эта версия nastav читает версию {VERSION}. Обновите nastav."
        )
    if not isinstance(document.get("practices"), list):
        raise FeedError("в ленте нет списка «practices».")
    return document


def site_base(document: dict[str, Any], origin: str, configured: str | None) -> str | None:
    """The address card links are resolved against: the configured one, the
    feed's own ``site.url``, or the folder above ``data/`` of a fetched feed."""
    site = document.get("site")
    for candidate in (configured, site.get("url") if isinstance(site, dict) else None):
        if isinstance(candidate, str) and _is_web(candidate):
            return candidate if candidate.endswith("/") else candidate + "/"
    if _is_web(origin):
        return urljoin(origin, "../")
    return None


class CardReader:
    def __init__(
        self, source: str, base: str, vocabularies: dict[str, Vocabulary], finder: NameFinder
    ):
        self.source = source
        self.base = base
        self.vocab = vocabularies
        self.finder = finder

    def card(self, item: Any) -> PracticeCard:
        if not isinstance(item, dict):
            raise CardError("запись не является объектом")
        title = _text(item, "title", LIMITS["title"], required=True)
        url = _text(item, "link", 2000) or _text(item, "url", 2000, required=True)
        url = urljoin(self.base, url)
        if not _is_web(url):
            raise CardError(f"адрес карточки «{url[:80]}» — не http(s)")
        year = item.get("year")
        if not isinstance(year, int) or not 1900 < year < 2200:
            raise CardError("нет года (year)")
        authors = [
            (
                _text(a, "full_name", LIMITS["short"], required=True),
                _text(a, "position", LIMITS["short"]),
            )
            for a in _list(item, "authors")
            if isinstance(a, dict)
        ]
        card = PracticeCard(
            id=slugify(_text(item, "id", LIMITS["short"]) or title, 80),
            title=title,
            summary=_text(item, "summary", LIMITS["summary"]) or "",
            year=year,
            url=url,
            source=self.source,
            organizations=[
                OrgRef(name, f"{slugify(self.source, 30)}-{slugify(name, 50)}")
                for name in _strings(item, "organizations")
            ],
            municipality=_text(item, "municipality", LIMITS["short"]),
            region=_text(item, "region", LIMITS["short"]),
            authors=authors,
            forms=self._values(item, "forms", "forms"),
            types=self._values(item, "types", "types"),
            audience=self._values(item, "audience", "audiences"),
            period=_text(item, "period", LIMITS["short"]),
            contests=[self._contest(c) for c in _list(item, "contests") if isinstance(c, dict)],
            tags=_strings(item, "tags"),
            published=_date(item.get("published")),
            extra={k: v for k in TEXT_FIELDS if (v := _text(item, k, LIMITS["text"]))},
        )
        if not card.forms:
            raise CardError("не указана форма наставничества (forms)")
        card.extra["site"] = self.base
        self._check_names(card)
        return card

    def _values(self, item: dict, key: str, vocab: str) -> list[Value]:
        values = []
        for raw in _list(item, key):
            label = raw.get("label") if isinstance(raw, dict) else raw
            term_id = raw.get("id") if isinstance(raw, dict) else None
            if not isinstance(label, str) or not label.strip():
                continue
            label = label.strip()[: LIMITS["short"]]
            term = self.vocab[vocab].lookup(label) or (
                self.vocab[vocab].get(term_id) if isinstance(term_id, str) else None
            )
            values.append(Value(term.id, term.label) if term else Value(slugify(label), label))
        return list(dict.fromkeys(values))

    def _contest(self, raw: dict) -> ContestEntry:
        name = _text(raw, "name", LIMITS["short"], required=True)
        year = raw.get("year") if isinstance(raw.get("year"), int) else None
        award_label = _text(raw, "award", LIMITS["short"])
        award = None
        if award_label:
            term = self.vocab["awards"].lookup(award_label)
            award = Value(term.id, term.label) if term else Value(slugify(award_label), award_label)
        place = raw.get("place") if isinstance(raw.get("place"), int) else None
        url = _text(raw, "url", 2000)
        url = urljoin(self.base, url) if url else None
        return ContestEntry(
            name,
            year,
            _text(raw, "nomination", LIMITS["short"]),
            award,
            place,
            None,
            None,
            url if url and _is_web(url) else None,
        )

    def _check_names(self, card: PracticeCard) -> None:
        # The card's authors are published with their consent (the source site
        # vouches for it): an author is refused only when the name is that of a
        # person withheld here — not for sharing a surname with one.
        names = [name for name, _ in card.authors]
        authors = " ".join(names)
        for name in names:
            for hit in self.finder.find_known(name, consented=names):
                assert hit.person is not None  # find_known reports denied persons only
                raise CardError(f"автор «{hit.text}» — {hit.person.why}")
        texts = [
            card.title,
            card.summary,
            card.org_names,
            card.period or "",
            *card.tags,
            *card.extra.values(),
            *(f"{e.name} {e.nomination or ''}" for e in card.contests),
        ]
        for text in texts:
            for hit in self.finder.find(text, consented=names):
                if hit.person is None and _all_words_in(hit.text, authors):
                    continue  # a listed author of the card
                who = hit.person.why if hit.person else "не указан среди авторов карточки"
                raise CardError(f"в тексте имя «{hit.text}» ({who})")


def _is_web(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@overload
def _text(item: dict, key: str, limit: int, required: Literal[True]) -> str: ...
@overload
def _text(item: dict, key: str, limit: int, required: bool = False) -> str | None: ...
def _text(item: dict, key: str, limit: int, required: bool = False) -> str | None:
    """The stripped text at ``key``; None when absent, unless ``required``."""
    value = item.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CardError(f"нет поля «{key}»")
        return None
    if not isinstance(value, str):
        raise CardError(f"поле «{key}» — не строка")
    if len(value) > limit:
        raise CardError(f"поле «{key}» длиннее {limit} символов")
    return value.strip()


def _list(item: dict, key: str) -> list:
    value = item.get(key)
    return value[:200] if isinstance(value, list) else []


def _strings(item: dict, key: str) -> list[str]:
    return [
        v.strip()[: LIMITS["short"]] for v in _list(item, key) if isinstance(v, str) and v.strip()
    ]


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _all_words_in(found: str, names: str) -> bool:
    def stems(text: str) -> set[str]:
        return {
            w.lower().replace("ё", "е")[:5] for w in text.replace(".", " ").split() if len(w) >= 3
        }

    return bool(stems(found)) and stems(found) <= stems(names)
