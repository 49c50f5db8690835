"""Personal data found by shape — and the organization's official contacts,
dates, numbers of orders and honorific names left alone."""

import pytest

from generator.privacy.detectors import Allowed, find_personal_data, snils_valid

OFFICIAL = Allowed()
OFFICIAL.add_phone("+7 (34512) 2-14-14")
OFFICIAL.add_email("school14@novoozersk-edu.example.ru")
OFFICIAL.add_address("623400, Озёрская область, г. Новоозёрск, ул. Школьная, д. 14")


@pytest.mark.parametrize(
    "text, kind, found",
    [
        ("Звоните маме: 8 912 345-67-89", "номер телефона", "8 912 345-67-89"),
        ("моб. +7 (912) 345 67 89", "номер телефона", "+7 (912) 345 67 89"),
        ("тел.: 57-31-56", "номер телефона", "57-31-56"),
        ("пишите на ivanova.ea@mail.ru", "адрес электронной почты", "ivanova.ea@mail.ru"),
        ("СНИЛС 112-233-445 95", "СНИЛС", "112-233-445 95"),
        ("СНИЛС: 11223344500", "СНИЛС", "СНИЛС: 11223344500"),  # labelled, any check sum
        ("номер 112-233-445 95 в анкете", "СНИЛС", "112-233-445 95"),
        ("паспорт серии 45 06 № 123456", "паспортные данные", "паспорт серии 45 06 № 123456"),
        ("серия 4506 номер 123456", "паспортные данные", "серия 4506 номер 123456"),
        ("дата рождения: 12.03.2010", "дата рождения", "дата рождения: 12.03.2010"),
        ("Петя, 2010 г.р., ученик 8 класса", "дата рождения", "2010 г.р."),
        ("родилась 5 мая 2011 года", "дата рождения", "родилась 5 мая 2011"),
        (
            "проживает по адресу: ул. Ленина, д. 5, кв. 12",
            "домашний адрес",
            "проживает по адресу: ул. Ленина, д. 5, кв. 12",
        ),
        ("ул. Мира, д. 10, кв. 3", "домашний адрес", "ул. Мира, д. 10, кв. 3"),
        (
            "https://docs.google.com/d/1/edit?usp=sharing&ouid=102868417210807477671",
            "идентификатор личного аккаунта",
            "&ouid=102868417210807477671",
        ),
        ("страница https://vk.com/id123456", "идентификатор личного аккаунта", "vk.com/id123456"),
        (
            "file:///C:/Users/Учитель/Documents/x.pdf",
            "путь к файлу на компьютере",
            "file:///C:/Users/Учитель/Documents/x.pdf",
        ),
        (
            "лежит в C:\\Users\\Учитель\\Рабочий",
            "путь к файлу на компьютере",
            "C:\\Users\\Учитель\\Рабочий",
        ),
        (
            "/home/ivanova/Документы/план.docx",
            "путь к файлу на компьютере",
            "/home/ivanova/Документы/план.docx",
        ),
        (
            "\\\\server\\share\\file.doc",
            "путь к файлу на компьютере",
            "\\\\server\\share\\file.doc",
        ),
    ],
)
def test_personal_data_is_found(text, kind, found):
    findings = find_personal_data(text, OFFICIAL)
    assert [(f.kind, f.text) for f in findings] == [(kind, found)]


@pytest.mark.parametrize(
    "text",
    [
        "Телефон для справок: +7 (34512) 2-14-14, тел. 2-14-14",  # official
        "school14@novoozersk-edu.example.ru",
        "623400, г. Новоозёрск, ул. Школьная, д. 14",  # the school's own address
        "Приказ от 29.04.2022 № 282; 273-ФЗ; 2024–2027 годы; 01.09.2025; 8:00–17:00",
        "ОКПО 12345678, ИНН 1234567890, № 1264-р, 1 111 человек, 69,28 %",
        "Мероприятие в ДК по адресу ул. Мира, д. 10",  # a public place, no flat
        "номер 112-233-445 96",  # a wrong check sum: not a СНИЛС
        "https://school14.example.ru/docs/prikaz-166.pdf",
        "родители обучающихся 2010–2011 годов рождения",  # a group, not a person
        "ссылка на файл на компьютере (file:///…) не откроется",  # our own advice text
    ],
)
def test_not_personal_data(text):
    assert find_personal_data(text, OFFICIAL) == []


def test_snils_check_sum():
    assert snils_valid("11223344595") and not snils_valid("11223344596")
    assert not snils_valid("00100100000")  # below the range with check sums


@pytest.mark.parametrize(
    "chunk",
    [
        "8 ",
        "+7 912 ",
        "ул. Мира д. 1 ",
        "a.b@",
        "x@y.",
        "паспорт 12 ",
        "серия 12 ",
        "C:\\",
        "/home/",
        "тел. 1-",
        "дата рождения 1",
        "СНИЛС 1",
        "г.р. 2010 ",
        "ouid=1&",
        "1-1-1 ",
    ],
)
def test_detectors_stay_fast_on_hostile_text(chunk):
    """100,000 characters of one repeated pattern: well under a second each
    (every regex is linear; a backtracking one would take minutes)."""
    import time

    from generator.privacy.names import NameFinder, Person

    text = chunk * (100_000 // len(chunk))
    finder = NameFinder([Person("Смирнова Алина Олеговна", "наставляемый")], [])
    started = time.perf_counter()
    find_personal_data(text, OFFICIAL)
    finder.find(text)
    assert time.perf_counter() - started < 5
