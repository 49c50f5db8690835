"""Files the build wrote into its docs tree, examined ahead of the audit.

A one-program rebuild of a region rewrites its open data (programs.csv
and .json, 20 MB) and the organization's downloads: examining them took
0.5 s at the end of the build, while the second core indexed the search.
They are written before MkDocs runs, so a process forked then examines
them while this one assembles the site, and the audit takes what was
found for a file whose content is still the same when it reaches it (the
key holds the content's hash: audit.py ``_Audit.add``). The audit still
looks at every file of the site itself; nothing is taken on trust but a
result for the very bytes it finds.

The open data are examined earlier still (``examine_generated``): from
their bytes in memory, by a process forked as soon as they are made, before
the docs tree is written — while this process writes it, the second core
had nothing to do. Examined with the files, they took the core from
Pagefind and the search index's join, on which the end of the build waits.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..util.stored import Data, as_bytes, sha1_of
from .audit_cache import AuditCache, Index, cache_tag
from .audit_data import is_text_file
from .audit_file import Result, content_key, examine, examine_text

# Files written: more (a first build) are for the audit's own worker processes.
AHEAD_AT_MOST = 300

Ahead = dict[str, tuple[str, Result, dict]]  # site path → (key, what it yields, its blocks)


def examine_ahead(docs: Path, rels: list[str], data_check, base: str, cache: Path | None) -> Ahead:
    """What each file at ``docs/rel`` yields, as the audit of the site
    examines it at ``rel`` (the site's copy is a link to it)."""
    if data_check is not None and cache is not None:
        # The blocks of large texts searched by earlier builds (audit_blocks.py),
        # read if a large text comes: an organization's DOCX is not one.
        data_check.blocks_from = lambda: AuditCache(cache, cache_tag()).index.known_blocks()
    fingerprint = data_check.fingerprint if data_check is not None else "-"
    base = _as_audited(base)
    out: Ahead = {}
    for rel in rels:
        path = docs / rel
        try:
            with open(path, "rb") as stream:
                content = hashlib.sha1(stream.read()).hexdigest()
        except OSError:
            continue  # the audit examines it itself
        result = examine(path, rel, data_check, base)
        blocks = data_check.take_blocks() if data_check is not None else {}
        out[rel] = (content_key(content, fingerprint, base, rel), result, blocks)
    return out


def examine_generated(
    items: list[tuple[str, Data]], data_check, base: str, cache: Path | None
) -> Ahead:
    """What each text file of ``items`` (site path, bytes) yields, as the
    audit will find it in the site; a file whose bytes the last audit
    examined at the same path is left to the audit, which has its findings."""
    index = AuditCache(cache, cache_tag()).index if cache is not None else Index()
    if data_check is not None:
        data_check.known_blocks = index.known_blocks()
    fingerprint = data_check.fingerprint if data_check is not None else "-"
    base = _as_audited(base)
    out: Ahead = {}
    for rel, data in items:
        if not is_text_file(rel):
            continue
        key = content_key(sha1_of(data).hex(), fingerprint, base, rel)
        if index.known.get(rel, ((), ""))[1] == key:
            continue
        result = examine_text(as_bytes(data), rel, data_check)
        blocks = data_check.take_blocks() if data_check is not None else {}
        out[rel] = (key, result, blocks)
    return out


def _as_audited(base: str) -> str:
    return base if base.endswith("/") else base + "/"  # as the audit has it
