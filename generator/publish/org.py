"""Stage 3: from validated records to what one organization publishes.

Applies the publication rules of ``rules/publication.py`` (results only
after completion, P1; news and practice cards only from their publication
date, G1; practices newest first, G2) and the privacy rules (mentor fields
only with a valid consent, P18; mentees only as roles and aggregates; counts
of any category below privacy.min_group_size suppressed).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from ..config import Settings
from ..kinds import ORG_KINDS
from ..load.content import OrgContent
from ..privacy.consent import allows
from ..privacy.guard import PersonalDataGuard
from ..rules.publication import is_announcement, news_visible, results_published, withhold_results
from ..schema.fields import Record
from ..schema.records import (
    Document,
    FileLink,
    Material,
    MenteeBase,
    Mentor,
    NewsItem,
    NormativeAct,
    Official,
    Organization,
    Practice,
    Program,
    Roadmap,
)
from ..schema.vocab import Vocabulary
from .files import WITHHELD, FileRef, FileRegistry
from .freshness import HOME, Freshness, org_freshness
from .generic import FiledRecord, publish_filed
from .practices import MaterialView, material_views, public_practices
from .scrub import public_copy

R = TypeVar("R", bound=Record)


@dataclass
class MentorCard:
    id: str
    full_name: str
    category: str
    position: str | None
    subjects: list[str]
    experience_years: int | None
    qualification: str | None
    organization: str | None
    forms: list[str]
    achievements: list[str]
    photo: FileRef
    photo_alt: str | None


@dataclass
class MenteeRow:
    category: str  # label
    group: str
    count: int | None  # None: suppressed
    suppressed_below: int | None = None


@dataclass
class ProgramView:
    program: Program  # public copy: no mentee name, results only when completed
    mentor_card: MentorCard | None
    mentor_text: str  # how the mentor is shown when there is no public card
    year: int
    files: list[tuple[str, FileRef, str | None]] = field(default_factory=list)
    # P1 (rules/publication.py): are the results published, or are they still to come?
    results_published: bool = False


class ProgramBrief(NamedTuple):
    """What a portal's own pages show of a program (the practice cards'
    links, typical programs), without reading the organization's programs."""

    id: str
    title: str
    form: str
    typical: bool


@dataclass
class NewsView:
    item: NewsItem
    is_announcement: bool
    image: FileRef


@dataclass
class PublicOrg:
    id: str  # "" for a school project, the registry id inside a municipality
    organization: Organization
    acts: list[FiledRecord[NormativeAct]]
    documents: list[FiledRecord[Document]]
    missing_documents: list[str]
    roadmap: Roadmap | None
    roadmap_file: FileRef
    mentor_cards: list[MentorCard]
    mentors_total: int
    mentors_hidden: int  # adults without a valid consent to publish their name
    mentors_by_category: list[tuple[str, int]]
    mentors_by_form: list[tuple[str, int]]
    mentee_rows: list[MenteeRow]
    mentees_total: int | None
    mentees_total_partial: bool
    mentee_as_of: dt.date | None
    student_mentors: int  # counted, never listed
    programs: list[ProgramView]
    program_briefs: list[ProgramBrief]  # of ``programs``, in their order
    practices: list[Practice]
    practice_materials: dict[str, list[MaterialView]]
    news: list[NewsView]
    materials: list[FiledRecord[Material]]
    files: FileRegistry
    updated: dt.date | None  # the home page's date (``freshness``)
    today: dt.date
    logo: FileRef = None
    # Kinds published by the generic step (kinds/base.py «filed»): key → records.
    parts: dict[str, list[FiledRecord]] = field(default_factory=dict)
    # «Обновлено» of each page, from its records' dates (publish/freshness.py).
    freshness: Freshness = field(default_factory=Freshness)


def publish_org(
    content: OrgContent,
    settings: Settings,
    guard: PersonalDataGuard,
    org_id: str = "",
    file_prefix: str = "files",
) -> PublicOrg:
    today = settings.today
    vocab = settings.vocabularies
    files = FileRegistry(content.root, file_prefix)
    org = content.organization

    def pub(record: R, path: str = "") -> R:
        return public_copy(record, guard, record, path, trusted=(Official,))

    cards = {m.id: card for m in content.mentors if (card := _mentor_card(m, today, files, guard))}
    # Ids become addresses and anchors: those of published mentors too.
    published_mentors = [m for m in content.mentors if m.id in cards]
    for record in (*content.programs, *content.practices, *content.news, *published_mentors):
        guard.record_id(record)
    programs = [
        _program_view(pub(withhold_results(p)), cards, content.mentors, vocab, files)
        for p in content.programs
    ]
    programs.sort(key=lambda v: (v.program.period.start, v.program.id), reverse=True)
    news = news_views(content.news, pub, files, today)
    practices = public_practices(content.practices, cards, today, pub)
    documents = [
        FiledRecord(d, files.add(d.file, d.title, "dokumenty"))
        for d in (pub(d) for d in content.documents)
    ]
    documents.sort(key=lambda r: (r.record.role, r.record.date or today), reverse=False)
    present = {d.record.role for d in documents} | ({"roadmap"} if content.roadmap else set())
    # Without organization.yml the loader has reported an error and the build
    # stops after this stage (which still scans the other records for personal
    # data); an empty card stands in for it and is never shown.
    public_org = pub(org) if org else Organization(full_name="", short_name="")
    roadmap = pub(content.roadmap) if content.roadmap else None
    base = content.mentee_base
    rows = (
        _mentee_rows(base, vocab["mentee_categories"], settings.config.privacy.min_group_size)
        if base
        else []
    )
    categories = Counter(m.category for m in content.mentors if m.category != "student")
    freshness = org_freshness(content, today)
    forms = Counter(form for m in content.mentors for form in m.forms)
    return PublicOrg(
        id=org_id,
        organization=public_org,
        acts=_acts(content.acts, pub, files),
        documents=documents,
        missing_documents=[
            vocab["doc_roles"].label(r)
            for r in settings.config.required_documents
            if r not in present
        ],
        roadmap=roadmap,
        roadmap_file=files.add(roadmap.file, roadmap.title, "dokumenty") if roadmap else None,
        mentor_cards=sorted(cards.values(), key=lambda c: c.full_name),
        mentors_total=len(content.mentors) + ((base.student_mentors or 0) if base else 0),
        mentors_hidden=sum(
            1 for m in content.mentors if m.category != "student" and m.id not in cards
        ),
        mentors_by_category=[
            (vocab["mentor_categories"].label(k), v) for k, v in categories.most_common()
        ],
        mentors_by_form=[(vocab["forms"].label(k), v) for k, v in forms.most_common()],
        mentee_rows=rows,
        # With a suppressed row the exact total would reveal it by subtraction,
        # so the site then shows «не менее» the sum of the visible rows.
        mentees_total=sum(r.count or 0 for r in rows) if base else None,
        mentees_total_partial=any(r.count is None for r in rows),
        mentee_as_of=base.as_of if base else None,
        student_mentors=((base.student_mentors or 0) if base else 0)
        + sum(1 for m in content.mentors if m.category == "student"),
        programs=programs,
        program_briefs=[
            ProgramBrief(v.program.id, v.program.title, v.program.form, bool(v.program.typical))
            for v in programs
        ],
        practices=practices,
        practice_materials={p.id: material_views(p, files) for p in practices},
        news=news,
        materials=[
            FiledRecord(m, files.add(m.file, m.title, "materialy"))
            for m in (pub(m) for m in content.materials)
        ],
        files=files,
        updated=freshness.of(HOME),
        today=today,
        logo=_logo(public_org, files),
        parts={
            kind.key: publish_filed(kind, kind.records(content), pub, files)
            for kind in ORG_KINDS
            if kind.publish == "filed"
        },
        freshness=freshness,
    )


def news_views(
    items: Sequence[NewsItem],
    pub: Callable[[NewsItem], NewsItem],
    files: FileRegistry,
    today: dt.date,
) -> list[NewsView]:
    """News and announcements of a section, an organization's or a portal's,
    newest first: each from its publication date (G1). Every item goes through
    the privacy guard (``pub``), published yet or not."""
    news = [
        NewsView(
            item,
            is_announcement(item, today),
            files.add(item.image.file, item.image.alt, "images") if item.image else None,
        )
        for item in (pub(n) for n in items)
        if news_visible(item, today)
    ]
    news.sort(key=lambda v: (v.item.date, v.item.id), reverse=True)
    return news


def _mentor_card(
    mentor: Mentor, today: dt.date, files: FileRegistry, guard: PersonalDataGuard
) -> MentorCard | None:
    """P18: the fields the consent allows, each through the privacy guard like any
    other published text (a position «наставник Смирновой А.» names a mentee).
    Fields the consent leaves out are not published, so not checked."""
    consent = mentor.consent
    if mentor.category == "student" or not allows(consent, "full_name", today):
        return None

    def ok(name: str) -> bool:
        return allows(consent, name, today)

    def text(value: str | None, path: str) -> str | None:
        return guard.text(value, mentor, path) if value else value

    def texts(values: list[str], path: str) -> list[str]:
        return [guard.text(v, mentor, f"{path}[{i}]") for i, v in enumerate(values, start=1)]

    photo: FileRef = None
    if mentor.photo and ok("photo"):
        checked = guard.attachment(mentor.photo.file, mentor, "photo.file")
        photo = files.add(
            WITHHELD if checked is None else checked, f"nastavnik-{mentor.id}", "images"
        )
    return MentorCard(
        id=mentor.id,
        full_name=text(mentor.full_name, "full_name") or "",
        category=mentor.category,
        position=text(mentor.position, "position") if ok("position") else None,
        subjects=texts(mentor.subjects, "subjects") if ok("subjects") else [],
        experience_years=mentor.experience_years if ok("experience") else None,
        qualification=text(mentor.qualification, "qualification") if ok("qualification") else None,
        organization=text(mentor.organization, "organization") if ok("position") else None,
        forms=mentor.forms if ok("forms") else [],
        achievements=texts(mentor.achievements, "achievements") if ok("achievements") else [],
        photo=photo,
        # A published photo implies ``mentor.photo``; the second test tells the type checker.
        photo_alt=text(mentor.photo.alt, "photo.alt") if photo and mentor.photo else None,
    )


def _logo(org: Organization | None, files: FileRegistry) -> FileRef:
    """From the public copy: the guard has looked at the file."""
    return files.add(org.logo.file, "logo", "images") if org and org.logo else None


def _program_view(
    program: Program,
    cards: dict[str, MentorCard],
    mentors: list[Mentor],
    vocab: dict[str, Vocabulary],
    files: FileRegistry,
) -> ProgramView:
    from dataclasses import replace

    card = cards.get(program.mentor or "")
    if program.mentor_role:
        text = program.mentor_role
    else:
        mentor = next((m for m in mentors if m.id == program.mentor), None)
        category = vocab["mentor_categories"].label(mentor.category) if mentor else "наставник"
        text = category
    year = (
        program.period.start.year
        if program.period.start.month >= 8
        else program.period.start.year - 1
    )
    # A mentor without a public card is not even referenced by id.
    public = program if card else replace(program, mentor=None)
    return ProgramView(
        public,
        card,
        text,
        year,
        [_file_link(fl, files, "programmy") for fl in program.files],
        results_published(program),
    )


def _file_link(link: FileLink, files: FileRegistry, group: str) -> tuple[str, FileRef, str | None]:
    return (link.title, files.add(link.file, link.title, group), link.url)


def _acts(
    acts: list[NormativeAct],
    pub: Callable[[NormativeAct], NormativeAct],
    files: FileRegistry,
) -> list[FiledRecord[NormativeAct]]:
    order = {"federal": 0, "regional": 1, "municipal": 2, "local": 3}
    result = [
        FiledRecord(a, files.add(a.file, a.title, "normativnaya-baza"))
        for a in (pub(a) for a in acts)
    ]
    result.sort(
        key=lambda r: (
            order.get(r.record.level, 9),
            -(r.record.date.toordinal() if r.record.date else 0),
        )
    )
    return result


def _mentee_rows(base: MenteeBase, vocabulary: Vocabulary, min_size: int) -> list[MenteeRow]:
    rows = []
    for entry in base.categories:
        term = vocabulary.get(entry.category)
        # Any small group, not only «sensitive» ones: «1 педагог после перерыва»
        # names a person as surely as «1 ребёнок с ОВЗ» does, and the page's
        # note promises that no category under the threshold is shown.
        if 0 < entry.count < min_size:
            label = term.label if term else vocabulary.label(entry.category)
            rows.append(MenteeRow(label, term.group if term else "", None, min_size))
        else:
            rows.append(
                MenteeRow(vocabulary.label(entry.category), term.group if term else "", entry.count)
            )
    return rows
