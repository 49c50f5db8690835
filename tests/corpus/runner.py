"""Run corpus files through nastav and check what a curator sees and what
the site shows.

Files with the same name (stem) in different kind folders run together (one
broken file per kind in the same project): every file must get its own
message, so one run checks them all and the suite stays fast.
``site_config.yml`` is the exception: when it is broken nothing else is
read, so its cases run on their own.

What a file must produce is written in its first line, ``# expect: …``
(CSV files: in ``_expect.yml`` of their folder; generated files: in
``generated.yml``), as tokens:

* ``accept`` — no error in that file;
* ``line=N`` (or ``any``, ``none``) and ``says=TEXT`` — an error at that line
  saying that; several ``line=`` — several errors;
* ``warns=TEXT`` — a warning about that file saying that;
* ``leak=TEXT`` — a trap: TEXT must never reach the site. The group is then
  built — as it is (errors stop the build, the previous site stays) and with
  ``privacy.on_personal_data: redact`` — and every file of ``site/`` is
  searched (pages, search index, JSON, CSV, the text of PDF/DOCX/XLSX);
* ``redact`` — in redact mode this file only gives warnings (its findings are
  hidden), so a group of such traps must build;
* ``file=PATH:TEXT`` — make a file at PATH (from the project folder): a PDF
  holding TEXT, a small PNG, or TEXT itself;
* ``markup`` — no page of the site may run what the file carries: no foreign
  script, event handler, ``javascript:`` link or frame in any page's markup;
* ``xlsx`` — a monitoring CSV trap also runs as an .xlsx sheet;
* ``group=NAME`` — run with the files of that group instead of the files of
  the same name (monitoring values of different years sit together).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import shlex
import time
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml

from tests.corpus.targets import ALL_TARGETS, MUNICIPAL_TARGETS

CORPUS = Path(__file__).resolve().parent
_EXPECT = re.compile(r"^#\s*expect:\s*(.*)$")
_DIAGNOSTIC = re.compile(r"^(?P<where>.+?): (?P<severity>ошибка|предупреждение): (?P<text>.+)$")
_CYRILLIC = re.compile(r"[а-яё]", re.I)
_SUMMARY = ("Ошибок:", "Проверка пройдена", "Сайт не собран", "Сайт собран", "Страниц:")
# An .xlsx twin of a CSV trap carries its values one year later, so both can
# sit in content/monitoring/ together without being the same values twice.
XLSX_YEAR_SHIFT = 1
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082"
)


@dataclass(frozen=True)
class Case:
    kind: str
    file: Path
    expect: dict  # see parse_expectation
    xlsx: bool = False

    @property
    def project(self) -> str:
        return "municipal" if self.kind in MUNICIPAL_TARGETS else "school"

    @property
    def filename(self) -> str:
        return self.file.stem + ".xlsx" if self.xlsx else self.file.name

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.filename}"

    def target(self) -> str:
        return ALL_TARGETS[self.kind].format(name=self.filename)

    def data(self) -> bytes:
        raw = self.file.read_bytes()
        return csv_to_xlsx(raw) if self.xlsx else raw


def parse_expectation(text: str) -> dict:
    expect: dict = {
        "accept": False,
        "checks": [],
        "leak": [],
        "warns": [],
        "redact": False,
        "file": [],
        "xlsx": False,
        "markup": False,
        "group": None,
    }
    for token in shlex.split(text):
        key, _, value = token.partition("=")
        if key == "accept":
            expect["accept"] = True
        elif key == "line":
            expect["checks"].append(
                {"line": value if value in ("any", "none") else int(value), "says": []}
            )
        elif key == "says":
            if not expect["checks"]:
                expect["checks"].append({"line": "any", "says": []})
            expect["checks"][-1]["says"].append(value)
        elif key in ("leak", "warns"):
            expect[key].append(value)
        elif key == "file":
            path, _, content = value.partition(":")
            expect["file"].append((path, content))
        elif key == "group":
            expect["group"] = value
        elif key in ("redact", "xlsx", "markup"):
            expect[key] = True
        else:
            raise AssertionError(f"unknown expectation token {token!r}")
    if not expect["accept"] and not expect["checks"]:
        expect["checks"].append({"line": "any", "says": []})
    return expect


def _generated(entry: dict | str) -> dict:
    """An entry of generated.yml: {accept: true}, {line: …, says: …} or tokens."""
    if isinstance(entry, str):
        return parse_expectation(entry)
    group = [f"group={entry['group']}"] if entry.get("group") else []
    if entry.get("accept"):
        return parse_expectation(shlex.join(["accept", *group]))
    says = entry.get("says") or []
    tokens = [f"line={entry.get('line', 'any')}"] + [
        f"says={s}" for s in ([says] if isinstance(says, str) else says)
    ]
    return parse_expectation(shlex.join(tokens + group))


def _handwritten(file: Path, sidecar: dict) -> dict:
    if file.name in sidecar:
        return parse_expectation(sidecar[file.name])
    first = file.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    match = _EXPECT.match(first)
    if not match:
        raise AssertionError(f"{file}: no «# expect: …» line and not in generated.yml")
    return parse_expectation(match.group(1))


def load_cases() -> list[Case]:
    generated = yaml.safe_load((CORPUS / "generated.yml").read_text("utf-8")) or {}
    cases = []
    for kind in ALL_TARGETS:
        folder = CORPUS / kind
        if not folder.is_dir():
            continue
        sidecar_file = folder / "_expect.yml"
        sidecar = yaml.safe_load(sidecar_file.read_text("utf-8")) if sidecar_file.exists() else {}
        for file in sorted(folder.iterdir()):
            if file.name.startswith("_"):
                continue
            key = f"{kind}/{file.name}"
            expect = _generated(generated[key]) if key in generated else _handwritten(file, sidecar)
            cases.append(Case(kind, file, expect))
            if expect["xlsx"]:
                cases.append(Case(kind, file, expect, xlsx=True))
    return cases


def groups(cases: list[Case]) -> dict[str, list[Case]]:
    by_name: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        # A broken site_config.yml stops everything else, so it runs alone.
        alone = " (site_config)" if case.kind == "site_config" else ""
        name = case.expect["group"] or Path(case.filename).stem
        by_name[f"{case.project}:{name}{alone}"].append(case)
    return dict(by_name)


def is_trap(cases: list[Case]) -> bool:
    return any(case.expect["leak"] or case.expect["markup"] for case in cases)


def place(project: Path, cases: list[Case]) -> dict[Path, bytes | None]:
    """Put the corpus files (and the files they attach) into the project;
    return what to restore."""
    from tests.filefactory import make_pdf

    saved: dict[Path, bytes | None] = {}

    def keep(path: Path) -> None:
        if path not in saved:
            saved[path] = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)

    for case in cases:
        path = project / case.target()
        keep(path)
        path.write_bytes(case.data())
        for rel, text in case.expect["file"]:
            path = project / rel
            keep(path)
            if path.suffix == ".pdf":
                make_pdf(path, [text])
            elif path.suffix == ".png":
                path.write_bytes(TINY_PNG)
            else:
                path.write_text(text, "utf-8")
    return saved


def restore(saved: dict[Path, bytes | None]) -> None:
    for path, data in saved.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)


def _lines(out: str) -> tuple[list[str], list[str]]:
    """(all non-empty lines, complaints about lines that are not diagnostics)."""
    lines = [line for line in out.splitlines() if line.strip()]
    bad = []
    for line in lines:
        if line.startswith(_SUMMARY):
            continue
        match = _DIAGNOSTIC.match(line)
        if not match or not _CYRILLIC.search(match.group("text")):
            bad.append(f"not a located Russian diagnostic: {line[:200]}")
    return lines, bad


def _about(lines: list[str], target: str) -> list[str]:
    return [line for line in lines if line.startswith((target + ":", target + ","))]


def problems_with(
    out: str, code: int, cases: list[Case], seconds: float, max_seconds: float
) -> list[str]:
    """Everything wrong with one run's output (``validate``, or ``build`` of a
    project as it is); empty when the run is right."""
    found: list[str] = []
    if "Traceback" in out or "Внутренняя ошибка" in out:
        found.append("crash:\n" + out[-3000:])
    if seconds > max_seconds:
        found.append(f"took {seconds:.1f} s (limit {max_seconds} s)")
    lines, bad = _lines(out)
    found += bad
    expect_error = any(not c.expect["accept"] for c in cases)
    if code != (1 if expect_error else 0):
        found.append(f"exit code {code}, expected {1 if expect_error else 0}")
    for case in cases:
        target = case.target()
        mine = _about(lines, target)
        errors = [line for line in mine if ": ошибка: " in line]
        warnings = [line for line in mine if ": предупреждение: " in line]
        for text in case.expect["warns"]:
            if not any(text in w for w in warnings):
                found.append(f"{case.name}: no warning saying {text!r}; got {mine[:3]}")
        if case.expect["accept"]:
            if errors:
                found.append(f"{case.name}: expected to be accepted, got {errors[:2]}")
            continue
        for check in case.expect["checks"]:
            wanted_line, says = check["line"], check["says"]
            if wanted_line == "none":
                candidates = [e for e in errors if e.startswith(target + ": ")]
            elif wanted_line == "any":
                candidates = [e for e in errors if e.startswith(target + ", строка ")]
            else:
                candidates = [e for e in errors if e.startswith(f"{target}, строка {wanted_line}")]
            candidates = [e for e in candidates if all(s in e for s in says)]
            if not candidates:
                found.append(
                    f"{case.name}: no error at line {wanted_line} saying {says}; "
                    f"got {mine[:3] or lines[:3]}"
                )
    return found


def redact_problems(out: str, code: int, cases: list[Case]) -> list[str]:
    """A build with ``on_personal_data: redact``: every trap is still named
    (now as a warning when it is hidden), and a group whose findings can all
    be hidden builds."""
    found: list[str] = []
    if "Traceback" in out or "Внутренняя ошибка" in out:
        found.append("crash:\n" + out[-3000:])
    lines, bad = _lines(out)
    found += bad
    for case in cases:
        if case.expect["accept"]:
            continue
        mine = _about(lines, case.target())
        if not mine:
            found.append(f"{case.name}: nothing said about it in redact mode; got {lines[:3]}")
        errors = [line for line in mine if ": ошибка: " in line]
        if case.expect["redact"] and errors:
            found.append(f"{case.name}: redact mode still has errors: {errors[:2]}")
    if all(c.expect["accept"] or c.expect["redact"] for c in cases) and code != 0:
        found.append(f"redact build failed (code {code}): {out[-1500:]}")
    return found


# -- the built site ----------------------------------------------------------------
def site_fingerprint(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")) if site.is_dir() else []:
        if path.is_file():
            digest.update(path.relative_to(site).as_posix().encode() + b"\0")
            digest.update(hashlib.sha1(path.read_bytes()).digest())
    return digest.hexdigest()


def site_texts(site: Path) -> dict[str, str]:
    """Every file of a site as text a reader or a search could see: names,
    bytes, decoded JSON, Pagefind fragments, text inside PDF/DOCX/XLSX."""
    from generator.privacy.extract import Unreadable, can_extract, extract_text

    texts: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        parts = [rel, data.decode("utf-8", "replace")]
        if path.suffix == ".json":
            try:
                parts.append(json.dumps(json.loads(data), ensure_ascii=False))
            except ValueError:
                pass
        elif path.suffix == ".pf_fragment":
            parts.append(gzip.decompress(data).decode("utf-8", "replace"))
        elif can_extract(path) and path.suffix not in (".txt", ".csv"):
            try:
                parts += [text for _, text in extract_text(path)]
            except Unreadable:
                pass
        texts[rel] = "\n".join(parts)
    return texts


def leaks(site: Path, secrets: list[str]) -> list[str]:
    found = []
    for rel, text in site_texts(site).items():
        folded = text.casefold()
        found += [f"«{s}» in site/{rel}" for s in secrets if s.casefold() in folded]
    return found


class _Markup(HTMLParser):
    """What in a page a browser would run: script elements holding our
    payloads, event-handler attributes, script URLs, frames and plugins."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "frame", "object", "embed"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action", "formaction") and value.startswith(
                ("javascript:", "data:text/html", "vbscript:")
            ):
                self.found.append(f"{name}={value[:30]} on <{tag}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append("<script> with a payload")


def executable_markup(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*.html")):
        parser = _Markup()
        parser.feed(path.read_text("utf-8", "replace"))
        found += [f"{item} in site/{path.relative_to(site).as_posix()}" for item in parser.found]
    return found


def csv_to_xlsx(data: bytes) -> bytes:
    """The same rows as a first sheet; years moved by XLSX_YEAR_SHIFT."""
    import csv

    from openpyxl import Workbook

    text = data.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if ";" in first else ","))
    book = Workbook()
    sheet = book.active
    for number, row in enumerate(rows):
        if number and row and row[0].strip().isdigit():
            row = [str(int(row[0]) + XLSX_YEAR_SHIFT), *row[1:]]
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def timed(run, *args):
    started = time.perf_counter()
    result = run(*args)
    return result, time.perf_counter() - started
