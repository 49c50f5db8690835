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
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass
from functools import partial
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
        parts: Mapping[str, Any] | None = None,
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
    def parts(self) -> Mapping[str, Any]:
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


@dataclass(frozen=True)
class Parts:
    """A result as a lazy stage stores it: each field of a dataclass pickled
    on its own (its pickle's bytes), or small plain ones as they are; any
    other value as one part named ``""``. Read back (util/stored.py
    ``StoredParts``), a field's pickle is a view of the file's bytes, or a
    call that reads it: unpickled when the field is used."""

    cls: type | None
    # name → a plain value, or the field's pickle: bytes, a view, or what reads it
    fields: dict[str, Any]

    @classmethod
    def of(cls, value: Any) -> Parts:
        if is_dataclass(value) and not isinstance(value, type) and hasattr(value, "__dict__"):
            return cls(
                type(value), {f.name: _packed(getattr(value, f.name)) for f in fields(value)}
            )
        return cls(None, {"": _packed(value)})

    def later(
        self,
        on_value: Callable[[Any], None],
        on_part: Callable[[str, Any], None],
        on_later: Callable[[str, Later], None] | None = None,
    ) -> Later:
        """The value, read when used; a dataclass's fields also one by one.
        ``on_part(name, value)`` hears of a field read on its own;
        ``on_later(name, later)`` of the ``Later`` made for a field, when it
        is first asked for (a region's 930 organizations have 27,000 fields
        a stage, of which a rebuild uses half)."""
        parts = _Fields(self.fields, on_part, on_later)
        if self.cls is None:
            return Later(lambda: resolved(parts[""]), on_value)
        kind, names = self.cls, list(self.fields)

        def whole() -> Any:
            # As pickle makes a dataclass: no __init__, the fields as they were.
            made: Any = object.__new__(kind)
            made.__dict__.update({name: resolved(parts[name]) for name in names})
            return made

        return Later(whole, on_value, parts)


class _Fields(Mapping[str, Any]):
    """The fields of a stored result: plain values, and for each pickled one
    a ``Later``, made when the field is first asked for."""

    __slots__ = ("_stored", "_made", "_on_part", "_on_later")

    def __init__(
        self,
        stored: dict[str, Any],
        on_part: Callable[[str, Any], None],
        on_later: Callable[[str, Later], None] | None,
    ) -> None:
        self._stored = stored
        self._made: dict[str, Any] = {}
        self._on_part, self._on_later = on_part, on_later

    def __getitem__(self, name: str) -> Any:
        made = self._made.get(name, _UNSET)
        if made is _UNSET:
            stored = self._stored[name]
            if isinstance(stored, (bytes, memoryview)) or callable(stored):
                made = Later(partial(_unpickled, stored), partial(self._on_part, name))
                if self._on_later is not None:
                    self._on_later(name, made)
            else:
                made = stored
            self._made[name] = made
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._stored)

    def __len__(self) -> int:
        return len(self._stored)


def _unpickled(stored: bytes | memoryview | Callable[[], bytes]) -> Any:
    """A field's value from its pickle, or from what reads it (a large field
    of a stored result: util/stored.py ``StoredParts``)."""
    return pickle.loads(stored() if callable(stored) else stored)


def _packed(value: Any) -> Any:
    if isinstance(value, _PLAIN):
        return value
    return pickle.dumps(value, protocol=5)
