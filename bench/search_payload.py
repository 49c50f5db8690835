"""Search payload on the benchmark municipality: the bytes a visitor's browser
receives from opening the «Поиск» page and typing a query until the first
result is on screen (issue 14: at most 500 KB, whatever the server).

Uses the city of ``./run bench`` (bench/synthetic.py: 93 organizations,
~1,460 pages) in ``--out`` (bench/out/city): generated if missing, then built
with the nastav CLI — a quick rebuild when ``./run bench`` or an earlier
run left it built. The site is served by Python's static server, which
does not compress, and opened in headless Chromium (Playwright, Debian's
/usr/bin/chromium) with an empty cache: the page ``poisk/``, then, once it has loaded, the
query typed into its field. Every response that has finished by the moment
the first result's title is visible is counted:

* «как отдано» — response bodies as this server sends them, which is what
  a host without compression transfers;
* «gzip» — the same bodies gzipped (level 6) where that makes them smaller,
  as a web server with compression on would send them. Pagefind's index
  chunks, fragments and WebAssembly are compressed by Pagefind already.

Figures are in kB of 1,000 bytes: the page itself (HTML, Material's and our
theme's CSS and JavaScript) and the search by kind — the page's interface
(nastav-search.js), Pagefind's program (pagefind.js and its WebAssembly),
the indexes' entry files and metadata (with nastav-shards.json), index
chunks (the words), fragments (the texts of the results shown) and filters.
Under each query: how many pages the page says it found and a fingerprint
of Pagefind's result set (page ids), to compare builds. Run:

    .venv/bin/python bench/search_payload.py                # build, then measure
    .venv/bin/python bench/search_payload.py --site DIR     # measure a built site
    .venv/bin/python bench/search_payload.py --query школа --query учитель

Exit code 1 when a query's payload as served exceeds ``--budget`` (500 kB).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from generator.util.static_server import serve_folder as serve  # noqa: E402

TODAY = "2026-11-22"  # as bench/scale.py: the synthetic data are dated around it
# A form of the portal's most frequent word, a word of every program page,
# the municipality's name (the synthetic city has the municipal demo's) and a
# word of mentors' positions, not of any name.
QUERIES = ["наставника", "программа", "Новоозёрск", "учитель"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FIELD = "#nst-search-words"
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
# Pagefind's result set for a query, from the module the page has loaded
# (the same URL: the same instance, its indexes merged, chunks loaded).
RESULT_IDS = """
async ([bundle, query]) => {
    const pagefind = await import(bundle + "pagefind.js");
    const answer = await pagefind.search(query);
    return answer.results.map(r => r.id).sort();
}
"""
KINDS = [  # label, test on the path
    ("интерфейс поиска (nastav-search.js)", lambda p: p.endswith("/nastav-search.js")),
    ("Pagefind: JS и WebAssembly", lambda p: p.endswith((".js", "/wasm.ru.pagefind", ".pagefind"))),
    (
        "входы индексов и метаданные",
        lambda p: p.endswith(("entry.json", ".pf_meta", "shards.json")),
    ),
    ("части индекса (слова)", lambda p: p.endswith(".pf_index")),
    ("фрагменты (тексты результатов)", lambda p: p.endswith(".pf_fragment")),
    ("фильтры", lambda p: p.endswith(".pf_filter")),
    ("прочие файлы Pagefind", lambda p: True),
]


@dataclass
class Transfer:
    path: str
    served: int  # response body bytes as sent by the server
    gzipped: int  # the same, gzipped where that is smaller
    finished_at: float  # epoch ms

    @property
    def kind(self) -> str | None:
        """Its kind of search file, None for the page and theme."""
        if self.path.startswith("/pagefind/") or self.path.endswith("/nastav-search.js"):
            return next(label for label, test in KINDS if test(self.path))
        return None


@dataclass
class Measurement:
    query: str
    results: int  # how many pages were found, as the search page says
    result_set: str  # fingerprint of Pagefind's result ids
    first_result_ms: float  # from the first key typed (a pause of 250 ms included)
    before: list[Transfer]  # finished before the first result was visible
    after: list[Transfer]  # everything else the page loaded until the network was idle

    def total(self, field: str, kind: str | None | bool = True) -> int:
        """Bytes before the first result: all (True), the page (None) or one kind."""
        return sum(getattr(t, field) for t in self.before if kind is True or t.kind == kind)

    def files(self, kind: str | None | bool = True) -> int:
        return sum(1 for t in self.before if kind is True or t.kind == kind)


def build_city(out: Path) -> Path:
    """The city of ``./run bench`` in ``out``, generated if missing, built."""
    sys.path.insert(0, str(HERE))
    import synthetic

    project = out / "city"
    if not (project / "content").is_dir():
        started = time.perf_counter()
        synthetic.generate(project)
        print(f"Синтетический город создан за {time.perf_counter() - started:.1f} с")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(project), "--quiet"],
        capture_output=True,
        text=True,
        cwd=HERE.parent,
        env={**os.environ, "NASTAV_TODAY": TODAY},
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
    page.goto(base + "poisk/")
    # The page loads Pagefind and the indexes' entries and metadata as it
    # opens; the query is typed once that is done, as a visitor would, and
    # the search runs after the pause in typing.
    page.wait_for_load_state("networkidle")
    typed_at = page.evaluate("Date.now()")
    page.locator(FIELD).type(query)
    page.wait_for_function("window.__nstFirstResultAt !== null", timeout=60_000)
    first_at = page.evaluate("window.__nstFirstResultAt")
    page.wait_for_load_state("networkidle")
    message = page.locator(".nst-search__message", has_text="страниц")
    message.wait_for(timeout=60_000)
    count = re.search(r"(\d[\d\s]*)\s+страниц", message.inner_text())
    transfers = [t for t in map(_transfer, finished) if t is not None]
    ids = page.evaluate(RESULT_IDS, [base + "pagefind/", query])
    context.close()
    return Measurement(
        query,
        int(re.sub(r"\D", "", count.group(1))) if count else 0,
        hashlib.sha256("\n".join(ids).encode()).hexdigest()[:12],
        first_at - typed_at,
        [t for t in transfers if t.finished_at <= first_at],
        [t for t in transfers if t.finished_at > first_at],
    )


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def report(m: Measurement, budget: float, verbose: bool) -> bool:
    print(
        f"\n«{m.query}»: найдено страниц: {m.results} (набор результатов {m.result_set}); "
        f"первая видна через {m.first_result_ms:.0f} мс после начала ввода"
    )
    print(f"  {'':44}{'как отдано':>11}{'gzip':>8}{'файлов':>8}")
    rows: list[tuple[str, str | None | bool]] = [("страница и тема", None)]
    rows += [("поиск: " + label, label) for label, _ in KINDS]
    rows += [("всего", True)]
    for label, kind in rows:
        print(
            f"  {label:44}{kb(m.total('served', kind)):>11}{kb(m.total('gzipped', kind)):>8}"
            f"{m.files(kind):>8}"
        )
    if verbose:
        for t in sorted(m.before, key=lambda t: -t.served):
            print(f"    {kb(t.served):>7} {kb(t.gzipped):>7}  {t.path}")
    if m.after:
        late = sum(t.served for t in m.after)
        print(f"  после первого результата ещё {len(m.after)} файлов, {kb(late)} кБ")
    ok = m.total("served") <= budget * 1000
    print(f"  бюджет {budget:.0f} кБ как отдано: {'уложились' if ok else 'ПРЕВЫШЕН'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Объём данных поиска до первого результата на синтетическом муниципалитете"
    )
    parser.add_argument(
        "--site", type=Path, help="уже собранный сайт (иначе — город из ./run bench)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=HERE / "out",
        help="папка города ./run bench (по умолчанию bench/out)",
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

    site = args.site or build_city(args.out)
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
