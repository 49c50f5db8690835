"""Folders digested ahead by a forked process (treedigest.py
``digest_ahead``, started by ``nastav build`` before it imports the rest):
the digests are those worked out in the build's own process, the file
hashes read for them are kept, and digests not taken by the build that
started them are never taken by a later one."""

from __future__ import annotations

from pathlib import Path

from generator.treedigest import (
    FILE_HASHES,
    FileHashes,
    digest_ahead,
    digests_ahead,
    drop_ahead,
    tree_digest,
)


def _orgs(root: Path) -> Path:
    orgs = root / "content" / "orgs"
    for name, programs in (("sosh1", 3), ("sosh2", 1)):
        folder = orgs / name / "programs"
        folder.mkdir(parents=True)
        for n in range(programs):
            (folder / f"p{n}.yml").write_text(f"title: Программа {n}\n", "utf-8")
        (orgs / name / "org.yml").write_text(f"short_name: {name}\n", "utf-8")
    return orgs


def test_digests_ahead_are_those_of_the_folders_and_their_hashes_are_kept(tmp_path):
    orgs = _orgs(tmp_path)
    hashes = tmp_path / "memo" / FILE_HASHES
    expected = {name: tree_digest(orgs / name, FileHashes(None)) for name in ("sosh1", "sosh2")}
    digest_ahead(orgs, hashes)
    known = FileHashes(hashes)
    assert known.ahead(orgs / "sosh1") == expected["sosh1"]
    assert tree_digest(orgs / "sosh2", known) == expected["sosh2"]
    assert known.ahead(orgs) is None  # only the folders in it
    assert str(orgs / "sosh1" / "programs" / "p2.yml") in known.used  # kept by save()
    known.save()
    assert FileHashes(hashes).ahead(orgs / "sosh1") is None  # taken once


def test_digests_not_taken_are_dropped(tmp_path):
    orgs = _orgs(tmp_path)
    memo = tmp_path / "project" / ".nastav" / "cache" / "memo"
    with digests_ahead(tmp_path, memo):
        pass  # a build that stopped before reading the organizations
    (orgs / "sosh1" / "programs" / "p0.yml").write_text("title: Другая\n", "utf-8")
    known = FileHashes(memo / FILE_HASHES)
    assert known.ahead(orgs / "sosh1") is None
    assert tree_digest(orgs / "sosh1", known) == tree_digest(orgs / "sosh1", FileHashes(None))
    digest_ahead(orgs, memo / FILE_HASHES)
    drop_ahead(memo / FILE_HASHES)
    assert FileHashes(memo / FILE_HASHES).ahead(orgs / "sosh1") is None
