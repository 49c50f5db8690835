"""The editor inside ``nastav serve``, in Chromium, as a curator uses it:
create a mentor with consent, a program that picks that mentor, edit one
roadmap item, upload a PDF for a new document, type a wrong date and see
the message next to the field. Then the YAML on disk keeps the curator's
comments and untouched lines, the preview shows the records, and
``nastav build`` makes the same site with or without the editor."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.axe import axe_violations
from tests.conftest import ROOT, copy_demo, differences, read, run_cli


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float = 60.0, what: str = ""):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = predicate()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"не дождались: {what}")


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    project = copy_demo(tmp_path_factory.mktemp("editor") / "school")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(project), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(
            lambda: urllib.request.urlopen(url + "_nastav/", timeout=5).status == 200,
            120,
            "редактор",
        )
        yield project, url
    finally:
        process.terminate()
        process.wait(10)


def box(scope, label: str):
    """The text field whose label starts with ``label`` («ФИО (обязательное)»)."""
    return scope.get_by_role("textbox", name=re.compile("^" + re.escape(label) + r"( \(|$)"))


def choice(scope, label: str):
    return scope.get_by_role("combobox", name=re.compile("^" + re.escape(label) + r"( \(|$)"))


def rebuilt(page, url: str, text: str) -> None:
    """The preview has rebuilt and shows ``text`` at ``url``."""

    def shows() -> bool:
        page.goto(url)
        page.wait_for_load_state("load")
        try:
            return text in page.locator("body").inner_text()
        except Exception:  # the live reload navigated meanwhile: look again
            return False

    wait_for(shows, 90, f"«{text}» на {url}")


def test_a_curator_adds_a_mentor_and_a_program(editor, page):
    project, url = editor
    page.goto(url + "nastavniki/")
    page.get_by_role("link", name=re.compile("Добавить: база наставников")).click()
    box(page, "ФИО").fill("Соколова Ирина Петровна")
    choice(page, "Категория наставника").select_option(label="педагог")
    box(page, "Должность").fill("учитель биологии")
    consent = page.get_by_role("group", name="Согласие на публикацию персональных данных")
    consent.get_by_label("ФИО").check()
    consent.get_by_label("должность").check()
    box(consent, "Дата согласия").fill("02.09.2026")
    page.get_by_role("button", name="Сохранить", exact=True).click()
    page.wait_for_url(re.compile(r"/nastavniki/$"))
    mentor = project / "content/mentors/sokolova-ip.yml"
    text = read(mentor)
    assert "full_name: Соколова Ирина Петровна" in text and "02.09.2026" in text
    rebuilt(page, url + "nastavniki/", "Соколова Ирина Петровна")

    page.goto(url + "programmy/")
    page.get_by_role("link", name=re.compile("Добавить: персонализированные программы")).click()
    box(page, "Название").first.fill("Адаптация молодого учителя биологии")
    choice(page, "Форма наставничества (по ролям)").select_option(label="учитель – учитель")
    choice(page, "Наставник").select_option("sokolova-ip")
    box(page, "Роль наставляемого").fill("молодой специалист, учитель биологии")
    box(page, "Начало").fill("01.09.2026")
    box(page, "Окончание").fill("31.05.2027")
    choice(page, "Статус").select_option(label="реализуется")
    box(page, "Цель").fill("Помочь молодому учителю освоить профессию.")
    box(page, "Задачи").fill("освоить рабочую программу\nпровести открытый урок")
    page.get_by_role("button", name="Сохранить", exact=True).click()
    page.wait_for_url(re.compile(r"/programmy/"))
    saved = list((project / "content/programs").glob("*biologii*.yml"))
    assert len(saved) == 1, sorted(p.name for p in (project / "content/programs").iterdir())
    assert "mentor: sokolova-ip" in read(saved[0])
    rebuilt(page, url + f"programmy/{saved[0].stem}/", "Соколова Ирина Петровна")


def test_one_roadmap_item_is_edited_and_the_rest_of_the_file_is_kept(editor, page):
    project, url = editor
    path = project / "content/roadmap.yml"
    before = read(path).splitlines()
    page.goto(url + "dorozhnaya-karta/")
    page.get_by_role("link", name=re.compile("Редактировать: дорожная карта")).click()
    status = page.locator("select[name='stages[1].items[1].status']")
    current = status.input_value()
    target = "выполнено" if current != "выполнено" else "выполняется"
    status.select_option(label=target)
    page.get_by_role("button", name="Сохранить", exact=True).click()
    page.wait_for_url(re.compile(r"/dorozhnaya-karta/$"))
    after = read(path).splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and len(changed) == 1, changed
    assert "status:" in changed[0][1] and target in changed[0][1]
    assert [line for line in before if line.lstrip().startswith("#")] == [
        line for line in after if line.lstrip().startswith("#")
    ]


def test_a_pdf_is_uploaded_and_a_wrong_date_is_shown_at_its_field(editor, page, tmp_path):
    project, url = editor
    pdf = tmp_path / "Положение Иванова.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    page.goto(url + "dokumenty/")
    page.get_by_role("link", name=re.compile("Добавить: документы организации")).click()
    choice(page, "Вид документа").select_option(label="положение о наставничестве обучающихся")
    box(page, "Название").fill("Положение о наставничестве обучающихся (новая редакция)")
    box(page, "Дата").fill("31.02.2026")
    page.locator("input[type=file]").first.set_input_files(str(pdf))
    page.get_by_role("button", name="Сохранить", exact=True).click()
    field = box(page, "Дата")
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby") or ""
    messages = " ".join(page.locator(f"#{i}").inner_text() for i in described.split())
    assert "31.02.2026" in messages or "дата" in messages.lower()
    summary = page.get_by_role("alert").first.inner_text()
    assert "content/documents.yml" in summary or "Дата" in summary
    assert "(новая редакция)" not in read(project / "content/documents.yml")  # not saved
    assert axe_violations(page) == []

    box(page, "Дата").fill("28.02.2026")
    if page.locator("input[type=file]").first.input_value() == "":
        page.locator("input[type=file]").first.set_input_files(str(pdf))
    page.get_by_role("button", name="Сохранить", exact=True).click()
    page.wait_for_url(re.compile(r"/dokumenty/$"))
    text = read(project / "content/documents.yml")
    assert "(новая редакция)" in text and "28.02.2026" in text
    stored = re.search(r"file: (files/dokumenty/[\w.-]+\.pdf)", text.split("(новая редакция)")[1])
    assert stored and (project / "content" / stored[1]).is_file()
    assert (
        "Иванова" not in stored[1] and "ivanova" not in stored[1]
    )  # the upload's name is not kept
    rebuilt(page, url + "dokumenty/", "(новая редакция)")


def test_the_editor_refuses_other_sites_and_paths_outside_content(editor):
    project, url = editor
    request = urllib.request.Request(url + "_nastav/", headers={"Host": "evil.example:80"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as outside:
        urllib.request.urlopen(url + "_nastav/edit?file=content/../site_config.yml", timeout=5)
    assert outside.value.code in (403, 404)
    post = urllib.request.Request(
        url + "_nastav/edit?file=content/organization.yml", data=b"short_name=x", method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as forged:
        urllib.request.urlopen(post, timeout=5)
    assert forged.value.code == 403
    assert "short_name: x" not in read(project / "content/organization.yml")


def test_a_build_is_the_same_whether_or_not_the_editor_was_used(editor, tmp_path):
    project, _ = editor
    first = run_cli("build", project, "-o", tmp_path / "a", "-q")
    assert first.code == 0, first.out
    second = run_cli("build", project, "-o", tmp_path / "b", "--no-cache", "-q")
    assert second.code == 0, second.out
    assert differences(tmp_path / "a", tmp_path / "b") == []
    built = "\n".join(p.read_text("utf-8", "ignore") for p in Path(tmp_path / "a").rglob("*.html"))
    assert "_nastav" not in built and "nastav-editor-bar" not in built


@pytest.mark.parametrize("width", [1280, 360])
def test_editor_pages_are_accessible_at_every_width(editor, browser, width):
    _, url = editor
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="ru-RU")
    page = context.new_page()
    outside = []
    page.on("request", lambda r: None if r.url.startswith(url) else outside.append(r.url))
    try:
        for address in (
            "_nastav/",
            "_nastav/list?file=content%2Fdocuments.yml",
            "_nastav/edit?file=content%2Fprograms%2Fpp-2025-uu-01.yml",
            "_nastav/new?folder=content%2Fmentors",
        ):
            page.goto(url + address)
            assert axe_violations(page) == [], address
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{address}: {scroll} px at {width}"
        # Everything by keyboard: from the top of a form to «Сохранить».
        page.goto(url + "_nastav/edit?file=content%2Forganization.yml")
        for _ in range(400):
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.textContent.trim()")
            if focused == "Сохранить":
                break
        else:
            raise AssertionError("«Сохранить» не достижима клавишей Tab")
        assert outside == []
    finally:
        context.close()
