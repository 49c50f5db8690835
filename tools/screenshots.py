"""Regenerate the screenshots in docs/screenshots/ from the demo projects.

Builds the demo school (site_config.yml and content/ at the repository
root) and, when a shot needs it, the municipal demo (demo/municipal) into a
temporary folder, serves them on localhost and photographs the pages listed
in SHOTS with Debian's Chromium through Playwright. Run:

    ./run screenshots            # all of them
    ./run screenshots home       # only the named ones

To add a screenshot, add a Shot to SHOTS and its image to the README.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
# The demo content is written for this date (tests use the same one).
os.environ.setdefault("NASTAV_TODAY", "2026-11-22")
sys.path.insert(0, str(ROOT))
from generator.util.static_server import serve_folder as serve  # noqa: E402


@dataclass(frozen=True)
class Shot:
    name: str  # file name without .png
    path: str  # page, relative to the site root
    vi: dict[str, str] = field(default_factory=dict)  # version for the visually impaired
    open_panel: bool = False
    width: int = 1280
    height: int = 800
    full_page: bool = False
    site: str = "school"  # or "municipal": the demo portal of a city
    ready: str = ""  # selector to wait for when a script draws the page
    clip_to: str = ""  # photograph from the top of the page down to this element
    scroll_to: str = ""  # scroll this element up under the header first


SHOTS = [
    Shot("home", ""),
    Shot("program", "programmy/pp-2025-uu-01/"),
    # The roadmap from its fourth stage on: every status label, words whole.
    Shot(
        "roadmap",
        "dorozhnaya-karta/",
        height=1000,
        scroll_to=".nst-roadmap tr.nst-stage >> nth=3",
    ),
    Shot("vi-panel", "", vi={"font": "125", "scheme": "white"}, open_panel=True),
    Shot("vi-program", "programmy/pp-2025-uu-01/", vi={"font": "150", "scheme": "black"}),
    Shot(
        "vi-phone",
        "novosti/2026-09-22-vstrecha/",
        vi={"font": "150", "scheme": "blue", "images": "hide"},
        width=390,
        height=800,
        full_page=True,
    ),
    # The municipal portal: the monitoring summary (heat map), a direction
    # with its charts, the catalog narrowed by a filter, search results.
    Shot("monitoring-summary", "monitoring/2025/", site="municipal", height=1000),
    Shot(
        "monitoring-direction",
        "monitoring/2025/napravlenie-5/",
        site="municipal",
        height=1000,
        clip_to="#chart-5-orgs",
    ),
    Shot(
        "catalog-filtered",
        "praktiki/?form=uchitel-uchitel&year=2025",
        site="municipal",
        height=1000,
        ready="[data-nst-results] li",
    ),
    Shot(
        "search", "poisk/?q=наставника", site="municipal", height=900, ready=".nst-search__result"
    ),
]
_DEMOS = {
    "school": (ROOT / "site_config.yml", ROOT / "content"),
    "municipal": (
        ROOT / "demo" / "municipal" / "site_config.yml",
        ROOT / "demo" / "municipal" / "content",
    ),
}


def build_demo(target: Path, demo: str = "school") -> Path:
    from generator.cli import main

    config, content = _DEMOS[demo]
    project = target / demo
    project.mkdir(parents=True)
    shutil.copy(config, project / "site_config.yml")
    shutil.copytree(content, project / "content")
    # The municipal demo warns about the data problems it was made to show:
    # only a failed build is worth printing here.
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = main(["build", str(project), "--quiet"])
    if code != 0:
        print(output.getvalue(), file=sys.stderr)
        raise SystemExit("Демонстрационный сайт не собрался — снимки не обновлены.")
    return project / "site"


def take(shots: list[Shot], bases: dict[str, str]) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for shot in shots:
            context = browser.new_context(
                viewport={"width": shot.width, "height": shot.height},
                locale="ru-RU",
                device_scale_factor=1,
            )
            if shot.vi:
                context.add_init_script(
                    f"localStorage.setItem('nastav-vi', {json.dumps(json.dumps(shot.vi))})"
                )
            page = context.new_page()
            page.goto(bases[shot.site] + shot.path)
            if shot.ready:
                page.locator(shot.ready).first.wait_for(timeout=15_000)
            if shot.open_panel:
                page.get_by_role("button", name="Версия для слабовидящих").click()
            if shot.scroll_to:
                # Material's header stays on top: the element goes just below it.
                page.locator(shot.scroll_to).evaluate(
                    "el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY"
                    " - document.querySelector('.md-header').offsetHeight - 16)"
                )
                page.wait_for_timeout(600)  # the header's title slides in on scroll
            page.evaluate("document.fonts.ready")
            target = OUT / f"{shot.name}.png"
            if shot.clip_to:
                box = page.locator(shot.clip_to).bounding_box()
                page.screenshot(
                    path=str(target),
                    full_page=True,
                    clip={
                        "x": 0,
                        "y": 0,
                        "width": shot.width,
                        "height": box["y"] + box["height"] + 16,
                    },
                )
            else:
                page.screenshot(path=str(target), full_page=shot.full_page)
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} КБ")
            context.close()
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description="Обновить снимки экрана в docs/screenshots/")
    parser.add_argument(
        "names",
        nargs="*",
        help="какие снимки обновить (по умолчанию все): " + ", ".join(s.name for s in SHOTS),
    )
    args = parser.parse_args()
    unknown = set(args.names) - {s.name for s in SHOTS}
    if unknown:
        parser.error(f"нет таких снимков: {', '.join(sorted(unknown))}")
    shots = [s for s in SHOTS if not args.names or s.name in args.names]
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nastav-shots-") as tmp:
        servers, bases = [], {}
        try:
            for demo in sorted({s.site for s in shots}):
                bases[demo], server = serve(build_demo(Path(tmp), demo))
                servers.append(server)
            take(shots, bases)
        finally:
            for server in servers:
                server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
