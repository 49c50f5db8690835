"""``site_config.yml``: what kind of project this is and its regional limits.

Limits differ between regions (002 §3.7 allows three mentees per mentor in
one regulation; others differ), so every number a rule uses lives here
with the seed's value as default.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import addresses
from .diagnostics import Location, Report
from .load.yamlsource import load_yaml
from .schema.coerce import Coercer
from .schema.fields import Record, SiteUrl, f
from .schema.vocab import Term, Vocabulary
from .schema.vocab_defaults import default_vocabularies

CONFIG_NAME = "site_config.yml"


@dataclass(kw_only=True)
class Limits:
    program_min_months: float = f(
        "Минимальная длительность программы, мес.", default=1.0, minimum=0
    )
    program_warn_months: float = f(
        "Рекомендуемая минимальная длительность, мес.", default=3.0, minimum=0
    )
    program_max_months: float = f(
        "Максимальная длительность программы, мес.", default=12.0, minimum=1
    )
    mentor_max_active: int = f(
        "Наибольшее число одновременных программ у наставника", default=3, minimum=1
    )
    max_file_mb: float = f("Наибольший размер файла записи, МБ", default=5.0, minimum=0.1)
    max_attachment_mb: float = f("Наибольший размер вложения, МБ", default=50.0, minimum=0.1)
    stale_months: int = f(
        "Раздел без новых записей дольше, мес.",
        default=12,
        minimum=1,
        maximum=120,
        help="Если в новостях или программах нет записей новее этого срока, "
        "nastav validate предупредит: по 273-ФЗ (ст. 29) сведения на сайте обновляются "
        "в течение 10 рабочих дней после изменений.",
    )
    monitoring_min_coverage: float = f(
        "Доля организаций, сдавших мониторинг, при которой год считается полным, %",
        default=90.0,
        minimum=0,
        maximum=100,
        help="Год, за который данные сдали меньше организаций реестра, помечается "
        "«неполные данные»: его итоги и динамика не сравниваются как полные.",
    )


@dataclass(kw_only=True)
class Privacy:
    on_personal_data: str = f(
        "Что делать с найденными персональными данными",
        vocab="pd_actions",
        default="error",
        help="error — остановить сборку; redact — скрыть и предупредить.",
    )
    min_group_size: int = f(
        "Наименьшая публикуемая численность чувствительной категории", default=3, minimum=1
    )
    persons: list[str] = f("Лица, чьи имена нельзя публиковать", factory=list)
    allowed_contacts: list[str] = f(
        "Разрешённые к публикации контакты",
        factory=list,
        help="Служебные телефоны, адреса почты и адреса, кроме указанных в organization.yml.",
    )
    scan_attachments: bool = f("Проверять текст прикреплённых файлов", default=True)


@dataclass(kw_only=True)
class TermSpec:
    label: str = f("Название", required=True)
    id: str | None = f("Идентификатор")
    aliases: list[str] = f("Другие написания", factory=list)
    description: str | None = f("Описание")


@dataclass(kw_only=True)
class VocabularyExtensions:
    forms: list[TermSpec] = f("Формы наставничества", factory=list)
    types: list[TermSpec] = f("Виды (форматы)", factory=list)
    act_kinds: list[TermSpec] = f("Виды нормативных актов", factory=list)
    doc_roles: list[TermSpec] = f("Виды документов", factory=list)
    mentor_categories: list[TermSpec] = f("Категории наставников", factory=list)
    mentee_categories: list[TermSpec] = f("Категории наставляемых", factory=list)
    material_kinds: list[TermSpec] = f("Виды материалов", factory=list)
    audiences: list[TermSpec] = f("Целевые аудитории", factory=list)
    org_types: list[TermSpec] = f("Типы организаций", factory=list)


@dataclass(kw_only=True)
class CollectionSource:
    """Another site's practice feed shown in this site's catalog (issue 5)."""

    name: str = f(
        "Название источника",
        required=True,
        help="Как подписать практики этого источника: «Новоозёрск».",
    )
    url: str | None = f(
        "Адрес ленты",
        help=f"Например: https://example.ru/nastavnichestvo/{addresses.PRACTICE_FEED}",
    )
    file: str | None = f("Файл ленты", help="Путь от папки проекта, если лента скачана заранее.")
    site: SiteUrl | None = f(
        "Адрес исходного сайта", help="Нужен, если в ленте нет адреса сайта (site_url)."
    )
    timeout: float = f("Сколько ждать ответа, с", default=20.0, minimum=1, maximum=300)


DEFAULT_REQUIRED_DOCUMENTS = [
    "regulation_teachers",
    "regulation_students",
    "implementation_order",
    "roadmap",
    "monitoring_order",
    "monitoring_report",
]


@dataclass(kw_only=True)
class SiteConfig(Record):
    mode: str = f("Тип проекта", vocab="modes", default="school")
    site_name: str | None = f("Название сайта")
    site_url: SiteUrl | None = f(
        "Адрес сайта", help="Например: https://school14.example.ru/nastavnichestvo/"
    )
    description: str | None = f("Описание сайта")
    today: dt.date | None = f(
        "Дата сборки", help="Для воспроизводимой сборки; обычно не указывается."
    )
    limits: Limits = f("Ограничения", factory=Limits)
    privacy: Privacy = f("Персональные данные", factory=Privacy)
    vocabularies: VocabularyExtensions = f("Дополнения справочников", factory=VocabularyExtensions)
    required_documents: list[str] = f(
        "Обязательные документы организации",
        vocab="doc_roles",
        factory=lambda: list(DEFAULT_REQUIRED_DOCUMENTS),
    )
    collections: list[CollectionSource] = f(
        "Коллекции практик других сайтов",
        factory=list,
        help=f"Ленты практик ({addresses.PRACTICE_FEED}) "
        "других сайтов nastav: их практики появятся в "
        "каталоге со ссылками на исходные сайты.",
    )


@dataclass
class Settings:
    """The loaded config plus everything derived from it."""

    config: SiteConfig
    vocabularies: dict[str, Vocabulary]
    today: dt.date
    project_dir: Path = field(default=Path("."))


def _config_vocabularies() -> dict[str, Vocabulary]:
    vocabularies = default_vocabularies()
    vocabularies["modes"] = Vocabulary(
        "modes",
        "типы проектов",
        [
            Term("school", "school", ("школа", "организация")),
            Term("municipal", "municipal", ("муниципалитет", "муниципальный")),
        ],
    )
    vocabularies["pd_actions"] = Vocabulary(
        "pd_actions",
        "действия с персональными данными",
        [
            Term("error", "error", ("ошибка", "остановить")),
            Term("redact", "redact", ("скрыть", "скрывать")),
        ],
    )
    return vocabularies


def load_settings(project_dir: Path, report: Report) -> Settings | None:
    path = project_dir / CONFIG_NAME
    vocabularies = _config_vocabularies()
    if not os.path.lexists(path):
        report.error(
            Location(CONFIG_NAME),
            f"нет файла {CONFIG_NAME} в папке {project_dir}. "
            "Создайте проект командой «nastav init ПАПКА».",
            "config",
        )
        return None
    node = load_yaml(path, CONFIG_NAME, report, max_bytes=1_048_576, required=True)
    if node is None:
        return None
    coercer = Coercer(vocabularies, report, CONFIG_NAME)
    config = coercer.record(node, SiteConfig)
    if config is None or coercer.failed:
        return None
    if not _site_urls_are_safe(config, report):
        return None
    _extend_vocabularies(config, vocabularies, report)
    return Settings(config, vocabularies, build_date(config), project_dir)


# Quotes, angle brackets, whitespace, backslashes and control characters have
# no place in an address MkDocs and the theme print into <head> and links.
_UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f\"'<>\\`]")


def site_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a site's address, in Russian; None when it can:
    http(s), a host, and none of the characters above."""
    bad = _UNSAFE_IN_URL.search(url)
    if bad:
        shown = repr(bad.group())[1:-1] if bad.group() < " " else f"«{bad.group()}»"
        return (
            f"в адресе недопустимый символ {shown}: адрес сайта пишется без кавычек, "
            "пробелов и угловых скобок, например https://school14.example.ru/nastavnichestvo/"
        )
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # «http://[::1»
        host = None
    if not host or parts.scheme.lower() not in ("http", "https"):
        return (
            "адрес сайта должен начинаться с https:// или http:// и содержать имя сайта, "
            "например https://school14.example.ru/nastavnichestvo/"
        )
    if parts.query or parts.fragment:
        return "в адресе сайта не бывает «?» и «#»: укажите адрес папки раздела на сайте."
    return None


def _site_urls_are_safe(config: SiteConfig, report: Report) -> bool:
    """``site_url`` and each collection's ``site`` before anything prints them."""
    fields = [("site_url", config.site_url)] + [
        (f"collections[{i}].site", c.site) for i, c in enumerate(config.collections, start=1)
    ]
    ok = True
    for path, url in fields:
        problem = site_url_problem(url) if url else None
        if problem:
            line = config.src.line_of(path) if config.src else None
            report.error(Location(CONFIG_NAME, line, path), problem, "config")
            ok = False
    return ok


def _extend_vocabularies(
    config: SiteConfig, vocabularies: dict[str, Vocabulary], report: Report
) -> None:
    from .util.slug import slugify

    for name in VocabularyExtensions.__dataclass_fields__:
        for spec in getattr(config.vocabularies, name):
            term_id = spec.id or slugify(spec.label)
            vocabularies[name].add(
                Term(term_id, spec.label, tuple(spec.aliases), description=spec.description or "")
            )


def build_date(config: SiteConfig) -> dt.date:
    """The date rules compare against: config, NASTAV_TODAY, SOURCE_DATE_EPOCH or today."""
    if config.today:
        return config.today
    env = os.environ.get("NASTAV_TODAY", "")
    try:
        return dt.date.fromisoformat(env)
    except ValueError:
        pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
