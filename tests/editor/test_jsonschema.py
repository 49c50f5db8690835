"""JSON Schemas for editors: they accept what the coercer accepts and reject
what it rejects, and they validate every file of the demo project."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest

from generator.config import _config_vocabularies
from generator.diagnostics import Report
from generator.load.yamlsource import parse_yaml_text
from generator.scaffold.schemas import kind_of_path, project_schemas
from tests.conftest import ROOT, check_project, copy_demo, run_cli

SCHEMAS = project_schemas(_config_vocabularies())


def as_language_server_reads(text: str):
    """YAML → JSON values the way the YAML language server sees them (YAML 1.2
    core schema): «24» is a number, «01.09.2025» and «да» are strings."""

    def convert(node):
        if node.kind == "map":
            return {k: convert(v) for k, v in node.items.items()}
        if node.kind == "seq":
            return [convert(v) for v in node.seq]
        raw = node.raw
        if node.quoted:
            return raw
        if raw in ("", "~", "null", "Null", "NULL"):
            return None
        if raw in ("true", "True", "TRUE", "false", "False", "FALSE"):
            return raw.lower() == "true"
        if re.fullmatch(r"[-+]?[0-9]+", raw):
            return int(raw)
        if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", raw):
            return float(raw)
        return raw

    report = Report()
    node = parse_yaml_text(text, "x.yml", report)
    assert report.ok, report.items
    return convert(node)


def schema_errors(rel: str, text: str) -> list[str]:
    schema = SCHEMAS[f"schemas/{kind_of_path(rel)}.schema.json"]
    validator = jsonschema.Draft7Validator(schema)
    return [e.message for e in validator.iter_errors(as_language_server_reads(text))]


def demo_files() -> list[str]:
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.yml"))
    return [*files, "site_config.yml"]


def test_every_kind_and_the_config_have_a_schema():
    names = {Path(name).name for name in SCHEMAS}
    assert {
        "programs.schema.json",
        "mentors.schema.json",
        "acts.schema.json",
        "site_config.schema.json",
        "news.schema.json",
        "practices.schema.json",
    } <= names
    program = SCHEMAS["schemas/programs.schema.json"]
    assert program["properties"]["title"]["title"] == "Название"
    assert "title" in program["required"] and program["additionalProperties"] is False


@pytest.mark.parametrize("rel", demo_files())
def test_schemas_validate_the_demo_content(rel):
    assert kind_of_path(rel), rel
    assert schema_errors(rel, (ROOT / rel).read_text("utf-8")) == []


def test_vocabularies_complete_with_russian_labels_and_descriptions():
    form = SCHEMAS["schemas/programs.schema.json"]["properties"]["form"]
    labels = form["anyOf"][0]
    assert "учитель – учитель" in labels["enum"]
    described = dict(zip(labels["enum"], labels["markdownEnumDescriptions"]))
    assert "педагог – педагог" in described["учитель – учитель"]  # aliases are listed


PROGRAM = (ROOT / "content/programs/pp-2026-uch-01.yml").read_text("utf-8")
MISTAKES = {
    "unknown field": ("titel: Подготовка", "title: Подготовка"),
    "unknown form": ("form: наставник – котик", "form: учитель – ученик"),
    "broken date": ("start: 01.102026", "start: 01.10.2026"),
    "two-digit year": ("start: 01.10.26", "start: 01.10.2026"),
    "words for a number": ("count: два", "count: 2"),
    "a list where a map is expected": ("mentee: [обучающиеся]", None),
    "missing required": ("", "title: Подготовка к олимпиаде по информатике\n"),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_schemas_reject_typical_mistakes_like_the_coercer(tmp_path, name):
    bad, good = MISTAKES[name]
    if good is None:
        text = re.sub(r"mentee:\n(  .*\n)+", bad + "\n", PROGRAM)
    else:
        assert good in PROGRAM
        text = PROGRAM.replace(good, bad, 1)
    assert schema_errors("content/programs/x.yml", text), name
    project = copy_demo(tmp_path / "p")
    (project / "content/programs/pp-2026-uch-01.yml").write_text(text, "utf-8")
    assert not check_project(project).ok, name  # the coercer refuses it too


ACCEPTED = {
    "dash and case of a form": ("form: учитель – ученик", "form: Учитель-Ученик"),
    "alias of a form": ("form: учитель – ученик", "form: педагог – обучающийся"),
    "ISO date": ("start: 01.10.2026", "start: 2026-10-01"),
    "date with «г.»": ("start: 01.10.2026", "start: 01.10.2026 г."),
    "one type instead of a list": ("types: [групповая]", "types: групповая"),
    "number as text": ("count: 2", 'count: "2"'),
    "ё written as е": (
        "category: одарённые дети (вошедшие в реестры)",
        "category: одаренные дети (вошедшие в реестры)",
    ),
}


@pytest.mark.parametrize("name", ACCEPTED)
def test_schemas_accept_what_the_coercer_accepts(tmp_path, name):
    old, new = ACCEPTED[name]
    assert old in PROGRAM
    text = PROGRAM.replace(old, new, 1)
    assert schema_errors("content/programs/x.yml", text) == [], name
    project = copy_demo(tmp_path / "p")
    (project / "content/programs/pp-2026-uch-01.yml").write_text(text, "utf-8")
    assert check_project(project).ok, name


def test_site_config_schema_rejects_a_wrong_limit():
    text = (ROOT / "site_config.yml").read_text("utf-8")
    assert schema_errors("site_config.yml", text + "\nunknown_setting: 1\n")
    assert schema_errors("site_config.yml", "limits:\n  mentor_max_active: 0\n")


def test_schema_command_writes_schemas_and_editor_settings(tmp_path):
    project = copy_demo(tmp_path / "p")
    result = run_cli("schema", project)
    assert result.code == 0 and "schemas" in result.out
    assert (project / "schemas/programs.schema.json").is_file()
    settings = (project / ".vscode/settings.json").read_text("utf-8")
    assert "./schemas/programs.schema.json" in settings and "content/programs/*.yml" in settings


def test_init_files_start_with_the_schema_line(tmp_path):
    assert run_cli("init", tmp_path / "new").code == 0
    sample = (tmp_path / "new/content/programs/_obrazec.yml").read_text("utf-8")
    assert sample.startswith("# yaml-language-server: $schema=../../schemas/programs.schema.json")
    assert (tmp_path / "new/content/programs/../../schemas/programs.schema.json").is_file()
    config = (tmp_path / "new/site_config.yml").read_text("utf-8")
    assert config.startswith("# yaml-language-server: $schema=schemas/site_config.schema.json")
