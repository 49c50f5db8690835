"""The joined search index's chunks (search/search_merge.py): a chunk an
earlier join wrote is linked again only if it holds the same words and was
compressed as this code compresses — else a site made from the cache would
differ, byte for byte, from one made without it."""

from __future__ import annotations

import gzip

from generator.search.search_merge import GZIP_LEVEL, _gzip, _holds


def test_an_earlier_chunk_is_taken_only_as_this_code_writes_it(tmp_path):
    body = "наставник наставляемый программа ".encode() * 200
    ours, level_9, other = tmp_path / "ours", tmp_path / "level-9", tmp_path / "other"
    ours.write_bytes(_gzip(body))
    level_9.write_bytes(gzip.compress(body, 9, mtime=0))
    other.write_bytes(_gzip(body + b"!"))
    assert gzip.decompress(ours.read_bytes()) == gzip.decompress(level_9.read_bytes()) == body
    assert _holds(ours, body)
    assert not _holds(level_9, body) and GZIP_LEVEL != 9
    assert not _holds(other, body) and not _holds(tmp_path / "missing", body)
    assert _gzip(body) == ours.read_bytes()  # the same bytes each time
