"""Open data: every build publishes its public records as JSON and CSV.

``generate(publics, settings)`` returns ``(path, bytes)`` items under
``data/``; the pipeline's one hook, ``add_open_data(model)`` in ``build()``,
adds them to ``SiteModel.downloads``, which ``write_docs`` puts into the
docs tree next to the pages (MkDocs copies non-Markdown files as they are),
so they go through the same post-build audit as everything else.

Producers are listed in ``PRODUCERS``; each takes the published
organizations and the settings and yields files. The monitoring values of
a municipal project (issue 3) plug in here as one more producer writing
``data/monitoring.csv`` in the interchange format the monitoring import
reads: ``год;организация;критерий;значение;ссылка;комментарий``.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..collection.readme import with_feed_readme
from ..config import Settings
from ..publish.org import PublicOrg
from .files import records_files

DATA_DIR = "data"

Producer = Callable[[list[PublicOrg], Settings], Iterable[tuple[str, bytes]]]

PRODUCERS: list[Producer] = [
    records_files,
    # monitoring_files — issue 3: data/monitoring.csv (год;организация;критерий;…)
]


def add_open_data(model) -> None:
    """The pipeline's hook: add ``data/`` files to ``model.downloads`` (written
    into the docs tree with the pages) and tell the footer to link them."""
    items = generate(model.public, model.settings)
    # The practice feeds (generator/collection) are documented in the same README.
    model.downloads = with_feed_readme(model.downloads + items)
    if any(path.startswith(f"{DATA_DIR}/") for path, _ in model.downloads):
        model.extra.setdefault("nastav", {})["open_data"] = True


def generate(publics: list[PublicOrg], settings: Settings) -> list[tuple[str, bytes]]:
    items: list[tuple[str, bytes]] = []
    for producer in PRODUCERS:
        items += [(f"{DATA_DIR}/{path}", data) for path, data in producer(publics, settings)]
    return items
