"""``nastav serve``: build, serve on localhost, rebuild when content changes.

The site is built with the full pipeline (validation, privacy, audit) into
a temporary folder and served by MkDocs' live-reload server, which also
refreshes the open browser tab. When a change breaks validation, the
previous build stays on screen with a banner listing the problems (added
to pages as they are served, never written into the site), and the
problems are printed (by ``commands/serve.py``); the next good build
removes the banner.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .config import CONFIG_NAME
from .console import Console
from .deploy.swap import MARKER
from .pipeline import Outcome, build


def serve(
    project: Path,
    host: str,
    port: int,
    console: Console,
    built: Callable[[Outcome, str], None],
    ready: Callable[[str], None],
) -> None:
    """Build the project and serve it until Ctrl+C, rebuilding on changes.

    ``built(outcome, url)`` hears the outcome of every build and ``ready(url)``
    that the server is about to start: the command prints them; ``console``
    only tells the builds' progress.
    """
    project = project.resolve()
    workdir = Path(tempfile.mkdtemp(prefix="nastav-serve-"))
    site = workdir / "site"

    def rebuild() -> None:
        outcome = build(project, site, console)
        server.problems = [] if outcome.ok else [d.format() for d in outcome.report.sorted()]
        built(outcome, server.url)

    server = _preview_server(builder=rebuild, host=host, port=port, root=str(site))
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
        shutil.rmtree(workdir, ignore_errors=True)


def _preview_server(**kwargs):
    """MkDocs' live-reload server that also shows the last failed build's
    problems on every page it serves."""
    from mkdocs.livereload import LiveReloadServer

    class PreviewServer(LiveReloadServer):
        problems: list[str] = []

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            content = super()._inject_js_into_html(content, epoch)
            return with_banner(content, self.problems) if self.problems else content

    return PreviewServer(**kwargs)


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
