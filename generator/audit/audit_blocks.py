"""Large text files of the site searched block by block, the results kept.

The open-data tables of a city (data/programs.csv and .json, 1.5 MB each)
hold every organization's records. Editing one program changes one line of
them, yet the whole text would be searched for names and contacts again —
0.3 s of a 2 s rebuild. So a large text is cut into blocks where its
content says so (after a line whose checksum ends in five zero bits, once
the block is long enough): an edit changes the block it falls in, not the
boundaries of the others. Each block is searched together with ``CONTEXT``
characters of its neighbours on both sides — what the detectors look at
around a match (an honorific up to 60 characters before a name, the given
name after a surname) — and only what starts inside the block is its own.
Results are kept by the digest of the text searched and of what is looked
for (``DataCheck.fingerprint``).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterator

BLOCKS_FROM = 65_536  # characters: smaller texts are searched whole
MIN_BLOCK = 8_192
CONTEXT = 512

# What a search finds, in plain values (kept in the audit cache, read with
# marshal): names as (full name, text found, who it is), the detectors'
# findings as (kind, text found, advice).
Hits = tuple[tuple[tuple[str, str, str], ...], tuple[tuple[str, str, str], ...]]
Search = Callable[[str], tuple[list, list]]  # text → (name hits, findings) with .start


def spans(text: str) -> list[tuple[int, int]]:
    """Where the blocks of ``text`` start and end."""
    found: list[tuple[int, int]] = []
    start = position = 0
    for line in _lines(text):
        position += len(line)
        if position - start >= MIN_BLOCK and zlib.crc32(line.encode("utf-8", "replace")) & 31 == 0:
            found.append((start, position))
            start = position
    if start < len(text) or not found:
        found.append((start, len(text)))
    return found


def _lines(text: str, chunk: int = 1 << 20) -> Iterator[str]:
    """``text.splitlines(keepends=True)`` a megabyte at a time: the list of a
    region's monitoring values (1.1 million lines) took 200 MB. A chunk
    ends after a «\\n», which always ends a line («\\r\\n» stays whole)."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + chunk)
        end = len(text) if cut < 0 else cut + 1
        yield from text[start:end].splitlines(keepends=True)
        start = end


def search_blocks(
    text: str, search: Search, fingerprint: str, known: dict[str, Hits], used: dict[str, Hits]
) -> Hits:
    """All hits of ``text``, in order, as one search of the whole would list
    them; blocks found in ``known`` are not searched again, and every block's
    hits are put in ``used``."""
    names: list[tuple[str, str, str]] = []
    items: list[tuple[str, str, str]] = []
    for start, end in spans(text):
        low, high = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
        window = text[low:high]
        key = hashlib.sha1(
            f"{fingerprint}\0{start - low}\0{end - low}\0{window}".encode("utf-8", "replace")
        ).hexdigest()
        hits = known.get(key)
        if hits is None:
            hits = own_hits(window, start - low, end - low, search)
        used[key] = hits
        names += hits[0]
        items += hits[1]
    return tuple(names), tuple(items)


def own_hits(window: str, start: int, end: int, search: Search) -> Hits:
    """Hits of ``window`` that start in [start, end)."""
    name_hits, findings = search(window)
    return (
        tuple(
            (h.person.full_name, h.text, h.person.why) for h in name_hits if start <= h.start < end
        ),
        tuple((f.kind, f.text, f.advice) for f in findings if start <= f.start < end),
    )
