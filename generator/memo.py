"""Results of pure build stages kept between builds, in ``.nastav/cache/memo``.

A municipal portal is a hundred organizations; a curator edits one record
and rebuilds. Reading, checking, publishing and rendering the other
ninety-nine would give the same results, so each of those stages, per
organization, is stored under a key made of everything it reads:

* the organization's files (``treedigest.tree_digest``: names, sizes and the bytes of
  every file up to ``HASH_LIMIT``; larger attachments by size and time);
* the settings (``site_config.yml`` and the build date);
* what the stage takes from the rest of the project (the list of names the
  privacy guard looks for, the contests, …), passed in by the caller;
* the code itself (``fingerprint``: nastav's sources and templates, its
  libraries and Python): a new version or an edited template never reuses
  old results.

Diagnostics the stage reported are stored with its result and reported
again, so a cached build prints the same warnings and fails on the same
errors. The cache is a local folder of the project, written by its own
builds; anything unreadable in it is simply computed again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

from .diagnostics import Report
from .fingerprint import digest, fingerprint, object_digest
from .treedigest import FILE_HASHES, FileHashes, tree_digest
from .util.forked import fork_map
from .util.later import Later, Parts, resolved
from .util.stored import BESIDE, Apart, codec_for, read_result, write_result

T = TypeVar("T")


def settings_key(settings: Any) -> str:
    """The project's settings as the stages see them: ``site_config.yml``,
    the build date and where the project is."""
    config = settings.project_dir / "site_config.yml"
    text = config.read_bytes() if config.is_file() else b""
    return digest(text, settings.today.isoformat(), str(settings.project_dir.resolve()))


@dataclass(frozen=True)
class Tree:
    """A stage input that is a folder of the project: its key is its files."""

    path: Path


@dataclass
class Memo:
    """Stage results by key. ``folder=None`` keeps nothing (tests, ``--org``).

    ``stage``/``stage_many`` derive the key from the stage's declared inputs,
    which are all the stage receives: a ``Tree`` by its files, the settings
    by ``site_config.yml`` and the build date, a value another stage made in
    this build by that stage's key, an object with ``__digest__`` by it, and
    anything else by its pickle. No domain object carries a key."""

    folder: Path | None
    hits: int = 0
    misses: int = 0
    _used: set[Path] = field(default_factory=set)
    # id → (value, key) of what the stages of this build made: the value is
    # held, so its id is not reused while the entry lives.
    # A part's key is (its whole's key, its name) until asked for (``_resolved``):
    # a region's results have 26,000 parts, few of them inputs of a later stage.
    _made: dict[int, tuple[Any, str | tuple]] = field(default_factory=dict)
    _trees: dict[Path, str] = field(default_factory=dict)
    _hashes: FileHashes | None = None
    # id → (value, key) of inputs already keyed in this build: the stages'
    # inputs are not changed while the build runs.
    _seen: dict[int, tuple[Any, str]] = field(default_factory=dict)
    _plain: dict[str, str] = field(default_factory=dict)  # repr → key of a plain value

    def key_of(self, value: Any) -> str:
        made = self._made.get(id(value))
        if made is not None and made[0] is value:
            return made[1] if isinstance(made[1], str) else self._resolved(value, made[1])
        if isinstance(value, Tree):
            if value.path not in self._trees:
                self._trees[value.path] = tree_digest(value.path, self._file_hashes())
            return self._trees[value.path]
        if hasattr(value, "__digest__"):
            return str(value.__digest__())
        if value is None or isinstance(value, (str, int, float, bool)):
            text = repr(value)  # an organization's id, a year: the same ones in many stages
            key = self._plain.get(text)
            if key is None:
                key = self._plain[text] = digest(text)
            return key
        if isinstance(value, (tuple, list)) and any(self._known(v) for v in value):
            return digest(type(value).__name__, *(self.key_of(v) for v in value))
        seen = self._seen.get(id(value))
        if seen is not None and seen[0] is value:
            return seen[1]  # one input of many stages (the monitoring view, the settings): once
        if hasattr(value, "project_dir") and hasattr(value, "today"):
            key = settings_key(value)  # reads site_config.yml: once a build, not once a stage
        elif is_dataclass(value) and not isinstance(value, type):
            # Field by field: a part another stage made (an organization's
            # published records in its summary) is keyed by that stage, not pickled.
            key = digest(
                type(value).__qualname__,
                *(f"{f.name}={self.key_of(getattr(value, f.name))}" for f in fields(value)),
            )
        else:
            key = object_digest(value)
        self._seen[id(value)] = (value, key)
        return key

    def _resolved(self, value: Any, key: tuple) -> str:
        """The key of a part: its whole's key and its name, digested."""
        parent, name = key
        made = digest(parent if isinstance(parent, str) else self._resolved(None, parent), name)
        if value is not None:
            self._made[id(value)] = (value, made)
        return made

    def _file_hashes(self) -> FileHashes:
        if self._hashes is None:
            self._hashes = FileHashes(self.folder / FILE_HASHES if self.folder else None)
        return self._hashes

    def _known(self, value: Any) -> bool:
        made = self._made.get(id(value)) or self._seen.get(id(value))
        return made is not None and made[0] is value

    def by_content(self, values: list[Any]) -> None:
        """Key each of ``values`` by its pickle, once: values made afresh
        each build that several stages read, alone and in lists (a region's
        2,000 practice cards: the catalog's files, each organization's
        pages). A list holding them is keyed by their keys, not pickled again."""
        if self.folder is None:
            return
        for value in values:
            if self._seen.get(id(value), (None,))[0] is not value:
                self._seen[id(value)] = (value, object_digest(value))

    def _inputs_key(self, stage: str, inputs: dict[str, Any]) -> str:
        return digest(stage, *(f"{n}={self.key_of(v)}" for n, v in sorted(inputs.items())))

    def stage(
        self,
        name: str,
        compute: Callable[..., T],
        report: Report,
        apart: bool = False,
        lazy: bool = False,
        aside: bool = False,
        **inputs: Any,
    ) -> T:
        """``compute(report, **inputs)``, kept under a key derived from ``inputs``.

        ``apart``: bytes of ``APART_FROM`` or more in the result are kept in
        files of their own and come back as ``StoredBytes`` (util/stored.py),
        also from the build that computes them — for a stage whose large bytes
        are only written out (the open data of a region's monitoring).

        ``lazy``: a stored result comes back as a ``Later`` (util/later.py),
        read when used — for a large result that later stages take as an
        input and rarely need to read (the monitoring view). Its diagnostics
        are reported at once. A ``Later`` may be given to stages (``_call``
        works it out if they run); other code calls ``resolved`` or
        ``part``.

        ``aside``: see ``stage_many`` (the monitoring's pages)."""
        if self.folder is None:
            return compute(report, **inputs)
        assert apart + lazy + aside <= 1, "a result is kept apart, aside or read lazily"
        key = self._inputs_key(name, inputs)
        job = partial(_call, compute, inputs)
        value = self.run(name, (key,), job, report, apart, lazy, aside)
        return self._kept(value, key)

    def _kept(self, value: Any, key: str) -> Any:
        if isinstance(value, Parts):  # a lazy stage's stored result: read when used
            value = value.later(
                lambda made: self._remember(made, key),
                lambda name, made: self._remember(made, (key, name)),
                # A field's ``Later``, as ``_remember`` keys the fields of a value.
                lambda name, later: self._made.__setitem__(id(later), (later, (key, name))),
            )
            self._made[id(value)] = (value, key)
            return value
        self._remember(value, key)
        return value

    @staticmethod
    def part(value: Any, name: str) -> Any:
        """A field of a stage's result; of a lazy one, read alone when used
        (a ``Later``) unless it is a small plain value."""
        if isinstance(value, Later):
            return value.part(name)
        return getattr(value, name)

    def stage_many(
        self,
        name: str,
        compute: Callable[..., T],
        jobs: list[dict[str, Any]],
        report: Report,
        parallel_from: int | None = None,
        lazy: bool = False,
        aside: bool = False,
        meanwhile: Callable[[], None] | None = None,
    ) -> list[T]:
        """``stage`` for each job's inputs, computed in workers when many
        (``parallel_from`` jobs to compute: fewer for long jobs, such as a
        program each job starts). ``lazy``: see ``stage``. ``aside``: the
        result's ``HashedBytes`` of ``ASIDE_FROM`` bytes or more are kept in
        one file beside it and come back as ``SlicedBytes`` (util/stored.py),
        read when used — for a stage whose many pages and tables a rebuild
        only compares by their hashes (an organization of a portal).
        ``meanwhile()``: other work of this process, done while the workers
        compute (``fork_map``), or before the jobs are computed here."""
        if self.folder is None:
            if meanwhile is not None:
                meanwhile()
            return [compute(report, **inputs) for inputs in jobs]
        keys = [self._inputs_key(name, inputs) for inputs in jobs]
        values = self.run_many(
            name,
            [((key,), partial(_call, compute, inputs)) for key, inputs in zip(keys, jobs)],
            report,
            parallel_from,
            lazy,
            aside,
            meanwhile,
        )
        return [self._kept(value, key) for key, value in zip(keys, values)]

    def derived(self, name: str, compute: Callable[..., T], **inputs: Any) -> T:
        """``compute(**inputs)`` — quick, pure, and not kept — whose result is
        keyed by its content, as any input, so a stage reading it reruns only
        when it comes out different (a year's share of the monitoring view:
        new 2025 values leave the 2023 report alone). Working that key out
        means pickling the value (seconds for a region); it is done only when
        the inputs' key is new, and kept under it. When it is not new, the
        value is a ``Later``: pass it only to stages, which work it out if
        they run."""
        if self.folder is None:
            return compute(**inputs)
        path = self._path("keys", (self._inputs_key(name, inputs),))
        self._used.add(path)
        key = read_result(path)
        if isinstance(key, str):
            # Known: worked out only if a stage reading it runs (``_call``).
            later = Later(partial(_call_plain, compute, inputs))
            self._made[id(later)] = (later, key)
            return cast(T, later)
        value = _call_plain(compute, inputs)
        key = self.key_of(value)
        write_result(path, key)
        self._remember(value, key)
        return value

    def _remember(self, value: Any, key: str | tuple) -> None:
        """A stage's result keyed by the stage's key, and so are the parts of a
        tuple or dataclass result (a later view made with ``replace`` keeps
        them); plain values are keyed by themselves anyway."""
        if value is None or isinstance(value, (str, int, float, bool)):
            return
        self._made[id(value)] = (value, key)
        if isinstance(value, tuple):
            for index, part in enumerate(value):
                self._remember(part, (key, str(index)))
        elif is_dataclass(value) and not isinstance(value, type):
            for f in fields(value):
                part = getattr(value, f.name)
                if isinstance(part, (tuple, list, dict)) or is_dataclass(part):
                    self._remember(part, (key, f.name))

    def run(
        self,
        stage: str,
        key_parts: tuple[str, ...],
        compute: Callable[[Report], T],
        report: Report,
        apart: bool = False,
        lazy: bool = False,
        aside: bool = False,
    ) -> T:
        """``compute(sub_report)``, or its stored result; either way its
        diagnostics end up in ``report``. ``apart``, ``aside``: see ``stage``;
        ``lazy``: a stored result comes back as its ``Parts`` (``_kept``)."""
        if self.folder is None or not all(key_parts):  # no cache, or an input unknown
            return compute(report)
        path = self._path(stage, key_parts)
        self._used.add(path)
        kept = self._apart(apart)
        codec = kept or codec_for(path, aside, lazy)
        stored = read_result(path, codec)
        if stored is not None and _stored_as(stored, lazy):
            self.hits += 1
            value, items = stored
            report.items.extend(items)
            return value
        self.misses += 1
        local = Report()
        value = compute(local)
        report.items.extend(local.items)
        write_result(path, (Parts.of(value) if lazy else value, local.items), codec)
        if kept is not None:  # as the next build reads it back
            stored = read_result(path, kept)
            if stored is not None:
                value = stored[0]
        return value

    def _apart(self, apart: bool) -> Apart | None:
        if not apart or self.folder is None:
            return None
        return Apart(self.folder / APART, self._used, APART_FROM)

    def run_many(
        self,
        stage: str,
        jobs: list[tuple[tuple[str, ...], Callable[[Report], T]]],
        report: Report,
        parallel_from: int | None = None,
        lazy: bool = False,
        aside: bool = False,
        meanwhile: Callable[[], None] | None = None,
    ) -> list[T]:
        """``run`` for each (key parts, compute) job, in order. What is not
        stored is computed in worker processes when there is enough of it (a
        cold build of a city: 93 organizations). A stage is cached only if it
        has no effect but its value and diagnostics, so computing it in a
        forked copy of this process is as safe as reading it back.
        ``meanwhile``: see ``stage_many``."""
        if self.folder is None:
            if meanwhile is not None:
                meanwhile()
            return [compute(report) for _, compute in jobs]
        assert not (aside and lazy), "a result is either kept with its bytes aside or read lazily"
        paths = [self._path(stage, key) if all(key) else None for key, _ in jobs]
        codecs = [codec_for(path, aside, lazy) if path else None for path in paths]
        stored: list[Any] = [read_result(p, c) if p else None for p, c in zip(paths, codecs)]
        stored = [s if s is None or _stored_as(s, lazy) else None for s in stored]
        todo = [i for i, path in enumerate(paths) if path and stored[i] is None]
        in_workers = fork_map(
            _computed,
            [jobs[i][1] for i in todo],
            parallel_from or PARALLEL_FROM,
            meanwhile=meanwhile,
        )
        computed = dict(zip(todo, in_workers or []))
        values = []
        for i, (path, (_, compute)) in enumerate(zip(paths, jobs)):
            if path is None:  # an input unknown: not cached
                values.append(compute(report))
                continue
            self._used.add(path)
            if stored[i] is not None:
                self.hits += 1
                value, items = stored[i]
            else:
                self.misses += 1
                value, items = computed[i] if i in computed else _computed(compute)
                write_result(path, (Parts.of(value) if lazy else value, items), codecs[i])
            report.items.extend(items)
            values.append(value)
        return values

    def activity(self) -> Activity:
        """What this build has used of the cache so far, and how (``since``)."""
        return Activity(set(self._used), self.hits, self.misses)

    def since(self, before: Activity) -> Activity:
        return Activity(
            self._used - before.used, self.hits - before.hits, self.misses - before.misses
        )

    def add(self, done: Activity) -> None:
        """Work of this build's stages done by a forked process: what it used
        is kept by ``prune`` (opendata/__init__.py ``start_open_data``)."""
        self._used |= done.used
        self.hits, self.misses = self.hits + done.hits, self.misses + done.misses

    def _path(self, stage: str, key_parts: tuple[str, ...]) -> Path:
        assert self.folder is not None, "only called when results are kept"
        return self.folder / stage / (digest(fingerprint(), stage, *key_parts)[:40] + ".pickle")

    def let_go(self, keep_read: bool = False) -> None:
        """The build is done with the stage results (site_model.let_go_of_texts).
        ``keep_read``: the process ends with the build (``nastav build``), and
        what a rebuild read back from the cache (a region: 40 MB) stays — freeing
        it took 0.06 s of the rebuild. Not after ``LET_GO_FROM`` stages were
        computed (a first build: their pages' texts, 300 MB), nor in a process
        that builds again (``nastav serve``, whose next builds would carry it)."""
        if not keep_read or self.misses >= LET_GO_FROM:
            self._made.clear()

    def prune(self) -> None:
        """Forget results this build did not ask for: the folder stays the size
        of one project."""
        if self.folder is None or not self.folder.is_dir():
            return
        if self._hashes is not None:
            self._hashes.save()
        # As strings, by listing: a region keeps 5,600 results.
        used = {str(path) for path in self._used}
        for stage in os.scandir(self.folder):
            if not stage.is_dir(follow_symlinks=False):
                continue
            for entry in os.scandir(stage.path):
                if stage.name == APART or entry.name.endswith(".pickle"):
                    kept = entry.path
                elif entry.name.endswith(BESIDE):  # a result's bytes go with it
                    kept = entry.path[: -len(BESIDE)] + ".pickle"
                else:
                    continue
                if kept not in used:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)


PARALLEL_FROM = 8  # fewer stages than this are not worth starting workers for
LET_GO_FROM = 64  # stages computed: from this many their results are freed early (``let_go``)


@dataclass
class Activity:
    """Stored results a build used, and how many were read and computed."""

    used: set[Path]
    hits: int
    misses: int


def _call(compute: Callable[..., T], inputs: dict[str, Any], report: Report) -> T:
    return compute(report, **{k: resolved(v) for k, v in inputs.items()})


def _call_plain(compute: Callable[..., T], inputs: dict[str, Any]) -> T:
    return compute(**{k: resolved(v) for k, v in inputs.items()})


def _stored_as(stored: Any, lazy: bool) -> bool:
    """A stored (value, diagnostics) pair of the stage's kind: a lazy stage's
    value is its ``Parts``."""
    return (
        isinstance(stored, tuple)
        and len(stored) == 2
        and isinstance(stored[0], Parts) == lazy
        and isinstance(stored[1], list)
    )


def _computed(compute: Callable[[Report], T]) -> tuple[T, list]:
    local = Report()
    return compute(local), local.items


APART = "apart"  # the folder of the bytes kept apart, by their SHA-1
APART_FROM = 1 << 20  # bytes of a result kept apart: from this size
