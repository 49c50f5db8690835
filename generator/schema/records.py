"""Record kinds of one organization's «Наставничество» section.

Sources: model regulation 002 §8.1 (what the section publishes), seed-model
§1.1 (fields) and §2 (two independent vocabularies: forms by roles and
types/formats). Field names are English, labels Russian. Fields marked
``internal`` are for the curator's own bookkeeping and never reach the site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .fields import Attachment, Email, Markdown, Phone, Record, SiteUrl, Url, f


# -- shared parts --------------------------------------------------------------
@dataclass(kw_only=True)
class OrderRef:
    number: str | None = f("Номер")
    date: dt.date | None = f("Дата")
    title: str | None = f("Название")


@dataclass(kw_only=True)
class Image:
    file: Attachment = f("Файл изображения", required=True)
    alt: str = f(
        "Текстовое описание (alt)",
        required=True,
        help="Что изображено — для незрячих читателей и при отключённых картинках.",
    )


@dataclass(kw_only=True)
class FileLink:
    title: str = f("Название", required=True)
    file: Attachment | None = f("Файл в папке content/")
    url: Url | None = f("Ссылка")


@dataclass(kw_only=True)
class Official:
    """A person named in an official capacity (head, curator): always public."""

    full_name: str = f("ФИО", required=True)
    position: str = f("Должность", required=True)
    phone: Phone | None = f("Телефон")
    email: Email | None = f("Электронная почта")
    appointment: OrderRef | None = f("Приказ о назначении")


@dataclass(kw_only=True)
class Contacts:
    address: str | None = f("Адрес")
    phone: Phone | None = f("Телефон")
    email: Email | None = f("Электронная почта")
    website: SiteUrl | None = f("Официальный сайт")
    hours: str | None = f("Часы работы")


# -- organization -----------------------------------------------------------------
@dataclass(kw_only=True)
class Organization(Record):
    full_name: str = f("Полное наименование", required=True)
    short_name: str = f("Краткое наименование", required=True)
    type: str = f("Тип организации", vocab="org_types", default="school")
    municipality: str | None = f("Муниципальное образование")
    region: str | None = f("Регион")
    contacts: Contacts | None = f("Контакты")
    head: Official | None = f("Руководитель")
    curators: list[Official] = f("Кураторы наставничества", required=True, factory=list)
    intro: Markdown | None = f("Вступительный текст раздела")
    logo: Image | None = f("Логотип")


# -- normative base ---------------------------------------------------------------
@dataclass(kw_only=True)
class NormativeAct(Record):
    level: str = f("Уровень", required=True, vocab="act_levels")
    kind: str = f("Вид документа", required=True, vocab="act_kinds")
    issuer: str | None = f("Кем принят")
    date: dt.date | None = f("Дата", required=True)
    number: str | None = f("Номер")
    title: str = f("Название", required=True)
    url: Url | None = f("Ссылка на документ")
    file: Attachment | None = f("Файл документа")
    topic: str | None = f("Кого касается", help="Например: педагогические работники, обучающиеся.")
    note: Markdown | None = f("Примечание")


# -- the organization's own documents ---------------------------------------------
@dataclass(kw_only=True)
class Document(Record):
    role: str = f("Вид документа", required=True, vocab="doc_roles")
    title: str = f("Название", required=True)
    number: str | None = f("Номер")
    date: dt.date | None = f("Дата", required=True)
    year: int | None = f(
        "Отчётный год",
        minimum=2000,
        maximum=2100,
        help="Для приказа о мониторинге и справки: за какой год.",
    )
    url: Url | None = f("Ссылка на документ")
    file: Attachment | None = f("Файл документа")
    note: Markdown | None = f("Примечание")


# -- roadmap ----------------------------------------------------------------------
@dataclass(kw_only=True)
class RoadmapItem:
    number: str = f("№ п/п", required=True)
    name: str = f("Наименование мероприятия", required=True)
    deadline: str = f(
        "Срок исполнения",
        required=True,
        help="Как в документе: «сентябрь-октябрь 2024 г., далее – ежегодно».",
    )
    responsible: str = f("Ответственные исполнители", required=True)
    status: str | None = f("Статус", vocab="roadmap_statuses")
    result: str | None = f("Результат, вид документа")


@dataclass(kw_only=True)
class RoadmapStage:
    name: str = f("Этап", required=True)
    items: list[RoadmapItem] = f("Мероприятия", required=True, factory=list)


@dataclass(kw_only=True)
class Roadmap(Record):
    title: str = f("Название", required=True)
    period: str | None = f("Период")
    approved: OrderRef | None = f("Утверждена")
    file: Attachment | None = f("Файл с подписью")
    stages: list[RoadmapStage] = f("Этапы", required=True, factory=list)


# -- mentors ---------------------------------------------------------------------
@dataclass(kw_only=True)
class Consent:
    fields: list[str] = f(
        "Поля, разрешённые к публикации", vocab="consent_fields", factory=list, required=True
    )
    date: dt.date = f("Дата согласия", required=True)
    valid_until: dt.date | None = f("Действует до")
    withdrawn: dt.date | None = f("Дата отзыва согласия")
    document: str | None = f(
        "Реквизиты согласия",
        internal=True,
        help="Где хранится подписанное согласие; на сайт не выводится.",
    )


@dataclass(kw_only=True)
class Mentor(Record):
    id: str = f("Идентификатор", help="Совпадает с именем файла.")
    full_name: str = f("ФИО", required=True)
    category: str = f("Категория наставника", required=True, vocab="mentor_categories")
    position: str | None = f("Должность")
    subjects: list[str] = f("Преподаваемые предметы", factory=list)
    experience_years: int | None = f("Педагогический стаж, лет", minimum=0, maximum=70)
    qualification: str | None = f("Квалификационная категория")
    organization: str | None = f("Организация (для внешних наставников)")
    forms: list[str] = f("Формы наставничества", vocab="forms", factory=list)
    achievements: list[str] = f("Достижения", factory=list)
    photo: Image | None = f("Фотография")
    appointment: OrderRef | None = f("Приказ о назначении наставником")
    consent: Consent | None = f("Согласие на распространение персональных данных")
    updated: dt.date | None = f("Дата обновления записи")


# -- mentee base (aggregates only) ---------------------------------------------
@dataclass(kw_only=True)
class MenteeCount:
    category: str = f("Категория", required=True, vocab="mentee_categories")
    count: int = f("Численность", required=True, minimum=0)


@dataclass(kw_only=True)
class MenteeBase(Record):
    as_of: dt.date = f("По состоянию на", required=True)
    academic_year: str | None = f("Учебный год")
    categories: list[MenteeCount] = f("Численность по категориям", factory=list, required=True)
    student_mentors: int | None = f("Наставники из числа обучающихся 15–19 лет", minimum=0)
    note: Markdown | None = f("Примечание")


# -- personalized programs -----------------------------------------------------
@dataclass(kw_only=True)
class Period:
    start: dt.date = f("Начало", required=True)
    end: dt.date = f("Окончание", required=True)


@dataclass(kw_only=True)
class Mentee:
    role: str = f(
        "Роль наставляемого", required=True, help="Без имени: «молодой специалист, учитель музыки»."
    )
    category: str | None = f("Категория", vocab="mentee_categories")
    count: int = f("Число наставляемых", default=1, minimum=1)
    full_name: str | None = f(
        "ФИО (только для куратора)",
        internal=True,
        help="Никогда не публикуется; нужно, чтобы генератор проверил, что имя не попало в тексты.",
    )


@dataclass(kw_only=True)
class ProgramStage:
    name: str = f("Этап", required=True)
    period: str | None = f("Сроки")
    content: Markdown | None = f("Содержание")


@dataclass(kw_only=True)
class Activity:
    date: dt.date | str = f("Срок", required=True)
    activity: str = f("Мероприятие", required=True)
    result: str | None = f("Результат")


@dataclass(kw_only=True)
class Program(Record):
    id: str = f("Идентификатор", help="Совпадает с именем файла.")
    title: str = f("Название", required=True)
    form: str = f("Форма наставничества (по ролям)", required=True, vocab="forms")
    form_note: str | None = f("Пояснение к иной форме")
    types: list[str] = f("Виды (форматы)", vocab="types", factory=list)
    mentor: str | None = f("Наставник (идентификатор)", ref="mentor")
    mentor_role: str | None = f(
        "Роль наставника для публикации", help="Например: «учитель русского языка и литературы»."
    )
    mentee: Mentee = f("Наставляемый", required=True)
    period: Period = f("Период реализации", required=True)
    academic_year: str | None = f("Учебный год")
    status: str = f("Статус", required=True, vocab="program_statuses")
    approval: OrderRef | None = f("Приказ об утверждении")
    problem: Markdown | None = f("Проблема (профессиональные затруднения)")
    goal: Markdown = f("Цель", required=True)
    tasks: list[str] = f("Задачи", required=True, factory=list)
    directions: list[str] = f("Направления работы", factory=list)
    stages: list[ProgramStage] = f("Этапы", factory=list)
    activities: list[Activity] = f("План мероприятий", factory=list)
    planned_results: list[str] = f("Планируемые результаты", factory=list)
    results: Markdown | None = f(
        "Результаты", help="Публикуются только после завершения программы."
    )
    completion_date: dt.date | None = f("Дата завершения")
    typical: bool = f("Типовая (обезличенная) программа", default=False)
    files: list[FileLink] = f("Файлы", factory=list)


# -- best practices --------------------------------------------------------------
@dataclass(kw_only=True)
class Author:
    """Named on the site only with consent: a mentor's own (``mentor``) or the
    author's (``full_name`` + ``consent``); otherwise left out."""

    mentor: str | None = f("Наставник (идентификатор)", ref="mentor")
    full_name: str | None = f("ФИО автора")
    position: str | None = f("Должность")
    consent: Consent | None = f("Согласие на публикацию")


@dataclass(kw_only=True)
class PracticeMaterial:
    title: str = f("Название", required=True)
    kind: str | None = f("Вид материала", vocab="material_kinds")
    file: Attachment | None = f(
        "Файл в папке content/", help="Формат и размер файла сайт покажет сам."
    )
    url: Url | None = f("Ссылка")
    format: str | None = f(
        "Формат (для ссылки)", help="Что откроется по ссылке: «видео, 12 мин», «PDF, 2 МБ»."
    )


@dataclass(kw_only=True)
class Material(Record):
    """A methodological material or template (also a practice's attachment)."""

    title: str = f("Название", required=True)
    kind: str = f("Вид материала", required=True, vocab="material_kinds")
    issuer: str | None = f("Автор или издатель")
    date: dt.date | None = f("Дата")
    audience: list[str] = f("Для кого", vocab="audiences", factory=list)
    description: Markdown | None = f("Описание")
    file: Attachment | None = f("Файл")
    url: Url | None = f("Ссылка")


@dataclass(kw_only=True)
class ContestResult:
    contest: str = f("Конкурс", required=True)
    year: int | None = f("Год", minimum=2000, maximum=2100)
    nomination: str | None = f("Номинация")
    award: str | None = f("Результат", vocab="awards")
    level: str | None = f("Уровень конкурса", vocab="contest_levels")
    url: Url | None = f(
        "Страница конкурса", help="Например, страница конкурса на муниципальном портале."
    )
    contest_id: str | None = f(
        "Конкурс (идентификатор)",
        ref="contest",
        help="В муниципальном проекте: файл content/contests/<id>.yml.",
    )


@dataclass(kw_only=True)
class Practice(Record):
    id: str = f("Идентификатор", help="Совпадает с именем файла.")
    title: str = f("Название практики", required=True)
    organizations: list[str] = f(
        "Организации",
        factory=list,
        help="Если не указаны — организация, публикующая практику; "
        "в муниципальном проекте можно указать идентификаторы реестра.",
    )
    municipality: str | None = f(
        "Муниципальное образование", help="Если не указано — из карточки организации."
    )
    region: str | None = f("Регион", help="Если не указан — из карточки организации.")
    authors: list[Author] = f("Авторы", factory=list)
    forms: list[str] = f("Формы наставничества", vocab="forms", required=True, factory=list)
    types: list[str] = f("Виды (форматы)", vocab="types", factory=list)
    audience: list[str] = f("Целевая аудитория", vocab="audiences", factory=list)
    summary: Markdown = f("Краткое описание", required=True)
    problem: Markdown | None = f("Проблема, актуальность")
    goal: Markdown | None = f("Цель")
    tasks: list[str] = f("Задачи", factory=list)
    description: Markdown | None = f("Содержание и механизмы")
    stages: list[ProgramStage] = f("Этапы реализации", factory=list)
    resources: Markdown | None = f("Ресурсы и условия")
    results: Markdown | None = f("Результаты (качественные)")
    indicators: list[str] = f("Результаты (количественные)", factory=list)
    scalability: Markdown | None = f("Возможность тиражирования")
    materials: list[PracticeMaterial] = f("Материалы", factory=list)
    contacts: Contacts | None = f(
        "Контакты", help="Официальные контакты; если не указаны — контакты организации."
    )
    year: int = f("Год", required=True, minimum=2000, maximum=2100)
    period: str | None = f("Период реализации")
    contests: list[ContestResult] = f("Участие в конкурсах", factory=list)
    tags: list[str] = f("Ключевые слова", factory=list)
    programs: list[str] = f("Программы, из которых выросла практика", ref="program", factory=list)
    published: dt.date | None = f(
        "Дата публикации",
        help="До этой даты практика не публикуется; по ней же строится лента новых практик.",
    )


# -- news and announcements ----------------------------------------------------
@dataclass(kw_only=True)
class NewsItem(Record):
    id: str = f("Идентификатор", help="Совпадает с именем файла.")
    title: str = f("Заголовок", required=True)
    date: dt.date = f("Дата публикации", required=True)
    event_date: dt.date | None = f(
        "Дата мероприятия", help="Если указана и ещё не наступила — это анонс."
    )
    event_type: str | None = f(
        "Вид мероприятия", help="Семинар, мастер-класс, круглый стол, встреча…"
    )
    place: str | None = f("Место проведения")
    audience: list[str] = f("Участники", vocab="audiences", factory=list)
    summary: str | None = f("Кратко (для списка)")
    text: Markdown = f("Текст", required=True)
    image: Image | None = f("Иллюстрация")
    forms: list[str] = f("Формы наставничества", vocab="forms", factory=list)
    files: list[FileLink] = f("Файлы", factory=list)
