"""What the CLI tells people while it works, in Russian.

Progress lines go to stderr and only to a terminal (quiet in CI and with
``--quiet``); ``--verbose`` adds what each stage did.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class Console:
    quiet: bool = False
    verbose: bool = False
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    @property
    def interactive(self) -> bool:
        return (
            not self.quiet
            and self.err.isatty()
            and os.environ.get("CI", "").lower() not in ("1", "true", "yes")
        )

    def stage(self, text: str) -> None:
        if self.verbose or self.interactive:
            print(f"→ {text}", file=self.err, flush=True)

    def detail(self, text: str) -> None:
        if self.verbose:
            print(f"  {text}", file=self.err, flush=True)

    def progress(self, text: str, done: int, total: int) -> None:
        """«  страницы: 120/1000» rewritten in place — only on a terminal."""
        if not self.interactive or total <= 0:
            return
        end = "\n" if done >= total else ""
        print(f"\r  {text}: {done}/{total}", end=end, file=self.err, flush=True)

    def page_counter(self, total: int):
        """A callback for MkDocs' page count, or None when nobody watches."""
        if not self.interactive:
            return None
        return lambda done: self.progress("страницы", done, total)

    def timing(self, what: str, seconds: float) -> None:
        self.detail(f"{what}: {seconds:.1f} с".replace(".", ","))

    def say(self, text: str = "") -> None:
        if not self.quiet:
            print(text, file=self.out, flush=True)

    def problem(self, text: str) -> None:
        print(text, file=self.out, flush=True)
