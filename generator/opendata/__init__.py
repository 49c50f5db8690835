"""Open data: every build publishes its public records as JSON and CSV.

``generate(source)`` returns ``(path, bytes)`` items under ``data/``; the
pipeline's one hook, ``add_open_data(model)`` in ``build()``, adds them to
``SiteModel.downloads``, which ``write_docs`` puts into the docs tree next to
the pages (MkDocs copies non-Markdown files as they are), so they go through
the same post-build audit as everything else.

Producers are listed in ``PRODUCERS``; each takes the ``Source`` — the
published organizations, the published municipality (a municipal project)
and the settings — and yields files. A producer may yield a part of
``README.txt``; the parts are joined in producer order into one README.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import addresses
from ..collection.readme import with_feed_readme
from ..config import Settings
from ..publish.org import PublicOrg
from ..util.forked import ForkedCall
from ..util.stored import Data, as_bytes
from .files import records_files
from .monitoring import monitoring_files
from .municipal import municipal_files

if TYPE_CHECKING:
    from ..memo import Memo


@dataclass
class Source:
    publics: list[PublicOrg]  # a school project: its one organization
    settings: Settings
    municipality: object | None = None  # publish.municipality.PublicMunicipality
    memo: Memo | None = None  # a city's tables are cached between builds


Producer = Callable[[Source], Iterable[tuple[str, Data]]]

PRODUCERS: list[Producer] = [
    records_files,  # a school: data/<kind>.csv, .json
    municipal_files,  # a municipality: the registry, every organization's records
    monitoring_files,  # a municipality: data/monitoring.csv, .json (tidy values)
]


def add_open_data(model) -> None:
    """The pipeline's hook: add ``data/`` files to ``model.downloads`` (written
    into the docs tree with the pages) and tell the footer to link them.
    ``model.open_data``: the files, made meanwhile (``start_open_data``)."""
    if model.open_data is not None:
        items = model.open_data()
    else:
        items = generate(Source(model.public, model.settings, model.municipality, model.memo))
    # The practice feeds (generator/collection) are documented in the same README.
    model.downloads = with_feed_readme(model.downloads + items)
    if any(addresses.is_open_data(path) for path, _ in model.downloads):
        model.extra.setdefault("nastav", {})["open_data"] = True


def start_open_data(source: Source) -> Callable[[], list[tuple[str, Data]]]:
    """``generate(source)`` by a process forked now; the returned function
    waits for the files. A portal's open data join every organization's
    tables (a region: 20 MB, 0.3 s of each rebuild), while this process
    renders the pages on the other core. What the forked process used of
    the build cache is added to ``source.memo`` (kept by its ``prune``).
    Without fork the files are made when asked for, here."""
    call = ForkedCall(_generated, source, yielding=True)  # wanted once the pages are made

    def finish() -> list[tuple[str, Data]]:
        items, done = call.result()
        if call.elsewhere and source.memo is not None and done is not None:
            source.memo.add(done)
        return items

    return finish


def _generated(source: Source) -> tuple[list[tuple[str, Data]], Any]:
    memo = source.memo
    before = memo.activity() if memo is not None else None
    items = generate(source)
    return items, (memo.since(before) if memo is not None and before is not None else None)


def generate(source: Source) -> list[tuple[str, Data]]:
    items: list[tuple[str, Data]] = []
    readme: list[str] = []
    for producer in PRODUCERS:
        for path, data in producer(source):
            if path == addresses.DATA_README_NAME:
                readme.append(as_bytes(data).decode("utf-8").rstrip("\n"))
            else:
                items.append((addresses.open_data(path), data))
    if readme:
        items.append((addresses.DATA_README, ("\n\n".join(readme) + "\n").encode("utf-8")))
    return items
