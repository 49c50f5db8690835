"""The editor's web application without a browser: what happens to the files
when a form is saved twice, when the file changed on disk meanwhile, when a
record is deleted or kept as a draft, and what it refuses."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest

from generator.editor.app import EditorApp
from tests.conftest import copy_demo, read

HOST = "127.0.0.1:8000"


class Client:
    def __init__(self, project: Path):
        self.app = EditorApp(project, [HOST], token="t0ken")

    def call(self, method: str, path: str, query: dict | None = None, form=None, host=HOST):
        body = urlencode(form or []).encode()
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": urlencode(query or {}),
            "HTTP_HOST": host,
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
        }
        answer = {}

        def start(status, headers):
            answer["status"], answer["headers"] = status, dict(headers)

        text = b"".join(self.app(environ, start)).decode("utf-8")
        return answer["status"], answer["headers"], text


def form_pairs(html: str) -> list[tuple[str, str]]:
    """What a browser sends for the form as shown: text inputs, selects'
    selected options, checked boxes, textareas (no files)."""
    pairs = []
    for tag in re.finditer(r"<input\b[^>]*>", html):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag[0]))
        if "name" not in attrs or attrs.get("type") in ("file", "submit", "button"):
            continue
        if attrs.get("type") == "checkbox" and "checked" not in tag[0]:
            continue
        pairs.append((attrs["name"], _unescape(attrs.get("value", ""))))
    for area in re.finditer(r'<textarea\b[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        pairs.append((area[1], _unescape(area[2]).removeprefix("\n")))
    for select in re.finditer(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select[2])
        pairs.append((select[1], _unescape(chosen[1]) if chosen else ""))
    return pairs


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


@pytest.fixture
def project(tmp_path):
    return copy_demo(tmp_path / "school")


def test_saving_an_unchanged_form_changes_nothing(project):
    client = Client(project)
    query = {"file": "content/documents.yml", "entry": "2"}
    before = read(project / "content/documents.yml")
    status, _, html = client.call("GET", "/_nastav/edit", query)
    assert status == "200 OK"
    status, headers, _ = client.call(
        "POST", "/_nastav/edit", query, form_pairs(html) + [("_action", "save")]
    )
    assert status == "303 See Other" and headers["Location"] == "/dokumenty/"
    assert read(project / "content/documents.yml") == before


def test_a_file_changed_on_disk_is_not_overwritten(project):
    client = Client(project)
    query = {"file": "content/organization.yml"}
    _, _, html = client.call("GET", "/_nastav/edit", query)
    path = project / "content/organization.yml"
    path.write_text(read(path) + "# правка в другой программе\n", "utf-8")
    pairs = [(k, "Новое краткое название" if k == "short_name" else v) for k, v in form_pairs(html)]
    status, _, answer = client.call("POST", "/_nastav/edit", query, pairs)
    assert status == "200 OK"
    assert "правка в другой программе" in answer  # both versions shown
    assert "Новое краткое название" in answer
    assert "Новое краткое название" not in read(path)


def test_a_record_with_errors_is_kept_only_as_a_draft(project):
    client = Client(project)
    query = {"folder": "content/news"}
    _, _, html = client.call("GET", "/_nastav/new", query)
    typed = {"title": "Встреча наставников", "date": "32.13.2026", "_id": "vstrecha"}
    pairs = [(k, typed.get(k, v)) for k, v in form_pairs(html)]
    status, _, answer = client.call("POST", "/_nastav/new", query, pairs)
    assert status == "200 OK" and "32.13.2026" in answer
    assert not (project / "content/news/vstrecha.yml").exists()
    status, _, answer = client.call("POST", "/_nastav/new", query, pairs + [("_action", "draft")])
    assert "Черновик сохранён" in answer
    assert "Встреча наставников" in read(project / "content/news/_vstrecha.yml")


def test_a_deleted_record_can_be_recovered(project):
    client = Client(project)
    query = {"file": "content/mentors/belova-ti.yml"}
    status, _, html = client.call("GET", "/_nastav/delete", query)
    assert "Удалить" in html and (project / "content/mentors/belova-ti.yml").exists()
    status, _, _ = client.call("POST", "/_nastav/delete", query, [("csrf", "t0ken")])
    assert status == "303 See Other"
    assert not (project / "content/mentors/belova-ti.yml").exists()
    assert list((project / ".nastav/deleted").rglob("belova-ti.yml"))


def test_forged_and_outside_requests_are_refused(project):
    client = Client(project)
    assert client.call("GET", "/_nastav/", host="attacker.example")[0] == "403 Forbidden"
    status, _, _ = client.call(
        "POST", "/_nastav/edit", {"file": "content/organization.yml"}, [("short_name", "x")]
    )
    assert status == "403 Forbidden"
    for rel in ("content/../site_config.yml", "/etc/passwd", "content/files/../../x.yml"):
        assert client.call("GET", "/_nastav/edit", {"file": rel})[0] in (
            "403 Forbidden",
            "404 Not Found",
        )


def test_every_record_of_a_new_project_opens_in_a_form(tmp_path):
    """From «nastav init» on, every file the curator has opens in the editor."""
    from tests.conftest import run_cli

    project = tmp_path / "new"
    assert run_cli("init", project).code == 0
    client = Client(project)
    _, _, index = client.call("GET", "/_nastav/")
    links = re.findall(r'href="/_nastav/(edit|list)\?([^"]+)"', index)
    assert len(links) >= 6
    for page, query in links:
        params = dict(pair.split("=", 1) for pair in _unescape(query).split("&"))
        from urllib.parse import unquote

        params = {k: unquote(v) for k, v in params.items()}
        status, _, html = client.call("GET", f"/_nastav/{page}", params)
        assert status == "200 OK", (page, params, html[:300])
        if page == "edit":
            before = read(project / params["file"])
            status, _, _ = client.call(
                "POST", "/_nastav/edit", params, form_pairs(html) + [("_action", "save")]
            )
            assert read(project / params["file"]) == before or status == "303 See Other"


def test_a_municipal_project_edits_its_organizations_records(tmp_path):
    from tests.conftest import copy_municipal_demo

    city = copy_municipal_demo(tmp_path / "city")
    client = Client(city)
    _, _, index = client.call("GET", "/_nastav/")
    assert "Организации" in index and "sosh1" in index
    assert "partners.yml" in _unescape(index)  # the office's own kinds
    _, _, own = client.call("GET", "/_nastav/", {"org": "sosh1"})
    program = re.search(r"content%2Forgs%2Fsosh1%2Fprograms%2F([\w-]+)\.yml", own)
    assert program
    query = {"file": f"content/orgs/sosh1/programs/{program[1]}.yml"}
    _, _, html = client.call("GET", "/_nastav/edit", query)
    pairs = [(k, "Новое название программы" if k == "title" else v) for k, v in form_pairs(html)]
    status, headers, _ = client.call("POST", "/_nastav/edit", query, pairs)
    assert status == "303 See Other"
    assert headers["Location"] == f"/organizatsii/sosh1/programmy/{program[1]}/"
    assert "title: Новое название программы" in read(city / query["file"])
