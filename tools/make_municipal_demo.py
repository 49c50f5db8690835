"""Regenerate the municipal demo project in demo/municipal (developer tool).

Ten fictional organizations of the fictional city of Новоозёрск, three
years of monitoring values for all 63 criteria shaped like the 2024 Izhevsk
report, and the inconsistencies real data has (seeded on purpose so the
data-quality page has something to show):

* 2024: the declared municipal number of mentors differs from the sum;
* 2025: a declared share disagrees with its own counts;
* СОШ № 12: programmes total ≠ sum by form; 40 mentees per mentor;
* ООШ № 9: no evidence links at all; СОШ № 5: links of every broken kind.

    python tools/make_municipal_demo.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "demo" / "municipal"
YEARS = [2023, 2024, 2025]

ORGS = [
    # id, type, full name, short name, aliases, size (pupils 10-19), has content folder
    (
        "sosh1",
        "школа",
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя "
        "общеобразовательная школа № 1» города Новоозёрска",
        "МБОУ «СОШ № 1»",
        ['МБОУ "СОШ №1"', "СОШ № 1"],
        820,
        True,
    ),
    (
        "gimnaziya2",
        "школа",
        "Муниципальное автономное общеобразовательное учреждение «Гимназия № 2» города Новоозёрска",
        "МАОУ «Гимназия № 2»",
        ['МАОУ "Гимназия 2"', "Гимназия № 2"],
        760,
        True,
    ),
    (
        "sosh3",
        "школа",
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя "
        "общеобразовательная школа № 3» города Новоозёрска",
        "МБОУ «СОШ № 3»",
        ['МБОУ "СОШ№3"'],
        640,
        True,
    ),
    (
        "litsey7",
        "школа",
        "Муниципальное автономное общеобразовательное учреждение «Лицей № 7» города Новоозёрска",
        "МАОУ «Лицей № 7»",
        ["Лицей № 7", 'МАОУ "Лицей №7"'],
        700,
        True,
    ),
    (
        "sosh21",
        "школа",
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя "
        "общеобразовательная школа № 21 имени Героя Советского Союза А.П. Маресьева» города "
        "Новоозёрска",
        "МБОУ «СОШ № 21 им. А.П. Маресьева»",
        ['МБОУ "СОШ № 21"', "СОШ № 21 имени А.П. Маресьева"],
        690,
        True,
    ),
    (
        "oosh9",
        "школа",
        "Муниципальное бюджетное общеобразовательное учреждение «Основная "
        "общеобразовательная школа № 9» города Новоозёрска",
        "МБОУ «ООШ № 9»",
        ["ООШ № 9"],
        210,
        False,
    ),
    (
        "sosh5",
        "школа",
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя "
        "общеобразовательная школа № 5 с углублённым изучением отдельных предметов» города "
        "Новоозёрска",
        "МБОУ «СОШ № 5»",
        ['МБОУ "СОШ № 5 с углубленным изучением отдельных предметов"'],
        880,
        False,
    ),
    (
        "sosh12",
        "школа",
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя "
        "общеобразовательная школа № 12» города Новоозёрска",
        "МБОУ «СОШ № 12»",
        ["МБОУ СОШ №12"],
        520,
        False,
    ),
    (
        "ddt",
        "ДОП",
        "Муниципальное бюджетное образовательное учреждение дополнительного "
        "образования «Дом детского творчества» города Новоозёрска",
        "МБОУ ДО «ДДТ»",
        ["МБОУ ДО ДДТ", "МБОУДО «Дом детского творчества»"],
        450,
        True,
    ),
    (
        "syut",
        "ДОП",
        "Муниципальное бюджетное образовательное учреждение дополнительного "
        "образования «Станция юных техников» города Новоозёрска",
        "МБОУ ДО «СЮТ»",
        ["МБОУ ДО СЮТ", "Станция юных техников"],
        180,
        False,
    ),
]
BROKEN_LINKS = [
    "https://sosh5-novoozersk.example.ru/",
    "file:///C:/Users/Завуч/Documents/Мониторинг/prikaz.pdf",
    "chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/https://sosh5-novoozersk.example.ru/files/polozhenie.pdf",
    "https://docs.google.com/document/d/1Abc/edit?usp=sharing&ouid=102868417210807477671",
    "sosh5-novoozersk.example.ru/files/spravka.pdf",
    "https://sosh5-novoozersk.example.ru/a.pdf https://sosh5-novoozersk.example.ru/b.pdf",
]


def org_values(rng: random.Random, org: tuple, year: int, index: int) -> dict[str, int]:
    """Plausible, internally consistent values of one organization for one year."""
    pupils = int(org[5] * (1 + 0.04 * (year - 2024)))
    growth = {2023: 0.75, 2024: 1.0, 2025: 1.2}[year]
    v: dict[str, int] = {}
    v["1.2"] = 1
    v["1.3"] = 1 if not (org[0] == "syut" and year == 2023) else 0
    v["1.4"] = 0 if (org[0] in ("oosh9", "syut") and year < 2025) else 1
    v["2.11"] = 0 if org[0] in ("oosh9",) else 1
    v["2.1"] = 2 if pupils > 750 else 1
    v["2.2"] = rng.randint(0, 2)
    v["2.3"] = 1 if org[0] in ("litsey7", "sosh1") and year >= 2024 else 0
    v["2.4"] = rng.randint(0, 1)
    teachers = max(12, pupils // 14)
    young = max(1, teachers // 9 + rng.randint(-1, 2))
    v["8.1"] = v["10.1"] = young
    v["8.3"] = teachers - young
    v["9.5"] = teachers
    v["8.2"] = min(young, max(0, round(young * rng.uniform(0.6, 1.0))))
    v["8.4"] = min(v["8.3"], round(v["8.3"] * rng.uniform(0.05, 0.2)))
    v["10.2"] = min(teachers, round(teachers * rng.uniform(0.08, 0.2) * growth))
    v["10.3"] = min(young, rng.randint(0, 2))
    v["5.1"] = pupils
    mentees_students = round(pupils * rng.uniform(0.03, 0.07) * growth)
    v["5.2"] = mentees_students
    parts = [round(mentees_students * share) for share in (0.05, 0.06, 0.04, 0.1, 0.12)]
    v["5.3"], v["5.4"], v["5.5"], v["5.6"], v["5.7"] = parts
    v["5.8"] = max(0, mentees_students - sum(parts))
    v["6.1"] = round(pupils * 0.3)
    v["6.2"] = round(v["6.1"] * rng.uniform(0.06, 0.12) * growth)
    mentors = v["10.2"] + v["6.2"] + rng.randint(0, 3)
    mentees = v["8.2"] + v["8.4"] + mentees_students
    v["2.6"], v["2.7"] = mentors, mentees
    forms = {
        "3.2": round(v["5.2"] * 0.35),
        "3.3": v["8.2"] + v["8.4"],
        "3.4": 0,
        "3.5": rng.randint(0, 1),
        "3.6": 0,
        "3.7": round(v["5.2"] * 0.2),
        "3.8": rng.randint(0, 1),
    }
    v.update(forms)
    v["3.1"] = sum(forms.values())
    v["4.1"] = rng.randint(0, 2)
    v["4.2"] = rng.randint(0, 1)
    v["4.3"] = 1 if v["2.3"] else 0
    v["9.1"] = v["8.2"] + v["8.4"] + v["10.2"]
    v["9.2"] = rng.randint(0, 4)
    v["9.4"] = 1 if pupils > 500 else 0
    v["11.1"] = 1
    v["11.2"] = 1 if index % 3 else 0
    if org[0] == "sosh12":  # the outlier of the seed report (105 mentees per mentor)
        v["2.6"], v["2.7"] = 4, 160
        v["3.1"] += 2  # total ≠ sum by form
    return v


MUNICIPAL = {  # values of the municipality itself, per year
    "1.1": [1, 1, 1],
    "1.5": [1, 1, 1],
    "2.5": [6, 8, 7],
    "2.8": [10, 10, 10],
    "7.1": ["88,40%", "91,25%", "93,10%"],
    "7.2": ["86,90%", "89,75%", "92,00%"],
    "9.3": [0, 0, 1],
    "12.1": [3, 0, 4],
    "12.2": [1, 1, 1],
    "13.1": [0, 1, 1],
    "13.2": [0, 0, 4],
}
NOT_MEASURED_2023 = {"5.6", "5.7", "5.8", "8.3", "8.4"}


def monitoring_rows() -> dict[int, list[list]]:
    rng = random.Random(20251122)
    rows: dict[int, list[list]] = {y: [] for y in YEARS}
    for year in YEARS:
        for index, org in enumerate(ORGS):
            values = org_values(rng, org, year, index)
            for criterion, value in values.items():
                if year == 2023 and criterion in NOT_MEASURED_2023:
                    value = "замер не производился"
                link = _link(org, criterion, year, rng)
                rows[year].append(
                    [year, org[3] if index % 2 else org[0], criterion, value, link, ""]
                )
        for criterion, values in MUNICIPAL.items():
            rows[year].append([year, "", criterion, values[YEARS.index(year)], "", ""])
    # Declared municipal totals: one consistent, one not (2024, mentors).
    rows[2024].append(
        [2024, "", "Количество наставников ОО (по приказу)", "", "", "итог из отчётной формы АИС"]
    )
    rows[2025].append(
        [
            2025,
            "",
            "Доля обучающихся в возрасте от 10 до 19 лет, вошедших в "
            "программы наставничества в роли наставляемого",
            "12,5%",
            "",
            "по данным отчётной формы",
        ]
    )
    return rows


def _link(org: tuple, criterion: str, year: int, rng: random.Random) -> str:
    if org[0] == "oosh9":
        return ""
    if org[0] == "sosh5" and rng.random() < 0.3:
        return rng.choice(BROKEN_LINKS)
    if org[0] in ("sosh21", "syut") and rng.random() < 0.15:
        return ""
    return (
        f"https://{org[0]}-novoozersk.example.ru/nastavnichestvo/monitoring-{year}.pdf#k{criterion}"
    )


def write_monitoring(content: Path) -> None:
    folder = content / "monitoring"
    folder.mkdir(parents=True, exist_ok=True)
    rows = monitoring_rows()
    # The declared 2024 total: the real sum minus 3, as a typed-in report figure would be.
    mentors_2024 = sum(int(r[3]) for r in rows[2024] if r[2] == "2.6" and r[1])
    for row in rows[2024]:
        if row[2].startswith("Количество наставников ОО"):
            row[3] = mentors_2024 - 3
    header = ["год", "организация", "критерий", "значение", "ссылка", "комментарий"]
    # The 2023 file names criteria in Russian, as report forms do; the others use ids.
    names = _criterion_names()
    with open(folder / "znacheniya-2023.csv", "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(header)
        writer.writerows([[r[0], r[1], names.get(r[2], r[2]), *r[3:]] for r in rows[2023]])
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows[2024]:
        sheet.append(row)
    workbook.save(folder / "znacheniya-2024.xlsx")
    with open(folder / "znacheniya-2025.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=",")
        writer.writerow(header)
        writer.writerows(rows[2025])


def _criterion_names() -> dict[str, str]:
    catalog = yaml.safe_load((ROOT / "generator/monitoring/catalog_default.yml").read_text("utf-8"))
    return {c["id"]: c["name"] for d in catalog["directions"] for c in d["criteria"]}


def main() -> None:
    content = OUT / "content"
    for generated in (content / "orgs", content / "monitoring"):
        for path in generated.glob("**/*") if generated.exists() else []:
            if path.is_file() and not path.name.startswith("conclusions"):
                path.unlink()
    write_monitoring(content)
    registry = {
        "organizations": [
            {
                "id": o[0],
                "type": o[1],
                "full_name": o[2],
                "short_name": o[3],
                "aliases": o[4],
                "website": f"https://{o[0]}-novoozersk.example.ru/",
            }
            for o in ORGS
        ]
    }
    _yaml(
        content / "registry.yml",
        registry,
        "Реестр организаций: идентификатор (имя папки "
        "content/orgs/<id>/), тип, названия и другие их написания в отчётах.",
    )
    for index, org in enumerate(ORGS):
        if org[6]:
            write_org(content / "orgs" / org[0], org, index)
    print(f"Готово: {OUT}")


DOCUMENTS = [
    (
        "положение о наставничестве педагогических работников",
        "Положение о системе наставничества педагогических работников",
        "30.08.2022",
        "polozhenie-pedagogi",
    ),
    (
        "положение о наставничестве обучающихся",
        "Положение о наставничестве обучающихся",
        "30.08.2022",
        "polozhenie-obuchayushchiesya",
    ),
    (
        "приказ о внедрении",
        "О внедрении целевой модели наставничества и назначении куратора",
        "01.09.2022",
        "prikaz-vnedrenie",
    ),
    (
        "дорожная карта",
        "План мероприятий (дорожная карта) по реализации системы наставничества",
        "29.08.2024",
        "dorozhnaya-karta",
    ),
    (
        "приказ о мониторинге",
        "О проведении внутреннего мониторинга в 2025 году",
        "01.10.2025",
        "prikaz-monitoring-2025",
    ),
    (
        "информационная справка",
        "Информационная справка по итогам внутреннего мониторинга за 2025 год",
        "31.10.2025",
        "spravka-2025",
    ),
]
MISSING = {
    "litsey7": {"дорожная карта"},
    "sosh21": {"приказ о мониторинге", "информационная справка"},
    "ddt": {"положение о наставничестве обучающихся"},
}
SUBJECTS = [
    "русский язык и литература",
    "математика",
    "физика",
    "история",
    "биология",
    "английский язык",
    "начальные классы",
    "информатика",
]
SURNAMES = [
    ("Аксенова", "Мария", "Павловна"),
    ("Баранов", "Илья", "Сергеевич"),
    ("Гусева", "Анна", "Николаевна"),
    ("Дьячков", "Олег", "Викторович"),
    ("Елисеева", "Ирина", "Андреевна"),
    ("Жуков", "Роман", "Петрович"),
    ("Зайцева", "Ольга", "Игоревна"),
    ("Ильина", "Татьяна", "Юрьевна"),
    ("Калинина", "Светлана", "Олеговна"),
    ("Лебедев", "Артём", "Денисович"),
]


def write_org(folder: Path, org: tuple, index: int) -> None:
    first = SURNAMES[index]
    _yaml(
        folder / "organization.yml",
        {
            "full_name": org[2],
            "short_name": org[3],
            "type": org[1],
            "municipality": "городской округ Новоозёрск",
            "region": "Озёрская область",
            "contacts": {
                "address": f"623400, Озёрская область, г. Новоозёрск, ул. Лесная, д. {index + 2}",
                "phone": f"+7 (34512) 2-{10 + index:02d}-{20 + index:02d}",
                "email": f"{org[0]}@novoozersk-edu.example.ru",
                "website": f"https://{org[0]}-novoozersk.example.ru/",
            },
            "head": {
                "full_name": f"{SURNAMES[(index + 5) % 10][0]} {SURNAMES[(index + 5) % 10][1]} "
                f"{SURNAMES[(index + 5) % 10][2]}",
                "position": "директор",
            },
            "curators": [
                {
                    "full_name": " ".join(first),
                    "position": "заместитель директора по "
                    "учебно-воспитательной работе, куратор наставничества",
                    "email": f"nastavnik.{org[0]}@novoozersk-edu.example.ru",
                }
            ],
        },
        "Карточка организации — в том же формате, что и в проекте школы.",
    )
    documents = []
    for role, title, date, slug in DOCUMENTS:
        if role in MISSING.get(org[0], ()):
            continue
        entry = {
            "role": role,
            "title": title,
            "date": date,
            "url": f"https://{org[0]}-novoozersk.example.ru/files/{slug}.pdf",
        }
        if "мониторинг" in role or "справка" in role:
            entry["year"] = 2025
        documents.append(entry)
    _yaml(folder / "documents.yml", {"documents": documents}, "Документы организации.")
    mentor_ids = []
    for number in range(2 + index % 2):
        surname, name, patronymic = SURNAMES[(index + number * 3 + 1) % 10]
        mentor_id = f"mentor-{number + 1}"
        mentor_ids.append(mentor_id)
        record = {
            "full_name": f"{surname} {name} {patronymic}",
            "category": "педагог",
            "position": f"учитель ({SUBJECTS[(index + number) % 8]})",
            "subjects": [SUBJECTS[(index + number) % 8]],
            "experience_years": 8 + (index * 7 + number * 5) % 20,
            "forms": ["учитель – учитель"],
        }
        if number != 1:  # the second mentor of each school gave no consent
            record["consent"] = {
                "fields": ["ФИО", "должность", "предметы", "стаж", "формы"],
                "date": "01.09.2025",
                "valid_until": "31.08.2028",
            }
        _yaml(folder / "mentors" / f"{mentor_id}.yml", record, "Наставник.")
    for number in range(2):
        status = "завершена" if number == 0 else "реализуется"
        start, end = ("01.09.2025", "29.05.2026") if number == 0 else ("07.09.2026", "28.05.2027")
        subject = SUBJECTS[(index + number) % 8]
        record = {
            "title": f"Адаптация молодого учителя ({subject})",
            "form": "учитель – учитель",
            "types": ["традиционная"],
            "mentor": mentor_ids[number % len(mentor_ids)],
            "mentee": {
                "role": f"молодой специалист, учитель ({subject})",
                "category": "молодые специалисты",
            },
            "period": {"start": start, "end": end},
            "status": status,
            "goal": "Успешная адаптация молодого педагога и развитие его профессиональных "
            "компетенций.",
            "tasks": [
                "выявить профессиональные затруднения",
                "освоить планирование уроков",
                "подготовить открытый урок",
            ],
            "activities": [
                {
                    "date": "сентябрь",
                    "activity": "Диагностика затруднений",
                    "result": "Индивидуальный план",
                },
                {"date": "в течение года", "activity": "Взаимопосещение уроков"},
            ],
        }
        if org[0] == "sosh1" and number == 0:
            record["typical"] = True  # the city's typical programme for «учитель – учитель»
        if status == "завершена":
            record["completion_date"] = end
            record["results"] = (
                "Программа выполнена: молодой специалист провёл открытый "
                "урок и самостоятельно планирует работу."
            )
        _yaml(folder / "programs" / f"pp-{2025 + number}-1.yml", record, "Программа.")
    for number, record in enumerate(EXTRA_PROGRAMS.get(org[0], []), start=1):
        _yaml(
            folder / "programs" / f"pp-tipovaya-{number}.yml",
            record,
            "Типовая (обезличенная) программа формы наставничества.",
        )
    for number, record in enumerate(PRACTICES.get(org[0], []), start=1):
        record = {**record, "programs": record.get("programs", [])}
        if not record["programs"]:
            del record["programs"]
        _yaml(folder / "practices" / f"praktika-{number}.yml", record, "Лучшая практика.")


def _typical(
    title: str,
    form: str,
    types: list[str],
    mentor_role: str,
    role: str,
    category: str,
    count: int,
    goal: str,
    tasks: list[str],
) -> dict:
    return {
        "title": title,
        "form": form,
        "types": types,
        "mentor_role": mentor_role,
        "mentee": {"role": role, "category": category, "count": count},
        "period": {"start": "01.09.2025", "end": "29.05.2026"},
        "status": "завершена",
        "completion_date": "29.05.2026",
        "typical": True,
        "goal": goal,
        "tasks": tasks,
        "results": "Программа выполнена полностью; её структура рекомендована другим "
        "организациям как типовая.",
    }


EXTRA_PROGRAMS = {
    "sosh3": [
        _typical(
            "Наставники-старшеклассники: адаптация пятиклассников",
            "ученик – ученик",
            ["групповая"],
            "обучающиеся 10 класса",
            "обучающиеся 5 классов",
            "обучающиеся 10–19 лет (без выделения категории)",
            6,
            "Адаптация пятиклассников к обучению в основной школе.",
            ["познакомить со школой", "помочь спланировать домашние задания"],
        )
    ],
    "litsey7": [
        _typical(
            "Инженерный проект с наставником предприятия",
            "работодатель – ученик",
            ["групповая"],
            "инженер предприятия-партнёра",
            "обучающиеся 9–10 классов",
            "обучающиеся с проблемами выбора образовательной траектории и профессии",
            4,
            "Профессиональная ориентация через инженерный проект.",
            ["познакомить с профессиями предприятия", "выполнить проект"],
        )
    ],
    "ddt": [
        _typical(
            "Творческая мастерская: педагог дополнительного образования и ученик",
            "учитель – ученик",
            ["традиционная"],
            "педагог дополнительного образования",
            "обучающийся 6–7 классов",
            "одарённые дети (вошедшие в реестры)",
            1,
            "Развитие творческих способностей и подготовка к конкурсам.",
            ["составить индивидуальный маршрут", "подготовить конкурсную работу"],
        )
    ],
}

_SUMMARY = (
    "Практика выросла из завершённой программы наставничества и тиражируется в других "
    "организациях города."
)
PRACTICES = {
    "sosh1": [
        {
            "title": "Клуб молодого учителя",
            "forms": ["учитель – учитель"],
            "types": ["групповая"],
            "audience": ["молодые педагоги"],
            "year": 2025,
            "summary": "Ежемесячные встречи молодых учителей с наставниками: разбор "
            "уроков, «копилка приёмов», открытые занятия. " + _SUMMARY,
            "results": "Все молодые специалисты прошли адаптационный период.",
            "contests": [
                {
                    "contest": "Городской фестиваль",
                    "contest_id": "festival-2025",
                    "nomination": "Наставник для педагога",
                }
            ],
            "tags": ["молодой педагог", "адаптация"],
            "programs": ["pp-2025-1"],
            "published": "15.05.2025",
        },
        {
            "title": "Наставник на первой аттестации",
            "forms": ["учитель – учитель"],
            "types": ["краткосрочная (целеполагающая)"],
            "audience": ["педагоги"],
            "year": 2024,
            "summary": "Короткие целевые консультации педагогам перед "
            "первой аттестацией: портфолио, открытый урок, самоанализ.",
            "tags": ["аттестация"],
            "published": "10.06.2024",
        },
    ],
    "gimnaziya2": [
        {
            "title": "Наставник онлайн: консультации в мессенджере",
            "forms": ["учитель – учитель"],
            "types": ["виртуальная (дистанционная)"],
            "audience": ["молодые педагоги"],
            "year": 2025,
            "summary": "Консультации наставников в закрытом чате гимназии: ответ в "
            "течение рабочего дня. " + _SUMMARY,
            "tags": ["цифровая среда", "молодой педагог"],
            "published": "20.05.2025",
        }
    ],
    "sosh3": [
        {
            "title": "Школьная служба примирения: ученик – ученик",
            "forms": ["ученик – ученик"],
            "types": ["групповая"],
            "audience": ["обучающиеся"],
            "year": 2024,
            "summary": "Старшеклассники, прошедшие обучение медиации, помогают "
            "младшим разрешать конфликты.",
            "contests": [
                {
                    "contest": "Городской фестиваль",
                    "contest_id": "festival-2024",
                    "nomination": "Наставник для обучающегося",
                }
            ],
            "tags": ["медиация"],
            "published": "30.04.2024",
        }
    ],
    "litsey7": [
        {
            "title": "Проектная лаборатория с предприятием",
            "forms": ["работодатель – ученик"],
            "types": ["групповая"],
            "audience": ["обучающиеся"],
            "year": 2025,
            "summary": "Инженеры предприятия-партнёра ведут проекты лицеистов. " + _SUMMARY,
            "tags": ["профориентация", "социальное партнёрство"],
            "published": "25.05.2025",
        }
    ],
    "ddt": [
        {
            "title": "Творческая мастерская «Наставник и ученик»",
            "forms": ["учитель – ученик"],
            "types": ["традиционная (один на один)"],
            "audience": ["обучающиеся"],
            "year": 2024,
            "summary": "Педагог дополнительного "
            "образования сопровождает одарённого ребёнка от замысла до конкурсной работы.",
            "tags": ["одарённые дети", "творчество"],
            "published": "15.05.2024",
        }
    ],
}


def _yaml(path: Path, data: dict, comment: str) -> None:
    text = "".join(f"# {line}\n" for line in comment.splitlines())
    text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
