"""Data flows one way through ``generator/``: no module imports itself back
through others, and no stage imports a later one.

Every import counts — at the top of a module, inside a function (the lazy
imports that keep the CLI fast), under ``TYPE_CHECKING`` — because each one
is a dependency someone will have to untangle. A stage later in ``STAGES``
may import any earlier one; stages on one line are peers and may import each
other (but never in a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "generator"

# Lowest first. A module belongs to the longest entry that is its dotted name
# or a prefix of it («load.yamlsource» before «load»); "" is generator/__init__.py.
STAGES: list[tuple[str, ...]] = [
    # foundation: no stage of its own, used by all
    ("", "util", "diagnostics", "words", "console", "resources", "fingerprint", "addresses"),
    ("treedigest", "memo", "workspace"),
    # reading files within our limits: YAML → nodes, tables → grids, text encodings
    ("load.yamlsource", "load.yamlerrors", "load.encoding", "load.safefile", "load.sheets"),
    ("schema",),  # nodes → typed records, vocabularies, link values
    ("config",),  # site_config.yml → Settings
    ("kinds",),  # the registry of record kinds
    ("monitoring",),  # indicator catalog, observations, dynamics, data quality
    ("load",),  # a project's files → records (content.py, municipal.py)
    ("privacy",),
    ("rules",),
    ("publish",),  # the public model
    # side outputs of the public model, and the pages
    ("scaffold",),  # new projects and records, JSON Schemas, YAML with comments
    ("tabular", "collection"),  # spreadsheets; the practices' cards, catalog and feeds
    ("render",),  # pages (Jinja2 → Markdown)
    ("report",),  # the monitoring report as DOCX and tagged PDF, from render's monitoring tables
    ("opendata",),  # data/*.csv, *.json and the tables of «nastav export»
    ("build",),  # docs tree and mkdocs.yml, MkDocs, sitemap
    ("search", "audit"),  # run side by side: the search index; the audit of what is published
    ("deploy",),  # the built site in place of the published one
    ("gosweb",),  # fragments for Госвеб, checked like the built site
    ("site_model",),  # what a project publishes; what a build tells its caller
    ("projects",),  # load → validate → publish → render, for a school and a portal
    ("pipeline", "buildinfo"),  # orchestration, stage caches, what --verbose tells of a build
    ("editor",),  # forms for the records inside the preview
    ("serve",),  # the live-reload preview
    ("commands",),  # one module per nastav command, and their registry
    ("cli", "__main__"),  # the entry point
]

# (importer, imported) → why a later stage is needed; none today.
EXCEPTIONS: dict[tuple[str, str], str] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module → the package modules it imports (names relative to generator)."""

    def known(name: str) -> str:
        # «schema.fields.Url» is the module schema.fields; «util» a package.
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == "generator" or alias.name.startswith("generator."):
                        targets.add(known(alias.name.removeprefix("generator").lstrip(".")))
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".") if package else []
                    up = node.level - 1
                    assert up <= len(base), f"{path}: import beyond the package"
                    parts = base[: len(base) - up] + ([node.module] if node.module else [])
                    source = ".".join(parts)
                elif node.module == "generator" or (node.module or "").startswith("generator."):
                    source = (node.module or "").removeprefix("generator").lstrip(".")
                else:
                    continue
                for alias in node.names:  # «from . import words» imports a module
                    full = f"{source}.{alias.name}" if source else alias.name
                    targets.add(full if full in modules else known(source))
        targets.discard(name)
        graph[name] = targets
    return graph


def _stage(module: str) -> int | None:
    best, rank = -1, None
    for index, names in enumerate(STAGES):
        for entry in names:
            if entry == "" and module == "":
                return index
            matches = entry and (module == entry or module.startswith(entry + "."))
            if matches and len(entry) > best:
                best, rank = len(entry), index
    return rank


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path that ends where it starts, or None."""
    state: dict[str, int] = {}  # 1 — on the current path, 2 — done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


GRAPH = _graph(_modules())


def _shown(module: str) -> str:
    return f"generator.{module}" if module else "generator"


def _stage_name(index: int) -> str:
    return " ".join(name or "generator" for name in STAGES[index])


def test_the_import_graph_is_read():
    assert len(GRAPH) > 100
    assert "commands.registry" in GRAPH["cli"]  # a top-level import
    assert "pipeline" in GRAPH["commands.build"]  # an import inside a function
    assert "diagnostics" in GRAPH["schema.coerce"]  # a relative import two levels up


def test_no_import_cycles():
    cycle = _cycle(GRAPH)
    assert cycle is None, "import cycle: " + " → ".join(_shown(m) for m in cycle or [])


def test_every_module_has_a_stage():
    missing = sorted(_shown(m) for m in GRAPH if _stage(m) is None)
    assert not missing, f"add these to STAGES in {Path(__file__).name}: {', '.join(missing)}"


def test_no_module_imports_a_later_stage():
    wrong = []
    for importer, targets in sorted(GRAPH.items()):
        for target in sorted(targets):
            low, high = _stage(importer), _stage(target)
            if low is None or high is None or high <= low:
                continue
            if (importer, target) not in EXCEPTIONS:
                wrong.append(
                    f"{_shown(importer)} (stage «{_stage_name(low)}») imports "
                    f"{_shown(target)} (later stage «{_stage_name(high)}»)"
                )
    assert not wrong, "later stages imported:\n" + "\n".join(wrong)


def test_exceptions_are_still_needed():
    stale = [pair for pair in EXCEPTIONS if pair[1] not in GRAPH.get(pair[0], set())]
    assert not stale, f"remove from EXCEPTIONS, no longer imported: {stale}"
