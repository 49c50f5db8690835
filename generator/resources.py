"""Where the bundled theme and demo projects are.

In a source checkout they are the repository's own ``theme/`` and the root
project; in an installed wheel they are copied under ``generator/_bundled``.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_BUNDLED = PACKAGE / "_bundled"
_CHECKOUT = PACKAGE.parent


def theme_dir() -> Path:
    bundled = _BUNDLED / "theme"
    return bundled if bundled.is_dir() else _CHECKOUT / "theme"


def demo_project(name: str) -> Path:
    """``school`` is the repository root project; others live in ``demo/``."""
    bundled = _BUNDLED / f"demo_{name}"
    if bundled.is_dir():
        return bundled
    return _CHECKOUT if name == "school" else _CHECKOUT / "demo" / name
