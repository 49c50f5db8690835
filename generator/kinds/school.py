"""The kinds of one organization's section (model regulation 002 §8.1): the
same in a school project and under ``content/orgs/<id>/`` of a municipal one.

Their public forms are made by hand in ``publish/org.py`` (consents, mentee
anonymisation, results after completion), into the ``PublicOrg`` attributes
each names in ``public``.
"""

from __future__ import annotations

from ..schema.records import (
    Document,
    Material,
    MenteeBase,
    Mentor,
    NewsItem,
    NormativeAct,
    Organization,
    Practice,
    Program,
    Roadmap,
)
from .base import Kind, SectionSpec, Words

ORGANIZATION = Kind(
    "organization",
    "карточка организации",
    Organization,
    "organization.yml",
    "single",
    required=True,
    public=("organization", "logo"),
    section=SectionSpec(
        "kontakty", "Контакты", "org/contacts.md.j2", 100, key="contacts", compact_anchor="kontakty"
    ),
    table_title="Карточка организации",
)
ACTS = Kind(
    "acts",
    "нормативная база",
    NormativeAct,
    "normative_acts.yml",
    "list",
    "acts",
    public=("acts",),
    section=SectionSpec(
        "normativnaya-baza",
        "Нормативная база",
        "org/acts.md.j2",
        10,
        compact_anchor="dokumenty",
    ),
    words=Words(
        new="act",
        new_what="нормативный акт",
        table="acts",
        aliases=("act", "normative_acts", "акты"),
        key_fields=("number", "date"),
    ),
)
DOCUMENTS = Kind(
    "documents",
    "документы организации",
    Document,
    "documents.yml",
    "list",
    "documents",
    public=("documents", "missing_documents"),
    section=SectionSpec(
        "dokumenty", "Документы организации", "org/documents.md.j2", 20, compact_anchor="dokumenty"
    ),
)
ROADMAP = Kind(
    "roadmap",
    "дорожная карта",
    Roadmap,
    "roadmap.yml",
    "single",
    public=("roadmap", "roadmap_file"),
    section=SectionSpec(
        "dorozhnaya-karta", "Дорожная карта", "org/roadmap.md.j2", 30, compact_anchor="dokumenty"
    ),
    dated=("approved.date",),  # its items' deadlines are free text (rules/freshness.py)
)
MENTEE_BASE = Kind(
    "mentee_base",
    "база наставляемых",
    MenteeBase,
    "mentees.yml",
    "single",
    public=("mentee_rows", "mentees_total", "mentee_as_of", "student_mentors"),
    section=SectionSpec(
        "nastavlyaemye",
        "Наставляемые",
        "org/mentees.md.j2",
        50,
        key="mentees",
        compact_anchor="figures",
    ),
    dated=("as_of",),
)
MATERIALS = Kind(
    "materials",
    "методические материалы",
    Material,
    "materials.yml",
    "list",
    "materials",
    public=("materials",),
    section=SectionSpec(
        "materialy", "Методические материалы", "org/materials.md.j2", 90, compact_anchor="dokumenty"
    ),
)
MENTORS = Kind(
    "mentors",
    "база наставников",
    Mentor,
    "mentors",
    "dir",
    public=("mentor_cards", "mentors_total", "mentors_hidden"),
    section=SectionSpec(
        "nastavniki", "База наставников", "org/mentors.md.j2", 40, compact_anchor="nastavniki"
    ),
    table_title="База наставников (с согласия наставников)",
    # A consent given or withdrawn shows or hides the card from that day.
    dated=("updated", "consent.date", "consent.withdrawn", "appointment.date"),
    words=Words(
        new="mentor",
        new_what="запись наставника",
        title_field="full_name",
        table="mentors",
        aliases=("mentor", "nastavniki", "наставники"),
        key_fields=("full_name",),
    ),
)
PROGRAMS = Kind(
    "programs",
    "персонализированные программы",
    Program,
    "programs",
    "dir",
    public=("programs",),
    section=SectionSpec(
        "programmy",
        "Персонализированные программы",
        "org/programs.md.j2",
        60,
        record_template="org/program.md.j2",
        compact_anchor="programmy",
    ),
    withheld_names=(("mentee.full_name", "наставляемый"),),
    dated=("approval.date", "completion_date"),
    expects_updates=True,  # each academic year's programmes
    words=Words(
        new="program",
        new_what="персонализированная программа",
        table="programs",
        aliases=("program", "programmy", "программы"),
        key_fields=("period.start", "title"),
    ),
)
PRACTICES = Kind(
    "practices",
    "лучшие практики",
    Practice,
    "practices",
    "dir",
    public=("practices", "practice_materials"),
    section=SectionSpec(
        "praktiki",
        "Лучшие практики",
        "catalog/catalog.md.j2",
        70,
        record_template="org/practice.md.j2",
        compact_anchor="praktiki",
    ),
    dated=("published",),
    words=Words(
        new="practice",
        new_what="лучшая практика",
        table="practices",
        aliases=("practice", "praktiki", "практики"),
    ),
)
NEWS = Kind(
    "news",
    "новости и анонсы",
    NewsItem,
    "news",
    "dir",
    public=("news",),
    section=SectionSpec(
        "novosti",
        "Новости и анонсы",
        "org/news.md.j2",
        80,
        record_template="org/news_item.md.j2",
        compact_anchor="novosti",
    ),
    expects_updates=True,
    words=Words(new="news", new_what="новость"),
)

# Loading order: the card first, the rest as the section lists them.
SCHOOL = [
    ORGANIZATION,
    ACTS,
    DOCUMENTS,
    ROADMAP,
    MENTEE_BASE,
    MATERIALS,
    MENTORS,
    PROGRAMS,
    PRACTICES,
    NEWS,
]
