"""Personal data other than names, found by shape: phones, e-mails, СНИЛС,
passports, dates of birth, home addresses, account ids in links and paths
on someone's computer.

Each detector is a function text → findings. Contacts the organization
publishes officially (organization.yml, ``privacy.allowed_contacts``) are
not findings. Every pattern is linear-time (no nested quantifiers), since it
runs over every text of the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

_NOT_DIGIT_BEFORE = r"(?<![\d\w+])"
_NOT_DIGIT_AFTER = r"(?![\d])"


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    text: str
    kind: str  # «номер телефона», «СНИЛС», … — for messages
    advice: str


@dataclass
class Allowed:
    """Official contacts that may appear anywhere."""

    phones: set[str] = field(default_factory=set)  # digits, at least the last 5
    emails: set[str] = field(default_factory=set)  # lower case
    addresses: list[str] = field(default_factory=list)  # normalised

    def add_phone(self, value: str) -> None:
        digits = re.sub(r"\D", "", value)
        if len(digits) >= 5:
            self.phones.add(digits[-10:])

    def phone_ok(self, digits: str) -> bool:
        tail = digits[-10:]
        return any(
            allowed.endswith(tail) or tail.endswith(allowed)
            for allowed in self.phones
            if min(len(allowed), len(tail)) >= 5
        )

    def add_email(self, value: str) -> None:
        self.emails.add(value.strip().lower())

    def add_address(self, value: str) -> None:
        self.addresses.append(_norm_address(value))

    def address_ok(self, text: str) -> bool:
        found = _norm_address(text)
        return any(found in allowed for allowed in self.addresses)


def _norm_address(text: str) -> str:
    return re.sub(r"[\s,.]+", " ", text.lower().replace("ё", "е")).strip()


# -- phones ------------------------------------------------------------------------
# The look-behind follows the first character, so the pattern starts with a
# literal and the regex engine skips ahead to «+», «8», «9» or «(» instead of
# trying every position of a page (four times faster over the whole site).
_FIRST_NOT_AFTER_DIGIT = r"(?<![\d\w+].)"
_PHONE_INTL = re.compile(
    r"(?:\+"
    + _FIRST_NOT_AFTER_DIGIT
    + r"\s?7|8"
    + _FIRST_NOT_AFTER_DIGIT
    + r")[\s\-(]{0,3}\d{3,5}[\s\-)]{0,3}"
    r"\d{1,3}[\s\-]?\d{2}[\s\-]?\d{2}" + _NOT_DIGIT_AFTER
)
_PHONE_MOBILE = re.compile(
    r"(?:\("
    + _FIRST_NOT_AFTER_DIGIT
    + r"9|9"
    + _FIRST_NOT_AFTER_DIGIT
    + r")\d{2}\)?[\s\-]\d{3}[\s\-]?\d{2}[\s\-]?\d{2}"
    + _NOT_DIGIT_AFTER
)
# A label's first letter comes first, out of ``(?i:…)`` (with the letters
# that match it ignoring case: «ᲄ» is «т»), and the word boundary after it:
# the engine then tries only where the letter is (a pattern that starts with
# ``\b`` or ignores case is tried at every position of every file the audit
# searches).
_PHONE_LABELLED = re.compile(
    r"[тТ\u1c84\u1c85мМсС\u1c83wWtT](?<!\w.)(?i:(?<=т)ел(?:ефон)?[а-я]*\.?|(?<=м)об\.?|(?<=с)от\.?"
    r"|(?<=w)hatsApp|(?<=t)elegram)"
    r"\s*:?\s*(\+?[\d][\d\s\-()]{4,18}\d)"
)


def phones(text: str, allowed: Allowed) -> list[Finding]:
    found = []
    spans: set[tuple[int, int]] = set()
    for pattern in (_PHONE_INTL, _PHONE_MOBILE):
        for match in pattern.finditer(text):
            digits = re.sub(r"\D", "", match.group(0))
            if pattern is _PHONE_INTL and len(digits) != 11:
                continue
            spans.add(match.span())
            if not allowed.phone_ok(digits):
                found.append(_phone(match.start(), match.end(), match.group(0)))
    for match in _PHONE_LABELLED.finditer(text):
        span = match.span(1)
        digits = re.sub(r"\D", "", match.group(1))
        if any(s[0] <= span[0] < s[1] for s in spans) or len(digits) < 5:
            continue
        if not allowed.phone_ok(digits):
            found.append(_phone(*span, match.group(1)))
    return found


def _phone(start: int, end: int, text: str) -> Finding:
    return Finding(
        start,
        end,
        text,
        "номер телефона",
        "публикуются только служебные телефоны из organization.yml (или "
        "privacy.allowed_contacts в site_config.yml)",
    )


# -- e-mail --------------------------------------------------------------------------
# ASCII or Cyrillic labels, not mixed: extracted text glues words to addresses
# («почтаschool14@…ruОфициальный» in the search index).
_LABEL = r"(?:[A-Za-z0-9-]{1,63}|[а-яёА-ЯЁ0-9-]{1,63})"
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@" + _LABEL + r"(?:\." + _LABEL + r"){1,5}"
)


def emails(text: str, allowed: Allowed) -> list[Finding]:
    return [
        Finding(
            m.start(),
            m.end(),
            m.group(0),
            "адрес электронной почты",
            "публикуются только служебные адреса из organization.yml (или "
            "privacy.allowed_contacts в site_config.yml)",
        )
        for m in _EMAIL.finditer(text)
        if m.group(0).lower() not in allowed.emails
    ]


# -- СНИЛС ---------------------------------------------------------------------------
_SNILS = re.compile(
    r"(\d"
    + _FIRST_NOT_AFTER_DIGIT
    + r"\d{2})[\- ](\d{3})[\- ](\d{3})[\- ](\d{2})"
    + _NOT_DIGIT_AFTER
)
_SNILS_LABELLED = re.compile(r"[Сс\u1c83](?i:нилс)\s*:?\s*(?:№\s*)?(\d[\d\s\-]{9,14}\d)")


def snils_valid(digits: str) -> bool:
    """The check sum of a СНИЛС (Pension Fund rules)."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    body, check = digits[:9], int(digits[9:])
    if int(body) <= 1_001_998:  # numbers before this have no check sum
        return False
    total = sum(int(d) * (9 - i) for i, d in enumerate(body))
    expected = total % 101 if total > 101 else total
    return (0 if expected in (100, 101) else expected) == check


def snils(text: str, allowed: Allowed) -> list[Finding]:
    found = []
    for match in _SNILS.finditer(text):
        if snils_valid("".join(match.groups())):
            found.append(_snils(match.start(), match.end(), match.group(0)))
    for match in _SNILS_LABELLED.finditer(text):
        if not any(f.start <= match.start(1) < f.end for f in found):
            found.append(_snils(match.start(), match.end(), match.group(0)))
    return found


def _snils(start: int, end: int, text: str) -> Finding:
    return Finding(start, end, text, "СНИЛС", "страховой номер не публикуется никогда")


# -- passport ------------------------------------------------------------------------
_PASSPORT = re.compile(
    r"(?:паспорт[а-я]*\s*(?:[а-яА-Я ]{0,20}?)?(?:сери[а-я]+\s*)?|сери[яи]\s*)"
    r"(\d{2}\s?\d{2})\s*(?:№|номер|N|No)?\s*(\d{6})" + _NOT_DIGIT_AFTER,
    re.I,
)


def passports(text: str, allowed: Allowed) -> list[Finding]:
    return [
        Finding(
            m.start(),
            m.end(),
            m.group(0),
            "паспортные данные",
            "серия и номер паспорта не публикуются никогда",
        )
        for m in _PASSPORT.finditer(text)
    ]


# -- date of birth ---------------------------------------------------------------------
_DATE = r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+[а-я]{3,8}\s+\d{4}|\d{4})"
_BIRTH_BEFORE = re.compile(
    r"(?:дата\s+рождения|год\s+рождения|д\.\s?р\.|родил(?:ся|ась)|"
    r"рожд(?:ения|\.))\s*:?\s*(?:в\s+)?" + _DATE,
    re.I,
)
_BIRTH_AFTER = re.compile(
    _NOT_DIGIT_BEFORE + _DATE + r"\s*(?:г\.?\s?р\.|года\s+рождения|"
    r"г\.\s*рожд\.)",
    re.I,
)


def births(text: str, allowed: Allowed) -> list[Finding]:
    return [
        Finding(
            m.start(),
            m.end(),
            m.group(0),
            "дата рождения",
            "дата и год рождения не публикуются; достаточно роли или возраста "
            "группы («обучающиеся 8–9 классов»)",
        )
        for pattern in (_BIRTH_BEFORE, _BIRTH_AFTER)
        for m in pattern.finditer(text)
    ]


# -- home address ----------------------------------------------------------------------
_STREET = (
    r"(?:ул\.|улица|пр-т|просп\.|проспект|пер\.|переулок|б-р|бульвар|ш\.|шоссе|"
    r"мкр\.?|микрорайон|пр\.|проезд|наб\.|набережная)"
)
_APARTMENT = re.compile(
    _STREET + r"\s*[^\n;]{1,40}?(?:д\.|дом)\s*\d{1,4}[а-яА-Я]?"
    r"[^\n;]{0,20}?(?:кв\.|квартира)\s*\d{1,4}",
    re.I,
)
_RESIDENCE = re.compile(
    r"(?:прожива[а-я]*|место\s+жительства|адрес\s+проживания|"
    r"домашний\s+адрес|зарегистрирован[а-я]*\s+по\s+адресу)[:\s]+"
    r"(?:[^\n;]{0,30}?)" + _STREET + r"\s*[^\n;]{1,40}?\d{1,4}",
    re.I,
)


def addresses(text: str, allowed: Allowed) -> list[Finding]:
    found = []
    for pattern in (_APARTMENT, _RESIDENCE):
        for match in pattern.finditer(text):
            if not allowed.address_ok(match.group(0)):
                found.append(
                    Finding(
                        match.start(),
                        match.end(),
                        match.group(0),
                        "домашний адрес",
                        "адрес проживания человека не "
                        "публикуется; адрес организации берётся из "
                        "organization.yml",
                    )
                )
    return found


# -- account ids in links and paths on someone's computer --------------------------------
_ACCOUNT = re.compile(
    r"[?&#;](?:ouid|uid|user_?id|userid|owner_?id)=[\w.@%-]{3,}"
    r"|\bvk\.com/id\d{3,}|\bok\.ru/profile/\d{3,}"
    r"|\bfacebook\.com/profile\.php\?id=\d+"
    r"|\bdrive\.google\.com/drive/(?:u/\d+/)?my-drive",
    re.I,
)
# «file:///…» with nothing after it is how our own messages name the kind of
# link; a real path has characters after the slashes.
_LOCAL_PATH = re.compile(
    r"\bfile:/*[^\s\"'<>)…/][^\s\"'<>)]*"
    r"|(?<![\w/])[A-Za-z]:[\\/][^\s\"'<>|]{0,120}"
    r"|(?<![\w.:/])/(?:home|Users|root)/[^\s\"'<>/]{1,40}[^\s\"'<>]{0,80}"
    r"|\\\\[\w.$-]{1,40}\\[^\s\"'<>]{1,120}"
    r"|%(?:USERPROFILE|HOMEPATH|APPDATA)%",
    re.I,
)


def accounts(text: str, allowed: Allowed) -> list[Finding]:
    return [
        Finding(
            m.start(),
            m.end(),
            m.group(0),
            "идентификатор личного аккаунта",
            "в ссылке номер аккаунта человека (например, ouid= Google); уберите "
            "этот параметр или дайте ссылку на документ на сайте организации",
        )
        for m in _ACCOUNT.finditer(text)
    ]


def local_paths(text: str, allowed: Allowed) -> list[Finding]:
    return [
        Finding(
            m.start(),
            m.end(),
            m.group(0),
            "путь к файлу на компьютере",
            "такой путь никто не откроет, а имя папки выдаёт имя пользователя; "
            "положите файл в content/files и укажите его в поле file",
        )
        for m in _LOCAL_PATH.finditer(text)
    ]


def found(kind: str) -> str:
    """«найден номер телефона», «найдена дата рождения», «найдены паспортные данные»."""
    return {"дата рождения": "найдена", "паспортные данные": "найдены"}.get(kind, "найден")


_WORTH_LOOKING = re.compile(r"\d|@|:[\\/]|\\\\|%|/(?:home|Users|root)/")
DETECTORS = (phones, emails, snils, passports, births, addresses, accounts, local_paths)
# Words without which a detector's patterns cannot match (in lower case):
# a substring test is a hundred times cheaper than the pattern over a page,
# and the audit runs every detector over every page of the site.
_NEEDS: dict = {
    emails: ("@",),
    passports: ("паспорт", "сери"),
    births: ("рожд", "родил", "р."),
    addresses: ("кв.", "квартир", "прожива", "жительства", "домашн", "зарегистрирован"),
    accounts: ("id=", "vk.com/id", "ok.ru/profile", "drive.google.com"),
    local_paths: (
        "file:",
        "/home/",
        "/users/",
        "/root/",
        "\\\\",
        "%userprofile%",
        "%homepath%",
        "%appdata%",
    ),
}


def find_personal_data(text: str, allowed: Allowed) -> list[Finding]:
    """Every finding of every detector, without overlaps (the earliest wins;
    at the same place, the detector listed first)."""
    if not text or not _WORTH_LOOKING.search(text):
        return []  # every detector needs a digit, an «@» or a path
    lowered = text.lower()
    candidates = sorted(
        (
            (finding.start, order, finding)
            for order, detector in enumerate(DETECTORS)
            if _worth_running(detector, lowered, text)
            for finding in detector(text, allowed)
        ),
        key=lambda c: c[:2],
    )
    return without_overlaps([finding for _, _, finding in candidates], text)


# A drive letter («C:\\», «d:/»), as ``_LOCAL_PATH`` takes it: found from
# its colon. Not «:/» alone — every «https://» has it.
_DRIVE = re.compile(r":(?<![\w/][A-Za-z]:)(?<=[A-Za-z]:)[\\/]", re.I)


def _worth_running(detector, lowered: str, text: str) -> bool:
    needs = _NEEDS.get(detector)
    if needs is None or any(word in lowered for word in needs):
        return True
    return detector is local_paths and _DRIVE.search(text) is not None


def without_overlaps(spans: list, text: str) -> list:
    """Items with ``start``/``end``/``text``, sorted by start: overlapping ones
    are merged into the first (so redaction covers both). One pass — hostile
    text can hold thousands of findings."""
    kept: list = []
    for item in spans:
        if kept and item.start < kept[-1].end:
            if item.end > kept[-1].end:
                last = kept[-1]
                kept[-1] = replace(last, end=item.end, text=text[last.start : item.end])
            continue
        kept.append(item)
    return kept
