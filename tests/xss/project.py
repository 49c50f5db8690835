"""A copy of the demo school with XSS payloads in every kind of field.

Each payload goes into plain-text fields (titles, names, places, table
cells), Markdown fields (texts, goals, notes) and, where it fits, attribute
positions (image alt, link titles). URL fields get ``URL_PAYLOADS``, which
pass the link checks but try to break out of ``href``.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import yaml

from tests.conftest import copy_demo
from tests.xss.payloads import PAYLOADS, URL_PAYLOADS

MARK = "ловушка"  # a searchable word next to every payload


def _dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), "utf-8")


def _load(path: Path):
    return yaml.safe_load(path.read_text("utf-8"))


def make_xss_project(target: Path) -> Path:
    project = copy_demo(target)
    content = project / "content"
    cycle = itertools.cycle(PAYLOADS)
    urls = itertools.cycle(URL_PAYLOADS)

    def p() -> str:
        return next(cycle)

    def md() -> str:
        return f"Текст ({MARK}) перед.\n\n{p()}\n\nИ ещё {MARK}: {p()} — конец."

    # One news page per payload: it is the title (front matter, <title>, h1,
    # search index), the summary (meta description), and sits in the text.
    for number, payload in enumerate(PAYLOADS, start=1):
        _dump(
            content / "news" / f"xss-{number:03d}.yml",
            {
                "title": f"{MARK} {number} {payload}",
                "date": "01.10.2026",
                "summary": f"{MARK} {payload}",
                "event_type": p(),
                "place": p(),
                "text": f"{MARK} {number}\n\n{payload}\n\n{md()}",
                "files": [{"title": p(), "url": next(urls)}],
            },
        )
    for number in range(1, 4):
        _dump(
            content / "programs" / f"xss-program-{number}.yml",
            {
                "title": f"{MARK} {p()}",
                "form": "учитель – учитель",
                "types": ["традиционная"],
                "form_note": p(),
                "mentor_role": p(),
                "mentee": {"role": p(), "category": "молодые специалисты"},
                "period": {"start": "01.09.2025", "end": "29.05.2026"},
                "academic_year": p(),
                "status": "завершена",
                "completion_date": "29.05.2026",
                "approval": {"title": p(), "number": p(), "date": "01.09.2025"},
                "problem": md(),
                "goal": md(),
                "tasks": [p(), p()],
                "directions": [p()],
                "stages": [{"name": p(), "period": p(), "content": md()}],
                "activities": [{"date": p(), "activity": p(), "result": p()}],
                "planned_results": [p()],
                "results": md(),
                "files": [{"title": p(), "url": next(urls)}],
            },
        )
    for number in range(1, 3):
        _dump(
            content / "practices" / f"xss-practice-{number}.yml",
            {
                "title": f"{MARK} {p()}",
                "organizations": [p()],
                "municipality": p(),
                "region": p(),
                "authors": [{"mentor": "ivanova-ea", "position": p()}],
                "forms": ["учитель – учитель"],
                "summary": md(),
                "problem": md(),
                "goal": md(),
                "tasks": [p()],
                "description": md(),
                "stages": [{"name": p(), "content": md()}],
                "resources": md(),
                "results": md(),
                "indicators": [p()],
                "scalability": md(),
                "materials": [{"title": p(), "url": next(urls)}],
                "contacts": {"address": p(), "hours": p()},
                "year": 2026,
                "period": p(),
                "contests": [{"contest": p(), "nomination": p(), "year": 2026}],
                "tags": [p()],
            },
        )
    documents = _load(content / "documents.yml")
    acts = _load(content / "normative_acts.yml")
    materials = _load(content / "materials.yml")
    for _ in range(4):
        documents["documents"].append(
            {
                "role": "иной документ",
                "title": f"{MARK} {p()}",
                "number": p(),
                "date": "01.09.2025",
                "note": md(),
                "url": next(urls),
            }
        )
        acts["acts"].append(
            {
                "level": "муниципальный",
                "kind": "Приказ",
                "issuer": p(),
                "date": "01.09.2025",
                "number": p(),
                "title": p(),
                "topic": p(),
                "note": md(),
                "url": next(urls),
            }
        )
        materials["materials"].append(
            {"title": p(), "kind": "памятка", "issuer": p(), "description": md(), "url": next(urls)}
        )
    _dump(content / "documents.yml", documents)
    _dump(content / "normative_acts.yml", acts)
    _dump(content / "materials.yml", materials)

    roadmap = _load(content / "roadmap.yml")
    roadmap["stages"].append(
        {
            "name": p(),
            "items": [
                {"number": p(), "name": p(), "deadline": p(), "responsible": p(), "result": p()}
                for _ in range(4)
            ],
        }
    )
    _dump(content / "roadmap.yml", roadmap)

    mentees = _load(content / "mentees.yml")
    mentees["note"] = md()
    _dump(content / "mentees.yml", mentees)

    mentor = _load(content / "mentors/ivanova-ea.yml")
    mentor.update(position=p(), subjects=[p()], qualification=p(), achievements=[p(), p()])
    mentor["photo"]["alt"] = p()
    _dump(content / "mentors/ivanova-ea.yml", mentor)

    org = _load(content / "organization.yml")
    org["intro"] = md()
    org["full_name"] = f"Школа {p()}"
    org["contacts"].update(address=p(), hours=p())
    org["curators"][0]["position"] = p()
    _dump(content / "organization.yml", org)

    config = _load(project / "site_config.yml")
    config["site_name"] = (
        'Наставничество </title><script>__xss(901)</script> "><img src=x onerror=__xss(902)>'
    )
    config["description"] = '"><script>__xss(903)</script> <img src=x onerror=__xss(904)>'
    _dump(project / "site_config.yml", config)
    return project
