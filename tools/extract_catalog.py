"""Write the default indicator catalog from the municipal report's Table 38.

The names of the 13 directions and 63 criteria are taken verbatim from the
text of the report (Izhevsk, 2024, Table 38); everything else — units, how
a municipal value is derived, shares, targets, «не показательно» flags —
is declared below from the report's own explanations (seed-model §4.3).

    python tools/extract_catalog.py ../shared/seeds/004_*.txt > generator/monitoring/catalog_default.yml
"""

from __future__ import annotations

import re
import sys

import yaml

# id → metadata. unit: количество | доля | да/нет | список | процент.
# aggregate: sum (organizations' values add up), count (organizations answering
# «да»), none (a municipal-level value). share: numerator/denominator lists.
NOT_INDICATIVE_ORGS = (
    "не показательно: значение зависит от числа организаций, "
    "подведомственных органу управления образованием"
)
NOT_INDICATIVE_POPULATION = (
    "не показательно, значение не связано с реализацией программ наставничества"
)
META: dict[str, dict] = {
    "1.1": {"unit": "да/нет", "aggregate": "none"},
    "1.2": {"unit": "количество", "aggregate": "count", "not_indicative": NOT_INDICATIVE_ORGS},
    "1.3": {"unit": "количество", "aggregate": "count"},
    "1.4": {"unit": "количество", "aggregate": "count"},
    "1.5": {"unit": "да/нет", "aggregate": "none"},
    "2.1": {
        "unit": "количество",
        "aggregate": "sum",
        "not_indicative": "не показательно: число кураторов зависит от числа организаций",
    },
    "2.2": {"unit": "количество", "aggregate": "sum"},
    "2.3": {"unit": "количество", "aggregate": "sum"},
    "2.4": {"unit": "количество", "aggregate": "sum"},
    "2.5": {"unit": "список", "aggregate": "none"},
    "2.6": {"unit": "количество", "aggregate": "sum", "role": "mentors"},
    "2.7": {"unit": "количество", "aggregate": "sum", "role": "mentees"},
    "2.8": {"unit": "количество", "aggregate": "none", "not_indicative": NOT_INDICATIVE_ORGS},
    "2.9": {"unit": "доля", "numerator": ["1.2"], "denominator": ["2.8"]},
    "2.10": {"unit": "доля", "numerator": ["1.3"], "denominator": ["2.8"]},
    "2.11": {"unit": "количество", "aggregate": "count"},
    "3.1": {
        "unit": "количество",
        "aggregate": "sum",
        "role": "programs",
        "parts": ["3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8"],
    },
    **{f"3.{i}": {"unit": "количество", "aggregate": "sum"} for i in range(2, 9)},
    "4.1": {"unit": "количество", "aggregate": "sum"},
    "4.2": {"unit": "количество", "aggregate": "sum"},
    "4.3": {"unit": "количество", "aggregate": "sum"},
    "5.1": {"unit": "количество", "aggregate": "sum", "not_indicative": NOT_INDICATIVE_POPULATION},
    **{f"5.{i}": {"unit": "количество", "aggregate": "sum"} for i in range(2, 9)},
    "5.9": {"unit": "доля", "numerator": ["5.2"], "denominator": ["5.1"], "target": 70},
    "6.1": {"unit": "количество", "aggregate": "sum", "not_indicative": NOT_INDICATIVE_POPULATION},
    "6.2": {"unit": "количество", "aggregate": "sum"},
    "6.3": {"unit": "доля", "numerator": ["6.2"], "denominator": ["6.1"], "target": 10},
    "7.1": {"unit": "процент", "aggregate": "none", "target": 85},
    "7.2": {"unit": "процент", "aggregate": "none", "target": 85},
    "8.1": {"unit": "количество", "aggregate": "sum"},
    "8.2": {"unit": "количество", "aggregate": "sum"},
    "8.3": {"unit": "количество", "aggregate": "sum"},
    "8.4": {"unit": "количество", "aggregate": "sum"},
    "8.5": {"unit": "доля", "numerator": ["8.2"], "denominator": ["8.1"], "target": 70},
    "8.6": {"unit": "доля", "numerator": ["8.2", "8.4"], "denominator": ["8.1", "8.3"]},
    "9.1": {"unit": "количество", "aggregate": "sum"},
    "9.2": {"unit": "количество", "aggregate": "sum"},
    "9.3": {"unit": "количество", "aggregate": "none"},
    "9.4": {"unit": "количество", "aggregate": "sum"},
    "9.5": {
        "unit": "количество",
        "aggregate": "sum",
        "parts": ["8.1", "8.3"],
        "note": "В таблице 38 отчёта стоит в направлении 9 из-за разрыва страницы; "
        "по смыслу — знаменатель долей направления 10.",
    },
    "10.1": {"unit": "количество", "aggregate": "sum"},
    "10.2": {"unit": "количество", "aggregate": "sum"},
    "10.3": {"unit": "количество", "aggregate": "sum"},
    "10.4": {"unit": "доля", "numerator": ["10.2"], "denominator": ["9.5"]},
    "10.5": {"unit": "доля", "numerator": ["10.3"], "denominator": ["10.1"]},
    "11.1": {
        "unit": "количество",
        "aggregate": "sum",
        "aliases": ["Общее количество Положений о материальном поощрении наставников"],
    },
    "11.2": {
        "unit": "количество",
        "aggregate": "sum",
        "aliases": ["Общее количество Положений о нематериальном поощрении наставников"],
    },
    "12.1": {"unit": "количество", "aggregate": "none"},
    "12.2": {"unit": "количество", "aggregate": "none"},
    "13.1": {"unit": "да/нет", "aggregate": "none"},
    "13.2": {"unit": "количество", "aggregate": "none"},
}
# Grammar-corrected spellings people are likely to type.
EXTRA_ALIASES = {
    "3.7": ["Количество персонализированных программ по форме: учитель - ученик"],
    "3.8": ["Количество персонализированных программ по иной форме"],
    "9.4": [
        "Количество методических объединений наставников (школьных методических "
        "объединений) в ОО муниципалитета"
    ],
}


def parse(text: str) -> list[dict]:
    start = text.index("Таблица 38.")
    end = text.index("Количественный и качественный анализ динамики", start)
    directions: list[dict] = []
    for line in text[start:end].splitlines():
        cells = line.split("\t")
        if len(cells) < 4 or cells[1] == "Наименование критерия" or cells[0] == "Показатель":
            continue
        if cells[0].strip():
            match = re.match(r"(\d+)\.\s+(.*)", cells[0].strip())
            if match:
                directions.append({"id": match.group(1), "name": match.group(2), "criteria": []})
                name = cells[1]
            else:  # the row that lost its first cell (L2261): the name sits in cell 0
                name = cells[0]
        else:
            name = cells[1]
        direction = directions[-1]
        criterion_id = f"{direction['id']}.{len(direction['criteria']) + 1}"
        entry = {"id": criterion_id, "name": name.strip(), **META[criterion_id]}
        aliases = entry.pop("aliases", []) + EXTRA_ALIASES.get(criterion_id, [])
        if aliases:
            entry["aliases"] = aliases
        direction["criteria"].append(entry)
    return directions


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        directions = parse(f.read())
    count = sum(len(d["criteria"]) for d in directions)
    assert len(directions) == 13 and count == 63, (len(directions), count)
    header = (
        "# Набор показателей мониторинга реализации целевой модели наставничества по\n"
        "# умолчанию: 13 направлений и 63 критерия регионального мониторинга (Удмуртская\n"
        "# Республика), названия — дословно из таблицы 38 справки по итогам\n"
        "# муниципального этапа мониторинга (г. Ижевск, 2024).\n"
        "# Регион заменяет набор, положив свой файл в content/monitoring/catalog.yml.\n"
        "#\n"
        "# unit: количество | доля | да/нет | список | процент\n"
        "# aggregate — как получается значение муниципалитета из значений организаций:\n"
        "#   sum — сумма; count — число организаций, ответивших «да»; any — «да», если\n"
        "#   хотя бы одна ответила «да»; none — значение самого муниципалитета.\n"
        "# Доли вычисляются: numerator / denominator × 100, округление до 0,01.\n"
        "# target — целевое значение федеральной модели (не меньше), в процентах.\n"
        "# parts — критерии, сумма которых должна равняться этому (проверка данных).\n"
    )
    body = yaml.safe_dump(
        {
            "title": "Региональный мониторинг целевой модели наставничества",
            "directions": directions,
        },
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    sys.stdout.write(header + body)


if __name__ == "__main__":
    main(sys.argv[1])
