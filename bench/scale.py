"""Scale benchmark: a municipality the size of Izhevsk (93 organizations,
1,111 programs, 1,354 mentors, 200 practices, 3 years × 63 criteria of
monitoring values for each organization), built the way a curator builds it;
``--scale 10`` builds the same city ten times over (a region: 930
organizations, ~14,000 pages).

    ./run bench [--scale N] [--out bench/out] [--edits N] [--pdf]

Prints the figures the README reports: cold build, rebuild with nothing
changed, rebuilds after editing one program (N times, programs of different
organizations; the median is compared with the target); peak memory of the
whole process tree (every process summed, sampled); pages, output size,
average HTML per page, search index size and how many pages the index
covers. Then stock MkDocs with Material and Pagefind, run on the very
Markdown tree the cold build wrote, timed the same way, and the ratio.

The builds run with ``NASTAV_SOFFICE=off``: the PDFs LibreOffice makes
(the monitoring report, «Весь раздел») are a cost of their own, which
``--pdf`` adds; stock MkDocs makes no PDF either.

Targets (issue 18, a 2-core machine):
×1 — cold ≤ 20 s, one-record rebuild ≤ 1.5 s, peak ≤ 600 MB;
×10 — cold ≤ stock MkDocs + Pagefind, rebuild ≤ 3 s, peak ≤ 2 GB;
both with a complete search index and ≤ 50 KB average HTML.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import synthetic  # noqa: E402

TODAY = "2026-11-22"  # the synthetic data are dated around it
PDF = False  # --pdf: LibreOffice makes the PDFs when installed
STAGE = re.compile(r"^\s+(.+?): (\d+,\d) с$")


@dataclass
class Run:
    name: str
    seconds: float
    peak_mb: float
    stages: list[tuple[str, str]]
    output: str


def main() -> int:
    parser = argparse.ArgumentParser(description="Замер сборки синтетического города.")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument(
        "--edits",
        type=int,
        default=5,
        help="сколько раз править по одной программе (берётся медиана)",
    )
    parser.add_argument(
        "--scale", type=int, default=1, help="во сколько раз больше города (10 — регион)"
    )
    parser.add_argument(
        "--pdf", action="store_true", help="делать PDF (LibreOffice), если он установлен"
    )
    args = parser.parse_args()
    global PDF
    PDF = args.pdf
    project = args.out / ("city" if args.scale == 1 else f"city-x{args.scale}")
    load = os.getloadavg()[0]
    print(
        f"Машина: {os.cpu_count()} ядра, средняя загрузка {load:.1f}"
        + (" — машина занята, времена завышены" if load > 0.8 else "")
    )
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print(
            "PYTHONDONTWRITEBYTECODE задана в окружении; сборки запускаются без неё, "
            "как на обычном компьютере."
        )
    started = time.perf_counter()
    synthetic.generate(project, args.scale)
    counts = _counts(project)
    print(f"Синтетический город создан за {time.perf_counter() - started:.1f} с: {counts}")

    print("PDF (LibreOffice): " + ("делаются, если он установлен" if PDF else "не делаются"))
    runs = [_build(project, "холодная сборка (без кэша)")]
    stock = _stock(project, args.out / "stock")
    runs.append(_build(project, "повторная сборка без изменений"))
    # Times on a shared machine vary by 10–20 %: a few edits, each of a
    # program of another organization, and their median.
    edits = []
    for n in range(max(1, args.edits)):
        program = _edit_one_program(project, n)
        edits.append(
            _build(
                project,
                f"после правки одной программы ({program.parent.parent.name}/{program.name})",
            )
        )
        _check_edit(project, program, n)
    runs += edits
    preview = _preview(project, max(1, args.edits))

    print()
    for run in runs:
        print(f"{run.name}: {run.seconds:.1f} с, пик памяти {run.peak_mb:.0f} МБ")
        for stage, value in run.stages:
            print(f"    {stage}: {value} с")
    site = project / "site"
    pages, html, total = _sizes(site)
    search = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    indexed, searchable = _index_coverage(site)
    print()
    print(f"Страниц: {pages}; всего в сайте: {total / 1_048_576:.1f} МБ")
    print(f"Средний размер HTML-страницы: {html / pages / 1024:.1f} КБ")
    print(
        f"Поисковый индекс Pagefind: {search / 1_048_576:.1f} МБ на диске; "
        f"в индексе страниц: {indexed} из {searchable}"
    )
    print()
    cold = runs[0]
    rebuild = sorted(edits, key=lambda r: r.seconds)[len(edits) // 2]
    print(
        f"Пересборка после правки одной программы, медиана из {len(edits)}: "
        f"{rebuild.seconds:.1f} с (от {min(r.seconds for r in edits):.1f} "
        f"до {max(r.seconds for r in edits):.1f} с)"
    )
    print()
    middle = sorted(preview["seconds"])[len(preview["seconds"]) // 2]
    print(
        f"Предпросмотр (nastav serve, один процесс): пересборка после правки одной программы, "
        f"медиана из {len(preview['seconds'])}: {middle:.1f} с (от "
        f"{min(preview['seconds']):.1f} до {max(preview['seconds']):.1f} с); "
        f"память процесса {preview['peak_mb']:.0f} МБ"
    )
    stock_total = stock.mkdocs + stock.pagefind
    print(
        f"Стандартные MkDocs + Material и Pagefind на том же дереве Markdown: "
        f"{stock.mkdocs:.1f} с + {stock.pagefind:.1f} с = {stock_total:.1f} с, "
        f"пик памяти {stock.peak_mb:.0f} МБ; nastav с нуля / стандартные = "
        f"{cold.seconds / stock_total:.2f}"
    )
    peak = max(r.peak_mb for r in runs)
    print()
    if args.scale == 1:
        targets = [
            ("холодная сборка ≤ 20 с", cold.seconds <= 20),
            ("пересборка после правки ≤ 1,5 с", rebuild.seconds <= 1.5),
            ("пик памяти всех процессов ≤ 600 МБ", peak <= 600),
        ]
    else:
        targets = [
            (
                "холодная сборка ≤ стандартных MkDocs + Pagefind",
                cold.seconds <= stock_total,
            ),
            ("пересборка после правки ≤ 3 с", rebuild.seconds <= 3),
            ("пик памяти всех процессов ≤ 2 ГБ", peak <= 2048),
        ]
    targets += [
        ("индекс покрывает все страницы", indexed == searchable),
        ("средний HTML ≤ 50 КБ", html / pages <= 50 * 1024),
    ]
    for text, ok in targets:
        print(f"  {'да ' if ok else 'НЕТ'}  {text}")
    return 0


def _preview(project: Path, edits: int) -> dict:
    """Rebuilds in one process, as ``nastav serve`` makes them (bench/preview.py)."""
    env = {**os.environ, "NASTAV_TODAY": TODAY}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not PDF:
        env["NASTAV_SOFFICE"] = "off"
    done = subprocess.run(
        [sys.executable, str(HERE / "preview.py"), str(project), str(edits)],
        capture_output=True,
        text=True,
        env=env,
        cwd=HERE.parent,
    )
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:])
        raise SystemExit("Замер предпросмотра не удался.")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  предпросмотр: {', '.join(f'{s:.1f}' for s in result['seconds'])} с")
    return result


@dataclass
class Stock:
    mkdocs: float
    pagefind: float
    peak_mb: float


def _stock(project: Path, out: Path) -> Stock:
    """Stock MkDocs + Material (no theme overrides of ours), then Pagefind,
    on the Markdown tree and the configuration the cold build wrote."""
    import shutil

    import yaml

    from generator.search.search import _pagefind

    work = project / ".nastav" / "work"
    config = yaml.safe_load((work / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"].pop("custom_dir", None)
    config["docs_dir"] = str(work / "docs")
    config["site_dir"] = str(out / "site")
    config["strict"] = False
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    runs = []
    for command in (
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml")],
        [*_pagefind(), "--site", str(out / "site"), "--silent"],
    ):
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        peak = _PeakMemory(process.pid)
        peak.start()
        output, _ = process.communicate()
        peak.stop()
        if process.returncode != 0:
            print(output[-3000:])
            raise SystemExit(f"{command[:4]} не удалось (код {process.returncode})")
        runs.append((time.perf_counter() - started, peak.mb))
    print(f"  стандартные MkDocs + Pagefind: {runs[0][0]:.1f} + {runs[1][0]:.1f} с")
    return Stock(runs[0][0], runs[1][0], max(m for _, m in runs))


def _counts(project: Path) -> str:
    orgs = project / "content" / "orgs"
    programs = sum(1 for _ in orgs.glob("*/programs/*.yml"))
    practices = sum(1 for _ in orgs.glob("*/practices/*.yml"))
    return f"организаций {sum(1 for _ in orgs.iterdir())}, программ {programs}, практик {practices}"


def _build(project: Path, name: str) -> Run:
    env = {**os.environ, "NASTAV_TODAY": TODAY}
    if not PDF:
        env["NASTAV_SOFFICE"] = "off"
    # As on a curator's computer: Python keeps compiled modules between runs.
    # (Some sandboxes and CI images set this variable, and then every build
    # compiles the generator and MkDocs again: half a second more.)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "generator", "build", str(project), "--verbose"]
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=HERE.parent,
    )
    peak = _PeakMemory(process.pid)
    peak.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    peak.stop()
    if process.returncode != 0:
        print(output[-3000:])
        raise SystemExit(f"Сборка «{name}» не удалась (код {process.returncode}).")
    stages = [m.groups() for m in map(STAGE.match, output.splitlines()) if m]
    print(f"  {name}: {seconds:.1f} с")
    return Run(name, seconds, peak.mb, stages, output)


class _PeakMemory(threading.Thread):
    """Memory of a process and all its descendants (PSS, see _rss_kb), summed,
    sampled every 500 ms from /proc (the build forks workers and MkDocs, and
    runs Pagefind)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self._stop_event = pid, 0, threading.Event()

    @property
    def mb(self) -> float:
        return self.peak_kb / 1024

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in self._tree()))
            # PSS makes the kernel walk each process's pages: sampled often, it
            # would take a core from the build it measures.
            self._stop_event.wait(0.5)

    def _tree(self) -> list[int]:
        parents: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as stream:
                        ppid = int(stream.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                parents.setdefault(ppid, []).append(int(entry))
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += parents.get(pid, [])
        return tree


def _rss_kb(pid: int) -> int:
    """The process's proportional share of memory (PSS): the build's workers
    are forked, and the pages they share with it are counted once over the
    tree, not once per process as resident size (RSS) would; RSS where the
    kernel does not tell PSS."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            for line in stream:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/status") as stream:
            for line in stream:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _edit_one_program(project: Path, n: int) -> Path:
    """The first program of the n-th organization gets a new title."""
    orgs = sorted(p for p in (project / "content" / "orgs").iterdir() if p.is_dir())
    program = sorted((orgs[n * 7 % len(orgs)] / "programs").glob("*.yml"))[0]
    text = program.read_text(encoding="utf-8")
    edited, count = re.subn(
        r"^title: '(.*)'$", rf"title: '\1 (изменено {n + 1})'", text, count=1, flags=re.M
    )
    if count != 1:
        raise SystemExit(f"В {program} нет строки title: '…'")
    program.write_text(edited, encoding="utf-8")
    return program


def _check_edit(project: Path, program: Path, n: int, site: Path | None = None) -> None:
    """The edited title is on the rebuilt page: the rebuild did rebuild."""
    org = program.parent.parent.name
    site = site or project / "site"
    page = site / "organizatsii" / org / "programmy" / program.stem / "index.html"
    if f"(изменено {n + 1})" not in page.read_text(encoding="utf-8"):
        raise SystemExit(f"Правка не попала на страницу {page}")


def _sizes(site: Path) -> tuple[int, int, int]:
    pages = html = total = 0
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html":
                pages, html = pages + 1, html + size
    return pages, html, total


def _index_coverage(site: Path) -> tuple[int, int]:
    """Pages in the search index (every shard) and pages meant to be there."""
    indexed = 0
    for entry in (site / "pagefind").rglob("pagefind-entry.json"):
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        indexed += sum(lang["page_count"] for lang in languages.values())
    searchable = sum(
        1 for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")
    )
    return indexed, searchable


if __name__ == "__main__":
    sys.exit(main())
