"""What the CLI tells people while it works, in Russian.

The one place that prints, with the command modules (``commands/``): library
code returns results and a ``diagnostics.Report``, and is given a console
only to tell its progress. Progress lines go to stderr and only to a
terminal (quiet in CI and with ``--quiet``); ``--verbose`` adds what each
stage did.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TextIO

from .diagnostics import Report


@dataclass
class Console:
    quiet: bool = False
    verbose: bool = False
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _closed: list[TextIO] = field(default_factory=list)

    @property
    def interactive(self) -> bool:
        return (
            not self.quiet
            and self.err.isatty()
            and os.environ.get("CI", "").lower() not in ("1", "true", "yes")
        )

    def stage(self, text: str) -> None:
        if self.verbose or self.interactive:
            self._write(f"→ {text}", self.err)

    def detail(self, text: str) -> None:
        if self.verbose:
            self._write(f"  {text}", self.err)

    def progress(self, text: str, done: int, total: int) -> None:
        """«  страницы: 120/1000» rewritten in place — only on a terminal."""
        if not self.interactive or total <= 0:
            return
        end = "\n" if done >= total else ""
        self._write(f"\r  {text}: {done}/{total}", self.err, end)

    def page_counter(self, total: int):
        """A callback for MkDocs' page count, or None when nobody watches."""
        if not self.interactive:
            return None
        return lambda done: self.progress("страницы", done, total)

    def timing(self, what: str, seconds: float) -> None:
        self.detail(f"{what}: {seconds:.1f} с".replace(".", ","))

    def say(self, text: str = "") -> None:
        if not self.quiet:
            self._write(text, self.out)

    def problem(self, text: str) -> None:
        self._write(text, self.out)

    def print_report(self, report: Report) -> None:
        """Every problem of ``report``, in order, then its summary line."""
        for diagnostic in report.sorted():
            self.problem(diagnostic.format())
        if report.items:
            self.problem(report.summary())

    def _write(self, text: str, stream: TextIO, end: str = "\n") -> None:
        """Print, unless the reader has gone: «nastav validate | head -2»
        closes the pipe, and the command still finishes its work and exits
        with its own code instead of a traceback."""
        if stream in self._closed:
            return
        try:
            print(text, end=end, file=stream, flush=True)
        except BrokenPipeError:
            self._closed.append(stream)
            silence(stream)


def silence(stream: TextIO) -> None:
    """Point a closed standard stream at the null device, so that Python's
    own flush at exit does not report the broken pipe either."""
    try:
        fileno = stream.fileno()
    except (OSError, ValueError):
        return  # not a real file (a test's buffer)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)
