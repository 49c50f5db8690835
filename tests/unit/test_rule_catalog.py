"""The rule catalog (generator/rules/catalog.py) knows every rule code.

Every P…, V… or G… code the generator names — in a string (a diagnostic's
code, a message) or a comment of its Python code, or in a template — is
declared in the catalog; every declared rule either names the functions that
enforce it, which exist and name the code in their source, or says why the
generator does not enforce it; every rule of the seed model's lists (§3 P1–P30,
§4.7 V1–V27) is there, with the source line the seed model gives. And the
publication rules of rules/publication.py are spelled nowhere else.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.rules.catalog import BY_CODE, DOCUMENTS, GENERATOR, RULES, Rule

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "generator"
CATALOG = PACKAGE / "rules" / "catalog.py"
SEED_MODEL = ROOT.parent / "shared" / "reference" / "seed-model.md"
# Its two tables of rules, vendored: the citations are checked on any machine.
SEED_RULES = ROOT / "tests" / "fixtures" / "seed-model-rules.md"
PUBLICATION, QUALITY = (
    "## 3. Rules that constrain what is published",
    "### 4.7 Data-quality problems",
)
CODE = re.compile(r"\b[PVG]\d{1,2}\b")
SEED_CODES = {f"P{n}" for n in range(1, 31)} | {f"V{n}" for n in range(1, 28)}


def _mentions(text: str, code: str) -> bool:
    return re.search(rf"\b{code}\b", text) is not None


def _codes_in_python(path: Path) -> Iterator[tuple[int, str]]:
    """Codes in the strings (docstrings too) and comments of one module."""
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
    for token in tokens:
        if token.type in (tokenize.STRING, tokenize.COMMENT):  # f-strings too (Python 3.11)
            for code in CODE.findall(token.string):
                yield token.start[0], code


def _codes_in_package() -> dict[str, list[str]]:
    """Code → where it is named («generator/rules/org_rules.py:144»)."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == CATALOG:
            continue
        for line, code in _codes_in_python(path):
            found.setdefault(code, []).append(f"{path.relative_to(ROOT)}:{line}")
    for path in sorted(PACKAGE.rglob("*.j2")):
        for number, text in enumerate(path.read_text("utf-8").splitlines(), start=1):
            for code in CODE.findall(text):
                found.setdefault(code, []).append(f"{path.relative_to(ROOT)}:{number}")
    return found


def _resolve(dotted: str) -> object:
    """«generator.rules.org_rules._OrgChecker._program» → the function: the
    longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            obj = getattr(obj, name)
        return obj
    raise ModuleNotFoundError(dotted)


def test_the_package_names_only_catalogued_codes():
    found = _codes_in_package()
    assert "P1" in found and "V19" in found  # the scan sees the rules it should
    unknown = {code: where for code, where in found.items() if code not in BY_CODE}
    assert not unknown, (
        f"коды правил, которых нет в generator/rules/catalog.py: {unknown}; "
        "добавьте правило в каталог (или это не код правила — назовите иначе)"
    )


def test_each_code_is_declared_once():
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    assert set(BY_CODE) == set(codes)
    assert all(CODE.fullmatch(code) for code in codes)


def test_every_rule_of_the_seed_model_is_in_the_catalog():
    assert set(BY_CODE) >= SEED_CODES
    assert {c for c in BY_CODE if c[0] in "PV"} == SEED_CODES


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_a_rule_is_enforced_or_says_why_not(rule: Rule):
    assert rule.text.strip() and rule.text[0].isupper(), rule.code
    document = rule.source[:3]
    assert document in DOCUMENTS or rule.source.startswith(GENERATOR), rule.source
    if document in DOCUMENTS:
        assert re.match(r"\d{3}, строк[аи] \d", rule.source), rule.source
    assert bool(rule.enforced_by) != bool(rule.not_enforced), (
        f"{rule.code}: либо функции, которые применяют правило, либо причина, почему нет"
    )
    for dotted in rule.enforced_by:
        function = _resolve(dotted)
        assert callable(function), dotted
        source = inspect.getsource(function)  # the docstring is part of it
        assert _mentions(source, rule.code), f"{dotted} не называет код {rule.code}"


def _section(path: Path, heading: str) -> str:
    text = path.read_text("utf-8")
    section = text[text.index(heading) :]
    return section[: section.index("\n#", 1)].rstrip() if "\n#" in section[1:] else section.rstrip()


def _seed_rows(heading: str) -> dict[str, str]:
    """Code → the «where» column of one table of the seed model."""
    section = _section(SEED_RULES, heading)
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"[PV]\d{1,2}", cells[0]):
            rows[cells[0]] = cells[2]
    return rows


@pytest.mark.skipif(not SEED_MODEL.exists(), reason="нет shared/reference/seed-model.md")
def test_the_vendored_tables_are_the_seed_models():
    for heading in (PUBLICATION, QUALITY):
        assert _section(SEED_RULES, heading) == _section(SEED_MODEL, heading)


def test_the_catalog_cites_the_lines_the_seed_model_gives():
    publication = _seed_rows(PUBLICATION)
    quality = _seed_rows(QUALITY)
    assert set(publication) == {c for c in SEED_CODES if c[0] == "P"}
    assert set(quality) == {c for c in SEED_CODES if c[0] == "V"}
    for code, where in publication.items():
        cited = re.match(r"(\d{3}):(\d+)", where)
        if cited is None:  # P30: «see below» — the targets are cited in the catalog
            continue
        document, line = cited.groups()
        source = BY_CODE[code].source
        assert source.startswith(document) and re.search(rf"\b{line}\b", source), (code, where)
    for code, where in quality.items():  # lines of the report 004
        line = re.match(r"\d+", where)
        assert line is not None, (code, where)
        source = BY_CODE[code].source
        assert source.startswith("004") and re.search(rf"\b{line[0]}\b", source), (code, where)


def test_the_catalog_is_plain_data():
    """No import of any stage: the functions are named, resolved only here."""
    tree = ast.parse(CATALOG.read_text("utf-8"))
    imported = [
        node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 0
    ] + [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    relative = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level]
    assert not relative
    assert set(imported) <= {"__future__", "dataclasses"}


# The publication rules, each spelled once: rules/publication.py.
SPELLED_ONCE = {
    "results withheld until completion (P1)": r"results\s*=\s*None",
    "visible from the publication date (G1)": r"\.date\s*<=\s*today",
    "a practice's publication date (G1)": r"published\s*(<=|>)\s*today",
    "an announcement (G1)": r"event_date\s*>=\s*today",
    "the order of practices (G2)": r"-\w+\.year,\s*\w+\.title",
}


# A template deciding by itself whether results are shown (P1): the program
# page asks ``view.results_published``.
IN_TEMPLATES = r"status\s*==\s*[\"']completed[\"']\s+and\s+\w+\.results"


def test_publication_rules_are_written_once():
    owner = PACKAGE / "rules" / "publication.py"
    text = owner.read_text("utf-8")
    assert all(re.search(pattern, text) for pattern in SPELLED_ONCE.values())
    elsewhere = []
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.j2")]):
        if path == owner:
            continue
        text = path.read_text("utf-8")
        for rule, pattern in [*SPELLED_ONCE.items(), ("results (P1)", IN_TEMPLATES)]:
            if re.search(pattern, text):
                elsewhere.append(f"{path.relative_to(ROOT)}: {rule}")
    assert not elsewhere, f"use generator/rules/publication.py instead: {elsewhere}"
