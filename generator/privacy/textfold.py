"""Text as the name detector reads it: the way people really paste names.

A surname typed in Word and pasted into a record may carry a soft hyphen
(«Смир\\u00adнова»), a zero-width space, a Latin «о» among Cyrillic letters,
full-width or compatibility characters, or a «й» spelled as «и» plus a
combining breve. Readers see the name; a regular expression does not.
``fold`` returns the text with all of that undone, letter case kept (the
shape of a name matters), and a map back to the original positions so that
a found name is redacted exactly where it was written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Invisible characters that split a word without showing: soft hyphen,
# zero-width space/joiners, word joiner, BOM, Mongolian vowel separator,
# bidi marks and the rest of the format (Cf) category.
_INVISIBLE = {0x00AD, 0x034F, 0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}

# Latin and Greek letters that look like Cyrillic ones. Folded only inside a
# word that also has a Cyrillic letter: «Смирнoва» (Latin o) is Смирнова,
# while «Nova» stays Latin.
_LOOKALIKES = str.maketrans(
    "AaBCcEeËëHKkMOoPpTXxYy" + "ΑΒΕΗΚΜΟΡΤΧΥαεκοπρτχ",
    "АаВСсЕеЁёНКкМОоРрТХхУу" + "АВЕНКМОРТХУаекопртх",
)
_FOREIGN = "A-Za-zËëΑ-Ωα-ω"
# What may hide or disguise a letter: format characters (soft hyphen,
# zero-width, bidi controls, tags), combining marks, and compatibility forms
# of letters (full-width, mathematical, ligatures, enclosed, super/subscript).
# Anything else — dashes, «≥», «№», non-breaking spaces — is left as it is, and
# text without these (nearly all text) is not copied at all.
_SUSPECT = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\uff00-\uffef\U0001d400-\U0001d7ff\ufb00-\ufb06\u2100-\u2115\u2117-\u2121\u2123-\u214f\u2460-\u24ff"
    "\U0001f130-\U0001f189\u1d2c-\u1d6a\u2070-\u209f\u00aa\u00ba\u00b2\u00b3\u00b9]"
)
# A foreign letter beside a Cyrillic one. The foreign letter is looked for
# first: it is the rarer one in Russian text, and a pattern that starts with
# a class is tried only where the class matches (three times as fast).
_PAIR = re.compile(f"[{_FOREIGN}](?:(?<=[А-яЁё][{_FOREIGN}])|(?=[А-яЁё]))")
_RUN = re.compile(f"[{_FOREIGN}А-яЁё]+")


@dataclass(frozen=True)
class Folded:
    text: str
    # Original start and end of each folded character; None: nothing changed.
    starts: list[int] | None = None
    ends: list[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the folded text as a span of the original."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            position = self.starts[start] if start < len(self.starts) else self._tail()
            return position, position
        return self.starts[start], self.ends[end - 1]

    def _tail(self) -> int:
        return self.ends[-1] if self.ends else 0


def fold(text: str) -> Folded:
    folded, starts, ends = text, None, None
    if _SUSPECT.search(text):
        folded, starts, ends = _normalised(text)
    if _PAIR.search(folded):
        # Letter for letter: the position map stays as it is.
        folded = _RUN.sub(_cyrillic_word, folded)
    return Folded(folded, starts, ends)


def _normalised(text: str) -> tuple[str, list[int], list[int]]:
    """NFKC around the suspect characters, the rest copied in bulk."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    copied = 0
    for match in _SUSPECT.finditer(text):
        position = match.start()
        if position < copied:
            continue  # already taken with the previous cluster
        if unicodedata.combining(text[position]) and position > copied:
            position -= 1  # the base letter goes with its marks: «и» + breve is «й»
        out.append(text[copied:position])
        starts.extend(range(copied, position))
        ends.extend(range(copied + 1, position + 1))
        end = position + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        cluster = text[position:end]
        if not _invisible(cluster[0]):
            for char in unicodedata.normalize("NFKC", cluster):
                if unicodedata.combining(char) or _invisible(char):
                    continue  # a stray accent mark («Ива́нова»): not part of the name
                out.append(char)
                starts.append(position)
                ends.append(end)
        copied = end
    out.append(text[copied:])
    starts.extend(range(copied, len(text)))
    ends.extend(range(copied + 1, len(text) + 1))
    return "".join(out), starts, ends


def _cyrillic_word(match: re.Match[str]) -> str:
    word = match.group(0)
    return word.translate(_LOOKALIKES) if _PAIR.search(word) else word


def _invisible(char: str) -> bool:
    return ord(char) in _INVISIBLE or unicodedata.category(char) == "Cf"
