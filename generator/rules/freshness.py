"""What looks stale (issue 17; 273-ФЗ ст. 29: what a site publishes is
updated within ten working days of a change).

Three warnings, each at the field to change:

* G3 — a roadmap item still «запланировано» after its deadline;
* G4 — a programme still «реализуется» after its end date;
* G5 — a section that expects new records (``Kind.expects_updates``: news,
  programmes) with none for longer than ``limits.stale_months``.

A false alarm teaches a curator to ignore warnings, so each check warns only
when it is sure: a deadline is free text («сентябрь-октябрь 2024 г., далее –
ежегодно») and only what can be read without doubt is read
(``deadline_end``); a section with a record of unknown date is not judged.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

from ..config import Settings
from ..diagnostics import Report
from ..kinds import Kind
from ..schema.fields import Record
from ..schema.records import Program, Roadmap
from ..schema.values import format_date_short, months_between
from .common import location

LAW = "сведения на сайте обновляются в течение 10 рабочих дней после изменений (273-ФЗ, ст. 29)"


def check_freshness(
    kinds: Iterable[Kind], content: object, settings: Settings, report: Report
) -> None:
    """G3, G4, G5 over the records of ``kinds`` in ``content`` (an
    organization's or a portal's own)."""
    today = settings.today
    for kind in kinds:
        records = kind.records(content)
        for record in records:
            if isinstance(record, Roadmap):
                roadmap_overdue(record, today, report)
            elif isinstance(record, Program):
                program_overdue(record, today, report)
        if kind.expects_updates:
            idle_section(kind, records, today, settings.config.limits.stale_months, report)


def roadmap_overdue(roadmap: Roadmap, today: dt.date, report: Report) -> None:
    """G3: an item whose deadline has passed is no longer «запланировано»."""
    for s, stage in enumerate(roadmap.stages, start=1):
        for i, item in enumerate(stage.items, start=1):
            if item.status != "planned":
                continue
            due = deadline_end(item.deadline)
            if due is None or due >= today:
                continue
            report.warning(
                location(roadmap, f"stages[{s}].items[{i}].status"),
                f"срок мероприятия № {item.number} «{_short(item.name)}» "
                f"(«{item.deadline}») истёк {format_date_short(due)}, а статус по-прежнему "
                "«запланировано». Укажите, что с ним: «выполнено», «выполняется», "
                "«не выполнено» или «перенесено» (с новым сроком в deadline): " + LAW + ".",
                "G3",
            )


def program_overdue(program: Program, today: dt.date, report: Report) -> None:
    """G4: a programme past its end date is no longer «реализуется»."""
    end = program.period.end
    if program.status != "active" or end >= today:
        return
    report.warning(
        location(program, "status"),
        f"срок программы истёк {format_date_short(end)}, а статус по-прежнему «реализуется». "
        "Если программа завершена — укажите «status: завершена», дату завершения "
        "(completion_date) и результаты (results); если прекращена — «прекращена»; если "
        "продлена — новую дату окончания (period.end): " + LAW + ".",
        "G4",
    )


def idle_section(
    kind: Kind, records: list[Record], today: dt.date, stale_months: int, report: Report
) -> None:
    """G5: no new record in a section that expects them for longer than
    ``stale_months``. Judged by the records' dates (``Kind.dated``); a record
    without any leaves the section unjudged, a date to come counts as new."""
    newest: tuple[dt.date, Record, str] | None = None
    for record in records:
        dates = kind.dates(record)
        if not dates:
            return
        path, date = max(dates, key=lambda found: found[1])
        if newest is None or date > newest[0]:
            newest = (date, record, path)
    if newest is None:
        return
    date, record, path = newest
    months = months_between(date, today)
    if months <= stale_months:
        return
    title = kind.section.title if kind.section else kind.title.capitalize()
    fields = ", ".join(kind.date_fields)
    report.warning(
        location(record, path),
        f"в разделе «{title}» нет записей новее {format_date_short(date)} — больше "
        f"{stale_months} мес. (limits.stale_months в site_config.yml). Опубликуйте новые "
        f"записи раздела (дата записи — {fields}): " + LAW + ". Если в разделе ничего не "
        "изменилось, увеличьте limits.stale_months.",
        "G5",
    )


# -- deadlines written as in the documents ---------------------------------------
_MONTH = re.compile(
    r"(?<![а-яё])(?:(январ|феврал|март|апрел|июн|июл|август|сентябр|октябр|ноябр|декабр)"
    r"[а-яё]*|(ма[йяе]))(?![а-яё])"
)
_MONTHS = {
    stem: number
    for number, stem in enumerate(
        (
            "январ",
            "феврал",
            "март",
            "апрел",
            "ма",
            "июн",
            "июл",
            "август",
            "сентябр",
            "октябр",
            "ноябр",
            "декабр",
        ),
        start=1,
    )
}
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?:\s*[/–—-]\s*(\d\d))?(?!\d)")
_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(20\d\d)(?!\d)|(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)"
)
# Repeating, open-ended or relative deadlines, and school years: unsure.
_UNSURE = re.compile(
    r"далее|ежегодн|ежемесячн|еженедельн|ежедневн|ежекварт|кажд|постоянн|регулярн|"
    r"по мере|не реже|по необходимост|систематич|начиная|после|по итог|по оконч|"
    r"по заверш|учебн|уч\.|(?<![а-яё])(?:с|со|за)\s"
)


def deadline_end(text: str) -> dt.date | None:
    """G3: the last day of a deadline written as in the documents, or None
    when it cannot be read without doubt. Read: dates («01.09.2025»,
    «2025-09-01»), years and months («сентябрь-октябрь 2024 г.» → 31.10.2024;
    «декабрь 2024 – январь 2025» → 31.12.2025, a later day when a month
    cannot be tied to its year); not read: repeating («ежегодно», «далее –»),
    open («с сентября 2024», «после…», «по итогам…») or school-year
    deadlines, and anything without a year."""
    text = " ".join(text.lower().replace("ё", "е").split())
    if _UNSURE.search(text):
        return None
    dates: list[dt.date] = []
    for match in _DATE.finditer(text):
        if match.group(1):
            day, month, year = match.group(1, 2, 3)
        else:
            year, month, day = match.group(4, 5, 6)
        try:
            dates.append(dt.date(int(year), int(month), int(day)))
        except ValueError:
            return None
    rest = _DATE.sub(" ", text)
    years: set[int] = set()
    for match in _YEAR.finditer(rest):
        years.add(int(match.group(1)))
        if match.group(2):  # «2024/25»
            years.add(int(match.group(1)[:2] + match.group(2)))
    months = [_MONTHS[m.group(1) or "ма"] for m in _MONTH.finditer(rest)]
    if months and not years:
        return None  # «01.09.2025 – октябрь»: a month of which year?
    if years:
        year = max(years)
        month = max(months) if months and len(years) == 1 else 12
        dates.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
    return max(dates) if dates else None


def _short(text: str, limit: int = 60) -> str:
    """A long name cut at a word: the message names the item, the file has it whole."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:") + "…"
