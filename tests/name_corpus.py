"""A corpus of names as people write them, in both directions.

``withheld_mentions`` — every form in which a withheld person (a mentee) may
appear: six grammatical cases, capitals as in orders, initials, name and
patronymic alone, lower case, Word's soft hyphen and zero-width space,
a Latin look-alike letter, a combining accent, transliteration. Each must
be found.

``consented_mentions`` — a consented mentor who shares the mentee's
surname, and ordinary words that look like names. None may be reported.

``python -m tests.name_corpus`` prints the figures for both directions.
"""

from __future__ import annotations

from dataclasses import dataclass

# Forms by grammatical case: nominative, genitive, dative, accusative, instrumental, prepositional.
MENTEES = {
    "Смирнова Алина Олеговна": (
        ["Смирнова", "Смирновой", "Смирновой", "Смирнову", "Смирновой", "Смирновой"],
        ["Алина", "Алины", "Алине", "Алину", "Алиной", "Алине"],
        ["Олеговна", "Олеговны", "Олеговне", "Олеговну", "Олеговной", "Олеговне"],
        ("А", "О"),
        "Smirnova Alina",
    ),
    "Волков Артём Сергеевич": (
        ["Волков", "Волкова", "Волкову", "Волкова", "Волковым", "Волкове"],
        ["Артём", "Артёма", "Артёму", "Артёма", "Артёмом", "Артёме"],
        ["Сергеевич", "Сергеевича", "Сергеевичу", "Сергеевича", "Сергеевичем", "Сергеевиче"],
        ("А", "С"),
        "Volkov Artyom",
    ),
}
CONSENTED = {
    "Волков Павел Андреевич": (
        ["Волков", "Волкова", "Волкову", "Волкова", "Волковым", "Волкове"],
        ["Павел", "Павла", "Павлу", "Павла", "Павлом", "Павле"],
        ["Андреевич", "Андреевича", "Андреевичу", "Андреевича", "Андреевичем", "Андреевиче"],
        ("П", "А"),
    ),
    "Иванова Елена Анатольевна": (
        ["Иванова", "Ивановой", "Ивановой", "Иванову", "Ивановой", "Ивановой"],
        ["Елена", "Елены", "Елене", "Елену", "Еленой", "Елене"],
        ["Анатольевна", "Анатольевны", "Анатольевне", "Анатольевну", "Анатольевной", "Анатольевне"],
        ("Е", "А"),
    ),
}
SHARED_SURNAMES = {"Волков"}


@dataclass(frozen=True)
class Mention:
    text: str
    form: str  # what kind of writing it is, for the figures
    person: str


def _full_forms(surname: str, given: str, patronymic: str, initials: tuple[str, str]):
    i1, i2 = initials
    yield "ФИО", f"{surname} {given} {patronymic}"
    yield "ИО Ф", f"{given} {patronymic} {surname}"
    yield "Ф И. О.", f"{surname} {i1}. {i2}."
    yield "И. О. Ф", f"{i1}. {i2}. {surname}"
    yield "И.О.Ф", f"{i1}.{i2}.{surname}"
    yield "ФАМИЛИЯ Имя Отчество", f"{surname.upper()} {given} {patronymic}"
    yield "Имя Фамилия", f"{given} {surname}"


def withheld_mentions() -> list[Mention]:
    found = []
    for person, (surnames, givens, patronymics, initials, latin) in MENTEES.items():
        for case in range(6):
            s, g, p = surnames[case], givens[case], patronymics[case]
            for form, text in _full_forms(s, g, p, initials):
                found.append(Mention(text, form, person))
            found.append(Mention(f"{g} {p}", "Имя Отчество", person))
            found.append(Mention(f"{s} {g} {p}".lower(), "строчными", person))
            found.append(Mention(f"{g} {p}".lower(), "имя и отчество строчными", person))
            if surnames[0] not in SHARED_SURNAMES:
                found.append(Mention(s, "одна фамилия", person))
                found.append(Mention(s.upper(), "ФАМИЛИЯ", person))
            soft = s[:4] + "\u00ad" + s[4:]
            found.append(Mention(f"{soft} {g}", "мягкий перенос", person))
            zero = s[:3] + "\u200b" + s[3:]
            found.append(Mention(f"{zero} {g}", "пробел нулевой ширины", person))
            latin_o = s.replace("о", "o", 1)  # a Latin «o»
            found.append(Mention(f"{latin_o} {g}", "латинская буква", person))
            accent = s[:2] + "\u0301" + s[2:]
            found.append(Mention(f"{accent} {g}", "знак ударения", person))
        found.append(Mention(latin, "транслитерация", person))
        found.append(Mention(latin.upper(), "ТРАНСЛИТЕРАЦИЯ", person))
    return found


def consented_mentions() -> list[Mention]:
    found = []
    for person, (surnames, givens, patronymics, initials) in CONSENTED.items():
        for case in range(6):
            s, g, p = surnames[case], givens[case], patronymics[case]
            for form, text in _full_forms(s, g, p, initials):
                found.append(Mention(text, form, person))
        found.append(
            Mention(f"{surnames[0].upper()} {initials[0]}. {initials[1]}.", "ФАМИЛИЯ И. О.", person)
        )
    for text, form in [
        ("стая волков вышла к реке", "слово, похожее на фамилию"),
        ("КИМ ЕГЭ по математике", "аббревиатура"),
        ("посёлок Смирновка", "топоним"),
        ("МБОУ «СОШ № 14 им. В.Г. Короленко»", "имя в названии организации"),
        ("Гимназия № 6 имени Габдуллы Тукая", "имя в названии организации"),
        ("РАБОТА ПО ОСНОВНЫМ НАПРАВЛЕНИЯМ", "заголовок капслоком"),
        ("Основной Программы Работа", "слова с заглавной"),
        ("Nova school of Volkswagen", "латиница"),
        ("Волжский район, улица Волкова", "улица"),
    ]:
        found.append(Mention(text, form, ""))
    return found


def finder():
    from generator.privacy.names import NameFinder, Person

    return NameFinder(
        [Person(name, "наставляемый") for name in MENTEES],
        list(CONSENTED),
    )


def figures() -> tuple[int, int, int, int, list[Mention], list[Mention]]:
    names = finder()
    leaks = withheld_mentions()
    clean = consented_mentions()
    missed = [m for m in leaks if not names.find(f"Отметили: {m.text}, молодец.")]
    blocked = [m for m in clean if names.find(f"Отметили: {m.text}, молодец.")]
    return len(leaks), len(missed), len(clean), len(blocked), missed, blocked


if __name__ == "__main__":
    total, missed, clean, blocked, missed_list, blocked_list = figures()
    print(f"имена, которые нельзя публиковать: {total}, пропущено: {missed}")
    print(f"упоминания с согласием и похожие слова: {clean}, ложных срабатываний: {blocked}")
    for m in missed_list + blocked_list:
        print(f"  {m.form}: {m.text}")
