"""Values worked out only when used (``memo.Memo``).

A region's monitoring view takes 0.4 s to read back from the build cache,
and a build that changed one program needs none of it: every stage reading
it is keyed by the view's key, and its stored result is reused. So a stage
kept ``lazy`` hands back a ``Later``: the key is known, the value is read
when something asks for it (``resolved``), and a dataclass result is stored
field by field (``Parts``), so its small fields come without its large ones
(``Later.part``).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, TypeVar

T = TypeVar("T")

_PLAIN = (type(None), str, int, float, bool)  # stored as they are: cheap to read


def resolved(value: T | Later) -> T:
    """The value itself, worked out if it is a ``Later``."""
    return value.value() if isinstance(value, Later) else value


def field_of(value: Any, name: str) -> Any:
    """A field of a value or of a ``Later``: of a dataclass kept as ``Parts``,
    that field alone is read (an unchanged organization's practices, not its
    programs)."""
    return resolved(value.part(name)) if isinstance(value, Later) else getattr(value, name)


class Later:
    """A value not worked out yet: ``compute()`` gives it, once.

    ``on_value`` hears of it when it is (the cache keys the value as it
    keyed the ``Later``). Pickling a ``Later`` pickles its value, so one
    that ends up inside a result or a key is stored as what it stands for."""

    __slots__ = ("_compute", "_on_value", "_parts", "_value")

    def __init__(
        self,
        compute: Callable[[], Any],
        on_value: Callable[[Any], None] | None = None,
        parts: dict[str, Any] | None = None,
    ):
        self._compute: Callable[[], Any] | None = compute
        self._on_value = on_value
        self._parts = parts  # name → ``Later`` or a plain value: ``part``
        self._value: Any = _UNSET

    def value(self) -> Any:
        if self._value is _UNSET:
            assert self._compute is not None
            self._value = self._compute()
            self._compute = None
            if self._on_value is not None:
                self._on_value(self._value)
        return self._value

    @property
    def worked_out(self) -> bool:
        """Whether the value was asked for (``--verbose`` and tests tell what a rebuild read)."""
        return self._value is not _UNSET

    @property
    def parts(self) -> dict[str, Any]:
        """The fields read alone (``Parts``): name → ``Later`` or plain value."""
        return self._parts or {}

    def part(self, name: str) -> Any:
        """A field of the value: read alone when the value was stored as
        ``Parts`` and is not read yet."""
        if self._parts is not None and self._value is _UNSET:
            return self._parts[name]
        return getattr(self.value(), name)

    def __reduce__(self) -> tuple[Any, tuple[Any]]:
        return _same, (self.value(),)


_UNSET: Any = object()


def _same(value: T) -> T:
    return value


class Pickled:
    """One field's pickle in ``Parts``."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return Pickled, (self.data,)


@dataclass(frozen=True)
class Parts:
    """A result as a lazy stage stores it: each field of a dataclass pickled
    on its own (``Pickled``), or small plain ones as they are; any other
    value as one part named ``""``."""

    cls: type | None
    fields: dict[str, Any]

    @classmethod
    def of(cls, value: Any) -> Parts:
        if is_dataclass(value) and not isinstance(value, type) and hasattr(value, "__dict__"):
            return cls(
                type(value), {f.name: _packed(getattr(value, f.name)) for f in fields(value)}
            )
        return cls(None, {"": _packed(value)})

    def later(self, on_value: Callable[[Any], None], on_part: Callable[[str, Any], None]) -> Later:
        """The value, read when used; a dataclass's fields also one by one.
        ``on_part(name, value)`` hears of a field read on its own."""
        parts = {name: self._part(name, stored, on_part) for name, stored in self.fields.items()}
        if self.cls is None:
            return Later(lambda: resolved(parts[""]), on_value)
        kind = self.cls

        def whole() -> Any:
            # As pickle makes a dataclass: no __init__, the fields as they were.
            made: Any = object.__new__(kind)
            made.__dict__.update({name: resolved(part) for name, part in parts.items()})
            return made

        return Later(whole, on_value, parts)

    @staticmethod
    def _part(name: str, stored: Any, on_part: Callable[[str, Any], None]) -> Any:
        if not isinstance(stored, Pickled):
            return stored
        return Later(lambda: pickle.loads(stored.data), lambda value: on_part(name, value))


def _packed(value: Any) -> Any:
    if isinstance(value, _PLAIN):
        return value
    return Pickled(pickle.dumps(value, protocol=5))
