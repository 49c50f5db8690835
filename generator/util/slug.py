"""Latin slugs for URLs and file names, made from Russian titles.

Output names never come from uploaded file names: those leak personal names
(004: «Programma_nastavnichestva_Shakleina.pdf»). They are made from
metadata the curator controls.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLIT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def transliterate(text: str) -> str:
    out = []
    for ch in text.lower():
        out.append(_TRANSLIT.get(ch, ch))
    ascii_text = unicodedata.normalize("NFKD", "".join(out))
    return ascii_text.encode("ascii", "ignore").decode("ascii")


def slugify(text: str, max_length: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", transliterate(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "item"


def is_slug(text: str) -> bool:
    return bool(SLUG_RE.match(text))
