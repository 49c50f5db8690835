"""Record kinds of a municipal portal (seed-model §7.3, R9, R15, R16, R18, R22).

Organizations keep their own content in ``content/orgs/<id>/`` in exactly
the school format; these are the records of the municipal level itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .fields import Attachment, Markdown, Record, SiteUrl, Url, f
from .records import Contacts, FileLink, Official, OrderRef


@dataclass(kw_only=True)
class Coordinator(Record):
    """The municipal coordinator of the mentoring model (004 L121-142)."""

    authority: str = f("Орган управления образованием", required=True)
    name: str = f(
        "Муниципальный координатор",
        required=True,
        help="Организация, выполняющая функции координатора.",
    )
    short_name: str | None = f("Краткое название координатора")
    role: str | None = f(
        "Роль", help="Например: координатор внедрения целевой модели наставничества."
    )
    municipality: str = f("Муниципальное образование", required=True)
    region: str | None = f("Регион")
    basis: OrderRef | None = f("Основание (приказ)")
    head: Official | None = f("Руководитель координатора")
    officials: list[Official] = f("Ответственные специалисты", factory=list)
    contacts: Contacts | None = f("Контакты")
    intro: Markdown | None = f("Вступительный текст раздела")


@dataclass(kw_only=True)
class RegistryEntry:
    id: str = f(
        "Идентификатор",
        required=True,
        help="Латиница: имя папки content/orgs/<id>/ и адрес страницы.",
    )
    type: str = f("Тип организации", required=True, vocab="org_types")
    full_name: str = f("Полное наименование", required=True)
    short_name: str = f("Краткое наименование", required=True)
    aliases: list[str] = f(
        "Другие написания названия",
        factory=list,
        help="Как организацию называют в отчётах и таблицах.",
    )
    website: SiteUrl | None = f("Официальный сайт")
    section_url: Url | None = f("Раздел «Наставничество» на сайте организации")


@dataclass(kw_only=True)
class Registry(Record):
    organizations: list[RegistryEntry] = f("Организации", required=True, factory=list)


@dataclass(kw_only=True)
class Community(Record):
    """Councils, methodical associations, network communities (R18)."""

    name: str = f("Название", required=True)
    kind: str = f("Вид", required=True, vocab="community_kinds")
    level: str = f("Уровень", vocab="community_levels", default="municipal")
    members: int | None = f("Число участников", minimum=0)
    head: Official | None = f("Руководитель")
    basis: OrderRef | None = f("Основание (приказ)")
    description: Markdown | None = f("Описание")
    organizations: list[str] = f("Организации-участники", ref="org", factory=list)
    files: list[FileLink] = f("Документы", factory=list)


@dataclass(kw_only=True)
class Agreement:
    organization: str = f("Образовательная организация", required=True, ref="org")
    date: dt.date | None = f("Дата")
    number: str | None = f("Номер")
    subject: str = f("Предмет соглашения", required=True)
    provides_mentors: bool = f("Партнёр предоставляет наставников", default=False)
    mentors: int | None = f("Число наставников от партнёра", minimum=0)
    url: Url | None = f("Ссылка на соглашение")
    file: Attachment | None = f("Файл соглашения")


@dataclass(kw_only=True)
class Partner(Record):
    """A partner enterprise or organization and its agreements (R15, R16)."""

    name: str = f("Название организации", required=True)
    kind: str = f("Вид организации", required=True, vocab="partner_kinds")
    website: SiteUrl | None = f("Сайт")
    description: Markdown | None = f("Описание")
    agreements: list[Agreement] = f("Соглашения", factory=list)


@dataclass(kw_only=True)
class Nomination:
    name: str = f("Номинация", required=True)
    applications: int | None = f("Подано заявок", minimum=0)


@dataclass(kw_only=True)
class Winner:
    theme: str = f("Тема работы", required=True)
    organization: str = f(
        "Организация", required=True, help="Идентификатор из реестра или название."
    )
    nomination: str | None = f("Номинация")
    award: str | None = f("Результат", vocab="awards")
    place: int | None = f("Место", minimum=1, maximum=10)
    practice: str | None = f("Карточка практики", help="org-id/practice-id или practice-id")


@dataclass(kw_only=True)
class Contest(Record):
    """A contest or festival of mentoring practices (R9, 004 Table 35)."""

    id: str = f("Идентификатор", help="Совпадает с именем файла.")
    name: str = f("Название", required=True)
    level: str = f("Уровень", required=True, vocab="contest_levels")
    year: int = f("Год", required=True, minimum=2000, maximum=2100)
    start: dt.date | None = f("Начало")
    end: dt.date | None = f("Окончание")
    organizer: str | None = f("Организатор")
    basis: OrderRef | None = f("Основание (приказ)")
    description: Markdown | None = f("Описание")
    jury: Markdown | None = f(
        "Экспертная комиссия",
        help="Кто оценивал работы; имена — только должностных лиц или с согласия.",
    )
    url: Url | None = f("Страница конкурса на сайте организатора")
    files: list[FileLink] = f(
        "Документы конкурса", help="Положение о конкурсе, приказ об итогах.", factory=list
    )
    nominations: list[Nomination] = f("Номинации", factory=list)
    winners: list[Winner] = f("Победители и призёры", factory=list)


@dataclass(kw_only=True)
class Recommendation:
    addressee: str = f("Кому", required=True)
    items: list[str] = f("Рекомендации", required=True, factory=list)
    organizations: list[str] = f("Организации, которым адресовано", ref="org", factory=list)


@dataclass(kw_only=True)
class DirectionConclusion:
    direction: str = f("Направление (номер)", required=True)
    verdict: str | None = f("Вывод об эффективности мер")
    factors: list[str] = f("Факторы, влияющие на результат", factory=list)
    recommendations: list[Recommendation] = f("Адресные рекомендации", factory=list)


@dataclass(kw_only=True)
class Conclusions(Record):
    """Conclusions of one monitoring year (004 §3, «SWOT» and recommendations)."""

    year: int = f("Год мониторинга", required=True, minimum=2000, maximum=2100)
    summary: Markdown | None = f("Общий вывод")
    strengths: list[str] = f("Сильные стороны", factory=list)
    opportunities: list[str] = f("Потенциальные возможности", factory=list)
    weaknesses: list[str] = f("Слабые стороны", factory=list)
    risks: list[str] = f("Возможные риски", factory=list)
    recommendations: list[Recommendation] = f("Рекомендации по адресатам", factory=list)
    directions: list[DirectionConclusion] = f("Выводы по направлениям", factory=list)
    report: FileLink | None = f("Аналитическая справка (файл)")
