"""Search payload on the benchmark municipality: the bytes a visitor's browser
receives from opening the «Поиск» page with a query until the first result
is on screen (issue 5: under 500 KB).

Generates the synthetic municipality (bench/synthetic.py: 93 organizations,
~1,460 pages), builds it with the nastav CLI, serves the site with Python's
static server and opens ``poisk/?q=WORD`` in headless Chromium (Playwright,
Debian's /usr/bin/chromium), with an empty cache. Every response that has
finished by the moment the first result's title is visible is counted:

* «как отдано» — response bodies as this server sends them. It does not
  compress, so this is what a host without compression transfers;
* «gzip» — the same bodies gzipped (level 6) where that makes them smaller,
  as a web server with compression on would send them. Pagefind's index
  chunks, fragments and WebAssembly are compressed by Pagefind already.

Figures are in kB of 1,000 bytes and split into the page itself (HTML,
Material's and our theme's CSS and JavaScript) and the search: Pagefind's
bundle and the search page's own interface (nastav-search.js). Run:

    .venv/bin/python bench/search_payload.py                # build, then measure
    .venv/bin/python bench/search_payload.py --site DIR     # measure a built site
    .venv/bin/python bench/search_payload.py --query школа --query учитель

Exit code 1 when a query's payload as served exceeds ``--budget`` (500 kB).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from generator.util.static_server import serve_folder as serve  # noqa: E402

os.environ.setdefault("NASTAV_TODAY", "2026-11-22")

QUERIES = ["наставник", "программа", "учитель"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# A result counts once its title is on screen (the page draws a result when
# its text has arrived, never a placeholder).
RESULT = ".nst-search__result .nst-search__link"
# Set in the page before anything else runs: the moment (epoch ms) the first
# result is visible, seen by a MutationObserver rather than by polling.
WATCH_FIRST_RESULT = """
window.__nstFirstResultAt = null;
new MutationObserver((records, observer) => {
    const result = document.querySelector(RESULT_SELECTOR);
    if (result && result.checkVisibility()) {
        window.__nstFirstResultAt = Date.now();
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});
""".replace("RESULT_SELECTOR", json.dumps(RESULT))


@dataclass
class Transfer:
    path: str
    served: int  # response body bytes as sent by the server
    gzipped: int  # the same, gzipped where that is smaller
    finished_at: float  # epoch ms

    @property
    def search(self) -> bool:
        return self.path.startswith("/pagefind/") or self.path.endswith("/nastav-search.js")


@dataclass
class Measurement:
    query: str
    results: int  # how many pages were found, as the search page says
    first_result_ms: float  # from navigation start
    before: list[Transfer]  # finished before the first result was visible
    after: list[Transfer]  # everything else the page loaded until the network was idle

    def total(self, field: str, search: bool | None = None) -> int:
        return sum(getattr(t, field) for t in self.before if search in (None, t.search))


def build_synthetic(workdir: Path) -> Path:
    from bench import synthetic

    project = synthetic.generate(workdir / "city")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(project), "--quiet"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(
            "Синтетический муниципалитет не собрался:\n" + done.stdout[-3000:] + done.stderr[-3000:]
        )
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    print(
        f"Собран синтетический муниципалитет: {pages} страниц за "
        f"{time.perf_counter() - started:.0f} с ({project / 'site'})"
    )
    return project / "site"


def _transfer(request) -> Transfer | None:
    response = request.response()
    if response is None or not request.url.startswith("http"):
        return None
    # The body as received: this server does not compress, so its length is
    # what went over the wire (Playwright reports 0 for a worker's script).
    body = response.body()
    served = len(body)
    timing = request.timing
    return Transfer(
        urlsplit(request.url).path,
        served,
        min(served, len(gzip.compress(body, 6, mtime=0))),
        timing["startTime"] + timing["responseEnd"],
    )


def measure(browser, base: str, query: str) -> Measurement:
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_FIRST_RESULT)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(base + "poisk/?q=" + quote(query), wait_until="commit")
    page.wait_for_function("window.__nstFirstResultAt !== null", timeout=60_000)
    first_at = page.evaluate("window.__nstFirstResultAt")
    started = page.evaluate("performance.timeOrigin")
    page.wait_for_load_state("networkidle")
    count = re.search(r"(\d[\d\s]*)\s+страниц", page.locator(".nst-search__message").inner_text())
    transfers = [t for t in map(_transfer, finished) if t is not None]
    context.close()
    return Measurement(
        query,
        int(re.sub(r"\D", "", count.group(1))) if count else 0,
        first_at - started,
        [t for t in transfers if t.finished_at <= first_at],
        [t for t in transfers if t.finished_at > first_at],
    )


def kb(n: int) -> str:
    return f"{n / 1000:7.1f}"


def report(m: Measurement, budget: float, verbose: bool) -> bool:
    print(
        f"\n«{m.query}»: найдено страниц: {m.results}, первая видна через "
        f"{m.first_result_ms:.0f} мс; до него загружено файлов: {len(m.before)}"
    )
    print(f"  {'':26}{'как отдано':>12}{'gzip':>10}   кБ")
    for label, search in (
        ("страница и тема", False),
        ("поиск (индекс и интерфейс)", True),
        ("всего", None),
    ):
        print(
            f"  {label:26}{kb(m.total('served', search)):>12}{kb(m.total('gzipped', search)):>10}"
        )
    if verbose:
        for t in sorted(m.before, key=lambda t: -t.served):
            print(f"    {kb(t.served)} {kb(t.gzipped)}  {t.path}")
        if m.after:
            late = sum(t.served for t in m.after)
            print(f"  после первого результата ещё {len(m.after)} файлов, {kb(late).strip()} кБ")
    ok = m.total("served") <= budget * 1000
    print(f"  бюджет {budget:.0f} кБ: {'уложились' if ok else 'ПРЕВЫШЕН'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Объём данных поиска до первого результата на синтетическом муниципалитете"
    )
    parser.add_argument(
        "--site",
        type=Path,
        help="уже собранный сайт (иначе собрать синтетический муниципалитет во временной папке)",
    )
    parser.add_argument(
        "--query",
        action="append",
        help=f"запрос (по умолчанию: {', '.join(QUERIES)}); можно несколько раз",
    )
    parser.add_argument("--budget", type=float, default=500, help="бюджет, кБ (500)")
    parser.add_argument("-v", "--verbose", action="store_true", help="показать каждый файл")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="nastav-search-") as tmp:
        site = args.site or build_synthetic(Path(tmp))
        base, server = serve(site)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                results = [measure(browser, base, q) for q in args.query or QUERIES]
                browser.close()
        finally:
            server.shutdown()
    ok = [report(m, args.budget, args.verbose) for m in results]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
