"""Freshness (issue 17, 273-ФЗ ст. 29): every page says «Обновлено: ДД.ММ.ГГГГ»
from the dates of its records, never the build date; ``nastav validate``
warns about what looks stale (G3–G5) and only when it is sure.

The expected dates are read from the demo's own files here, not written in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from pathlib import Path

import pytest
import yaml

from generator.kinds import KINDS
from generator.rules.freshness import deadline_end
from tests.conftest import ROOT, TODAY, check_project, edit, messages, read, run_cli

CONTENT = ROOT / "content"
TEMPLATES = ROOT / "generator" / "render" / "templates"
TODAY_DATE = dt.date.fromisoformat(TODAY)
SHOWN = re.compile(r'Обновлено: <time datetime="(\d{4}-\d\d-\d\d)">(\d\d\.\d\d\.\d{4})</time>')


def shown(page: Path) -> dt.date | None:
    """The date a built page says it was updated; None when it says nothing."""
    html = read(page)
    found = SHOWN.findall(html)
    assert len(found) <= 1, f"{page}: more than one date"
    if not found:
        assert "Обновлено" not in html, f"{page}: a date in another form"
        return None
    iso, text = found[0]
    date = dt.date.fromisoformat(iso)
    assert text == date.strftime("%d.%m.%Y")
    return date


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d\d\.\d\d\.\d{4}", value.strip()):
        return dt.datetime.strptime(value.strip(), "%d.%m.%Y").date()
    return None


def _at(record: dict, path: str) -> list[dt.date]:
    """Dates at a dotted path of a YAML mapping, entering lists."""
    values: list[object] = [record]
    for name in path.split("."):
        values = [
            item
            for v in values
            if isinstance(v, dict)
            for item in (v.get(name) if isinstance(v.get(name), list) else [v.get(name)])
        ]
    return [d for v in values if (d := _date(v)) is not None]


def _load(rel: str) -> object:
    return yaml.safe_load((CONTENT / rel).read_text("utf-8"))


def _records(rel: str) -> list[dict]:
    """The records of a content file (a list file's list) or folder."""
    path = CONTENT / rel
    if path.is_dir():
        return [
            {"id": f.stem, **yaml.safe_load(f.read_text("utf-8"))}
            for f in sorted(path.glob("*.yml"))
            if not f.name.startswith("_")
        ]
    data = _load(rel)
    assert isinstance(data, dict)
    listed = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    return listed[0] if len(data) == 1 and listed else [data]


def newest(records: list[dict], *paths: str) -> dt.date | None:
    dates = [d for r in records for p in paths for d in _at(r, p) if d <= TODAY_DATE]
    return max(dates) if dates else None


# What dates each list page of the demo school, by the demo's files.
LIST_PAGES = {
    "novosti": ("news", ("date",)),
    "programmy": ("programs", ("approval.date", "completion_date")),
    "nastavniki": ("mentors", ("updated", "consent.date", "consent.withdrawn", "appointment.date")),
    "dokumenty": ("documents.yml", ("date",)),
    "normativnaya-baza": ("normative_acts.yml", ("date",)),
    "materialy": ("materials.yml", ("date",)),
    "partnery": ("agreements.yml", ("date",)),
    "nastavlyaemye": ("mentees.yml", ("as_of",)),
    "dorozhnaya-karta": ("roadmap.yml", ("approved.date",)),
    "praktiki": ("practices", ("published",)),
}


def test_a_record_page_shows_its_records_date(demo_site):
    for news in _records("news"):
        date = _date(news["date"])
        assert date is not None
        if date <= TODAY_DATE:  # a news item is published from its date
            assert shown(demo_site / f"novosti/{news['id']}/index.html") == date
    program = next(p for p in _records("programs") if p["id"] == "pp-2025-uu-01")
    expected = newest([program], "approval.date", "completion_date")
    assert expected == _date(program["completion_date"])  # completed after its approval
    assert shown(demo_site / "programmy/pp-2025-uu-01/index.html") == expected
    practice = next(p for p in _records("practices") if p["id"] == "shkola-molodogo-pedagoga")
    assert shown(demo_site / "praktiki/shkola-molodogo-pedagoga/index.html") == _date(
        practice["published"]
    )


@pytest.mark.parametrize("page", LIST_PAGES)
def test_a_list_page_shows_the_newest_of_its_records(demo_site, page):
    source, paths = LIST_PAGES[page]
    expected = newest(_records(source), *paths)
    assert expected is not None
    assert shown(demo_site / f"{page}/index.html") == expected


def test_the_home_page_shows_the_newest_of_the_section(demo_site):
    expected = max(newest(_records(s), *p) or dt.date.min for s, p in LIST_PAGES.values())
    assert shown(demo_site / "index.html") == expected
    # The newest of what the list pages say, and not the build date.
    assert expected == max(shown(demo_site / f"{page}/index.html") for page in LIST_PAGES)
    assert expected < TODAY_DATE


def test_a_page_without_dated_records_shows_no_date(demo_site):
    program = next(p for p in _records("programs") if p["id"] == "pp-2026-uu-02")
    assert not newest([program], "approval.date", "completion_date")  # neither approved nor done
    assert shown(demo_site / "programmy/pp-2026-uu-02/index.html") is None
    assert shown(demo_site / "kontakty/index.html") is None  # the card has no date of its own
    assert shown(demo_site / "poisk/index.html") is None


def test_no_page_is_dated_later_than_its_build(demo_site):
    dates = [d for page in demo_site.rglob("index.html") if (d := shown(page))]
    assert len(dates) > 20 and max(dates) <= TODAY_DATE


def test_the_portal_dates_its_pages_from_its_records_and_organizations(municipal_site):
    home = shown(municipal_site / "index.html")
    registry = shown(municipal_site / "organizatsii/index.html")
    news = shown(municipal_site / "novosti/index.html")
    assert home is not None and registry is not None and news is not None
    assert home == max(home, registry, news) and home <= TODAY_DATE
    organizations = [
        d for page in (municipal_site / "organizatsii").glob("*/index.html") if (d := shown(page))
    ]
    assert organizations and max(organizations) == registry
    assert shown(municipal_site / "monitoring/index.html") is None  # its data has no dates


def _date_typed(cls: type, path: str) -> bool:
    """Does the dotted ``path`` of a record class end at a date field?"""
    tp: object = cls
    for name in path.split("."):
        if not (isinstance(tp, type) and dataclasses.is_dataclass(tp)):
            return False
        tp = typing.get_type_hints(tp).get(name)
        while typing.get_origin(tp) is not None:  # X | None, list[X]
            options = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(options) != 1:
                return False
            tp = options[0]
    return tp is dt.date


def test_every_dated_field_of_a_kind_is_a_date():
    wrong = [
        f"{kind.scope}/{kind.key}: {path}"
        for kind in KINDS
        for path in kind.date_fields
        if not _date_typed(kind.cls, path)
    ]
    assert not wrong
    assert {k.key for k in KINDS if k.expects_updates} == {"news", "programs"}


def test_every_page_template_shows_the_date_with_the_macro():
    missing = [
        p.relative_to(TEMPLATES).as_posix()
        for p in sorted(TEMPLATES.rglob("*.j2"))
        if p.name != "_macros.md.j2" and "{{ m.updated(updated) }}" not in read(p)
    ]
    assert not missing, f"шаблоны без даты обновления (m.updated): {missing}"


# -- stale warnings ---------------------------------------------------------------------
def _line_of(project: Path, rel: str, text: str) -> int:
    lines = (project / rel).read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def test_the_demo_has_nothing_stale(demo_project):
    report = check_project(demo_project)
    assert not [m for code in ("G3", "G4", "G5") for m in messages(report, code)]


def test_a_program_past_its_end_still_running(demo_project):
    rel = "content/programs/pp-2025-ru-01.yml"
    edit(demo_project, rel, "status: завершена", "status: реализуется")
    end = newest([p for p in _records("programs") if p["id"] == "pp-2025-ru-01"], "period.end")
    assert end is not None and end < TODAY_DATE
    found = messages(check_project(demo_project), "G4")
    assert found == [
        f"{rel}, строка {_line_of(demo_project, rel, 'status:')}, поле «status»: "
        f"предупреждение: срок программы истёк {end:%d.%m.%Y}, а статус по-прежнему "
        "«реализуется». Если программа завершена — укажите «status: завершена», дату "
        "завершения (completion_date) и результаты (results); если прекращена — "
        "«прекращена»; если продлена — новую дату окончания (period.end): сведения на "
        "сайте обновляются в течение 10 рабочих дней после изменений (273-ФЗ, ст. 29)."
    ]
    result = run_cli("validate", demo_project)
    assert result.code == 0 and found[0] in result.out


def test_a_planned_roadmap_item_past_its_deadline(demo_project):
    rel = "content/roadmap.yml"
    # Item 13 («май 2027 г.», planned) is now overdue; item 14 repeats
    # («далее – …») and a new one has a deadline that cannot be read: neither warns.
    edit(demo_project, rel, "deadline: май 2027 г.\n", "deadline: май 2026 г.\n")
    edit(
        demo_project,
        rel,
        "deadline: май 2027 г., далее – по мере завершения программ",
        "deadline: май 2026 г., далее – по мере завершения программ",
    )
    edit(
        demo_project,
        rel,
        "        deadline: октябрь, ежегодно\n        responsible: куратор наставничества\n"
        "        status: выполняется",
        "        deadline: по завершении учебного года\n"
        "        responsible: куратор наставничества\n        status: запланировано",
    )
    lines = (demo_project / rel).read_text("utf-8").splitlines()
    item = next(n for n, line in enumerate(lines) if line.strip() == "deadline: май 2026 г.")
    status_line = next(n for n in range(item, len(lines)) if "status:" in lines[n]) + 1
    found = messages(check_project(demo_project), "G3")
    assert found == [
        f"{rel}, строка {status_line}, поле «stages[6].items[1].status»: предупреждение: "
        "срок мероприятия № 13 «Анкетирование участников, мониторинг удовлетворённости…» "
        "(«май 2026 г.») истёк 31.05.2026, а статус по-прежнему «запланировано». "
        "Укажите, что с ним: «выполнено», «выполняется», «не выполнено» или «перенесено» "
        "(с новым сроком в deadline): сведения на сайте обновляются в течение 10 рабочих "
        "дней после изменений (273-ФЗ, ст. 29)."
    ]


@pytest.mark.parametrize(
    "deadline, end",
    [
        ("сентябрь-октябрь 2024 г.", "2024-10-31"),
        ("май 2027 г.", "2027-05-31"),
        ("до 01.09.2025", "2025-09-01"),
        ("до 15 сентября 2025 г.", "2025-09-30"),
        ("декабрь 2024 – январь 2025", "2025-12-31"),  # which month of which year: the later
        ("IV квартал 2025 г.", "2025-12-31"),
        ("сентябрь-октябрь 2024 г., далее – ежегодно", None),
        ("октябрь, ежегодно", None),
        ("постоянно", None),
        ("в течение учебного года", None),
        ("2024–2025 уч. год", None),
        ("с сентября 2025 г.", None),
        ("по итогам 2025 года", None),
        ("в течение 10 дней после закрепления пар", None),
        ("01.09.2025 – октябрь", None),
        ("31.02.2025", None),
    ],
)
def test_deadlines_are_read_only_when_sure(deadline, end):
    assert deadline_end(deadline) == (dt.date.fromisoformat(end) if end else None)


def _drop_news_after(project: Path, day: dt.date) -> dt.date:
    """Leaves the news up to ``day``; returns the newest date left."""
    left = []
    for news in _records("news"):
        date = _date(news["date"])
        assert date is not None
        if date > day:
            (project / "content/news" / f"{news['id']}.yml").unlink()
        else:
            left.append(date)
    return max(left)


def _set_stale_months(project: Path, months: int) -> None:
    edit(project, "site_config.yml", "  stale_months: 12", f"  stale_months: {months}")


def test_a_section_without_news_for_longer_than_stale_months(demo_project):
    newest_news = _drop_news_after(demo_project, dt.date(2026, 6, 30))
    months = (TODAY_DATE.year - newest_news.year) * 12 + TODAY_DATE.month - newest_news.month
    assert 3 < months < 12  # within the default period: no warning
    assert not messages(check_project(demo_project), "G5")

    _set_stale_months(demo_project, months - 2)
    found = messages(check_project(demo_project), "G5")
    file = next(
        f"content/news/{n['id']}.yml" for n in _records("news") if _date(n["date"]) == newest_news
    )
    assert found == [
        f"{file}, строка {_line_of(demo_project, file, 'date:')}, поле «date»: "
        f"предупреждение: в разделе «Новости и анонсы» нет записей новее "
        f"{newest_news:%d.%m.%Y} — больше {months - 2} мес. (limits.stale_months в "
        "site_config.yml). Опубликуйте новые записи раздела (дата записи — date): сведения "
        "на сайте обновляются в течение 10 рабочих дней после изменений (273-ФЗ, ст. 29). "
        "Если в разделе ничего не изменилось, увеличьте limits.stale_months."
    ]
    # Programmes: some have no date of approval or completion, so when the
    # section last changed is unknown — not judged.
    assert all("Персонализированные программы" not in m for m in found)


def test_stale_months_is_honoured(demo_project):
    newest_news = _drop_news_after(demo_project, dt.date(2026, 6, 30))
    months = (TODAY_DATE.year - newest_news.year) * 12 + TODAY_DATE.month - newest_news.month
    _set_stale_months(demo_project, months + 1)
    assert not messages(check_project(demo_project), "G5")
    edit(demo_project, "site_config.yml", f"  stale_months: {months + 1}", "  stale_months: 0")
    result = run_cli("validate", demo_project)
    assert result.code == 1 and "stale_months" in result.out  # at least one month
