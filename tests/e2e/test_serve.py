"""``nastav serve``: the preview follows edits, and a broken edit keeps the
last good site on screen. The preview's site lives in the project's
``.nastav/preview``: a preview stopped without Ctrl+C (a closed window)
leaves nothing in the system's temp folder."""

import html
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, edit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float = 30.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_on_change(demo_project: Path, tmp_path: Path):
    port = free_port()
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(demo_project), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "TMPDIR": str(system_temp)},
    )
    url = f"http://127.0.0.1:{port}/novosti/"
    try:
        assert wait_for(lambda: "Подведены итоги" in fetch(url))
        edit(
            demo_project,
            "content/news/2026-05-29-itogi-goda.yml",
            "title: Подведены итоги",
            "title: Обновлённые итоги",
        )
        assert wait_for(lambda: "Обновлённые итоги" in fetch(url))
        edit(
            demo_project,
            "content/news/2026-05-29-itogi-goda.yml",
            "date: 29.05.2026",
            "date: [29.05.2026",
        )
        # The last good build stays, under a banner with the problems.
        assert wait_for(lambda: "nastav-preview-problems" in fetch(url))
        page = fetch(url)
        assert "Обновлённые итоги" in page
        assert "Последние изменения не показаны: в записях ошибки." in page
        assert "content/news/2026-05-29-itogi-goda.yml, строка 2: ошибка" in html.unescape(page)
        edit(
            demo_project,
            "content/news/2026-05-29-itogi-goda.yml",
            "date: [29.05.2026",
            "date: 29.05.2026",
        )
        assert wait_for(lambda: "nastav-preview-problems" not in fetch(url))
        assert "Обновлённые итоги" in fetch(url)
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert "Предпросмотр: http://127.0.0.1" in output
    assert "строка 2: ошибка" in output and "Сайт не обновлён" in output
    assert "Traceback" not in output
    assert [p for p in os.listdir(system_temp) if "nastav" in p] == []
    preview = demo_project / ".nastav" / "preview" / "site" / "novosti" / "index.html"
    assert "Обновлённые итоги" in preview.read_text("utf-8")
