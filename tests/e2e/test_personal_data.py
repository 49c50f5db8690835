"""The personal-data linter through validate and build: texts, links and
attached files of every record kind; official contacts allowed; redact mode;
a withdrawn consent removes the person everywhere on the next build."""

from __future__ import annotations

import re

import pytest

from tests.conftest import all_text_files, edit, run_cli
from tests.filefactory import make_docx, make_pdf

NEWS = "content/news/2026-10-15-seminar.yml"
TEXT = "провела педагог-психолог школы"


@pytest.mark.parametrize(
    "inserted, what",
    [
        ("тел. 8 912 345-67-89", "номер телефона «8 912 345-67-89»"),
        ("ivanova.ea@mail.ru", "адрес электронной почты «ivanova.ea@mail.ru»"),
        ("СНИЛС 112-233-445 95", "СНИЛС"),
        ("паспорт 45 06 123456", "паспортные данные"),
        ("Петя, 2012 г.р.", "дата рождения «2012 г.р.»"),
        ("живёт: ул. Ленина, д. 5, кв. 12", "домашний адрес"),
        ("C:\\Users\\Учитель\\план.docx", "путь к файлу на компьютере"),
    ],
)
def test_findings_in_text_are_errors_with_file_line_field(demo_project, inserted, what):
    edit(demo_project, NEWS, TEXT, f"{TEXT} ({inserted})")
    result = run_cli("validate", demo_project)
    assert result.code == 1
    assert re.search(
        rf"{NEWS}, строка \d+, поле «text»: ошибка: в тексте найден[аы]? "
        rf"{re.escape(what)}",
        result.out,
    ), result.out


@pytest.mark.parametrize(
    "rel, old, new, field",
    [
        (
            "content/programs/pp-2026-uch-01.yml",
            "title: Подготовка",
            "title: Подготовка (куратор — 8 912 345-67-89)",
            "title",
        ),
        (
            "content/practices/reversivnoe-nastavnichestvo.yml",
            "goal: Взаимное",
            "goal: Пишите ivanova.ea@mail.ru. Взаимное",
            "goal",
        ),
        (
            "content/documents.yml",
            "    number: 166-од",
            "    number: 166-од\n    note: см. C:\\Users\\Учитель\\приказ.docx",
            "documents[5].note",
        ),
    ],
)
def test_every_kind_is_scanned(demo_project, rel, old, new, field):
    edit(demo_project, rel, old, new)
    result = run_cli("validate", demo_project)
    assert result.code == 1 and re.search(
        rf"{rel}, строка \d+, поле «{re.escape(field)}»: "
        "ошибка: в тексте найден",
        result.out,
    ), result.out


def test_official_contacts_are_allowed(demo_project):
    edit(
        demo_project,
        NEWS,
        TEXT,
        f"{TEXT}; справки по телефону +7 (34512) 2-14-15 и по "
        "адресу nastavnik@novoozersk-edu.example.ru, г. Новоозёрск, ул. Школьная, д. 14",
    )
    result = run_cli("validate", demo_project)
    assert result.code == 0, result.out


def test_allowed_contacts_from_site_config(demo_project):
    edit(demo_project, NEWS, TEXT, f"{TEXT}; запись в ЦДО: +7 (34512) 5-55-55")
    assert run_cli("validate", demo_project).code == 1
    edit(
        demo_project,
        "site_config.yml",
        "  min_group_size: 3",
        '  min_group_size: 3\n  allowed_contacts: ["+7 (34512) 5-55-55"]',
    )
    assert run_cli("validate", demo_project).code == 0


def test_account_id_in_a_markdown_link(demo_project):
    edit(
        demo_project,
        NEWS,
        TEXT,
        f"{TEXT} ([анкета](https://docs.google.com/forms/d/1/viewform?ouid=102868417210807477671))",
    )
    result = run_cli("validate", demo_project)
    assert result.code == 1 and "идентификатор личного аккаунта" in result.out


def test_redact_mode_hides_findings_and_warns(demo_project):
    edit(demo_project, "site_config.yml", "on_personal_data: error", "on_personal_data: redact")
    edit(demo_project, NEWS, TEXT, f"{TEXT} (тел. 8 912 345-67-89, ivanova.ea@mail.ru)")
    result = run_cli("build", demo_project)
    assert result.code == 0, result.out
    assert "скрыто при публикации" in result.out
    everything = "\n".join(all_text_files(demo_project / "site").values())
    assert "345-67-89" not in everything and "ivanova.ea" not in everything
    assert "(тел. [скрыто], [скрыто])" in everything


# -- attached files ------------------------------------------------------------------
PROGRAM = "content/programs/pp-2025-uu-01.yml"
ATTACHED = "files/dokumenty/tipovaya-programma-uu.pdf"


def attach(project, name: str) -> None:
    edit(project, PROGRAM, f"file: {ATTACHED}", f"file: files/dokumenty/{name}")


def test_file_named_after_a_mentee_is_an_error(demo_project):
    source = demo_project / "content" / ATTACHED
    source.rename(source.with_name("Programma_Smirnova_AO.pdf"))
    attach(demo_project, "Programma_Smirnova_AO.pdf")
    result = run_cli("validate", demo_project)
    assert result.code == 1
    assert re.search(
        rf"{PROGRAM}, строка \d+, поле «files\[1\]\.file»: ошибка: имя файла "
        r"«files/dokumenty/Programma_Smirnova_AO\.pdf» содержит имя «Smirnova_AO» "
        r"\(наставляемый\)",
        result.out,
    ), result.out


def test_file_named_like_an_unknown_person_is_a_warning(demo_project):
    source = demo_project / "content" / ATTACHED
    source.rename(source.with_name("Программа Кузьмин Олег Петрович.pdf"))
    attach(demo_project, "Программа Кузьмин Олег Петрович.pdf")
    result = run_cli("validate", demo_project)
    assert result.code == 0
    assert (
        "предупреждение: имя файла «files/dokumenty/Программа Кузьмин Олег Петрович.pdf» "
        "похоже на ФИО" in result.out
    )


def test_personal_data_inside_a_pdf(demo_project):
    make_pdf(demo_project / "content" / ATTACHED, ["Mentor: Ivanova", "Call +7 912 345-67-89"])
    result = run_cli("validate", demo_project)
    assert result.code == 1
    assert (
        f"в файле «{ATTACHED}», страница 1 найден номер телефона «+7 912 345-67-89»" in result.out
    ), result.out


def test_mentee_name_inside_a_docx_split_into_runs(demo_project):
    make_docx(
        demo_project / "content/files/dokumenty/plan.docx",
        [["План работы со ", "Смир", "новой Алиной"]],
    )
    attach(demo_project, "plan.docx")
    result = run_cli("validate", demo_project)
    assert result.code == 1
    assert (
        "в файле «files/dokumenty/plan.docx» найдено имя «Смирновой Алиной» (наставляемый)"
        in result.out
    ), result.out


def test_unreadable_pdf_is_a_warning(demo_project):
    (demo_project / "content" / ATTACHED).write_bytes(b"%PDF-1.4\n garbage \x00\x01")
    result = run_cli("validate", demo_project)
    assert result.code == 0 and "не удалось проверить" in result.out, result.out


def test_redact_mode_withholds_the_file(demo_project):
    edit(demo_project, "site_config.yml", "on_personal_data: error", "on_personal_data: redact")
    make_pdf(demo_project / "content" / ATTACHED, ["Call +7 912 345-67-89"])
    result = run_cli("build", demo_project)
    assert result.code == 0, result.out
    assert "Файл не опубликован." in result.out
    assert (demo_project / "site/programmy/pp-2025-uu-01/index.html").exists()
    assert not (demo_project / "site/files/programmy").exists()
    assert not any(
        b"345-67-89" in p.read_bytes() for p in (demo_project / "site").rglob("*") if p.is_file()
    )


# -- withdrawn consent ---------------------------------------------------------------
def site_bytes(site) -> bytes:
    return b"\n".join(p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file())


def test_withdrawn_consent_removes_the_person_on_the_next_build(demo_project):
    """Build, withdraw, rebuild, search every file of the site — pages, search
    index, sitemap and every download (PDF text included)."""
    from generator.privacy.extract import can_extract, extract_text

    assert run_cli("build", demo_project, "-q").code == 0
    site = demo_project / "site"
    before = "\n".join(all_text_files(site).values())
    assert "Иванова Елена Анатольевна" in before
    assert (site / "images").exists() or any("nastavnik-ivanova" in p.name for p in site.rglob("*"))
    edit(
        demo_project,
        "content/mentors/ivanova-ea.yml",
        "  valid_until: 31.08.2029",
        "  valid_until: 31.08.2029\n  withdrawn: 20.11.2026",
    )
    result = run_cli("build", demo_project)
    assert result.code == 0, result.out
    texts = all_text_files(site)
    for path in site.rglob("*"):
        if path.is_file() and can_extract(path) and path.suffix != ".txt":
            texts[path.name] = " ".join(t for _, t in extract_text(path))
    for name, text in texts.items():
        for form in ("Иванова", "Ивановой", "Елена Анатольевна", "ivanova-ea"):
            assert form not in text, (name, form)
    assert not any("ivanova" in p.name for p in site.rglob("*"))  # her photo is gone
    raw = site_bytes(site)
    assert (
        "Иванова".encode() not in raw and b"\\u0418\\u0432\\u0430\\u043d\\u043e\\u0432" not in raw
    )
