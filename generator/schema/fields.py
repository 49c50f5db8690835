"""How record fields are declared.

A record is a ``kw_only`` dataclass; each field carries metadata that the
coercer, the reference checker, the privacy stage and the JSON Schema writer
all read. One declaration, several uses.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import MISSING, dataclass, field
from typing import Any, NewType

# Value types with a meaning beyond ``str``.
Markdown = NewType("Markdown", str)  # free text, rendered through the sanitizer
Url = NewType("Url", str)  # a link to a document: schema.links checks it strictly
SiteUrl = NewType("SiteUrl", str)  # a website address: a home page is fine here
Attachment = NewType("Attachment", str)  # a path inside content/
Email = NewType("Email", str)
Phone = NewType("Phone", str)


@dataclass(frozen=True)
class Meta:
    label: str  # Russian name shown in messages and schemas
    required: bool = False
    vocab: str | None = None  # name of a controlled vocabulary
    ref: str | None = None  # kind of record this field points to
    internal: bool = False  # kept for the curator, never published
    help: str = ""  # a sentence for schemas and scaffolds
    minimum: float | None = None
    maximum: float | None = None
    example: Any = None


def f(
    label: str,
    *,
    required: bool = False,
    vocab: str | None = None,
    ref: str | None = None,
    internal: bool = False,
    help: str = "",
    minimum: float | None = None,
    maximum: float | None = None,
    example: Any = None,
    default: Any = MISSING,
    factory: Any = MISSING,
) -> Any:
    meta = Meta(label, required, vocab, ref, internal, help, minimum, maximum, example)
    if factory is not MISSING:
        return field(default_factory=factory, metadata={"nastav": meta})
    if default is MISSING:
        default = None
    return field(default=default, metadata={"nastav": meta})


def meta_of(fld: dataclasses.Field) -> Meta | None:
    return fld.metadata.get("nastav")


@dataclass
class Source:
    """Where a record came from: its file and the line of each field path."""

    file: str
    line: int
    # Field path → line; as JSON text when read back from the stage cache
    # (memo.py): a region's stored records hold 47,000 of these maps, and
    # reading them back as dicts was a fifth of the time a rebuild reads
    # records. Decoded when a line is asked for (a diagnostic).
    lines: dict[str, int] | str = field(default_factory=dict)
    prefix: str = ""  # «documents[3]» for a record inside a list file

    def __reduce__(self):
        lines = self.lines
        if not isinstance(lines, str):
            lines = json.dumps(lines, ensure_ascii=False, separators=(",", ":"))
        return (Source, (self.file, self.line, lines, self.prefix))

    def field_path(self, path: str | None) -> str | None:
        """The path people see: prefixed for records of list files."""
        if not path:
            return self.prefix or None
        return f"{self.prefix}.{path}" if self.prefix else path

    def line_of(self, path: str) -> int:
        lines = self.lines
        if isinstance(lines, str):
            lines = self.lines = json.loads(lines)
        # Fall back to the nearest parent path, then the record itself.
        while path:
            if path in lines:
                return lines[path]
            path = path.rpartition(".")[0]
        return self.line


@dataclass(kw_only=True)
class Record:
    """Base of every top-level record; ``src`` is filled by the loader."""

    src: Source | None = field(default=None, compare=False, repr=False)
