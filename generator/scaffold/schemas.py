"""``nastav schema``: JSON Schemas of a project for editors.

The schemas go into ``PROJECT/schemas/`` (a visible folder: curators on
Windows see it and know what it is). Every YAML file that ``init``, ``new``
and ``import`` create starts with a ``# yaml-language-server: $schema=…``
line pointing there by a relative path; ``.vscode/settings.json`` maps the
same schemas to every existing file, so hand-written files get completion
too.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from ..config import CONFIG_NAME, SiteConfig, _config_vocabularies
from ..kinds import ORG_KINDS, Kind
from ..load.safefile import Refused, read_limited
from ..schema.jsonschema import SCHEMA_DIR, SchemaWriter, schema_comment, schema_file
from ..schema.vocab import Vocabulary
from ..util import safejson

CONFIG_KIND = "site_config"


def project_schemas(vocabularies: dict[str, Vocabulary]) -> dict[str, dict]:
    """Schema file (relative to the project) → schema, for every kind and the config."""
    writer = SchemaWriter(vocabularies)
    schemas = {}
    for spec in ORG_KINDS:
        title = f"nastav: {spec.title}"
        if spec.shape == "list":
            schema = writer.list_schema(spec.cls, title, spec.key, spec.list_key)
        else:
            schema = writer.record_schema(spec.cls, title, spec.key)
        schemas[schema_file(spec.key)] = schema
    schemas[schema_file(CONFIG_KIND)] = writer.record_schema(
        SiteConfig, "nastav: настройки проекта (site_config.yml)", CONFIG_KIND
    )
    return schemas


def kind_of_path(rel: str) -> str | None:
    """Which kind a YAML file holds, from its path relative to the project."""
    rel = rel.replace("\\", "/")
    if rel == CONFIG_NAME:
        return CONFIG_KIND
    parts = rel.split("/")
    if len(parts) > 3 and parts[:2] == ["content", "orgs"]:  # an organization of a municipality
        rel = "/".join(["content", *parts[3:]])
    for spec in ORG_KINDS:
        target = f"content/{spec.path}"
        if spec.shape == "dir" and posixpath.dirname(rel) == target:
            return spec.key
        if spec.shape != "dir" and rel == target:
            return spec.key
    return None


def schema_line(rel: str) -> str | None:
    kind = kind_of_path(rel)
    return schema_comment(rel, kind) if kind else None


def add_schema_line(text: str, rel: str) -> str:
    """``text`` with the schema line first (replacing an older one)."""
    line = schema_line(rel)
    if line is None:
        return text
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith("# yaml-language-server:"):
        lines = lines[1:]
    return line + "\n" + "".join(lines)


def vocabularies_of(project: Path) -> dict[str, Vocabulary]:
    """The project's vocabularies (with its extensions), or the defaults."""
    from ..config import load_settings
    from ..diagnostics import Report

    if (project / CONFIG_NAME).exists():
        settings = load_settings(project, Report())
        if settings is not None:
            return settings.vocabularies
    return _config_vocabularies()


def write_schemas(project: Path, vocabularies: dict[str, Vocabulary] | None = None) -> list[Path]:
    vocabularies = vocabularies or vocabularies_of(project)
    written = []
    for rel, schema in project_schemas(vocabularies).items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(schema, ensure_ascii=False, indent=1) + "\n"
        if not path.exists() or path.read_text("utf-8") != data:
            path.write_text(data, "utf-8")
        written.append(path)
    _write_vscode_settings(project)
    return written


def _globs(spec: Kind) -> list[str]:
    globs = []
    for root in ("content", "content/orgs/*"):  # a school, or each school of a municipality
        if spec.shape == "dir":
            globs += [f"{root}/{spec.path}/*.yml", f"{root}/{spec.path}/*.yaml"]
        else:
            globs.append(f"{root}/{spec.path}")
    return globs


def _write_vscode_settings(project: Path) -> None:
    """Map the schemas to files in ``.vscode/settings.json`` (other settings kept)."""
    path = project / ".vscode" / "settings.json"
    settings: dict = {}
    if path.exists():
        try:  # within our limits (util/safejson.py); never a pipe (load/safefile.py)
            settings = safejson.loads(read_limited(path, 10 * 1_048_576))
        except (OSError, ValueError, Refused):
            return  # a hand-edited file with comments (or not a file): leave it alone
        if not isinstance(settings, dict):
            return
    mapping = {f"./{schema_file(s.key)}": _globs(s) for s in ORG_KINDS}
    mapping[f"./{schema_file(CONFIG_KIND)}"] = [CONFIG_NAME]
    if settings.get("yaml.schemas") == mapping:
        return
    settings["yaml.schemas"] = mapping
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", "utf-8")


__all__ = [
    "SCHEMA_DIR",
    "add_schema_line",
    "kind_of_path",
    "project_schemas",
    "schema_line",
    "vocabularies_of",
    "write_schemas",
]
