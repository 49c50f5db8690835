"""Privacy fails closed: consent per field, mentee names never published,
names of people without consent found in free text, links and file names."""

import datetime as dt

import pytest

from generator.privacy.consent import allows, consent_state
from generator.privacy.names import NameFinder, Person
from generator.schema.records import Consent
from tests.conftest import check_project, edit, messages, run_cli

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    "consent, state",
    [
        (None, "none"),
        (Consent(fields=["full_name"], date=dt.date(2027, 1, 1)), "future"),
        (
            Consent(fields=["full_name"], date=dt.date(2024, 1, 1), withdrawn=dt.date(2026, 10, 1)),
            "withdrawn",
        ),
        (
            Consent(
                fields=["full_name"], date=dt.date(2024, 1, 1), valid_until=dt.date(2026, 6, 30)
            ),
            "expired",
        ),
        (
            Consent(
                fields=["full_name"], date=dt.date(2024, 1, 1), valid_until=dt.date(2027, 1, 1)
            ),
            "valid",
        ),
    ],
)
def test_consent_states(consent, state):
    assert consent_state(consent, TODAY) == state
    assert allows(consent, "full_name", TODAY) is (state == "valid")


def test_consent_is_per_field():
    consent = Consent(fields=["full_name", "position"], date=dt.date(2024, 1, 1))
    assert allows(consent, "position", TODAY) and not allows(consent, "photo", TODAY)


FINDER = NameFinder(
    [Person("Смирнова Алина Олеговна", "наставляемый"), Person("Ким Ан", "наставляемый")],
    ["Иванова Елена Анатольевна"],
)


@pytest.mark.parametrize(
    "text, found",
    [
        ("Работа со Смирновой А.О. шла по плану", "Смирновой А.О."),
        ("Наставляемая Смирнова добилась успеха", "Смирнова"),
        ("Отчёт представила Петрова Анна Сергеевна", "Петрова Анна Сергеевна"),  # unknown FIO
        ("Ответственный: М.П. Сидоров", "М.П. Сидоров"),
        ("Ученик Ким выступил", "Ким"),
    ],
)
def test_names_are_found_in_any_form(text, found):
    assert [h.text for h in FINDER.find(text)] == [found]


@pytest.mark.parametrize(
    "text",
    [
        "МБОУ «СОШ № 14 им. В.Г. Короленко»",
        "Гимназия № 6 имени Габдуллы Тукая",
        "Наставник Иванова Елена Анатольевна провела урок",  # consented mentor
        "Иванова Е.А. провела урок",
        "Кимры — город в Тверской области",  # a short surname must match whole words only
        "Смирновка — посёлок",  # not a declension of Смирнова
    ],
)
def test_not_people_or_allowed_people(text):
    assert FINDER.find(text) == []


def test_transliterated_names_in_links():
    assert FINDER.find_in_link("https://a.ru/Programma_Smirnova_AO.pdf")
    assert FINDER.find_in_link("https://a.ru/%D0%A1%D0%BC%D0%B8%D1%80%D0%BD%D0%BE%D0%B2%D0%B0")
    assert not FINDER.find_in_link("https://a.ru/polozhenie-o-nastavnichestve.pdf")


GOAL = "goal: >-\n  Развитие олимпиадных компетенций"


def test_typed_in_mentee_name_is_an_error_with_file_line_field(demo_project):
    edit(
        demo_project,
        "content/programs/pp-2026-uch-01.yml",
        GOAL,
        "goal: >-\n  Подготовить Смирнову Алину к олимпиаде. Развитие олимпиадных компетенций",
    )
    found = "\n".join(messages(check_project(demo_project), "PD"))
    assert "content/programs/pp-2026-uch-01.yml, строка 14, поле «goal»" in found
    assert "«Смирнову Алину»" in found and "наставляемый" in found


def test_unknown_full_name_is_an_error(demo_project):
    edit(
        demo_project,
        "content/news/2026-10-15-seminar.yml",
        "провела педагог-психолог школы",
        "провела педагог-психолог Кузьмина Ольга Петровна",
    )
    assert not check_project(demo_project).ok


def test_mentor_without_consent_is_protected_in_text(demo_project):
    edit(
        demo_project,
        "content/news/2026-10-15-seminar.yml",
        "провела педагог-психолог школы",
        "провела педагог-психолог Кузнецова",
    )  # consent expired
    found = "\n".join(messages(check_project(demo_project), "PD"))
    assert "Кузнецова" in found and "истёкшим согласием" in found


def test_names_listed_in_site_config_are_protected(demo_project):
    edit(
        demo_project,
        "site_config.yml",
        "  min_group_size: 3",
        "  min_group_size: 3\n  persons: [Громов Игнат]",
    )
    edit(
        demo_project,
        "content/news/2026-10-15-seminar.yml",
        "провела педагог-психолог школы",
        "провела педагог-психолог школы при участии Громова",
    )
    assert not check_project(demo_project).ok


def test_name_in_record_file_name(demo_project):
    (demo_project / "content/programs/pp-2026-uch-01.yml").rename(
        demo_project / "content/programs/programma-smirnova.yml"
    )
    edit(
        demo_project,
        "content/practices/reversivnoe-nastavnichestvo.yml",
        "summary: |",
        "summary: |\n  Смирнова Алина Олеговна — участник.",
    )
    found = "\n".join(messages(check_project(demo_project), "PD"))
    assert "programma-smirnova.yml" in found and "имя файла" in found


def test_redact_mode_hides_the_name_and_builds(demo_project):
    edit(demo_project, "site_config.yml", "on_personal_data: error", "on_personal_data: redact")
    edit(
        demo_project,
        "content/programs/pp-2026-uch-01.yml",
        GOAL,
        "goal: >-\n  Подготовить Смирнову Алину к олимпиаде. Развитие олимпиадных компетенций",
    )
    result = run_cli("build", demo_project)
    assert result.code == 0, result.out
    assert "предупреждение" in result.out and "скрыто при публикации" in result.out
    page = (demo_project / "site/programmy/pp-2026-uch-01/index.html").read_text("utf-8")
    assert "Смирнов" not in page and "Подготовить [скрыто] к олимпиаде" in page
