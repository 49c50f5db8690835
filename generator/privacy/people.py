"""A person's name and every form it takes in Russian text.

«Смирнова Алина Олеговна» is also «Смирновой», «СМИРНОВУ», «Алине
Олеговне», «А. О. Смирнова», «Smirnova» and «smirnova-ao». A ``Person``
knows the stems of its words so that any grammatical case, letter case or
transliteration of a word can be matched to it in one dictionary lookup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..util.slug import transliterate
from .textfold import fold

MAX_ENDING = 3
# Case endings of Russian surnames and names (nouns and adjectival forms).
ENDINGS = frozenset(
    [
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
    ]
)
PATRONYMIC_END = re.compile(r"(вич|вна|ична|инична)$")
SURNAME_END = re.compile(r"(ов|ев|ёв|ин|ын|ова|ева|ина|ына|ский|ская|цкий|цкая|ко|ук|юк|их|ых)$")
_NAME_PART = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*")


def norm(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=65536)
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


def latin(word: str) -> str:
    """A Cyrillic word as any transliteration of it reads, skeleton form."""
    return latin_skeleton(transliterate(norm(word)))


LATIN_ENDINGS = frozenset(latin(e) for e in ENDINGS)


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


def stems(word: str, fleeting: bool = False) -> set[str]:
    """The forms a word of a name is recognised by, once a case ending is cut:
    «Алина» → алин (Алине, Алиной), «Андрей» → андре (Андрея), «Павел» →
    павл (Павла), «Смирнова» → смирнов (Смирновой)."""
    base = norm(word)
    found = {base, norm(surname_stem(word))}
    for cut in (1, 2):
        if base[-cut:] in ENDINGS and len(base) - cut >= 3:
            found.add(base[:-cut])
    if base[-1:] in "йь" and len(base) >= 4:
        found.add(base[:-1])
    if fleeting and re.search(r"[^аеёиоуыэюя][ео][^аеёиоуыэюяйь]$", base) and len(base) >= 3:
        found.add(base[:-2] + base[-1])  # fleeting vowel: Павел → Павла
        found.add(base[:-2] + "ь" + base[-1])  # Лев → Льва
    return found


@lru_cache(maxsize=1 << 16)
def cut_forms(token: str, endings: frozenset[str] = ENDINGS) -> tuple[str, ...]:
    """The candidate stems of a word in text: itself and itself without a
    case ending. «Смирновой» → смирновой, смирново, смирнов. Remembered: a
    word beside a surname is tried against everyone bearing it (the audit
    of a city asked 538,000 times, for a few thousand words)."""
    forms = [token]
    for cut in range(1, MAX_ENDING + 1):
        if len(token) - cut >= 3 and token[-cut:] in endings:
            forms.append(token[:-cut])
    return tuple(forms)


@dataclass(frozen=True)
class Person:
    full_name: str
    why: str  # who this is, for messages: «наставляемый», «наставник без согласия»
    advice: str = ""  # what the curator should do when this person is named

    @cached_property
    def words(self) -> list[str]:
        return _NAME_PART.findall(fold(self.full_name).text)

    @cached_property
    def surname(self) -> str:
        words = [w for w in self.words if len(w) > 1]
        # Russian official order is «Фамилия Имя Отчество»; «Имя Фамилия» has no patronymic.
        if len(words) == 2 and len(self.words) == 2 and not PATRONYMIC_END.search(norm(words[1])):
            first_like = bool(SURNAME_END.search(words[0].lower()))
            second_like = bool(SURNAME_END.search(words[1].lower()))
            return words[1] if second_like and not first_like else words[0]
        if words and len(words) < len(self.words) and len(self.words[0]) == 1:
            return words[0]  # «Е. П. Иванова»: initials first
        return words[0] if words else ""

    @cached_property
    def given(self) -> str:
        rest = [w for w in self.words if w != self.surname and len(w) > 1]
        names = [w for w in rest if not PATRONYMIC_END.search(norm(w))]
        return names[0] if names else ""

    @cached_property
    def patronymic(self) -> str:
        rest = [w for w in self.words if w != self.surname and len(w) > 1]
        found = [w for w in rest if PATRONYMIC_END.search(norm(w))]
        return found[0] if found else ""

    @cached_property
    def initials(self) -> tuple[str, ...]:
        """First letters of the given name and patronymic, lower case."""
        letters = [w for w in self.words if w != self.surname][:2]
        return tuple(norm(w[0]) for w in letters)

    @cached_property
    def short_name(self) -> str:
        """«Волков П. А.»: the surname with initials."""
        initials = " ".join(f"{w[0].upper()}." for w in self.words if w != self.surname)
        return f"{self.surname} {initials}".strip()

    @cached_property
    def surname_stems(self) -> set[str]:
        return stems(self.surname) if len(self.surname) >= 3 else set()

    @cached_property
    def given_stems(self) -> set[str]:
        return stems(self.given, fleeting=True) if self.given else set()

    @cached_property
    def patronymic_stems(self) -> set[str]:
        return stems(self.patronymic) if self.patronymic else set()

    @cached_property
    def latin_initials(self) -> tuple[str, ...]:
        return tuple(latin(letter) for letter in self.initials)

    def fits(self, tokens: list[tuple[str, bool, bool]]) -> int:
        """How many of ``tokens`` (in reading order after the surname, or the
        given name and patronymic before it) are this person's: given name,
        then patronymic, or their initials. A token is (text, is_initial,
        is_latin); text is normalised (``norm`` or ``latin_skeleton``)."""
        position = count = 0
        for text, is_initial, is_latin in tokens:
            if is_initial:
                letters = self.latin_initials if is_latin else self.initials
                # «pa» in an address is two initials at once.
                for width in (2, 1) if is_latin else (1,):
                    if position + width <= len(letters) and text == "".join(
                        letters[position : position + width]
                    ):
                        position += width
                        count += 1
                        break
                else:
                    break
                continue
            if position == 0 and self._word_is(text, is_latin, self.given_stems, 0):
                position, count = 1, count + 1
            elif position <= 1 and self._word_is(text, is_latin, self.patronymic_stems, 1):
                position, count = 2, count + 1
            else:
                break
        return count

    def _word_is(self, text: str, is_latin: bool, targets: set[str], index: int) -> bool:
        if not targets:
            # Known only by initials («Иванова Е. П.»): a word with that first letter.
            letters = self.latin_initials if is_latin else self.initials
            return index < len(letters) and text.startswith(letters[index]) and len(text) > 2
        if is_latin:
            latin_targets = {latin(t) for t in targets}
            return any(f in latin_targets for f in cut_forms(text, LATIN_ENDINGS))
        return any(f in targets for f in cut_forms(text))
