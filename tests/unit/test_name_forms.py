"""Names as people really write them: found when withheld, left alone when
consented — measured in both directions on tests/name_corpus.py."""

from __future__ import annotations

import pytest

from generator.privacy.names import NameFinder, Person
from tests.name_corpus import consented_mentions, finder, withheld_mentions

FINDER = finder()


@pytest.mark.parametrize("mention", withheld_mentions(), ids=lambda m: f"{m.form}:{m.text}")
def test_every_form_of_a_withheld_name_is_found(mention):
    text = f"Отметили: {mention.text}, молодец."
    hits = FINDER.find(text)
    assert hits, mention
    assert {h.person.full_name for h in hits if h.person} <= {mention.person}
    # The hit covers the surname or the given name where it was written,
    # invisible characters included, so redaction removes all of it.
    covered = "".join(text[h.start : h.end] for h in hits)
    assert covered.strip() and covered in mention.text or mention.text in covered


@pytest.mark.parametrize("mention", consented_mentions(), ids=lambda m: f"{m.form}:{m.text}")
def test_consented_people_and_name_like_words_are_not_reported(mention):
    assert FINDER.find(f"Отметили: {mention.text}, молодец.") == []


def test_hits_point_at_the_original_text_with_invisible_characters():
    text = "Наставляемая Смир\u00adнова Алина выступила"
    [hit] = FINDER.find(text)
    assert hit.text == "Смир\u00adнова Алина"
    assert text[hit.start : hit.end] == hit.text


def test_a_lone_shared_surname_asks_which_person_is_meant():
    [hit] = FINDER.find("Волков провёл мастер-класс.")
    assert hit.person is not None and hit.person.full_name == "Волков Артём Сергеевич"
    assert hit.also is not None and hit.also.full_name == "Волков Павел Андреевич"


@pytest.mark.parametrize(
    "text, withheld",
    [
        ("Волков Артём показал урок", "Волков Артём"),
        ("Волкову А. С. вручили грамоту", "Волкову А. С."),
        ("Артёму Сергеевичу вручили грамоту", "Артёму Сергеевичу"),
        ("Волков Павел Андреевич провёл семинар", None),
        ("Волков П. А. провёл семинар", None),
        ("Волкова Павла Андреевича наградили", None),
    ],
)
def test_a_shared_surname_is_attributed_by_the_fullest_form(text, withheld):
    hits = FINDER.find(text)
    assert [h.text for h in hits] == ([withheld] if withheld else [])


@pytest.mark.parametrize(
    "address, withheld",
    [
        ("/nastavniki/volkov-pa/", False),
        ("/files/volkov-pa-portfolio.pdf", False),
        ("/files/volkov-as.pdf", True),
        ("/files/Volkov_Artem.pdf", True),
        ("/files/volkov.pdf", True),  # either person: the file must say which
        ("/files/smirnova.pdf", True),
        ("/files/%D1%81%D0%BC%D0%B8%D1%80%D0%BD%D0%BE%D0%B2%D0%B0.pdf", True),  # смирнова
        ("/files/polozhenie-o-nastavnichestve.pdf", False),
    ],
)
def test_addresses_are_attributed_like_text(address, withheld):
    assert bool(FINDER.find_in_link(address)) is withheld


def test_a_third_person_with_a_shared_surname_is_an_unknown_full_name():
    [hit] = FINDER.find("Волков И. И. провёл семинар")
    assert hit.person is None and hit.text == "Волков И. И."


def test_the_authors_of_a_card_from_another_site_are_theirs():
    names = NameFinder([Person("Волков Артём Сергеевич", "наставляемый")], [])
    assert names.find_known("Волков Павел Андреевич", consented=["Волков Павел Андреевич"]) == []
    assert names.find_known("Волков Артём Сергеевич", consented=["Волков Артём Сергеевич"])
    assert names.find_known("Волков", consented=["Волков"])


def test_a_name_and_patronymic_shared_with_an_official_follow_the_surname():
    names = NameFinder(
        [Person("Зорина Ольга Игоревна", "наставник без согласия")], ["Зайцева Ольга Игоревна"]
    )
    assert names.find("Зайцева Ольга Игоревна — директор") == []
    assert [h.text for h in names.find_known("Ольге Игоревне Зориной вручили")] == [
        "Ольге Игоревне Зориной"
    ]
    [alone] = names.find_known("Выступила Ольга Игоревна.")
    assert alone.also is not None and alone.also.full_name == "Зайцева Ольга Игоревна"
