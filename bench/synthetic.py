"""A synthetic municipality at Izhevsk scale (the 2024 report): 93
organizations, 1,111 programmes, 1,354 mentors, 200 practices and three
years × 63 criteria × 93 organizations of monitoring values.

Records are shaped like the demo content; names are generated, fictional.
"""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ORGS, PROGRAMS, MENTORS, PRACTICES, YEARS = 93, 1111, 1354, 200, (2023, 2024, 2025)
SURNAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
]
NAMES = ["Анна", "Мария", "Елена", "Ольга", "Ирина", "Татьяна", "Наталья", "Светлана"]
PATRONYMICS = ["Ивановна", "Петровна", "Сергеевна", "Андреевна", "Викторовна", "Олеговна"]
SUBJECTS = [
    "русский язык",
    "математика",
    "физика",
    "история",
    "биология",
    "химия",
    "английский язык",
    "информатика",
    "география",
    "литература",
]
FORMS = ["учитель – учитель", "ученик – ученик", "учитель – ученик", "руководитель – педагог"]


def write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    weights = [rng.uniform(0.3, 2.0) for _ in range(parts)]
    counts = [int(total * w / sum(weights)) for w in weights]
    for i in range(total - sum(counts)):
        counts[i % parts] += 1
    return counts


def generate(target: Path, scale: int = 1) -> Path:
    """The city at ``scale`` × its size (10: a region of 930 organizations)."""
    rng = random.Random(2024)
    orgs = ORGS * scale
    if target.exists():
        shutil.rmtree(target)
    content = target / "content"
    content.mkdir(parents=True)
    for name in ("coordinator.yml", "normative_acts.yml", "roadmap.yml", "materials.yml", "news"):
        source = ROOT / "demo/municipal/content" / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, content / name)
    (target / "site_config.yml").write_text(
        "mode: municipal\nsite_name: Наставничество — синтетический город\n", encoding="utf-8"
    )
    org_ids = [f"oo{i:03d}" for i in range(1, orgs + 1)]
    write(
        content / "registry.yml",
        {
            "organizations": [
                {
                    "id": oid,
                    "type": "школа" if i % ORGS < 80 else "ДОП",
                    "full_name": f"Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                    f"общеобразовательная школа № {i + 1}»",
                    "short_name": f"МБОУ «СОШ № {i + 1}»",
                }
                for i, oid in enumerate(org_ids)
            ]
        },
    )
    mentors = split(MENTORS * scale, orgs, rng)
    programs = split(PROGRAMS * scale, orgs, rng)
    practices = split(PRACTICES * scale, orgs, rng)
    for index, oid in enumerate(org_ids):
        _org(content / "orgs" / oid, index, mentors[index], programs[index], practices[index], rng)
    _monitoring(content / "monitoring", org_ids, rng)
    return target


def _org(
    folder: Path, index: int, mentors: int, programs: int, practices: int, rng: random.Random
) -> None:
    write(
        folder / "organization.yml",
        {
            "full_name": f"Муниципальное бюджетное общеобразовательное учреждение «Средняя "
            f"общеобразовательная школа № {index + 1}»",
            "short_name": f"МБОУ «СОШ № {index + 1}»",
            "curators": [
                {
                    "full_name": f"{SURNAMES[index % 20]}а {NAMES[index % 8]} "
                    f"{PATRONYMICS[index % 6]}",
                    "position": "заместитель директора, куратор наставничества",
                }
            ],
        },
    )
    write(
        folder / "documents.yml",
        {
            "documents": [
                {
                    "role": role,
                    "title": title,
                    "date": "01.09.2024",
                    "url": f"https://oo{index}.example.ru/docs/{slug}.pdf",
                }
                for role, title, slug in [
                    ("положение о наставничестве педагогических работников", "Положение", "pol"),
                    ("приказ о внедрении", "Приказ о внедрении", "prikaz"),
                    ("приказ о мониторинге", "Приказ о мониторинге", "monitoring"),
                ]
            ]
        },
    )
    for m in range(mentors):
        # Names are unique per organization so the consent check has real work to do.
        record = {
            "full_name": f"{SURNAMES[(index + m) % 20]}а {NAMES[m % 8]} "
            f"{PATRONYMICS[(index * 7 + m) % 6]}",
            "category": "педагог",
            "position": f"учитель ({SUBJECTS[m % 10]})",
            "subjects": [SUBJECTS[m % 10]],
            "experience_years": 5 + m % 25,
            "forms": [FORMS[m % 2]],
        }
        if m % 3:
            record["consent"] = {"fields": ["ФИО", "должность", "предметы"], "date": "01.09.2025"}
        write(folder / "mentors" / f"m{m:03d}.yml", record)
    for p in range(programs):
        completed = p % 3 == 0
        record = {
            "title": f"Программа наставничества № {p + 1}: {SUBJECTS[p % 10]}",
            "form": FORMS[p % 4],
            "types": ["традиционная"],
            "mentor": f"m{p % max(1, mentors):03d}"
            if mentors and FORMS[p % 4] != "ученик – ученик"
            else None,
            "mentor_role": "наставник-старшеклассник"
            if FORMS[p % 4] == "ученик – ученик"
            else None,
            "mentee": {"role": "молодой специалист" if p % 4 != 1 else "обучающийся 5 класса"},
            "period": {"start": "01.09.2025", "end": "29.05.2026"}
            if completed
            else {"start": "07.09.2026", "end": "28.05.2027"},
            "status": "завершена" if completed else "реализуется",
            "goal": "Развитие профессиональных компетенций наставляемого и успешная адаптация "
            "в коллективе. " * 3,
            "tasks": [
                "выявить затруднения",
                "составить индивидуальный план",
                "провести открытое занятие",
            ],
            "activities": [
                {
                    "date": month,
                    "activity": f"Встреча наставника и наставляемого: {topic}",
                    "result": "протокол встречи",
                }
                for month, topic in [
                    ("сентябрь", "диагностика"),
                    ("октябрь", "планирование"),
                    ("декабрь", "открытый урок"),
                    ("май", "итоги"),
                ]
            ],
        }
        record = {k: v for k, v in record.items() if v is not None}
        if completed:
            record["completion_date"] = "29.05.2026"
            record["results"] = "Программа выполнена; наставляемый провёл открытый урок."
        # One mentee per mentor at most three at once: spread running programmes.
        if not completed and record.get("mentor"):
            record["mentor"] = f"m{(p // 3) % max(1, mentors):03d}"
        write(folder / "programs" / f"p{p:03d}.yml", record)
    for k in range(practices):
        write(
            folder / "practices" / f"pr{k}.yml",
            {
                "title": f"Практика наставничества «{SUBJECTS[k % 10].capitalize()} вместе»",
                "forms": [FORMS[k % 4]],
                "types": ["групповая"],
                "audience": ["педагоги"],
                "year": 2025 - k % 3,
                "summary": "Описание практики наставничества. " * 4,
                "results": "Результаты практики. " * 3,
            },
        )


def _monitoring(folder: Path, org_ids: list[str], rng: random.Random) -> None:
    catalog = yaml.safe_load((ROOT / "generator/monitoring/catalog_default.yml").read_text("utf-8"))
    criteria = [c for d in catalog["directions"] for c in d["criteria"]]
    folder.mkdir(parents=True, exist_ok=True)
    # One file a year, as offices keep them (a region's three years together
    # would pass the 100,000 rows a table may have).
    for year in YEARS:
        with open(folder / f"znacheniya-{year}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, delimiter=";")
            writer.writerow(["год", "организация", "критерий", "значение", "ссылка", "комментарий"])
            for criterion in criteria:
                if criterion["unit"] == "доля":
                    continue  # computed
                if criterion.get("aggregate", "none") == "none":
                    writer.writerow([year, "", criterion["id"], rng.randint(0, 5), "", ""])
                    continue
                for oid in org_ids:
                    value = (
                        rng.randint(0, 1)
                        if criterion["aggregate"] == "count"
                        else rng.randint(0, 60)
                    )
                    writer.writerow(
                        [
                            year,
                            oid,
                            criterion["id"],
                            value,
                            f"https://{oid}.example.ru/docs/{year}-{criterion['id']}.pdf",
                            "",
                        ]
                    )
