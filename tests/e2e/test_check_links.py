"""``nastav check-links`` against a local HTTP server only (never the
internet, never in a build): missing, closed, redirected-home and
not-a-document links, with a cache on disk."""

from __future__ import annotations

import http.server
import threading

import pytest
import yaml

from tests.conftest import run_cli


class Handler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        Handler.hits.append(self.path)
        routes = {
            "/docs/prikaz.pdf": (200, "application/pdf", b"%PDF-1.4"),
            "/docs/closed.pdf": (403, "text/html", b"forbidden"),
            "/docs/page.pdf": (200, "text/html", b"<html>not a pdf</html>"),
            "/": (200, "text/html", b"<html>home</html>"),
        }
        if self.path == "/docs/moved.pdf":
            self.send_response(302)
            self.send_header("Location", "/")
            self.end_headers()
            return
        status, kind, body = routes.get(self.path, (404, "text/html", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_links_are_checked_online_with_a_cache(demo_project, server):
    documents = demo_project / "content/documents.yml"
    data = yaml.safe_load(documents.read_text("utf-8"))
    names = ["prikaz", "closed", "page", "moved", "missing"]
    for document, name in zip(data["documents"], names):
        document.pop("file", None)
        document["url"] = f"{server}/docs/{name}.pdf"
    documents.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert run_cli("validate", demo_project).code == 0  # offline checks are happy

    Handler.hits.clear()
    result = run_cli("check-links", demo_project, "--timeout", "5")
    assert result.code == 1
    out = result.out
    assert "поле «documents[2].url»: ошибка: Ссылка на документ: нет доступа" in out, out
    assert "поле «documents[3].url»: предупреждение: Ссылка на документ: ссылка должна вести " \
           "на файл документа" in out
    assert "поле «documents[4].url»: ошибка: Ссылка на документ: ссылка перенаправляет на " \
           "главную" in out
    assert "поле «documents[5].url»: ошибка: Ссылка на документ: документ по ссылке не " \
           "найден (код 404)" in out
    assert "documents[1].url" not in out
    assert (demo_project / ".nastav/links.json").exists()
    fetched = len(Handler.hits)
    assert fetched >= 5

    again = run_cli("check-links", demo_project)
    assert again.out == result.out and len(Handler.hits) == fetched  # answered from the cache
    run_cli("check-links", demo_project, "--max-age", "-1")
    assert len(Handler.hits) > fetched


def test_unreachable_site_is_a_warning(demo_project):
    documents = demo_project / "content/documents.yml"
    text = documents.read_text("utf-8").replace(
        "file: files/dokumenty/prikaz-166.pdf", "url: http://127.0.0.1:9/nothing/here.pdf", 1)
    documents.write_text(text, "utf-8")
    result = run_cli("check-links", demo_project, "--timeout", "2")
    assert result.code == 0 and "сайт не ответил" in result.out, result.out


def test_build_never_goes_online(demo_project, server):
    """The same links, a build: no request reaches the server."""
    documents = demo_project / "content/documents.yml"
    text = documents.read_text("utf-8").replace(
        "file: files/dokumenty/prikaz-166.pdf", f"url: {server}/docs/missing.pdf", 1)
    documents.write_text(text, "utf-8")
    Handler.hits.clear()
    assert run_cli("build", demo_project, "-q").code == 0
    assert Handler.hits == []
