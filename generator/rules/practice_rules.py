"""Rules for practice cards (issue 5): authors, materials, contest results,
publication dates; and typical programmes, one per form.

An author who will not be named (no consent) is a warning, not an error:
the card is published without the name, as the privacy rules demand, but
the curator should know why the name is missing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..diagnostics import Report
from ..privacy.consent import allows, consent_state
from ..schema.municipal import Contest
from ..schema.records import Mentor, Practice, Program
from ..schema.values import format_date_short
from .common import location
from .publication import practice_visible


def check_practices(
    practices: list[Practice],
    mentors: list[Mentor],
    contests: list[Contest],
    today: dt.date,
    report: Report,
) -> None:
    by_mentor = {m.id: m for m in mentors}
    by_contest = {c.id: c for c in contests}
    for practice in practices:
        _authors(practice, by_mentor, today, report)
        for index, material in enumerate(practice.materials, start=1):
            if not material.file and not material.url:
                report.error(
                    location(practice, f"materials[{index}]"),
                    f"материал «{material.title}»: укажите файл (file) или ссылку (url).",
                    "file",
                )
        for index, result in enumerate(practice.contests, start=1):
            _contest(practice, index, result, by_contest, report)
        if practice.published and not practice_visible(practice, today):
            report.warning(
                location(practice, "published"),
                "дата публикации "
                f"{format_date_short(practice.published)} ещё не наступила: "
                "практика появится на сайте после сборки в этот день.",
                "G1",
            )


def _authors(
    practice: Practice, mentors: dict[str, Mentor], today: dt.date, report: Report
) -> None:
    for index, author in enumerate(practice.authors, start=1):
        where = location(practice, f"authors[{index}]")
        if bool(author.mentor) == bool(author.full_name):
            report.error(
                where,
                "укажите автора одним способом: идентификатором наставника "
                "(mentor) или ФИО с согласием на публикацию (full_name и consent).",
                "author",
            )
            continue
        if author.mentor:
            mentor = mentors.get(author.mentor)
            if mentor and (
                mentor.category == "student" or not allows(mentor.consent, "full_name", today)
            ):
                report.warning(
                    where,
                    f"наставник «{author.mentor}» не дал согласия на "
                    "публикацию ФИО (или оно недействительно): автор на карточке "
                    "указан не будет.",
                    "consent",
                )
        elif not allows(author.consent, "full_name", today):
            state = {
                "none": "нет согласия",
                "expired": "согласие истекло",
                "withdrawn": "согласие отозвано",
                "future": "согласие ещё не действует",
            }.get(consent_state(author.consent, today), "согласие не разрешает ФИО")
            report.warning(where, f"{state}: автор на карточке указан не будет.", "consent")


def _contest(
    practice: Practice, index: int, result, contests: dict[str, Contest], report: Report
) -> None:
    record = contests.get(result.contest_id or "")
    if record is None:
        return  # an unknown id is reported by the reference check
    names = [n.name for n in record.nominations]
    if result.nomination and names and result.nomination not in names:
        report.error(
            location(practice, f"contests[{index}].nomination"),
            f"в конкурсе "
            f"«{record.id}» нет номинации «{result.nomination}». Есть: "
            + "; ".join(f"«{n}»" for n in names)
            + ".",
            "contest",
        )
    if result.year and result.year != record.year:
        report.error(
            location(practice, f"contests[{index}].year"),
            f"год {result.year} не совпадает с годом конкурса «{record.id}» ({record.year}).",
            "contest",
        )


def check_typical(programs: list[Program], report: Report, form_label) -> None:
    """One typical programme per form: the catalog links each form to one.
    Typical programmes are the anonymised («обезличенные») ones the report
    asks for instead of personal ones (P19, V27); mentees' names are kept out
    of them by the privacy guard (``publish.org.make_guard``)."""
    by_form: dict[str, list[Program]] = defaultdict(list)
    for program in programs:
        if program.typical:
            by_form[program.form].append(program)
    for form, group in by_form.items():
        for extra in group[1:]:
            report.warning(
                location(extra, "typical"),
                f"типовая программа формы "
                f"«{form_label(form)}» уже есть: «{group[0].id}». Оставьте одну: "
                "каталог практик ссылается на типовую программу каждой формы.",
                "typical",
            )
