"""Stage 3a: publication and evidence rules, each checked on the demo with one
thing broken."""

import pytest

from generator.schema.links import check_url
from tests.conftest import check_project, edit, messages

PROGRAM = "content/programs/pp-2026-uch-01.yml"


def codes(report):
    return {d.code for d in report.items}


def test_period_longer_than_a_year_is_an_error(demo_project):
    edit(demo_project, PROGRAM, "  end: 30.04.2027", "  end: 30.04.2029")
    report = check_project(demo_project)
    assert not report.ok and "P4" in codes(report)


def test_period_under_three_months_warns_under_one_month_errors(demo_project):
    edit(demo_project, PROGRAM, "  end: 30.04.2027", "  end: 15.12.2026")
    report = check_project(demo_project)
    assert report.ok and "P4" in codes(report)
    edit(demo_project, PROGRAM, "  end: 15.12.2026", "  end: 15.10.2026")
    report = check_project(demo_project)
    assert not report.ok and "P5" in codes(report)


def test_limits_come_from_site_config(demo_project):
    edit(demo_project, PROGRAM, "  end: 30.04.2027", "  end: 30.04.2028")
    assert not check_project(demo_project).ok
    edit(demo_project, "site_config.yml", "program_max_months: 12", "program_max_months: 24")
    assert check_project(demo_project).ok


def test_end_before_start_and_completion_before_start(demo_project):
    edit(demo_project, PROGRAM, "  end: 30.04.2027", "  end: 30.04.2026")
    found = "\n".join(messages(check_project(demo_project)))
    assert "раньше начала" in found
    edit(
        demo_project,
        "content/programs/pp-2025-uu-02.yml",
        "completion_date: 28.04.2026",
        "completion_date: 28.04.2025",
    )
    found = "\n".join(messages(check_project(demo_project)))
    assert "поле «completion_date»: ошибка: дата завершения раньше начала" in found


def test_results_on_running_program_warn_completed_in_future_errors(demo_project):
    report = check_project(demo_project)  # the demo has one on purpose
    assert any(d.code == "P1" and "pp-2026-uu-01" in d.location.file for d in report.warnings)
    edit(demo_project, PROGRAM, "status: реализуется", "status: завершена")
    report = check_project(demo_project)
    assert any(d.code == "P1" and "ещё не наступила" in d.message for d in report.errors)


def test_mentor_may_have_at_most_three_mentees_at_once(demo_project):
    edit(demo_project, PROGRAM, "  count: 2", "  count: 3")  # sokolov-dm: 3 mentees — fine
    assert check_project(demo_project).ok
    edit(demo_project, PROGRAM, "  count: 3", "  count: 4")
    report = check_project(demo_project)
    assert not report.ok
    assert any("sokolov-dm" in d.message and "4 наставляемых" in d.message for d in report.errors)


def test_dangling_references(demo_project):
    edit(demo_project, PROGRAM, "mentor: sokolov-dm", "mentor: sokolov")
    edit(
        demo_project,
        "content/practices/reversivnoe-nastavnichestvo.yml",
        "programs: [pp-2025-uu-02]",
        "programs: [pp-2099]",
    )
    found = "\n".join(messages(check_project(demo_project), "ref"))
    assert f"{PROGRAM}, строка 4, поле «mentor»" in found and "sokolov-dm" in found
    assert "поле «programs[1]»" in found and "«pp-2099»" in found


@pytest.mark.parametrize(
    "url, code",
    [
        ("file:///C:/Users/Учитель/Documents/prikaz.pdf", "V15"),
        ("chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/https://school.ru/a.pdf", "V16"),
        ("https://school.ru/", "V2"),
        ("https://school.ru", "V2"),
        ("school.gosuslugi.ru/docs/a.pdf", "V18"),
        ("Приказ 197-1-ОД от 02.09.2024", "V4"),
        ("https://a.ru/1.pdf https://a.ru/2.pdf", "V19"),
        (
            "https://docs.google.com/document/d/1x/edit?usp=sharing&ouid=102868417210807477671",
            "V17",
        ),
        ("https://drive.google.com/drive/my-drive", "V17"),
    ],
)
def test_link_problems_from_the_monitoring_report(url, code):
    problems = check_url(url)
    assert code in {p.code for p in problems}, problems


def test_document_links_pass():
    assert check_url("https://shkola7.gosweb.gosuslugi.ru/netcat_files/30/2571/Prikaz.pdf") == []
    assert check_url("https://school.ru/file/card?id=939") == []
    assert [p.severity for p in check_url("https://school.ru/nastavnichestvo/")] == ["warning"]


def test_bad_link_in_content_is_an_error_with_field(demo_project):
    edit(
        demo_project,
        "content/documents.yml",
        "    file: files/dokumenty/prikaz-131.pdf",
        "    url: file:///C:/Users/Завуч/prikaz.pdf",
    )
    found = "\n".join(messages(check_project(demo_project), "V15"))
    assert "content/documents.yml" in found and "«documents[3].url»" in found


@pytest.mark.parametrize(
    "path, words",
    [
        ("../site_config.yml", "за папку content"),
        ("/etc/passwd", "относительным"),
        ("files/нет-такого.pdf", "не найден"),
        ("files\\dokumenty\\prikaz-131.pdf", "обратная косая черта"),
    ],
)
def test_attachments_stay_inside_content(demo_project, path, words):
    edit(demo_project, "content/documents.yml", "files/dokumenty/prikaz-131.pdf", path)
    found = "\n".join(messages(check_project(demo_project), "file"))
    assert words in found and "documents[3].file" in found


def test_symlink_out_of_content_and_scripts_are_refused(demo_project, tmp_path):
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"%PDF secret")
    (demo_project / "content/files/link.pdf").symlink_to(outside)
    (demo_project / "content/files/page.html").write_text("<script>alert(1)</script>")
    edit(demo_project, "content/documents.yml", "files/dokumenty/prikaz-131.pdf", "files/link.pdf")
    edit(demo_project, "content/documents.yml", "files/dokumenty/prikaz-143.pdf", "files/page.html")
    found = "\n".join(messages(check_project(demo_project), "file"))
    assert "вне папки content" in found and "не публикуются" in found


def test_image_needs_alt_text(demo_project):
    edit(
        demo_project,
        "content/news/2026-09-22-vstrecha.yml",
        "  alt: Старшеклассники",
        "  # alt: Старшеклассники",
    )
    found = "\n".join(messages(check_project(demo_project)))
    assert "поле «image.alt»" in found and "обязательное" in found
