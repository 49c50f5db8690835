"""Problems found in a project, reported to people in Russian.

Every stage appends to one ``Report``; nothing raises on bad input. A
diagnostic names the file, the line, the field, what was found and what was
expected, so a curator can fix it without reading code.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import PurePosixPath


class Severity(enum.Enum):
    ERROR = "ошибка"
    WARNING = "предупреждение"


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: a file relative to the project, a line, a field path."""

    file: str = ""
    line: int | None = None
    field: str | None = None

    def describe(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.line:
            parts.append(f"строка {self.line}")
        if self.field:
            parts.append(f"поле «{self.field}»")
        return ", ".join(parts)


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    location: Location
    message: str
    code: str = ""

    def format(self) -> str:
        where = self.location.describe()
        head = f"{where}: " if where else ""
        return f"{head}{self.severity.value}: {self.message}"


@dataclass
class Report:
    """Collects diagnostics from every stage, in the order they were found."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, loc: Location, message: str, code: str = "") -> None:
        self.items.append(Diagnostic(Severity.ERROR, loc, message, code))

    def warning(self, loc: Location, message: str, code: str = "") -> None:
        self.items.append(Diagnostic(Severity.WARNING, loc, message, code))

    def extend(self, other: Report) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Diagnostic]:
        """Errors and warnings grouped by file, then by line, stable otherwise."""

        def key(d: Diagnostic) -> tuple:
            return (d.location.file, d.location.line or 0)

        return sorted(self.items, key=key)

    def summary(self) -> str:
        return f"Ошибок: {len(self.errors)}, предупреждений: {len(self.warnings)}."


def brief(text: str, limit: int = 60) -> str:
    """A value quoted in a message: one line, at most ``limit`` characters."""
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= limit else one_line[:limit] + "…"


def rel(path: PurePosixPath | str) -> str:
    return str(path).replace("\\", "/")
