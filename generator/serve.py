"""``nastav serve``: build, serve on localhost, rebuild when content changes.

The site is built with the full pipeline (validation, privacy, audit) into
a temporary folder and served by MkDocs' live-reload server, which also
refreshes the open browser tab. When a change breaks validation, the
previous build stays on screen with a banner listing the problems (added
to pages as they are served, never written into the site), and the
problems are printed; the next good build removes the banner.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from pathlib import Path

from .cli import print_report
from .config import CONFIG_NAME
from .console import Console
from .pipeline import build
from .site.swap import MARKER


def serve(project: Path, host: str, port: int, console: Console) -> int:
    project = project.resolve()
    if not (project / CONFIG_NAME).exists():
        console.problem(
            f"В папке {project} нет {CONFIG_NAME}. Создайте проект командой «nastav init ПАПКА»."
        )
        return 1
    workdir = Path(tempfile.mkdtemp(prefix="nastav-serve-"))
    site = workdir / "site"

    def rebuild() -> None:
        outcome = build(project, site, console)
        print_report(outcome.report, console)
        server.problems = [] if outcome.ok else [d.format() for d in outcome.report.sorted()]
        if outcome.ok:
            pages = outcome.stats.pages if outcome.stats else 0
            console.say(f"Сайт обновлён ({pages} стр.): {server.url}")
        else:
            console.problem(
                "Сайт не обновлён: исправьте ошибки — после сохранения файла сборка повторится."
            )

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
    console.say(f"Предпросмотр: {server.url} (остановить — Ctrl+C)")
    try:
        server.serve()
    except KeyboardInterrupt:
        console.say("Остановлено.")
    finally:
        server.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


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
