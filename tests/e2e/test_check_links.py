"""``nastav check-links`` against a local HTTP server only (never the
internet, never in a build): missing, closed, redirected-home and
not-a-document links, with a cache on disk."""

from __future__ import annotations

import http.server
import re
import threading

import pytest
import yaml

from tests.conftest import copy_municipal_demo, run_cli


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
    assert (
        "поле «documents[3].url»: предупреждение: Ссылка на документ: ссылка должна вести "
        "на файл документа" in out
    )
    assert (
        "поле «documents[4].url»: ошибка: Ссылка на документ: ссылка перенаправляет на "
        "главную" in out
    )
    assert (
        "поле «documents[5].url»: ошибка: Ссылка на документ: документ по ссылке не "
        "найден (код 404)" in out
    )
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
        "file: files/dokumenty/prikaz-166.pdf", "url: http://127.0.0.1:9/nothing/here.pdf", 1
    )
    documents.write_text(text, "utf-8")
    result = run_cli("check-links", demo_project, "--timeout", "2")
    assert result.code == 0 and "сайт не ответил" in result.out, result.out


def test_build_never_goes_online(demo_project, server):
    """The same links, a build: no request reaches the server."""
    documents = demo_project / "content/documents.yml"
    text = documents.read_text("utf-8").replace(
        "file: files/dokumenty/prikaz-166.pdf", f"url: {server}/docs/missing.pdf", 1
    )
    documents.write_text(text, "utf-8")
    Handler.hits.clear()
    assert run_cli("build", demo_project, "-q").code == 0
    assert Handler.hits == []


# -- a municipal project -------------------------------------------------------------
class Documents(http.server.BaseHTTPRequestHandler):
    """Every «…/missing…» is gone, every other document is there."""

    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        Documents.hits.append(self.path)
        status = 404 if "missing" in self.path else 200
        kind = "text/html" if self.path.endswith("/") else "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", "8")
        self.end_headers()
        self.wfile.write(b"%PDF-1.4")

    def log_message(self, *args):
        pass


def test_municipal_project_checks_every_organization_and_monitoring(tmp_path):
    """The municipality's records, each organization's records and the
    monitoring values; a document linked from many rows is opened once and
    reported once, with its rows. Every link of the demo points to a local
    server (the «.xlsx» values file is left out: its links are in cells)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Documents)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        project = copy_municipal_demo(tmp_path / "city")
        (project / "content/monitoring/znacheniya-2024.xlsx").unlink()
        for path in [*project.rglob("*.yml"), *project.rglob("*.csv")]:
            text = path.read_text("utf-8-sig")
            path.write_text(re.sub(r"https?://([a-z0-9.-]+)", rf"{base}/\1", text), "utf-8")
        values = project / "content/monitoring/znacheniya-2025.csv"
        values.write_text(
            values.read_text("utf-8").replace(
                "sosh1-novoozersk.example.ru/nastavnichestvo/monitoring-2025.pdf",
                "sosh1-novoozersk.example.ru/nastavnichestvo/missing-2025.pdf",
            ),
            "utf-8",
        )
        partners = project / "content/partners.yml"
        partners.write_text(
            partners.read_text("utf-8").replace(
                "ddt-novoozersk.example.ru/files/soglashenie-impuls.pdf",
                "ddt-novoozersk.example.ru/files/missing-impuls.pdf",
            ),
            "utf-8",
        )
        documents = project / "content/orgs/sosh1/documents.yml"
        documents.write_text(
            documents.read_text("utf-8").replace(
                "files/polozhenie-obuchayushchiesya.pdf", "files/missing-polozhenie.pdf"
            ),
            "utf-8",
        )

        Documents.hits.clear()
        result = run_cli("check-links", project, "--timeout", "5")
        out = result.out
        assert result.code == 1, out
        rows = ", ".join(str(n) for n in range(3, 13))
        assert (
            "content/monitoring/znacheniya-2025.csv, строка 2, поле «ссылка»: ошибка: "
            "Ссылка на подтверждающий документ: документ по ссылке не найден (код 404) "
            f"(V7). Та же ссылка — в строках {rows} и других."
        ) in out, out
        assert (
            "content/partners.yml, строка 36, поле «partners[3].agreements[1].url»: ошибка: "
            "Ссылка на соглашение: документ по ссылке не найден (код 404)" in out
        ), out
        assert (
            "content/orgs/sosh1/documents.yml, строка 10, поле «documents[2].url»: ошибка: "
            "Ссылка на документ: документ по ссылке не найден (код 404)" in out
        )
        errors = [line for line in out.splitlines() if ": ошибка: " in line]
        assert len(errors) == 3, errors  # 44 rows of one missing document: one error
        assert "предупреждение" not in out, out  # every other link answered with a document
        assert all(", строка " in line and ", поле «" in line for line in errors)
        # Each document once, whatever the number of rows and «#k1.2» fragments.
        assert len(Documents.hits) == len(set(Documents.hits)) > 10
        assert not any("#" in hit for hit in Documents.hits)

        fetched = len(Documents.hits)
        again = run_cli("check-links", project)
        assert again.out == out and len(Documents.hits) == fetched  # from the cache
    finally:
        httpd.shutdown()
