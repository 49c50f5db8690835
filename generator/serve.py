"""``nastav serve``: build, serve on localhost, rebuild when content changes.

The site is built with the full pipeline (validation, privacy, audit) into
a temporary folder and served by MkDocs' live-reload server, which also
refreshes the open browser tab. When a change breaks validation, the
previous build stays on screen and the problems are printed.
"""

from __future__ import annotations

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
    from mkdocs.livereload import LiveReloadServer

    workdir = Path(tempfile.mkdtemp(prefix="nastav-serve-"))
    site = workdir / "site"

    def rebuild() -> None:
        outcome = build(project, site, console)
        print_report(outcome.report, console)
        if outcome.ok:
            pages = outcome.stats.pages if outcome.stats else 0
            console.say(f"Сайт обновлён ({pages} стр.): {server.url}")
        else:
            console.problem(
                "Сайт не обновлён: исправьте ошибки — после сохранения файла сборка повторится."
            )

    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site))
    for path in (project / "content", project / CONFIG_NAME, project / "theme"):
        if path.exists():
            server.watch(str(path))
    rebuild()
    if not site.exists():
        site.mkdir(parents=True)
        (site / "index.html").write_text(
            "<!doctype html><meta charset='utf-8'><title>Ошибки в записях</title>"
            "<p>Сайт не собран: исправьте ошибки, перечисленные в терминале.</p>",
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
