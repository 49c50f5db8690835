"""Archives the site publishes (util/gz.py: the search index's chunks, the
sitemap): one an earlier build wrote is taken again only if it holds the
same bytes and was compressed as this code compresses — else a site made
from the cache would differ, byte for byte, from one made without it."""

from __future__ import annotations

import gzip

from generator.util.gz import LEVEL, compressed, holds


def test_an_earlier_chunk_is_taken_only_as_this_code_writes_it(tmp_path):
    body = "наставник наставляемый программа ".encode() * 200
    ours, level_9, other = tmp_path / "ours", tmp_path / "level-9", tmp_path / "other"
    ours.write_bytes(compressed(body))
    level_9.write_bytes(gzip.compress(body, 9, mtime=0))
    other.write_bytes(compressed(body + b"!"))
    assert gzip.decompress(ours.read_bytes()) == gzip.decompress(level_9.read_bytes()) == body
    assert holds(ours, body)
    assert not holds(level_9, body) and LEVEL != 9
    assert not holds(other, body) and not holds(tmp_path / "missing", body)
    assert compressed(body) == ours.read_bytes()  # the same bytes each time
