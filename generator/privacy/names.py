"""Finding people's names in free text.

Two detectors:

* known people — mentees (their names are kept only for this check),
  mentors without consent, persons listed in ``privacy.persons``. A surname
  is found in any grammatical case and letter case («Смирновой»,
  «СМИРНОВА»), transliterated («Smirnova», «smirnova-ao»), and with Word's
  invisible characters or Latin look-alike letters inside it (``textfold``).
  Without the surname, the given name with the patronymic («Алине
  Олеговне») is found too. Every capitalised word is looked up in one
  dictionary of stems, so the cost does not grow with the number of people.
* unknown people — any «Фамилия Имя Отчество» (the patronymic is a strong
  signal, the surname may be in capitals as in orders) or «Фамилия И. О.» /
  «И. О. Фамилия».

A mention is attributed by the fullest form present. People with consent
(mentors, authors, officials) may share a surname with a withheld person:
«Волков Павел Андреевич», «Волков П. А.» and «volkov-pa» are the consented
Волков and are published; «Волков Артём» and «Артёму Сергеевичу» are the
withheld one; a lone «Волков» could be either and is reported as such
(``NameHit.also``), asking which person is meant. A surname nobody with
consent bears is withheld in every form.

Names inside organization names («им. Габдуллы Тукая», «имени Надежды
Курченко») are not people and are skipped.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from .people import (
    ENDINGS,
    LATIN_ENDINGS,
    MAX_ENDING,
    SURNAME_END,
    Person,
    cut_forms,
    latin,
    latin_skeleton,
    norm,
    stems,
    surname_stem,
)
from .textfold import Folded, fold

__all__ = ["NameFinder", "NameHit", "Person", "latin_skeleton", "surname_stem"]

_UP = "А-ЯЁ"
_LO = "а-яё"


def _word_start(first: str, letters: str = f"{_UP}{_LO}") -> str:
    """``first`` (one character, of a class) where no letter of ``letters``
    precedes it — the character before the lookbehind: a pattern that starts
    with a lookbehind is tried at every position of the text, one that starts
    with a class only where the class matches (the audit searches every file
    of the site: twice as fast)."""
    return rf"{first}(?<![{letters}]{first})"


# A word and a surname after their first capital letter: written once, and
# with the first letter plain or not after a letter (``_word_start``).
_WORD_REST = rf"[{_LO}]+(?:-[{_UP}][{_LO}]+)?"
_SURNAME_REST = rf"(?:{_WORD_REST}|[{_UP}]+(?:-[{_UP}]{{2,}})?)"  # orders write «СМИРНОВА Алина»
_UP_FIRST = _word_start(f"[{_UP}]")
_WORD = rf"[{_UP}]{_WORD_REST}"
_SURNAME = rf"[{_UP}]{_SURNAME_REST}"
_PATRONYMIC = rf"[{_UP}][{_LO}]*(?:вич|вн|ичн|ьич)[{_LO}]{{0,3}}"
_INITIAL = rf"[{_UP}]\.\s?"
FIO_PATTERNS = [
    re.compile(rf"{_UP_FIRST}{_SURNAME_REST}\s+{_WORD}\s+{_PATRONYMIC}(?![{_LO}])"),
    re.compile(rf"{_UP_FIRST}{_WORD_REST}\s+{_PATRONYMIC}\s+{_SURNAME}(?![{_UP}{_LO}])"),
    re.compile(rf"{_UP_FIRST}{_SURNAME_REST}\s+{_INITIAL}{_INITIAL}?(?![{_LO}])"),
    re.compile(rf"{_UP_FIRST}\.\s?{_INITIAL}?{_SURNAME}(?![{_UP}{_LO}])"),
]
# Capitalised and all-capitals words: where surnames are looked up.
_CAPITALISED = re.compile(
    rf"{_UP_FIRST}(?:[{_LO}]+|[{_UP}]+)(?:-[{_UP}](?:[{_LO}]+|[{_UP}]+))?(?![{_UP}{_LO}])"
)
_ANY_WORD = re.compile(
    rf"{_word_start(f'[{_UP}{_LO}]')}[{_UP}{_LO}]{{2,}}(?:-[{_UP}{_LO}]+)?(?![{_UP}{_LO}])"
)
# Patronymics in any case («алине олеговне»): the distinct runs of letters,
# then those of a patronymic's form — one pattern over the text backtracked
# over each of its words.
_LETTER_RUN = re.compile(rf"{_word_start(f'[{_UP}{_LO}]')}[{_UP}{_LO}]*")
_PATRONYMIC_RUN = re.compile(
    rf"[{_UP}{_LO}]+(?:(?:вич|вн|ичн|ьич)[{_LO}]{{0,3}}|(?:ВИЧ|ВН|ИЧН|ЬИЧ)[{_UP}]{{0,3}})"
)
_LATIN_WORD = re.compile(rf"{_word_start('[A-Za-z]', 'A-Za-z')}[A-Za-z]{{3,}}(?![A-Za-z])")
# Tokens next to a surname: an initial «А.», a Cyrillic word, a Latin word.
_NEXT_CYRILLIC = re.compile(
    rf"[ \t\u00a0]{{0,3}}\n?[ \t\u00a0]{{0,3}}(?:([{_UP}])\.|([{_UP}{_LO}]+))"
)
_NEXT_LATIN = re.compile(r"[-_. +]{0,2}([A-Za-z]+)")
_BEFORE_CYRILLIC = re.compile(rf"(?:([{_UP}])\.|([{_UP}{_LO}]+))\s{{0,3}}$")
_BEFORE_LATIN = re.compile(r"([A-Za-z]+)[-_. +]{0,2}$")
# Named after someone: «им. В. Г. Короленко», «улица Волкова», «пр-т Ленина».
_HONORIFIC = re.compile(
    r"(?:\bим\.|\bимени|\bул\.|\bулиц[аеуы]|\bпр-т|\bпроспект\w*|\bпер\.|\bпереул\w*"
    r"|\bпл\.|\bплощад\w*|\bбульвар\w*|\bнаб\.|\bнабережн\w*)\s*(?:[^\s,;]+\s+){0,4}$",
    re.IGNORECASE,
)
MIN_LATIN_STEM = 4
# «sosh-im-volkova», «shkola_imeni_volkova»: named after someone, in an address.
_LATIN_HONORIFIC = re.compile(
    r"(?<![a-z])(?:im|imeni)[-_. ]{1,2}(?:[a-z]{1,2}[-_. ]{1,2}){0,2}$", re.I
)
_PATRONYMIC_FORM = re.compile(r"(вич|вн|ичн)[а-я]{0,3}$")

Token = tuple[str, bool, bool]  # normalised text, is an initial, is Latin


@dataclass(frozen=True)
class NameHit:
    start: int
    end: int
    text: str
    person: Person | None  # None: an unknown full name found by pattern
    # A consented person with the same surname: the mention is ambiguous.
    also: Person | None = None


@dataclass
class _Bearers:
    denied: list[Person]
    allowed: list[Person]


class NameFinder:
    def __init__(self, denied: list[Person], allowed: list[str]):
        self.denied = [p for p in denied if len(p.surname) >= 3]
        self._denied_set = set(self.denied)
        self._seen: dict[tuple[str, bool], _Bearers | None] = {}
        self._patronymic_seen: dict[str, frozenset[Person]] = {}
        self.allowed = [Person(name, "согласие") for name in allowed]
        self._surnames: dict[str, _Bearers] = {}
        self._latin: dict[str, _Bearers] = {}
        self._patronymics: dict[str, list[Person]] = {}
        for person, is_denied in [(p, True) for p in self.denied] + [
            (p, False) for p in self.allowed if len(p.surname) >= 3
        ]:
            for stem in person.surname_stems:
                _add(self._surnames, stem, person, is_denied)
                if len(stem) >= MIN_LATIN_STEM:
                    _add(self._latin, latin(stem), person, is_denied)
            if person.given and person.patronymic:
                for stem in person.patronymic_stems:
                    self._patronymics.setdefault(stem, []).append(person)
        self._allowed_surnames: dict[str, list[Person]] = {}
        for person in self.allowed:
            for stem in person.surname_stems:
                self._allowed_surnames.setdefault(stem, []).append(person)
        # Denied entries only: an allowed surname alone is nobody's secret.
        self._surnames = {k: v for k, v in self._surnames.items() if v.denied}
        self._latin = {k: v for k, v in self._latin.items() if v.denied}
        self._allowed_words: set[str] = set()
        for name in allowed:
            for word in re.split(r"[\s,.]+", fold(name).text):
                if len(word) >= 3:
                    self._allowed_words |= stems(word, fleeting=True)

    @property
    def has_denied(self) -> bool:
        return bool(self._surnames)

    @functools.cached_property
    def fingerprint(self) -> str:
        """Changes whenever the lists of denied or allowed names change. The
        lists are set once, in ``__init__``; computed once: every
        organization's stage keys on it (a region: 930 times, 27 s)."""
        digest = hashlib.sha256()
        people = [("-", p.full_name) for p in self.denied] + [
            ("+", p.full_name) for p in self.allowed
        ]
        for sign, name in sorted(people):
            digest.update(f"{sign}{name}\0".encode())
        return digest.hexdigest()

    # -- public checks ---------------------------------------------------------
    def find_known(self, text: str, consented: Sequence[str] = ()) -> list[NameHit]:
        """Only denied persons — the check run over the whole built site.
        ``consented``: further people with consent for this text only (the
        authors of a practice card from another site)."""
        if not self._surnames:
            return []
        folded = fold(text)
        hits, _claimed = self._known(folded.text, False, _people(consented))
        return _unfold(hits, folded, text)

    def find(self, text: str, consented: Sequence[str] = ()) -> list[NameHit]:
        folded = fold(text)
        plain = folded.text
        extra = _people(consented)
        hits, claimed = self._known(plain, False, extra) if self._surnames else ([], [])
        matches = [m for pattern in FIO_PATTERNS for m in pattern.finditer(plain)]
        # Allowed people in any word order and case («Портрет Елены Анатольевны
        # Ивановой»): another reading of the same words («Портрет Елены
        # Анатольевны») is that person too, not a stranger.
        exempt = [
            self._exempt(plain, m) or _overlaps(m.span(), claimed) or _fits_any(m.group(0), extra)
            for m in matches
        ]
        allowed = [m.span() for m, ok in zip(matches, exempt) if ok]
        for match, is_exempt in zip(matches, exempt):
            overlapping = [h for h in hits if h.start < match.end() and match.start() < h.end]
            if overlapping:
                # «Колмаковым С. А.»: widen the known hit to the whole name.
                for hit in overlapping:
                    hits.remove(hit)
                start = min(match.start(), *(h.start for h in overlapping))
                end = max(match.end(), *(h.end for h in overlapping))
                first = next((h for h in overlapping if h.person), overlapping[0])
                hits.append(NameHit(start, end, plain[start:end], first.person, first.also))
            elif not is_exempt and not _shares_patronymic(match, allowed):
                hits.append(NameHit(match.start(), match.end(), match.group(0), None))
        return _unfold(sorted(hits, key=lambda h: h.start), folded, text)

    def find_in_link(self, url: str) -> list[NameHit]:
        """Denied surnames in an address or a file name, in Cyrillic (after
        %-decoding, any letter case) or transliterated."""
        if not self._surnames:
            return []
        decoded = unquote(url)
        folded = fold(decoded)
        hits, _claimed = self._known(folded.text, True, [])
        return _unfold(hits, folded, decoded)

    # -- known people ----------------------------------------------------------
    def _known(
        self, text: str, any_case: bool, extra: list[Person]
    ) -> tuple[list[NameHit], list[tuple[int, int]]]:
        """Hits of denied persons, and the spans claimed by consented ones."""
        hits: list[NameHit] = []
        claimed: list[tuple[int, int]] = []
        words = _ANY_WORD if any_case else _CAPITALISED
        # A page has a thousand words and seldom a surname: its distinct words
        # are looked up first (at C speed), and the words are gone through
        # one by one only when some of them is a surname.
        surnames = self._bearing(words, text, False)
        if surnames:
            for match in words.finditer(text):
                if match.group(0) not in surnames:
                    continue
                bearers = _with(extra, self._bearers(match.group(0), False))
                if bearers and not _HONORIFIC.search(
                    text[max(0, match.start() - 60) : match.start()]
                ):
                    self._attribute(text, match, bearers, False, any_case, hits, claimed)
        latin_surnames = self._bearing(_LATIN_WORD, text, True) if self._latin else set()
        if latin_surnames:
            for match in _LATIN_WORD.finditer(text):
                if match.group(0) not in latin_surnames:
                    continue
                if not any_case and _in_email(text, match.start(), match.end()):
                    continue  # «krylova.d@mail.ru»: the e-mail check reports the address
                bearers = _with(extra, self._bearers(match.group(0), True))
                if bearers and not _LATIN_HONORIFIC.search(
                    text[max(0, match.start() - 40) : match.start()]
                ):
                    self._attribute(text, match, bearers, True, True, hits, claimed)
        if self._patronymics:
            self._given_and_patronymic(text, hits, claimed)
        return sorted(hits, key=lambda h: h.start), claimed

    def _bearing(self, words: re.Pattern[str], text: str, is_latin: bool) -> set[str]:
        """The distinct words of ``text`` that someone bears as a surname."""
        return {w for w in set(words.findall(text)) if self._bearers(w, is_latin) is not None}

    def _bearers(self, word: str, is_latin: bool) -> _Bearers | None:
        """Who bears this surname, remembered per word: a site repeats its words."""
        key = (word, is_latin)
        if key not in self._seen:
            if len(self._seen) > 200_000:
                self._seen.clear()
            self._seen[key] = (
                _lookup(self._latin, latin_skeleton(word), LATIN_ENDINGS)
                if is_latin
                else _lookup(self._surnames, norm(word), ENDINGS)
            )
        return self._seen[key]

    def _attribute(
        self,
        text: str,
        match: re.Match[str],
        bearers: _Bearers,
        is_latin: bool,
        any_case: bool,
        hits: list[NameHit],
        claimed: list[tuple[int, int]],
    ) -> None:
        word = match.group(0)
        after, before = _around(text, match.start(), match.end(), is_latin)
        best: tuple[int, int, int, Person | None, bool] = (
            0,
            match.start(),
            match.end(),
            None,
            False,
        )
        tokens = [t for t, _, _ in after]
        for person, is_denied in [(p, True) for p in bearers.denied] + [
            (p, False) for p in bearers.allowed
        ]:
            ahead = person.fits(tokens)
            behind = _fits_before(person, before)
            score = ahead + behind
            # Ties go to the withheld person: privacy fails closed.
            if score > best[0] or (score == best[0] and score and is_denied and not best[4]):
                start = before[-behind][1] if behind else match.start()
                end = after[ahead - 1][2] if ahead else match.end()
                best = (score, start, end, person, is_denied)
        score, start, end, chosen, is_denied = best
        if score and chosen is not None:
            if is_denied:
                hits.append(NameHit(start, end, text[start:end], chosen))
            else:
                claimed.append((start, end))
            return
        lone_ok = word[:1].isupper() or is_latin or any_case
        if not lone_ok or (word.isupper() and len(word) < 4 and not is_latin):
            return  # «КИМ» is an abbreviation, «волков» a word: only with a name beside
        if bearers.allowed and _looks_like_another_person(text, after, before):
            return  # «Волков И. И.»: a third person; the unknown-name check sees them
        also = bearers.allowed[0] if bearers.allowed else None
        hits.append(NameHit(match.start(), match.end(), word, bearers.denied[0], also))

    def _given_and_patronymic(
        self, text: str, hits: list[NameHit], claimed: list[tuple[int, int]]
    ) -> None:
        """«Алина Олеговна», «алине олеговне», without the surname."""
        borne = {
            w
            for w in set(_LETTER_RUN.findall(text))
            if _PATRONYMIC_RUN.fullmatch(w) and self._by_patronymic(w)
        }
        if not borne:
            return
        taken = [(h.start, h.end) for h in hits] + claimed
        for match in _LETTER_RUN.finditer(text):
            if match.group(0) not in borne or _inside(match.span(), taken):
                continue
            token = norm(match.group(0))
            people = self._by_patronymic(match.group(0))
            before = _before_tokens(text, match.start(), False)
            if not before or before[-1][0][1]:
                continue
            given, start, _ = before[-1]
            fitting = [p for p in people if p.fits([given, (token, False, False)]) == 2]
            denied = [p for p in fitting if p in self._denied_set]
            if not denied:
                continue
            consented = [p for p in fitting if p not in self._denied_set]
            end = match.end()
            # «смирнова алина олеговна», «алина олеговна смирнова»: the surname along;
            # «Зайцева Ольга Игоревна» is someone else who shares the two names.
            before_given = _before_tokens(text, start, False)
            after = _after_tokens(text, end, False)
            beside = [t for t in (before_given[-1:] + after[:1]) if not t[0][1]]
            if any(_is_surname_of(denied[0], t[0]) for t in beside):
                if before_given and _is_surname_of(denied[0], before_given[-1][0]):
                    start = before_given[-1][1]
                if after and _is_surname_of(denied[0], after[0][0]):
                    end = after[0][2]
            elif any(_surname_like(text, t) for t in beside):
                continue
            hits.append(
                NameHit(start, end, text[start:end], denied[0], consented[0] if consented else None)
            )

    def _by_patronymic(self, word: str) -> frozenset[Person]:
        """Who has this patronymic («Олеговне» → every Алина Олеговна), per word."""
        if word not in self._patronymic_seen:
            if len(self._patronymic_seen) > 200_000:
                self._patronymic_seen.clear()
            self._patronymic_seen[word] = frozenset(
                p for form in cut_forms(norm(word)) for p in self._patronymics.get(form, [])
            )
        return self._patronymic_seen[word]

    def _exempt(self, text: str, match: re.Match[str]) -> bool:
        if _HONORIFIC.search(text[max(0, match.start() - 60) : match.start()]):
            return True
        parts = [w for w in re.split(r"[\s.]+", match.group(0)) if w]
        words = [w for w in parts if len(w) >= 3]
        # An unknown full name is fine if every word belongs to an allowed person…
        if not words or not all(self._allowed_word(w) for w in words):
            return False
        initials = [(norm(w), True, False) for w in parts if len(w) == 1]
        if not initials:
            return True
        # …and its initials are that person's: «Волков И. И.» is not «Волков П. А.».
        return any(
            person.fits(initials) == len(initials)
            for word in words
            for form in cut_forms(norm(word))
            for person in self._allowed_surnames.get(form, ())
        )

    def _allowed_word(self, word: str) -> bool:
        return any(form in self._allowed_words for form in cut_forms(norm(word)))


# -- helpers ---------------------------------------------------------------------
def _people(names: Sequence[str]) -> list[Person]:
    return [p for p in (Person(n, "согласие") for n in names) if len(p.surname) >= 3]


def _with(extra: list[Person], bearers: _Bearers | None) -> _Bearers | None:
    """The bearers of a surname, with this text's own consented people."""
    if bearers is None or not extra:
        return bearers
    denied = bearers.denied
    same = [p for p in extra if any(s in p.surname_stems for d in denied for s in d.surname_stems)]
    return _Bearers(denied, bearers.allowed + same) if same else bearers


def _fits_any(found: str, people: list[Person]) -> bool:
    """An unknown full name that is one of this text's consented people."""
    parts = [norm(w) for w in re.split(r"[\s.]+", found) if w]
    for person in people:
        rest = [w for w in parts if not any(f in person.surname_stems for f in cut_forms(w))]
        if len(rest) < len(parts):
            tokens = [(w, len(w) == 1, False) for w in rest]
            if person.fits(tokens) == len(tokens):
                return True
    return False


def _add(index: dict[str, _Bearers], key: str, person: Person, is_denied: bool) -> None:
    entry = index.setdefault(key, _Bearers([], []))
    group = entry.denied if is_denied else entry.allowed
    if person not in group:
        group.append(person)


def _lookup(index: dict[str, _Bearers], token: str, endings: frozenset[str]) -> _Bearers | None:
    # «Смирновой» is a form of «Смирнова»; «Смирновка» is not.
    for cut in range(0, MAX_ENDING + 1):
        stem, ending = token[: len(token) - cut], token[len(token) - cut :]
        if ending in endings and stem in index and (cut == 0 or len(stem) >= 3):
            return index[stem]
    return None


_Located = tuple[Token, int, int]  # a token with its span


def _around(
    text: str, start: int, end: int, is_latin: bool
) -> tuple[list[_Located], list[_Located]]:
    return _after_tokens(text, end, is_latin), _before_tokens(text, start, is_latin)


def _after_tokens(text: str, position: int, is_latin: bool) -> list[_Located]:
    found: list[_Located] = []
    pattern = _NEXT_LATIN if is_latin else _NEXT_CYRILLIC
    while len(found) < 2:
        match = pattern.match(text, position)
        if not match:
            break
        found.append(_token(match, is_latin))
        position = match.end()
    return found


def _before_tokens(text: str, position: int, is_latin: bool) -> list[_Located]:
    found: list[_Located] = []
    pattern = _BEFORE_LATIN if is_latin else _BEFORE_CYRILLIC
    while len(found) < 2:
        window = text[max(0, position - 40) : position]
        match = pattern.search(window)
        if not match:
            break
        offset = position - len(window)
        located = _token(match, is_latin)
        found.insert(0, (located[0], located[1] + offset, located[2] + offset))
        position = match.start() + offset
        if position and (text[position - 1].isalpha()):
            found.pop(0)
            break
    return found


def _token(match: re.Match[str], is_latin: bool) -> _Located:
    if is_latin:
        word = match.group(1)
        # One or two letters in an address are initials («volkov-pa»).
        return (latin_skeleton(word), len(word) <= 2, True), match.start(1), match.end(1)
    if match.group(1):
        return (norm(match.group(1)), True, False), match.start(1), match.end(0)
    return (norm(match.group(2)), False, False), match.start(2), match.end(2)


def _fits_before(person: Person, before: list[_Located]) -> int:
    """«Алина Олеговна Смирнова», «А. О. Смирнова», «Алину Смирнову»."""
    for size in (2, 1):
        if len(before) >= size and person.fits([t for t, _, _ in before[-size:]]) == size:
            return size
    return 0


def _looks_like_another_person(text: str, after: list[_Located], before: list[_Located]) -> bool:
    """Initials or a capitalised patronymic beside the surname: a full name."""
    for (word, is_initial, _), start, _ in after + before[-2:]:
        if is_initial or (text[start].isupper() and _PATRONYMIC_FORM.search(word)):
            return True
    return False


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def _in_email(text: str, start: int, end: int) -> bool:
    """Is the word part of an e-mail address («krylova.d@mail.ru»)?"""
    before = _SPACE_BEFORE.search(text, max(0, start - 200), start)
    after = _SPACE_AFTER.search(text, end, end + 200)
    run = text[
        before.end() if before else max(0, start - 200) : after.start() if after else end + 200
    ]
    return "@" in run and "://" not in run


_SPACE_BEFORE = re.compile(r"\s(?=\S*\Z)")
_SPACE_AFTER = re.compile(r"\s")


def _surname_like(text: str, token: _Located) -> bool:
    """A capitalised word with a surname's ending, in any case: «Зайцевой»."""
    (word, _, _), start, _ = token
    return text[start].isupper() and any(
        SURNAME_END.search(form) for form in cut_forms(word) if len(form) >= 4
    )


def _is_surname_of(person: Person, token: Token) -> bool:
    word, is_initial, _ = token
    return not is_initial and any(form in person.surname_stems for form in cut_forms(word))


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _unfold(hits: list[NameHit], folded: Folded, original: str) -> list[NameHit]:
    if folded.starts is None:
        return hits
    result = []
    for hit in hits:
        start, end = folded.span(hit.start, hit.end)
        result.append(NameHit(start, end, original[start:end], hit.person, hit.also))
    return result


_PATRONYMIC_WORD = re.compile(rf"(?<![{_UP}{_LO}]){_PATRONYMIC}(?![{_LO}])")


def _shares_patronymic(match: re.Match[str], allowed: list[tuple[int, int]]) -> bool:
    """Does an allowed person's name cover this match's patronymic?"""
    found = _PATRONYMIC_WORD.search(match.group(0))
    if not found:
        return False
    start, end = match.start() + found.start(), match.start() + found.end()
    return any(a <= start and end <= b for a, b in allowed)
