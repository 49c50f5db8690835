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
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .audit_cache import AuditCache, cache_tag
from .audit_file import Result, content_key, examine

# Files written: more (a first build) are for the audit's own worker processes.
AHEAD_AT_MOST = 300

Ahead = dict[str, tuple[str, Result, dict]]  # site path → (key, what it yields, its blocks)


def examine_ahead(docs: Path, rels: list[str], data_check, base: str, cache: Path | None) -> Ahead:
    """What each file at ``docs/rel`` yields, as the audit of the site
    examines it at ``rel`` (the site's copy is a link to it)."""
    if data_check is not None and cache is not None:
        # The blocks of large texts searched by earlier builds (audit_blocks.py).
        data_check.known_blocks = AuditCache(cache, cache_tag()).index.known_blocks()
    fingerprint = data_check.fingerprint if data_check is not None else "-"
    base = base if base.endswith("/") else base + "/"  # as the audit has it
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
