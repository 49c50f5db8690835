"""Validation rules for one organization's records (seed-model §3, §4.7).

Each check names the rule it implements (P… publication rules, V… link and
evidence problems, G… the generator's own) so messages can be traced back to
the regulation; ``rules/catalog.py`` lists every code with its text and source.
What the site will show is decided by ``rules/publication.py``, here only asked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..config import Settings
from ..diagnostics import Location, Report
from ..kinds import ORG_KINDS
from ..load.content import OrgContent, record_files
from ..schema.fields import Record
from ..schema.municipal import Contest
from ..schema.records import Mentor, NormativeAct, Program
from ..schema.values import format_date_short, months_between
from ..schema.vocab import Term
from ..words import count, number
from .common import check_fields, check_references, location
from .freshness import check_freshness
from .practice_rules import check_practices, check_typical
from .publication import news_visible, results_published


def records_of(content: OrgContent) -> Iterator[Record]:
    for kind in ORG_KINDS:
        yield from kind.records(content)


def validate_org(
    content: OrgContent,
    settings: Settings,
    report: Report,
    known_ids: dict[str, set[str]] | None = None,
    contests: Sequence[Contest] = (),
) -> None:
    """Run every rule over one organization; ``known_ids`` adds ids from outside
    (e.g. contests of a municipal project, given as ``contests``)."""
    checker = _OrgChecker(content, settings, report)
    checker.fields()
    checker.references(known_ids or {})
    check_practices(content.practices, content.mentors, list(contests), settings.today, report)
    check_typical(content.programs, report, settings.vocabularies["forms"].label)
    checker.programs()
    checker.mentor_load()
    checker.mentors()
    checker.documents()
    checker.dated_records()
    check_freshness(ORG_KINDS, content, settings, report)


class _OrgChecker:
    def __init__(self, content: OrgContent, settings: Settings, report: Report):
        self.content = content
        self.settings = settings
        self.limits = settings.config.limits
        self.today = settings.today
        self.report = report

    # -- helpers -------------------------------------------------------------
    def error(self, record: Record, path: str | None, message: str, code: str) -> None:
        self.report.error(location(record, path), message, code)

    def warning(self, record: Record, path: str | None, message: str, code: str) -> None:
        self.report.warning(location(record, path), message, code)

    # -- every field of a type; references ------------------------------------------
    def fields(self) -> None:
        check_fields(records_of(self.content), self.content.root, self.limits, self.report)

    def references(self, extra: dict[str, set[str]]) -> None:
        root = self.content.root
        ids = {
            "mentor": {m.id for m in self.content.mentors} | record_files(root, "mentors"),
            "program": {p.id for p in self.content.programs} | record_files(root, "programs"),
            **extra,
        }
        check_references(records_of(self.content), ids, self.report)

    # -- programs (P1, P4, P5, P7, P16, V21) -------------------------------------------
    def programs(self) -> None:
        for program in self.content.programs:
            self._program(program)

    def _program(self, p: Program) -> None:
        """P4/P5: the length of a programme (a «3-year personalised programme»,
        P7, is an error of P4); P1: results only after completion, V21: a
        completed one describes its results; P16: a status that fits the dates
        (one still «реализуется» after its end: G4, ``rules/freshness.py``)."""
        start, end = p.period.start, p.period.end
        if end < start:
            self.error(
                p,
                "period.end",
                f"окончание программы ({format_date_short(end)}) "
                f"раньше начала ({format_date_short(start)}).",
                "date",
            )
        else:
            months = months_between(start, end)
            if months < self.limits.program_min_months:
                self.error(
                    p,
                    "period.end",
                    f"программа длится {number(months)} мес.: меньше "
                    f"допустимого минимума {number(self.limits.program_min_months)} мес. "
                    "(002, §3.7).",
                    "P5",
                )
            elif months > self.limits.program_max_months + 0.5:
                self.error(
                    p,
                    "period.end",
                    f"программа длится {number(round(months))} мес.: "
                    f"персонализированная программа — не дольше "
                    f"{number(self.limits.program_max_months)} мес. (002, п. 2). Разделите "
                    "её на программы по учебным годам.",
                    "P4",
                )
            elif months < self.limits.program_warn_months:
                self.warning(
                    p,
                    "period.end",
                    f"программа длится {number(months)} мес.: "
                    f"рекомендуется не меньше {number(self.limits.program_warn_months)} "
                    "мес. (002, п. 2).",
                    "P4",
                )
        if p.completion_date and p.completion_date < start:
            self.error(p, "completion_date", "дата завершения раньше начала программы.", "date")
        if p.form == "inaya" and not p.form_note:
            self.error(
                p,
                "form_note",
                "для «иной формы» укажите в form_note, какая это "
                "форма (например, «работодатель – студент колледжа»).",
                "form",
            )
        if results_published(p):
            finished = p.completion_date or end
            if finished > self.today:
                self.error(
                    p,
                    "status",
                    f"программа отмечена завершённой, но дата завершения "
                    f"({format_date_short(finished)}) ещё не наступила.",
                    "P1",
                )
            if not p.results:
                self.warning(
                    p, "results", "у завершённой программы не описаны результаты (V21).", "V21"
                )
        elif p.results:
            self.warning(
                p,
                "results",
                "результаты указаны, но программа не завершена: по "
                "002 §8.2 результаты публикуются только после завершения. На сайт "
                "они не попадут.",
                "P1",
            )
        if p.status == "planned" and start < self.today:
            self.warning(
                p,
                "status",
                f"программа должна была начаться "
                f"{format_date_short(start)}, а статус «планируется».",
                "status",
            )

    def mentor_load(self) -> None:
        """002 §3.7: no more than N mentees at once per mentor (active programs)."""
        load: dict[str, list[Program]] = defaultdict(list)
        for program in self.content.programs:
            if program.status == "active" and program.mentor:
                load[program.mentor].append(program)
        limit = self.limits.mentor_max_active
        for mentor_id, programs in sorted(load.items()):
            mentees = sum(p.mentee.count for p in programs)
            if mentees > limit:
                names = ", ".join(p.id for p in programs)
                self.error(
                    programs[-1],
                    "mentor",
                    f"у наставника «{mentor_id}» одновременно "
                    f"{count(mentees, 'mentee')} в реализуемых программах ({names}); "
                    f"допускается не больше {limit} (002 §3.7; limits.mentor_max_active "
                    "в site_config.yml).",
                    "P8",
                )

    # -- mentors (consent sanity, P28) --------------------------------------------
    def mentors(self) -> None:
        for mentor in self.content.mentors:
            self._consent(mentor)
            if mentor.updated and (self.today - mentor.updated).days > 366:
                self.warning(
                    mentor,
                    "updated",
                    "запись о наставнике не обновлялась больше "
                    "года; куратор актуализирует базу не реже раза в год (002 §3.5).",
                    "P28",
                )
        base = self.content.mentee_base
        if base and (self.today - base.as_of).days > 366:
            self.warning(
                base,
                "as_of",
                "сведения о наставляемых старше года; обновите численность (002 §3.5).",
                "P28",
            )

    def _consent(self, mentor: Mentor) -> None:
        consent = mentor.consent
        if consent is None:
            return
        if consent.date > self.today:
            self.error(mentor, "consent.date", "дата согласия ещё не наступила.", "consent")
        if consent.valid_until and consent.valid_until < consent.date:
            self.error(
                mentor,
                "consent.valid_until",
                "согласие действует до даты раньше даты его подписания.",
                "consent",
            )
        if consent.withdrawn and consent.withdrawn < consent.date:
            self.error(mentor, "consent.withdrawn", "дата отзыва раньше даты согласия.", "consent")
        if mentor.category == "student" and consent.fields:
            self.warning(
                mentor,
                "consent.fields",
                "наставники из числа обучающихся "
                "публикуются только численно; согласие на публикацию полей не "
                "используется.",
                "consent",
            )

    # -- documents ---------------------------------------------------------------
    def documents(self) -> None:
        roles = self.settings.vocabularies["doc_roles"]
        present = {d.role for d in self.content.documents}
        if self.content.roadmap is not None:
            present.add("roadmap")
        # A curator may list the school's own «Положение о наставничестве» among
        # the local acts of the normative base: it is the same document.
        local = [a for a in self.content.acts if a.level == "local"]
        for role in self.settings.config.required_documents:
            if role not in present and any(_is_document(a, roles.get(role)) for a in local):
                present.add(role)
        missing = [
            roles.label(r) for r in self.settings.config.required_documents if r not in present
        ]
        if missing and self.content.organization is not None:
            self.report.warning(
                Location(f"{self.content.display_root}/documents.yml"),
                "не опубликованы обязательные документы: "
                + "; ".join(f"«{m}»" for m in missing)
                + ". Документы организации вносятся в documents.yml с видом (role) — "
                "например, «role: положение о наставничестве педагогических работников»; "
                "локальный акт в normative_acts.yml тоже засчитывается, если его название "
                "совпадает с видом документа.",
                "docs",
            )
        for document in self.content.documents:
            if not document.url and not document.file:
                self.error(
                    document,
                    "url",
                    "укажите ссылку на документ (url) или файл "
                    "(file): документ без текста публиковать бессмысленно (V1).",
                    "V1",
                )
            if document.role in ("monitoring_order", "monitoring_report") and not document.year:
                self.warning(
                    document,
                    "year",
                    "укажите отчётный год (year): мониторинг "
                    "проверяет, что документ относится к нужному году (V6).",
                    "V6",
                )
        for act in self.content.acts:
            # Federal and regional acts are found by their requisites; the
            # organization's own evidence is what monitoring asks links for.
            if act.level in ("municipal", "local") and not act.url and not act.file:
                self.warning(
                    act,
                    "url",
                    "нет ни ссылки (url), ни файла (file): посетитель "
                    "не сможет открыть документ (V1).",
                    "V1",
                )

    # -- dates that cannot be in the future ------------------------------------------
    def dated_records(self) -> None:
        for act in self.content.acts:
            if act.date and act.date > self.today:
                self.error(act, "date", "дата документа ещё не наступила.", "date")
        for document in self.content.documents:
            if document.date and document.date > self.today:
                self.error(document, "date", "дата документа ещё не наступила.", "date")
        for item in self.content.news:
            if not news_visible(item, self.today):
                self.warning(
                    item,
                    "date",
                    f"дата публикации {format_date_short(item.date)} "
                    "ещё не наступила: новость появится на сайте после сборки в "
                    "этот день.",
                    "G1",
                )
        for practice in self.content.practices:
            if practice.year > self.today.year:
                self.error(practice, "year", "год практики ещё не наступил.", "date")
            linked = {p.id: p for p in self.content.programs}
            for index, program_id in enumerate(practice.programs, start=1):
                program = linked.get(program_id)
                if program and program.status != "completed":
                    self.warning(
                        practice,
                        f"programs[{index}]",
                        f"практика ссылается на "
                        f"незавершённую программу «{program_id}»; лучшие кейсы "
                        "описывают завершённые программы (001, с. 168).",
                        "P2",
                    )


def _is_document(act: NormativeAct, role: Term | None) -> bool:
    """Does a local act's title name this kind of document? Every significant
    word of the kind's name or of one of its other spellings must be there:
    «Положение о системе наставничества педагогических работников МБОУ…» is
    the teachers' regulation, a bare «Положение о наставничестве» is neither."""
    if role is None:
        return False
    title = _stems(f"{act.kind} {act.title}")
    return any((words := _stems(name)) and words <= title for name in (role.label, *role.aliases))


def _stems(text: str) -> set[str]:
    words = re.findall(r"[а-яё]{4,}", text.lower().replace("ё", "е"))
    return {w[:6] for w in words if w[:6] not in ("систем", "целево")}
