"""File-system work on many small files, side by side in threads.

A first build writes thousands of files (a city: 4,400 in the docs tree,
1,500 more in MkDocs' part folders) at moments when the second core has
nothing else to do. The system calls that make a file run while another
thread holds the interpreter, so a few threads write faster than one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
IO_THREADS_FROM = 256  # fewer items: one thread, no pool to start
THREADS = 4


def io_map(function: Callable[..., T], *columns: Sequence[Any]) -> list[T]:
    """``[function(*args) for args in zip(*columns)]``, in threads when there
    are many; the first exception is raised here, as in a loop."""
    if not columns or len(columns[0]) < IO_THREADS_FROM:
        return [function(*args) for args in zip(*columns)]
    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(function, *columns))
