"""The tables of organization and municipal pages, as ``Table``s.

Every table a page shows is built here from the public copies the
templates get (``PublicOrg``, ``PublicMunicipality``: consent-filtered,
mentee counts below the threshold as «менее N», results of a running
program removed), never from raw records. The page renders it with
``table.html(href)`` and the page set writes the same rows next to the
page as CSV and XLSX (``PageSet.offer``), so a download holds exactly the
columns and values the reader sees.

Links are made by the page set, relative to the page the table is on:
``href(docs_path)`` for any page, ``program_href(id)`` and
``contest_href(id)`` for a record; ``label(vocab, id)`` is a vocabulary's
label.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from ..publish.files import Withheld
from ..publish.org import FiledRecord, MenteeRow, PublicOrg
from ..schema.municipal import Contest
from ..schema.records import Document, Program, Roadmap
from ..schema.values import format_date_short
from .tables import Cell, Table

Label = Callable[[str, str], str]
Link = Callable[[str], str]  # a docs path or a record id → a link from the page

PROGRAM_GROUPS = [
    ("active", "Реализуются", "realizuyutsya"),
    ("planned", "Планируются", "planiruyutsya"),
    ("completed", "Завершены", "zaversheny"),
    ("stopped", "Прекращены", "prekrashcheny"),
]
MENTEE_GROUPS = [
    ("педагоги", "pedagogi"),
    ("обучающиеся", "obuchayushchiesya"),
    ("", "inye"),
]


def _d(value: dt.date | str | None) -> str:
    """As the templates' ``d`` filter: «07.09.2026», or the text as written."""
    if isinstance(value, dt.date):
        return format_date_short(value)
    return value or ""


def _number(value: int) -> Cell:
    return Cell(str(value), value=value)


# -- a school's section (and a municipality's roadmap) ----------------------------------
def programs_by_form(
    form_table: list[tuple[str, Counter]], statuses: list[str], label: Label
) -> Table | None:
    """The home page: programs by form of mentoring and status."""
    if not form_table:
        return None
    table = Table(
        "programmy-po-formam",
        "Персонализированные программы по формам наставничества и статусам",
        ["Форма наставничества", *[label("program_statuses", s) for s in statuses]],
        sortable=False,
    )
    for form, counts in form_table:
        table.rows.append(
            [
                Cell(label("forms", form), header=True),
                *[_number(counts.get(s, 0)) for s in statuses],
            ]
        )
    return table


def mentee_tables(org: PublicOrg) -> list[Table]:
    """Mentees by category, one table per group; a count below the threshold
    is «менее N» on the page and in the files alike (``MenteeRow.count`` is
    already None for it in the public copy)."""
    tables = []
    for group, slug in MENTEE_GROUPS:
        rows: list[MenteeRow] = [r for r in org.mentee_rows if r.group == group]
        if not rows:
            continue
        caption = (group or "иные категории").capitalize()
        if org.mentee_as_of:
            caption += f", по состоянию на {_d(org.mentee_as_of)}"
        table = Table(
            f"nastavlyaemye-{slug}", caption, ["Категория", "Численность"], sortable=False
        )
        for row in rows:
            count = (
                Cell(f"менее {row.suppressed_below}") if row.count is None else _number(row.count)
            )
            table.rows.append([Cell(row.category, header=True), count])
        tables.append(table)
    return tables


def mentor_categories(org: PublicOrg) -> Table | None:
    if not org.mentors_by_category:
        return None
    table = Table(
        "nastavniki-po-kategoriyam",
        "Наставники по категориям",
        ["Категория", "Численность"],
        sortable=False,
    )
    for name, count in org.mentors_by_category:
        table.rows.append([Cell(name, header=True), _number(count)])
    if org.student_mentors:
        table.rows.append(
            [
                Cell("обучающиеся 15–19 лет (учёт по численности)", header=True),
                _number(org.student_mentors),
            ]
        )
    return table


def program_groups(
    org: PublicOrg, label: Label, program_href: Link
) -> list[tuple[str, str, Table]]:
    """(status, heading, table) for each status with programs.

    The rows keep the ``data-form``/``data-status``/``data-year`` attributes
    and the table its ``data-nst-rows`` that the filter of the page
    (theme/assets/javascripts/nastav.js) reads: the table is a ``Table``
    like every other, so its downloads come from the same rows.
    """
    groups = []
    for status, heading, slug in PROGRAM_GROUPS:
        views = [v for v in org.programs if v.program.status == status]
        if not views:
            continue
        table = Table(
            f"programmy-{slug}",
            f"Персонализированные программы: {heading.lower()}",
            ["Программа", "Форма", "Вид", "Участники", "Период"],
            sortable=False,
            caption_hidden=True,  # the heading above says it
            attrs={"data-nst-rows": ""},
        )
        for view in views:
            p = view.program
            table.row_attrs[len(table.rows)] = {
                "data-form": p.form,
                "data-status": p.status,
                "data-year": str(view.year),
            }
            mentee = p.mentee.role + (f" ({p.mentee.count} чел.)" if p.mentee.count > 1 else "")
            table.rows.append(
                [
                    Cell(
                        p.title,
                        href=program_href(p.id),
                        badge="типовая" if p.typical else None,
                    ),
                    Cell(label("forms", p.form)),
                    Cell(", ".join(label("types", t) for t in p.types)),
                    Cell(mentee),
                    Cell(f"{_d(p.period.start)} – {_d(p.period.end)}"),
                ]
            )
        groups.append((status, heading, table))
    return groups


def roadmap_table(roadmap: Roadmap | None, label: Label) -> Table | None:
    """Events by stage; a stage is a group heading of the page, and the
    files hold the events only, with the page's columns (as the monitoring
    heat map's directions)."""
    if roadmap is None:
        return None
    table = Table(
        "dorozhnaya-karta",
        "Мероприятия по этапам",
        ["№", "Мероприятие", "Срок исполнения", "Ответственные", "Статус"],
        sortable=False,
        css="nst-roadmap",
    )
    for stage in roadmap.stages:
        if not stage.items:
            continue  # a heading with nothing under it
        table.groups[len(table.rows)] = stage.name
        for item in stage.items:
            status = (
                Cell(
                    "",
                    badge=label("roadmap_statuses", item.status),
                    badge_css=f"nst-rm-{item.status}",
                )
                if item.status
                else Cell("")
            )
            table.rows.append(
                [
                    Cell(item.number),
                    Cell(item.name, note=f"Результат: {item.result}" if item.result else None),
                    Cell(item.deadline),
                    Cell(item.responsible),
                    status,
                ]
            )
    return table


def documents_table(documents: Sequence[FiledRecord[Document]], label: Label) -> Table | None:
    """The documents page is a list, not a table; its records are offered
    as one (what each item shows, a column each). A file is given by its
    address from the site's root, as in the open data."""
    if not documents:
        return None
    table = Table(
        "dokumenty",
        "Документы организации",
        [
            "Вид документа",
            "Отчётный год",
            "Название",
            "Дата",
            "Номер",
            "Файл на сайте",
            "Ссылка",
            "Примечание",
        ],
    )
    for entry in documents:
        d = entry.record
        file: Any = entry.file
        shown = (
            "файл не опубликован"
            if isinstance(file, Withheld)
            else (file.href if file is not None else "")
        )
        table.rows.append(
            [
                Cell(label("doc_roles", d.role)),
                Cell(str(d.year) if d.year else "", value=d.year),
                Cell(d.title),
                Cell(_d(d.date)),
                Cell(d.number or ""),
                Cell(shown),
                Cell(d.url or ""),
                Cell(d.note or ""),
            ]
        )
    return table


def activities_table(program: Program) -> Table | None:
    """A program's plan of events (its results, withheld until the program
    is completed, are not part of it)."""
    if not program.activities:
        return None
    table = Table(
        "plan-meropriyatiy",
        "План мероприятий",
        ["Срок", "Мероприятие", "Результат"],
        sortable=False,
        caption_hidden=True,
    )
    for a in program.activities:
        table.rows.append([Cell(_d(a.date)), Cell(a.activity), Cell(a.result or "")])
    return table


# -- a municipality's contests ---------------------------------------------------------
def _applications(contest: Contest) -> list[int]:
    return [n.applications for n in contest.nominations if n.applications is not None]


def contests_table(contests: Sequence[Contest], label: Label, contest_href: Link) -> Table | None:
    if not contests:
        return None
    table = Table(
        "konkursy",
        "Конкурсы и фестивали практик наставничества",
        [
            "Год",
            "Конкурс",
            "Уровень",
            "Сроки",
            "Номинаций",
            "Заявок",
            "Победителей и призёров",
        ],
        caption_hidden=True,
    )
    for c in contests:
        apps = _applications(c)
        dates = ""
        if c.start:
            dates = _d(c.start) + (f" – {_d(c.end)}" if c.end else "")
        table.rows.append(
            [
                Cell(str(c.year), sort=c.year, value=c.year, css="nst-num"),
                Cell(c.name, href=contest_href(c.id), header=True),
                Cell(label("contest_levels", c.level)),
                Cell(dates),
                _count(len(c.nominations)),
                Cell(str(sum(apps)), sort=sum(apps), value=sum(apps), css="nst-num")
                if apps
                else Cell("—", sort=0, value="", css="nst-num"),
                _count(len(c.winners)),
            ]
        )
    return table


def _count(value: int, sortable: bool = True) -> Cell:
    return Cell(str(value), sort=value if sortable else None, value=value, css="nst-num")


def nominations_table(contest: Contest) -> Table | None:
    if not contest.nominations:
        return None
    table = Table(
        "nominatsii",
        "Номинации",
        ["Номинация", "Подано заявок", "Победителей и призёров"],
        sortable=False,
        caption_hidden=True,
    )
    for n in contest.nominations:
        wins = sum(1 for w in contest.winners if w.nomination == n.name)
        applications = (
            _count(n.applications, False)
            if n.applications is not None
            else Cell("—", value="", css="nst-num")
        )
        table.rows.append([Cell(n.name, header=True), applications, _count(wins, False)])
    apps = _applications(contest)
    if apps:
        table.rows.append(
            [
                Cell("Всего", header=True),
                _count(sum(apps), False),
                _count(len(contest.winners), False),
            ]
        )
    return table


def winners_table(
    winners: Sequence[tuple[Any, str | None, str | None, str | None]],
    label: Label,
    href: Link,
) -> Table | None:
    """``winners``: (winner, organization page, its short name, practice page)."""
    if not winners:
        return None
    table = Table(
        "pobediteli",
        "Победители и призёры",
        ["Тема", "Организация", "Номинация", "Результат"],
        sortable=False,
        caption_hidden=True,
    )
    for w, org_folder, org_name, practice in winners:
        result = label("awards", w.award) if w.award else ""
        if w.place:
            result += f" ({w.place} место)" if w.award else f"{w.place} место"
        table.rows.append(
            [
                Cell(w.theme, href=href(practice) if practice else None, header=True),
                Cell(org_name or "", href=href(org_folder)) if org_folder else Cell(w.organization),
                Cell(w.nomination or ""),
                Cell(result),
            ]
        )
    return table
