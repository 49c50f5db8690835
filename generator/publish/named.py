"""Who may be named on the site and who may not: the privacy guard, made
from each organization's people.

What the guard takes from one organization's records — the names it may
publish (its head and curators, mentors and authors with consent), the
names it may not (mentees, mentors and authors without consent, people a
kind withholds) and the card of its official contacts — is ``OrgPeople``,
small beside the records. A portal keeps it per organization between builds
(a memo stage): an edit of one organization reads its records again, and of
the other 929 only their people, not their records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..diagnostics import Report
from ..kinds import ORG_KINDS
from ..load.content import OrgContent
from ..memo import Memo
from ..privacy.consent import allows, consent_state
from ..privacy.contacts import configure_guard
from ..privacy.guard import PersonalDataGuard
from ..privacy.names import NameFinder, Person
from ..schema.fields import Record
from ..schema.records import Mentor, Organization, Practice

NO_CONSENT_MENTOR = "наставник без согласия на публикацию ФИО"
MENTEE_ADVICE = (
    "имена наставляемых не публикуются: уберите имя или замените его ролью "
    "(«молодой специалист», «учитель музыки»)"
)


@dataclass
class OrgPeople:
    """One organization's part of the guard. ``organization``, ``root`` and
    ``display_root`` are what ``privacy.contacts.configure_guard`` reads of
    an organization's content: its official contacts, where its files are."""

    allowed: list[str]  # head, curators, mentors with consent
    denied: list[Person]  # mentors without consent, names its kinds withhold
    allowed_authors: list[str]  # of its practices, with consent
    denied_authors: list[Person]  # of its practices, without
    organization: Organization | None
    root: Path
    display_root: str


def org_people(content: OrgContent, today: dt.date) -> OrgPeople:
    """Mentees are never named (P19, V27: programmes are published
    anonymised), mentors and authors only with consent (P18)."""
    allowed = trusted_names(content.organization)
    denied: list[Person] = []
    for mentor in content.mentors:
        if allows(mentor.consent, "full_name", today) and mentor.category != "student":
            allowed.append(mentor.full_name)
        else:
            denied.append(_withheld_mentor(mentor, today))
    for kind in ORG_KINDS:
        for path, who in kind.withheld_names:
            for record in kind.records(content):
                if isinstance(name := _value_at(record, path), str) and name.strip():
                    denied.append(Person(name, who, _withheld_advice(who)))
    authors, withheld = _authors(content.practices, today)
    return OrgPeople(
        allowed,
        denied,
        authors,
        withheld,
        content.organization,
        content.root,
        content.display_root,
    )


def make_guard(
    people: Sequence[OrgPeople],
    settings: Settings,
    report,
    officials: Sequence[str] = (),
    practices: Sequence[Practice] = (),
    memo: Memo | None = None,
) -> PersonalDataGuard:
    """Who may not be named, who may: every organization's people
    (``org_people``: mentees never, P19, V27; mentors and authors only with
    consent, P18). ``officials`` are further people named in an official
    capacity; ``practices`` are practice cards outside organizations (a
    municipality's own)."""
    denied: list[Person] = [
        Person(
            name,
            "лицо из списка privacy.persons",
            "уберите имя из текста (этот человек указан в privacy.persons в site_config.yml)",
        )
        for name in settings.config.privacy.persons
    ]
    allowed: list[str] = list(officials)
    for org in people:
        allowed += org.allowed
        denied += org.denied
    # The authors after every organization's people, as they always came.
    authors, withheld = _authors(practices, settings.today)
    for org in people:
        allowed += org.allowed_authors
        denied += org.denied_authors
    allowed += authors
    denied += withheld
    # One person mentoring in two organizations, with consent given to one of
    # them: the name is public there, so it is not withheld elsewhere. A
    # withdrawn or expired consent, a mentee or a listed person still is.
    consented = {_same_name(name) for name in allowed}
    denied = [
        p
        for p in denied
        if not (p.why == NO_CONSENT_MENTOR and _same_name(p.full_name) in consented)
    ]
    # Kept between builds (a region's 13,000 mentors: 0.3 s to build, 0.07 s to
    # read), under exactly what it is made of: each person's name, why and advice.
    finder = (memo or Memo(None)).stage(
        "name-finder",
        _name_finder,
        Report(),
        denied=[(p.full_name, p.why, p.advice) for p in denied],
        allowed=allowed,
    )
    guard = PersonalDataGuard(finder, report, settings.config.privacy.on_personal_data == "redact")
    configure_guard(guard, people, settings)  # contacts and attachments: privacy/contacts.py
    return guard


def trusted_names(org: Organization | None) -> list[str]:
    if org is None:
        return []
    people = ([org.head] if org.head else []) + list(org.curators)
    return [p.full_name for p in people if p.full_name]


def _authors(practices: Sequence[Practice], today: dt.date) -> tuple[list[str], list[Person]]:
    allowed: list[str] = []
    denied: list[Person] = []
    for practice in practices:
        for author in practice.authors:
            if author.full_name and allows(author.consent, "full_name", today):
                allowed.append(author.full_name)
            elif author.full_name:
                denied.append(
                    Person(
                        author.full_name,
                        "автор без согласия на публикацию",
                        "добавьте согласие автора на публикацию ФИО (authors → consent) "
                        f"в карточке практики {_file_of(practice)} или уберите имя из текста",
                    )
                )
    return allowed, denied


def _name_finder(
    _report: Report, denied: list[tuple[str, str, str]], allowed: list[str]
) -> NameFinder:
    return NameFinder([Person(*person) for person in denied], allowed)


def _withheld_advice(who: str) -> str:
    if who == "наставляемый":
        return MENTEE_ADVICE
    return f"имя ({who}) не публикуется: уберите его из текста или замените ролью"


def _value_at(record: object, path: str) -> object:
    value: object = record
    for name in path.split("."):
        value = getattr(value, name, None)
    return value


def _withheld_mentor(mentor: Mentor, today: dt.date) -> Person:
    state = consent_state(mentor.consent, today)
    file = _file_of(mentor)
    if mentor.category == "student":
        why, advice = (
            "наставник-обучающийся",
            "имена обучающихся не публикуются: уберите имя или замените его ролью",
        )
    elif state == "withdrawn":
        why = "наставник, отозвавший согласие"
        advice = f"согласие отозвано ({file}): уберите имя из текста"
    elif state == "expired":
        why = "наставник с истёкшим согласием"
        advice = f"уберите имя из текста или внесите новое согласие в {file}"
    else:
        why = NO_CONSENT_MENTOR
        advice = (
            f"добавьте full_name в согласие наставника (consent → fields в {file}) "
            "или уберите имя из текста"
        )
    return Person(mentor.full_name, why, advice)


def _same_name(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


def _file_of(record: Record) -> str:
    return record.src.file if record.src else "файле записи"
