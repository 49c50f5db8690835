"""Cooperation agreements of an organization (seed-model R15; 004 tables 4
and 5): «соглашение о сотрудничестве», «договор о сетевом взаимодействии».

A school lists them on «Партнёры и соглашения»; the municipal monitoring
checks the declared counts of criteria 2.2–2.4 and 4.1–4.3 against them
(``monitoring/agreements.py``). The partner kinds are the municipal
partners' vocabulary (``partner_kinds``): another educational organization
or an institute of further education (2.2, 4.1), an enterprise (2.3, 4.3),
another organization (2.4, 4.2).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..schema.fields import Attachment, Markdown, Record, Url, f
from .base import Kind, SectionSpec, Words


@dataclass(kw_only=True)
class CooperationAgreement(Record):
    partner: str = f(
        "Организация-партнёр",
        required=True,
        help="Полное наименование, как в соглашении: «МБОУ «СОШ № 12»», «АО «Аксион»».",
    )
    partner_kind: str = f("Вид организации-партнёра", required=True, vocab="partner_kinds")
    title: str = f(
        "Название документа",
        default="Соглашение о сотрудничестве",
        help="«Соглашение о сотрудничестве», «Договор о сетевом взаимодействии»…",
    )
    number: str | None = f("Номер")
    date: dt.date = f("Дата заключения", required=True)
    valid_until: dt.date | None = f("Действует до", help="Пусто — бессрочно.")
    subject: str = f("Предмет соглашения", required=True)
    provides_mentors: bool = f(
        "Партнёр предоставляет наставников",
        default=False,
        help="Сотрудники партнёра участвуют в программах наставничества в роли наставников "
        "(критерии мониторинга 2.2–2.4).",
    )
    mentors: int | None = f("Число наставников от партнёра", minimum=0)
    file: Attachment | None = f("Файл соглашения")
    url: Url | None = f("Ссылка на соглашение")
    note: Markdown | None = f("Примечание")


AGREEMENTS = Kind(
    "agreements",
    "соглашения о сотрудничестве",
    CooperationAgreement,
    "agreements.yml",
    "list",
    "agreements",
    publish="filed",
    files_folder="partnery",
    order=("-date", "partner"),
    section=SectionSpec(
        "partnery",
        "Партнёры и соглашения",
        "org/agreements.md.j2",
        95,
        compact_anchor="soglasheniya",
        optional=True,  # not a page 002 §8 requires: shown when there are agreements
    ),
    table_title="Соглашения о сотрудничестве",
    columns=(
        "partner",
        "partner_kind",
        "subject",
        "date",
        "valid_until",
        "provides_mentors",
        "url",
    ),
    words=Words(
        new="agreement",
        new_what="соглашение о сотрудничестве",
        title_field="partner",
        table="agreements",
        aliases=("agreement", "soglasheniya", "соглашения"),
        key_fields=("partner", "date"),
    ),
)
