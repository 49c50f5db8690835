"""Run corpus files through ``nastav validate`` and check what a curator sees.

Files with the same name in different kind folders are validated together
(one broken file per kind in the same project): every file must get its
own error, so one run checks them all and the suite stays fast.
``site_config.yml`` is the exception: when it is broken nothing else is
read, so its cases run on their own.
"""

from __future__ import annotations

import re
import shlex
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.corpus.targets import TARGETS

CORPUS = Path(__file__).resolve().parent
_EXPECT = re.compile(r"^#\s*expect:\s*(.*)$")
_DIAGNOSTIC = re.compile(r"^(?P<where>.+?): (?P<severity>ошибка|предупреждение): (?P<text>.+)$")
_CYRILLIC = re.compile(r"[а-яё]", re.I)


@dataclass(frozen=True)
class Case:
    kind: str
    file: Path
    expect: dict  # {"accept": True} or {"line": int | "any" | None, "says": str}

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.file.name}"

    def target(self) -> str:
        return TARGETS[self.kind].format(name=self.file.name)


def _handwritten_expectation(file: Path) -> dict:
    first = file.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    match = _EXPECT.match(first)
    if not match:
        raise AssertionError(f"{file}: no «# expect: …» line and not in generated.yml")
    expect: dict = {}
    for token in shlex.split(match.group(1)):
        key, _, value = token.partition("=")
        if key == "accept":
            expect["accept"] = True
        elif key == "line":
            expect["line"] = value if value in ("any", "none") else int(value)
        elif key == "says":
            expect.setdefault("says", []).append(value)
    return expect


def load_cases() -> list[Case]:
    generated = yaml.safe_load((CORPUS / "generated.yml").read_text("utf-8")) or {}
    cases = []
    for kind in TARGETS:
        folder = CORPUS / kind
        for file in sorted(folder.iterdir()) if folder.is_dir() else []:
            key = f"{kind}/{file.name}"
            expect = generated.get(key) or _handwritten_expectation(file)
            cases.append(Case(kind, file, expect))
    return cases


def groups(cases: list[Case]) -> dict[str, list[Case]]:
    by_name: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        # A broken site_config.yml stops everything else, so it runs alone.
        alone = " (site_config)" if case.kind == "site_config" else ""
        by_name[case.file.name + alone].append(case)
    return dict(by_name)


def place(project: Path, cases: list[Case]) -> dict[Path, bytes | None]:
    """Put the corpus files into the project; return what to restore."""
    saved: dict[Path, bytes | None] = {}
    for case in cases:
        path = project / case.target()
        saved[path] = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.file.read_bytes())
    return saved


def restore(saved: dict[Path, bytes | None]) -> None:
    for path, data in saved.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)


def problems_with(out: str, code: int, cases: list[Case], seconds: float,
                  max_seconds: float) -> list[str]:
    """Everything wrong with one run's output; empty when the run is right."""
    found: list[str] = []
    if "Traceback" in out or "Внутренняя ошибка" in out:
        found.append("crash:\n" + out[-3000:])
    if seconds > max_seconds:
        found.append(f"took {seconds:.1f} s (limit {max_seconds} s)")
    lines = [line for line in out.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("Ошибок:", "Проверка пройдена")):
            continue
        match = _DIAGNOSTIC.match(line)
        if not match or not _CYRILLIC.search(match.group("text")):
            found.append(f"not a located Russian diagnostic: {line[:200]}")
    expect_error = any(not c.expect.get("accept") for c in cases)
    if code != (1 if expect_error else 0):
        found.append(f"exit code {code}, expected {1 if expect_error else 0}")
    for case in cases:
        target = case.target()
        mine = [line for line in lines if line.startswith(target + ":")
                or line.startswith(target + ",")]
        errors = [line for line in mine if ": ошибка: " in line]
        if case.expect.get("accept"):
            if errors:
                found.append(f"{case.name}: expected to be accepted, got {errors[:2]}")
            continue
        wanted_line = case.expect.get("line", "any")
        if wanted_line == "none":
            candidates = [e for e in errors if e.startswith(target + ": ")]
        elif wanted_line == "any":
            candidates = [e for e in errors if e.startswith(target + ", строка ")]
        else:
            candidates = [e for e in errors if e.startswith(f"{target}, строка {wanted_line}")]
        says = case.expect.get("says") or []
        says = [says] if isinstance(says, str) else says
        candidates = [e for e in candidates if all(s in e for s in says)]
        if not candidates:
            found.append(f"{case.name}: no error at line {wanted_line} saying {says}; "
                         f"got {mine[:3] or lines[:3]}")
    return found


def timed(run, *args):
    started = time.perf_counter()
    result = run(*args)
    return result, time.perf_counter() - started
