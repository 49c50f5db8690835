"""Validation of a municipal project: every organization by the school rules,
the municipal records, and the monitoring conclusions against the catalog."""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Location, Report
from ..kinds import MUNICIPAL_OWN_KINDS
from ..load.content import OrgContent
from ..load.municipal import MunicipalContent
from ..memo import Memo
from ..schema.fields import Record
from ..schema.municipal import Contest
from ..util.later import field_of
from ..words import count
from .common import check_fields, check_references, location
from .freshness import check_freshness
from .org_rules import validate_org
from .practice_rules import check_practices


def municipal_records(content: MunicipalContent) -> Iterator[Record]:
    for kind in MUNICIPAL_OWN_KINDS:
        yield from kind.records(content)
    yield from content.conclusions


def _validate_org(
    report: Report, org: OrgContent, settings: Settings, contests: list[Contest]
) -> None:
    validate_org(
        org, settings, report, known_ids={"contest": {c.id for c in contests}}, contests=contests
    )


def validate_municipal(
    content: MunicipalContent, settings: Settings, report: Report, memo: Memo | None = None
) -> None:
    memo = memo or Memo(None)
    # Each organization by the school rules, cached by what the rules read
    # (memo.Memo.stage): its records, the settings and the portal's contests.
    memo.stage_many(
        "validate",
        _validate_org,
        [
            {"org": org, "settings": settings, "contests": content.contests}
            for org in content.orgs.values()
        ],
        report,
    )
    check_practices(content.practices, [], content.contests, settings.today, report)
    records = list(municipal_records(content))
    check_fields(records, content.root, settings.config.limits, report)
    check_references(
        records,
        {
            "org": {e.id for e in content.entries},
            "contest": {c.id for c in content.contests},
            "program": set(),  # municipal practices do not belong to one organization's programs
        },
        report,
    )
    check_freshness(MUNICIPAL_OWN_KINDS, content, settings, report)
    _conclusions(content, report)
    _contest_winners(content, report)
    for contest in content.contests:
        _contest_figures(contest, report)


def _conclusions(content: MunicipalContent, report: Report) -> None:
    years = set(content.observation_years)
    directions = {d.id for d in content.catalog.directions} if content.catalog else set()
    seen: dict[int, str] = {}
    for record in content.conclusions:
        where = record.src.file if record.src else ""
        if record.year in seen:
            report.error(
                Location(where),
                f"выводы за {record.year} год уже есть в {seen[record.year]}.",
                "conclusions",
            )
        seen[record.year] = where
        if years and record.year not in years:
            report.warning(
                location(record, "year"),
                f"за {record.year} год нет значений мониторинга; выводы будут показаны без таблиц.",
                "conclusions",
            )
        for index, item in enumerate(record.directions, start=1):
            if directions and item.direction not in directions:
                report.error(
                    location(record, f"directions[{index}].direction"),
                    f"направления «{item.direction}» нет в наборе показателей "
                    f"(есть: {', '.join(sorted(directions, key=_num))}).",
                    "conclusions",
                )


def _contest_winners(content: MunicipalContent, report: Report) -> None:
    practices = {
        f"{org_id}/{p.id}"
        for org_id, org in content.orgs.items()
        for p in field_of(org, "practices")  # of a kept organization, alone
    } | {p.id for p in content.practices}
    for contest in content.contests:
        for index, winner in enumerate(contest.winners, start=1):
            if winner.practice and winner.practice not in practices:
                report.error(
                    location(contest, f"winners[{index}].practice"),
                    f"карточки "
                    f"практики «{winner.practice}» нет (ожидается «id-организации/"
                    "id-практики» или id практики муниципального уровня).",
                    "ref",
                )


def _contest_figures(contest: Contest, report: Report) -> None:
    """The published figures of a contest must agree with each other: no more
    winners and prize-winners in a nomination than applications, winners in
    the nominations the contest lists, a «победитель» not in second place."""
    nominations = {n.name.strip().lower(): (i, n) for i, n in enumerate(contest.nominations, 1)}
    awarded: dict[str, int] = {}
    for index, winner in enumerate(contest.winners, start=1):
        name = (winner.nomination or "").strip().lower()
        if name:
            awarded[name] = awarded.get(name, 0) + 1
            if nominations and name not in nominations:
                report.warning(
                    location(contest, f"winners[{index}].nomination"),
                    f"номинации «{winner.nomination}» нет в списке номинаций конкурса "
                    f"({', '.join(n.name for _, n in nominations.values())}); проверьте "
                    "написание.",
                    "contest",
                )
        if winner.award == "winner" and winner.place and winner.place > 1:
            report.warning(
                location(contest, f"winners[{index}].place"),
                f"победитель указан на {winner.place} месте; победитель — 1 место, "
                "2 и 3 места — призёры. Исправьте результат или место.",
                "contest",
            )
    for name, number in awarded.items():
        if name not in nominations:
            continue
        index, nomination = nominations[name]
        if nomination.applications is not None and number > nomination.applications:
            report.warning(
                location(contest, f"nominations[{index}].applications"),
                f"в номинации «{nomination.name}» "
                f"{count(nomination.applications, 'application')} на участие, а победителей "
                f"и призёров — {number}: так не бывает; проверьте число заявок и список "
                "победителей.",
                "contest",
            )


def _num(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 1e9
