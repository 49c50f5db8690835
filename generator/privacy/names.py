"""Finding people's names in free text.

Two detectors:

* known people — mentees (their names are kept only for this check),
  mentors without consent, persons listed in ``privacy.persons``. Surnames
  decline («Колмаков», «Колмакову», «Колмаковым»): every capitalised word
  is compared, with up to three letters cut from its end, against a set of
  surname stems. That is one pass over the text however many names there
  are. In links the Latin transliteration is matched too
  («Programma_Shakleina.pdf»), through a spelling skeleton so that
  «Tihomirova» and «Tikhomirova» are the same.
* unknown people — any «Фамилия Имя Отчество» (the patronymic is a strong
  signal) or «Фамилия И. О.» / «И. О. Фамилия».

Names inside organization names («им. Габдуллы Тукая», «имени Надежды
Курченко») are not people and are skipped, as are the allowed names of
officials and mentors whose consent covers their name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from ..util.slug import transliterate

_UP = "А-ЯЁ"
_LO = "а-яё"
_WORD = rf"[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?"
_PATRONYMIC = rf"[{_UP}][{_LO}]*(?:вич|вн|ичн|ьич)[{_LO}]{{0,3}}"
_INITIAL = rf"[{_UP}]\.\s?"
FIO_PATTERNS = [
    re.compile(rf"(?<![{_UP}{_LO}]){_WORD}\s+{_WORD}\s+{_PATRONYMIC}(?![{_LO}])"),
    re.compile(rf"(?<![{_UP}{_LO}]){_WORD}\s+{_PATRONYMIC}\s+{_WORD}(?![{_LO}])"),
    re.compile(rf"(?<![{_UP}{_LO}]){_WORD}\s+{_INITIAL}{_INITIAL}?(?![{_LO}])"),
    re.compile(rf"(?<![{_UP}{_LO}]){_INITIAL}{_INITIAL}?{_WORD}(?![{_LO}])"),
]
_CAPITALISED = re.compile(rf"(?<![{_UP}{_LO}])[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?")
_HONORIFIC = re.compile(r"(?:\bим\.|\bимени)\s*(?:[^\s,;]+\s+){0,4}$", re.IGNORECASE)
_PATRONYMIC_END = re.compile(r"(вич|вна|ична|инична)$")
_SURNAME_END = re.compile(r"(ов|ев|ёв|ин|ын|ова|ева|ина|ына|ский|ская|цкий|цкая|ко|ук|юк|их|ых)$")
MAX_ENDING = 3
# Case endings of Russian surnames and names (nouns and adjectival forms).
ENDINGS = {
    "",
    "а",
    "я",
    "у",
    "ю",
    "ы",
    "и",
    "е",
    "о",
    "ой",
    "ей",
    "ою",
    "ею",
    "ом",
    "ем",
    "ым",
    "им",
    "ых",
    "их",
    "ыми",
    "ими",
    "ого",
    "его",
    "ому",
    "ему",
    "ая",
    "яя",
    "ую",
    "юю",
    "ий",
    "ый",
    "ие",
    "ые",
    "ам",
    "ям",
    "ами",
    "ями",
    "ах",
    "ях",
}


def surname_stem(word: str) -> str:
    """«Колмакова» → «Колмаков», «Чайковская» → «Чайковск»."""
    lowered = word.lower()
    for ending in ("ская", "ский", "цкая", "цкий"):
        if lowered.endswith(ending):
            return word[:-2]
    for ending in ("ова", "ева", "ёва", "ина", "ына"):
        if lowered.endswith(ending):
            return word[:-1]
    return word


def latin_skeleton(text: str) -> str:
    """Collapse transliteration variants: kh/h, ts/c, ya/ia/ja, y/i, …"""
    text = text.lower()
    for a, b in (
        ("shch", "sh"),
        ("sch", "sh"),
        ("kh", "h"),
        ("tch", "ch"),
        ("ts", "c"),
        ("tc", "c"),
        ("tz", "c"),
        ("yu", "u"),
        ("iu", "u"),
        ("ju", "u"),
        ("ya", "a"),
        ("ia", "a"),
        ("ja", "a"),
        ("ye", "e"),
        ("yo", "o"),
        ("x", "ks"),
        ("w", "v"),
        ("y", "i"),
        ("j", "i"),
    ):
        text = text.replace(a, b)
    return text


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е")


@dataclass(frozen=True)
class Person:
    full_name: str
    why: str  # who this is, for messages: «наставляемый», «наставник без согласия»

    @property
    def words(self) -> list[str]:
        return [w for w in re.split(r"[\s,]+", self.full_name.strip()) if w]

    @property
    def surname(self) -> str:
        words = self.words
        # Russian official order is «Фамилия Имя Отчество»; «Имя Фамилия» has no patronymic.
        if len(words) == 2 and not _PATRONYMIC_END.search(words[1]):
            first_like = bool(_SURNAME_END.search(words[0].lower()))
            second_like = bool(_SURNAME_END.search(words[1].lower()))
            return words[1] if second_like and not first_like else words[0]
        return words[0] if words else ""

    @property
    def given_stems(self) -> set[str]:
        """Stems of the other words of the name (first name, patronymic)."""
        surname = self.surname
        return {
            _norm(w)[:-1] if len(w) > 4 else _norm(w)
            for w in self.words
            if w != surname and len(w) >= 3
        }


@dataclass(frozen=True)
class NameHit:
    start: int
    end: int
    text: str
    person: Person | None  # None: an unknown full name found by pattern


class NameFinder:
    def __init__(self, denied: list[Person], allowed: list[str]):
        self.denied = [p for p in denied if len(p.surname) >= 3]
        self._stems: dict[str, Person] = {}
        self._latin: dict[str, Person] = {}
        for person in self.denied:
            stem = _norm(surname_stem(person.surname))
            self._stems.setdefault(stem, person)
            if len(stem) >= 4:
                self._latin.setdefault(latin_skeleton(transliterate(stem)), person)
        self._allowed_words: set[str] = set()
        for name in allowed:
            for word in re.split(r"[\s,.]+", name):
                if len(word) >= 3:
                    self._allowed_words.add(_norm(surname_stem(word)))
                    # «Елена» → «Елен»: so «Елены», «Елене» are the same person.
                    lowered = _norm(word)
                    for cut in range(1, MAX_ENDING + 1):
                        if lowered[-cut:] in ENDINGS and len(lowered) - cut >= 3:
                            self._allowed_words.add(lowered[:-cut])

    @property
    def has_denied(self) -> bool:
        return bool(self._stems)

    @property
    def fingerprint(self) -> str:
        """Changes whenever the lists of denied or allowed names change."""
        import hashlib

        digest = hashlib.sha256()
        for item in sorted(self._stems) + ["|"] + sorted(self._allowed_words):
            digest.update(item.encode() + b"\0")
        return digest.hexdigest()

    def find_known(self, text: str) -> list[NameHit]:
        """Only denied persons — the check run over the whole built site."""
        hits: list[NameHit] = []
        if not self._stems:
            return hits
        for match in _CAPITALISED.finditer(text):
            person = self._lookup(match.group(0))
            if person and not self._exempt(text, match.start(), match.group(0), known=True):
                start, end = self._widen(text, match.start(), match.end(), person)
                hits.append(NameHit(start, end, text[start:end], person))
        return hits

    def _widen(self, text: str, start: int, end: int, person: Person) -> tuple[int, int]:
        """«Смирнову Алину», «Алину Смирнову»: take the given name along."""
        stems = person.given_stems
        if not stems:
            return start, end
        after = re.match(rf"\s+([{_UP}][{_LO}]+)", text[end:])
        if after and any(_norm(after.group(1)).startswith(s) for s in stems):
            end += after.end()
        before = re.search(rf"([{_UP}][{_LO}]+)\s+$", text[:start])
        if before and any(_norm(before.group(1)).startswith(s) for s in stems):
            start = before.start()
        return start, end

    def find(self, text: str) -> list[NameHit]:
        hits = self.find_known(text)
        matches = [m for pattern in FIO_PATTERNS for m in pattern.finditer(text)]
        # Allowed people in any word order and case («Портрет Елены Анатольевны
        # Ивановой»): another reading of the same words («Портрет Елены
        # Анатольевны») is that person too, not a stranger.
        exempt = [self._exempt(text, m.start(), m.group(0), known=False) for m in matches]
        allowed = [m.span() for m, ok in zip(matches, exempt) if ok]
        for match, is_exempt in zip(matches, exempt):
            overlapping = [h for h in hits if h.start < match.end() and match.start() < h.end]
            if overlapping:
                # «Колмаковым С. А.»: widen the known hit to the whole name.
                for hit in overlapping:
                    hits.remove(hit)
                start = min(match.start(), *(h.start for h in overlapping))
                end = max(match.end(), *(h.end for h in overlapping))
                person = next((h.person for h in overlapping if h.person), None)
                hits.append(NameHit(start, end, text[start:end], person))
            elif not is_exempt and not _shares_patronymic(match, allowed):
                hits.append(NameHit(match.start(), match.end(), match.group(0), None))
        return sorted(hits, key=lambda h: h.start)

    def find_in_link(self, url: str) -> list[NameHit]:
        """Denied surnames in a URL, in Cyrillic (after %-decoding) or transliterated."""
        decoded = unquote(url)
        hits = self.find_known(decoded)
        if self._latin:
            for match in re.finditer(r"[A-Za-z]{4,}", decoded):
                token = latin_skeleton(match.group(0))
                for cut in range(0, MAX_ENDING + 1):
                    stem = token[: len(token) - cut] if cut else token
                    if len(stem) >= 4 and stem in self._latin:
                        hits.append(
                            NameHit(match.start(), match.end(), match.group(0), self._latin[stem])
                        )
                        break
        return hits

    def _allowed_word(self, word: str) -> bool:
        lowered = _norm(word)
        if _norm(surname_stem(word)) in self._allowed_words:
            return True
        return any(
            lowered[-cut:] in ENDINGS and lowered[:-cut] in self._allowed_words
            for cut in range(1, MAX_ENDING + 1)
            if len(lowered) - cut >= 3
        )

    def _lookup(self, word: str) -> Person | None:
        lowered = _norm(word)
        for cut in range(0, MAX_ENDING + 1):
            stem, ending = lowered[: len(lowered) - cut], lowered[len(lowered) - cut :]
            # «Смирновой» is a form of «Смирнова»; «Смирновка» is not.
            if ending in ENDINGS and stem in self._stems and (cut == 0 or len(stem) >= 3):
                return self._stems[stem]
        return None

    def _exempt(self, text: str, start: int, found: str, known: bool) -> bool:
        if _HONORIFIC.search(text[max(0, start - 60) : start]):
            return True
        words = [w for w in re.split(r"[\s.]+", found) if len(w) >= 3]
        if not words:
            return False
        if known:
            return _norm(surname_stem(words[0])) in self._allowed_words
        # An unknown full name is fine if every word belongs to an allowed person.
        return all(self._allowed_word(w) for w in words)


_PATRONYMIC_WORD = re.compile(rf"(?<![{_UP}{_LO}]){_PATRONYMIC}(?![{_LO}])")


def _shares_patronymic(match: re.Match, allowed: list[tuple[int, int]]) -> bool:
    """Does an allowed person's name cover this match's patronymic?"""
    found = _PATRONYMIC_WORD.search(match.group(0))
    if not found:
        return False
    start, end = match.start() + found.start(), match.start() + found.end()
    return any(a <= start and end <= b for a, b in allowed)
