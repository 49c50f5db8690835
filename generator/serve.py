"""``nastav serve``: build, serve on localhost, rebuild when content changes.

The site is built with the full pipeline (validation, privacy, audit) into
``.nastav/preview/site`` (``Workspace.preview``) and served by MkDocs'
live-reload server, which also refreshes the open browser tab. When a change breaks validation, the
previous build stays on screen with a banner listing the problems (added
to pages as they are served, never written into the site), and the
problems are printed (by ``commands/serve.py``); the next good build
removes the banner.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .config import CONFIG_NAME
from .console import Console
from .deploy.swap import MARKER
from .pipeline import Outcome, build
from .workspace import Workspace


def serve(
    project: Path,
    host: str,
    port: int,
    console: Console,
    built: Callable[[Outcome, str], None],
    ready: Callable[[str], None],
    editing: bool = True,
) -> None:
    """Build the project and serve it until Ctrl+C, rebuilding on changes.

    ``built(outcome, url)`` hears the outcome of every build and ``ready(url)``
    that the server is about to start: the command prints them; ``console``
    only tells the builds' progress.
    """
    project = project.resolve()
    site = Workspace.of(project).preview

    def rebuild() -> None:
        outcome = build(project, site, console)
        server.problems = [] if outcome.ok else [d.format() for d in outcome.report.sorted()]
        built(outcome, server.url)

    server = _preview_server(builder=rebuild, host=host, port=port, root=str(site))
    if editing:
        from .editor.app import EditorApp
        from .editor.places import is_municipal

        server.editor = EditorApp(project, _host_names(host, port))
        server.municipal = is_municipal(project)
    for path in (project / "content", project / CONFIG_NAME, project / "theme"):
        if path.exists():
            server.watch(str(path))
    rebuild()
    if not site.exists():
        site.mkdir(parents=True)
        (site / "index.html").write_text(
            "<!doctype html><html lang='ru'><meta charset='utf-8'><title>Ошибки в записях</title>"
            "<body><p>Сайт ещё не собран: исправьте ошибки, перечисленные выше "
            "и в окне терминала.</p></body></html>",
            encoding="utf-8",
        )
        (site / MARKER).write_text("placeholder\n", encoding="utf-8")
    ready(server.url)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass  # Ctrl+C: the command says it has stopped
    finally:
        server.shutdown()


def _preview_server(**kwargs):
    """MkDocs' live-reload server that also shows the last failed build's
    problems on every page it serves."""
    import threading

    from mkdocs.livereload import LiveReloadServer

    class PreviewServer(LiveReloadServer):
        problems: list[str] = []
        editor: Any = None  # editor/app.py EditorApp, unless --readonly
        municipal = False
        _local = threading.local()  # the page being served, per request thread

        def _serve_request(self, environ, start_response):
            path = environ.get("PATH_INFO", "")
            if self.editor is not None and path.startswith("/_nastav/"):
                return self.editor(environ, start_response)
            self._local.path = path.encode("latin-1").decode("utf-8", "replace")
            return super()._serve_request(environ, start_response)

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            content = super()._inject_js_into_html(content, epoch)
            if self.problems:
                content = with_banner(content, self.problems)
            if self.editor is not None:
                content = with_editor_bar(
                    content, getattr(self._local, "path", "/"), self.municipal
                )
            return content

    return PreviewServer(**kwargs)


def _host_names(host: str, port: int) -> list[str]:
    """The names a browser may use for this server in the Host header."""
    names = [f"{host}:{port}"]
    if host in ("127.0.0.1", "localhost", "::1"):
        names += [f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"]
    return names


def with_editor_bar(page: bytes, path: str, municipal: bool) -> bytes:
    """The page with the editor's links for what it shows, before </body>:
    «Редактировать» the record or section, «Добавить» to a list, all records."""
    from .editor.places import EDITOR, links_for_page

    links = links_for_page(path, municipal)
    items = [
        f'<a href="{html.escape(href)}">{html.escape(text)}</a>'
        for text, href in [*links.edit, *links.add]
    ]
    items.append(f'<a href="{EDITOR}">Все записи</a>')
    bar = (
        f'<nav id="{EDITOR_BAR_ID}" aria-label="Редактор записей" style="position:sticky;'
        "bottom:0;z-index:1000;background:#1f3a5f;color:#fff;padding:.6em 1em;"
        'font:16px/1.5 system-ui,sans-serif;display:flex;flex-wrap:wrap;gap:.4em 1.2em">'
        '<strong style="color:#fff">Редактор:</strong>'
        + "".join(items).replace("<a ", '<a style="color:#fff;text-decoration:underline" ')
        + "</nav>"
    ).encode()
    end = page.rfind(b"</body>")
    return page[:end] + bar + page[end:] if end >= 0 else page + bar


EDITOR_BAR_ID = "nastav-editor-bar"


MAX_SHOWN = 20
BANNER_ID = "nastav-preview-problems"


def with_banner(page: bytes, problems: list[str]) -> bytes:
    """The page with a banner of build problems right after <body>."""
    errors = [p for p in problems if ": ошибка:" in p] or problems
    items = "".join(f"<li>{html.escape(p)}</li>" for p in errors[:MAX_SHOWN])
    more = (
        f"<p>и ещё {len(errors) - MAX_SHOWN} — все сообщения в окне терминала.</p>"
        if len(errors) > MAX_SHOWN
        else ""
    )
    banner = (
        f'<div id="{BANNER_ID}" role="alert" style="position:sticky;top:0;z-index:1000;'
        "background:#fff3cd;color:#3d2c00;border-bottom:3px solid #b58100;padding:1em 1.5em;"
        'font:16px/1.45 system-ui,sans-serif;max-height:50vh;overflow:auto">'
        "<p><strong>Последние изменения не показаны: в записях ошибки.</strong> "
        "Ниже — сайт до этих изменений. Исправьте ошибки и сохраните файл — "
        "предпросмотр обновится сам.</p>"
        f'<ul style="margin:.5em 0 0 1.2em">{items}</ul>{more}</div>'
    ).encode()
    start = page.find(b"<body")
    end = page.find(b">", start) + 1 if start >= 0 else 0
    return page[:end] + banner + page[end:]
