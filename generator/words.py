"""Russian words that go with numbers: one declaration for every counted word.

«4 программ реализуется» is what a fixed label beside a number gives. Every
count on the site and in messages goes through ``plural`` with a word from
``COUNTED`` (or three forms of its own), so 1, 2, 5, 11, 21 each get their
form; numbers with a fraction are written with a decimal comma.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

Number = int | float | Decimal

# word key → forms for 1, 2–4, 5–20 (and 0): «1 наставник, 2 наставника, 5 наставников».
COUNTED: dict[str, tuple[str, str, str]] = {
    "mentor": ("наставник", "наставника", "наставников"),
    "mentee": ("наставляемый", "наставляемых", "наставляемых"),
    "organization": ("организация", "организации", "организаций"),
    "program_active": ("программа реализуется", "программы реализуются", "программ реализуется"),
    "program_completed": ("программа завершена", "программы завершены", "программ завершено"),
    "criterion": ("критерий", "критерия", "критериев"),
    "finding": ("замечание", "замечания", "замечаний"),
    "found": ("находка", "находки", "находок"),
    "year": ("год", "года", "лет"),
    "person": ("человек", "человека", "человек"),
    "row": ("строка", "строки", "строк"),
    "level": ("уровень", "уровня", "уровней"),
    "page": ("страница", "страницы", "страниц"),
    "practice": ("практика", "практики", "практик"),
    "application": ("заявка", "заявки", "заявок"),
    "winner": ("победитель", "победителя", "победителей"),
    "student": ("обучающийся", "обучающихся", "обучающихся"),
    "month": ("месяц", "месяца", "месяцев"),
    "program_personal": (
        "персонализированная программа",
        "персонализированные программы",
        "персонализированных программ",
    ),
}
# After «из», «значения», «сведения о»: the genitive and prepositional forms.
GENITIVE: dict[str, tuple[str, str, str]] = {
    "organization": ("организации", "организаций", "организаций"),
    "mentor": ("наставника", "наставников", "наставников"),
    "person": ("человека", "человек", "человек"),
    "criterion": ("критерия", "критериев", "критериев"),
}
# After «по»: «по 13 направлениям».
DATIVE: dict[str, tuple[str, str, str]] = {
    "direction": ("направлению", "направлениям", "направлениям"),
}
PREPOSITIONAL: dict[str, tuple[str, str, str]] = {
    "mentor": ("наставнике", "наставниках", "наставниках"),
}


def form(n: Number, one: str, few: str, many: str) -> str:
    """The word for ``n``: 1 наставник, 2 наставника, 5 наставников.
    A fraction takes the «few» form: 0,6 месяца, 1,5 года."""
    if n != int(n):
        return few
    value = abs(int(n))
    if value % 10 == 1 and value % 100 != 11:
        return one
    if 2 <= value % 10 <= 4 and not 12 <= value % 100 <= 14:
        return few
    return many


def plural(n: Number, one: str, few: str, many: str) -> str:
    return f"{number(n)} {form(n, one, few, many)}"


def count(n: Number, word: str, forms: dict[str, tuple[str, str, str]] = COUNTED) -> str:
    """«21 наставник»: a number with the word from ``COUNTED``."""
    return plural(n, *forms[word])


def word_for(n: Number, word: str, forms: dict[str, tuple[str, str, str]] = COUNTED) -> str:
    """Only the word, for a number shown apart (the figures on a home page)."""
    return form(n, *forms[word])


def number(x: Number, digits: int = 1) -> str:
    """0.6 → «0,6»; 1234 → «1 234»; whole numbers without a fraction."""
    if x == int(x):
        whole = int(x)
        return f"{whole:,}".replace(",", "\u00a0") if abs(whole) >= 10_000 else str(whole)
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def size_text(size: int) -> str:
    """A file's size as the site writes it next to its link: «28 КБ», «1,6 МБ»."""
    if size < 1024:
        return f"{size} Б"
    if size < 1_048_576:
        return f"{size / 1024:.0f} КБ"
    return f"{size / 1_048_576:.1f} МБ".replace(".", ",")


def lines_phrase(lines: Sequence[int | str]) -> str:
    """«в строке 7», «в строках 7, 9»."""
    shown = ", ".join(str(n) for n in lines)
    return f"в строке {shown}" if len(lines) == 1 else f"в строках {shown}"
