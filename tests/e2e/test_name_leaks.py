"""Names written the way people write them never reach the site, and a
consented person who shares a surname with a withheld one is published.

The examples are the ones a curator really produces: a surname in capitals
as in orders, the name and patronymic alone, text pasted from Word with a
soft hyphen, a Latin letter inside a Cyrillic name, a transliteration, all
in lower case. The program pp-2025-uu-01 is completed (its results are
published) and its mentee is «Смирнова Алина Олеговна»."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import copy_demo, read, run_cli
from tests.corpus.runner import site_texts

PROGRAM = "content/programs/pp-2025-uu-01.yml"
EXAMPLES = {
    "capitals": "Наставляемая СМИРНОВА Алина Олеговна провела открытый урок.",
    "name-patronymic": "Алина Олеговна уверенно ведёт уроки.",
    "soft-hyphen": "Смир\u00adнова провела открытый урок.",
    "latin-letter": "Смирнoва провела открытый урок.",  # a Latin «o»
    "transliteration": "Smirnova Alina provela otkrytyi urok.",
    "lower-case": "смирнова алина олеговна провела открытый урок.",
    "zero-width": "Смир\u200bнова провела открытый урок.",
}
# What must not be readable anywhere on the site, after undoing the disguises.
SECRETS = ["смирнов", "smirnov", "алина олеговн", "алине олеговн"]


def plant(project: Path, text: str) -> None:
    """Put ``text`` as the first paragraph of the program's results."""
    path = project / PROGRAM
    source = read(path)
    assert re.search(r"^results: [|>]-?\n", source, re.M), "the demo program has results"
    source = re.sub(
        r"^(results: [|>]-?\n)", lambda m: m.group(1) + f"  {text}\n\n", source, count=1, flags=re.M
    )
    path.write_text(source, "utf-8")


def plain(text: str) -> str:
    """The text as a reader sees it: no invisible characters, no look-alikes."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return text.translate(str.maketrans("oOaAeEcCpPxX", "оОаАеЕсСрРхХ")).casefold()


@pytest.mark.parametrize("example", EXAMPLES, ids=list(EXAMPLES))
def test_each_way_of_writing_a_mentee_is_refused_at_the_record(tmp_path, example):
    project = copy_demo(tmp_path / "school")
    plant(project, EXAMPLES[example])
    result = run_cli("validate", project)
    assert result.code == 1, result.out
    assert re.search(
        rf"{PROGRAM}, строка \d+, поле «results»: ошибка: в тексте найдено имя «[^»]+» "
        r"\(наставляемый\): имена наставляемых не публикуются",
        result.out,
    ), result.out
    assert "Traceback" not in result.out


def test_in_redact_mode_no_form_reaches_pages_downloads_or_search(tmp_path):
    project = copy_demo(tmp_path / "school")
    for text in EXAMPLES.values():
        plant(project, text)
    config = project / "site_config.yml"
    source = read(config)
    assert "on_personal_data:" in source
    config.write_text(re.sub(r"on_personal_data: \w+", "on_personal_data: redact", source), "utf-8")
    result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    assert result.out.count("(наставляемый): скрыто при публикации") >= len(EXAMPLES)
    site = project / "site"
    texts = site_texts(site)
    page = next(rel for rel in texts if rel.startswith("programmy/pp-2025-uu-01"))
    assert "провела открытый урок" in plain(texts[page])  # the rest of the text is kept
    assert "[скрыто]" in texts[page]
    for rel in ("data/programs.csv", "data/programs.json"):
        assert "[скрыто]" in texts[rel], rel
    leaks = [
        f"{secret} in {rel}"
        for rel, text in texts.items()
        for secret in SECRETS
        if secret in plain(text)
    ]
    assert leaks == []


# -- a surname shared by a consented mentor and a mentee -----------------------------
def shared_surname_school(tmp_path: Path) -> Path:
    project = copy_demo(tmp_path / "school")
    program = project / "content/programs/pp-2026-uu-01.yml"
    source = read(program)
    assert "full_name:" in source
    program.write_text(
        re.sub(r"full_name: [^\n#]+", "full_name: Волков Артём Сергеевич", source, count=1), "utf-8"
    )
    assert "Волков Павел Андреевич" in read(project / "content/mentors/volkov-pa.yml")
    return project


def test_a_mentee_sharing_a_mentors_surname_does_not_block_the_site(tmp_path):
    project = shared_surname_school(tmp_path)
    assert run_cli("validate", project).code == 0
    result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    page = read(project / "site/nastavniki/index.html")
    assert 'id="volkov-pa"' in page and "Волков Павел Андреевич" in page
    assert "Артём" not in json.dumps(site_texts(project / "site"), ensure_ascii=False)


def test_a_lone_shared_surname_asks_which_person_is_meant(tmp_path):
    project = shared_surname_school(tmp_path)
    news = sorted((project / "content/news").glob("*.yml"))[0]
    source = read(news)
    news.write_text(
        re.sub(
            r"^(text: [|>]-?\n)",
            r"\1  Волков провёл мастер-класс.\n\n",
            source,
            count=1,
            flags=re.M,
        ),
        "utf-8",
    )
    result = run_cli("validate", project)
    assert result.code == 1
    assert re.search(
        rf"content/news/{news.name}, строка \d+, поле «text»: ошибка: в тексте «Волков» может "
        r"означать двух людей: наставляемый и Волков Павел Андреевич \(есть согласие\)\. "
        r"Уточните, о ком речь: если это Волков Павел Андреевич, напишите имя полностью или с "
        r"инициалами \(«Волков П\. А\.»\)",
        result.out,
    ), result.out
    # Written in full, it is the mentor's and is published.
    news.write_text(
        re.sub(
            r"^(text: [|>]-?\n)",
            r"\1  Волков П. А. провёл мастер-класс.\n\n",
            source,
            count=1,
            flags=re.M,
        ),
        "utf-8",
    )
    assert run_cli("validate", project).code == 0


def test_a_mentor_without_consent_is_told_to_add_consent_not_to_use_a_role(tmp_path):
    project = copy_demo(tmp_path / "school")
    mentor = project / "content/mentors/sokolov-dm.yml"
    source = read(mentor)
    name = re.search(r"full_name: ([^\n]+)", source).group(1).strip()
    mentor.write_text(re.sub(r"\nconsent:\n(  .*\n)+", "\n", source), "utf-8")
    plant(project, f"Методическую помощь оказал {name}.")
    result = run_cli("validate", project)
    assert result.code == 1
    assert re.search(
        rf"{PROGRAM}, строка \d+, поле «results»: ошибка: в тексте найдено имя «{name}» "
        r"\(наставник без согласия на публикацию ФИО\): добавьте full_name в согласие "
        r"наставника \(consent → fields в content/mentors/sokolov-dm\.yml\)",
        result.out,
    ), result.out
    assert "ролью" not in result.out.split(name, 1)[1].split("\n", 1)[0]


def test_a_shared_surname_across_schools_does_not_block_the_portal(tmp_path):
    import shutil

    from tests.conftest import ROOT

    project = tmp_path / "city"
    shutil.copytree(ROOT / "demo/municipal", project)
    mentor = project / "content/orgs/ddt/mentors/mentor-1.yml"
    surname = re.search(r"full_name: (\S+)", read(mentor)).group(1)
    program = project / "content/orgs/sosh1/programs/pp-2025-1.yml"
    source = read(program)
    program.write_text(
        re.sub(r"full_name: [^\n#]+", f"full_name: {surname}а Дарья Игоревна ", source, count=1),
        "utf-8",
    )
    result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    assert "Дарья" not in json.dumps(site_texts(project / "site"), ensure_ascii=False)
