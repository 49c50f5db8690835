"""Screenshots of the editor in docs/screenshots/editor-*.png: a copy of the
demo school is served by ``nastav serve`` and photographed in Debian's
Chromium (Playwright) the way a curator goes: the page with the editor's
bar, a form with a mistake shown at its field, the list of a list file.

    .venv/bin/python tools/editor_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
os.environ.setdefault("NASTAV_TODAY", "2026-11-22")


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "school"
        project.mkdir()
        shutil.copy(ROOT / "site_config.yml", project / "site_config.yml")
        shutil.copytree(ROOT / "content", project / "content")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", str(project), "--port", str(port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/"
        try:
            for _ in range(300):
                try:
                    if urllib.request.urlopen(url + "_nastav/", timeout=2).status == 200:
                        break
                except OSError:
                    time.sleep(0.5)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                    args=[
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                    ],
                )
                page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="ru-RU")
                page.goto(url + "programmy/pp-2025-uu-01/")
                page.screenshot(path=OUT / "editor-bar.png")
                page.goto(url + "_nastav/edit?file=content%2Fprograms%2Fpp-2025-uu-01.yml")
                page.get_by_role("textbox", name="Начало (обязательное)").fill("31.09.2025")
                page.get_by_role("button", name="Сохранить", exact=True).click()
                page.wait_for_load_state("load")
                page.screenshot(path=OUT / "editor-form-error.png")
                page.goto(url + "_nastav/list?file=content%2Fdocuments.yml")
                page.screenshot(path=OUT / "editor-list.png")
                browser.close()
        finally:
            server.terminate()
            server.wait(10)
    print("docs/screenshots/editor-bar.png, editor-form-error.png, editor-list.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
