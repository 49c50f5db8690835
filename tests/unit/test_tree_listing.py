"""The site folder's listing the prune leaves is what a walk of it finds:
the audit takes it instead of walking 56,000 files again; the audit's
quick check of a whole path agrees with its check of each name; files are
placed into the site with their folders made only when missing."""

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.audit.audit_names import SAFE_PATH, check_name, walk_site
from generator.build.site_folder import prune_tree
from generator.diagnostics import Report


def test_the_listing_left_by_the_prune_is_what_a_walk_finds(tmp_path):
    site = tmp_path / "site"
    keep = set()
    for rel in ["index.html", "a/index.html", "a/b/c/page.html", "files/x.pdf", "assets/app.js"]:
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
        keep.add(str(path))
    for rel in ["old/gone.html", "old/deeper/gone.html", "a/b/stale.html", "pagefind/x.pf"]:
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("old")
    (site / "empty").mkdir()  # goes, as the folders emptied do
    os.symlink(site / "a", site / "linked")  # reported by the audit, never followed

    listing = prune_tree(site, keep, skip=site / "pagefind")

    assert not (site / "old").exists() and not (site / "a/b/stale.html").exists()
    assert (site / "pagefind/x.pf").exists()
    entries, folders = walk_site(site, skip="pagefind")
    assert listing.entries == entries
    assert listing.folders == folders
    assert "linked" in listing.entries and "linked" not in listing.folders
    assert "old" not in listing.entries and "empty" not in listing.entries
    assert "a/b" in listing.folders


@given(
    st.lists(
        st.text(alphabet="aZ09._- /Жé\\:\n", min_size=0, max_size=110), min_size=1, max_size=4
    ).map("/".join)
)
def test_a_path_passed_at_once_is_one_the_name_check_accepts(rel):
    """The audit matches a whole path at once (``SAFE_PATH``) and looks at its
    names one by one only when that fails: both must agree."""
    report = Report()
    check_name(rel, False, report)
    assert bool(SAFE_PATH.fullmatch(rel)) == (not report.items), rel


def test_files_are_placed_in_folders_made_only_when_missing(tmp_path):
    """A region's 41,000 files are linked into a reused site without a
    folder made for each: a missing folder is made on the way, a file that
    is already the source stays, another file there is replaced, not written
    into (the published site may share it), a missing source is an error."""
    import pytest

    from generator.build.tree import link_or_copy

    source = tmp_path / "cache" / "page.html"
    source.parent.mkdir()
    source.write_text("new")
    target = tmp_path / "site" / "a" / "b" / "index.html"
    link_or_copy(str(source), str(target))
    assert os.path.samefile(source, target)
    link_or_copy(str(source), str(target))  # already this very file
    assert os.path.samefile(source, target)
    published = tmp_path / "published.html"
    os.link(target, published)
    other = tmp_path / "cache" / "other.html"
    other.write_text("other")
    link_or_copy(str(other), str(target))
    assert target.read_text() == "other" and published.read_text() == "new"
    with pytest.raises(FileNotFoundError):
        link_or_copy(str(tmp_path / "cache" / "gone.html"), str(tmp_path / "site" / "c" / "x.html"))


@pytest.mark.parametrize("ahead", [False, True])
def test_a_reused_folder_looked_at_once_ends_as_a_walk_finds_it(tmp_path, monkeypatch, ahead):
    """The site folder is surveyed before the build places its files
    (build/site_folder.py): a file already the source's stays without a
    call, another file there is replaced, new files get their folders, and
    what the build did not place goes — the listing left is what a walk of
    the folder finds, as with ``prune_tree``."""
    from generator.build.site_folder import SiteFolder
    from generator.build.tree import Inodes

    cache, site = tmp_path / "cache", tmp_path / "site"
    cache.mkdir()
    sources = {}
    for name in ["same", "changed", "new", "deep"]:
        sources[name] = cache / f"{name}.html"
        sources[name].write_text(name)
    (site / "a").mkdir(parents=True)
    os.link(sources["same"], site / "a/index.html")
    (site / "b").mkdir()
    (site / "b/index.html").write_text("older")
    published = tmp_path / "published.html"
    os.link(site / "b/index.html", published)  # the published site shares it
    for rel in ["old/gone.html", "old/deeper/gone.html", "a/stale.html", "pagefind/x.pf"]:
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("old")
    (site / "empty").mkdir()
    os.symlink(site / "a", site / "linked")

    folder = SiteFolder.survey(site, skip=site / "pagefind", ahead=ahead)
    assert folder.unchanged is None  # files and a folder would go: not the simple case
    inodes = Inodes(os.stat(cache).st_dev, {str(p): os.stat(p).st_ino for p in sources.values()})
    links = []
    real_link = os.link
    monkeypatch.setattr(os, "link", lambda s, t: (links.append(t), real_link(s, t)))
    placed = {
        "same": site / "a/index.html",
        "changed": site / "b/index.html",
        "new": site / "c/index.html",
        "deep": site / "d/e/f/index.html",
    }
    for name, target in placed.items():
        source = str(sources[name])
        folder.place(source, str(target), folder.inode_of(inodes, source))
    listing = folder.prune({str(p) for p in placed.values()})

    assert str(placed["same"]) not in links  # already in place: not a call
    for name, target in placed.items():
        assert os.path.samefile(sources[name], target)
    assert published.read_text() == "older"  # replaced, not written into
    assert not (site / "old").exists() and not (site / "a/stale.html").exists()
    assert (site / "pagefind/x.pf").exists()
    entries, folders = walk_site(site, skip="pagefind")
    assert listing.entries == entries
    assert listing.folders == folders
    assert {"c", "d", "d/e", "d/e/f"} <= listing.folders
    assert "linked" in listing.entries and "linked" not in listing.folders
    assert "empty" not in listing.entries


def test_a_first_build_surveys_nothing_and_lists_what_it_placed(tmp_path):
    from generator.build.site_folder import SiteFolder

    source = tmp_path / "page.html"
    source.write_text("x")
    site = tmp_path / "site"
    folder = SiteFolder.survey(site)
    target = site / "a" / "b" / "index.html"
    folder.place(str(source), str(target), None)
    listing = folder.prune({str(target)})
    assert listing.entries == ["a", "a/b", "a/b/index.html"]
    assert listing.folders == {"", "a", "a/b"}
    assert (listing.entries, listing.folders) == walk_site(site, skip="pagefind")


def test_the_docs_tree_walked_ahead_is_compared_without_a_call_a_file(tmp_path, monkeypatch):
    """write_docs takes the docs tree's files as a walk found them
    (``stat_tree``, done while the model is made): an unchanged file is not
    looked at again, a new one is written, and the inodes it reports are
    those of the files there."""
    from generator.build.tree import stat_tree, write_docs
    from generator.render.pageset import Page

    docs = tmp_path / "docs"
    pages = [Page(f"p{n}/index.md", f"Страница {n}", f"# Страница {n}\n") for n in range(5)]
    write_docs(docs, pages, [], [("data/t.csv", b"a;b\n")])
    known = stat_tree(docs)
    assert set(known) == {str(docs / p.path) for p in pages} | {str(docs / "data/t.csv")}
    looked: list[str] = []
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: (looked.append(str(p)), real_stat(p))[1])
    added = Page("new/index.md", "Новая", "# Новая\n")
    tree = write_docs(docs, [*pages, added], [], [("data/t.csv", b"a;b\n")], known=known)
    monkeypatch.undo()
    assert tree.written == ["new/index.md"]
    assert not set(looked) & set(known)  # none of the known files looked at again
    for path, inode in tree.inodes.files.items():
        assert os.stat(path).st_ino == inode
    assert len(tree.inodes.files) == 7


def test_many_files_written_side_by_side_are_each_where_and_as_they_should_be(tmp_path):
    """A first build writes its thousands of files from several threads: each
    file holds its own bytes, the manifest and the inodes match the files,
    and a second build writes nothing again."""
    from generator.build.tree import write_docs
    from generator.render.pageset import Page
    from generator.util.io_threads import IO_THREADS_FROM

    docs = tmp_path / "docs"
    count = IO_THREADS_FROM + 50
    pages = [
        Page(f"s{n % 9}/p{n}/index.md", f"Страница {n}", f"# Страница {n}\n") for n in range(count)
    ]
    downloads = [(f"data/t{n}.csv", f"n;{n}\n".encode()) for n in range(count)]
    tree = write_docs(docs, pages, [], downloads)
    assert tree.written == [rel for rel, _ in downloads] + [p.path for p in pages]
    for n in (0, count // 2, count - 1):
        assert (docs / f"s{n % 9}/p{n}/index.md").read_text(encoding="utf-8") == f"# Страница {n}\n"
        assert (docs / f"data/t{n}.csv").read_bytes() == f"n;{n}\n".encode()
    for path, inode in tree.inodes.files.items():
        assert os.stat(path).st_ino == inode
    assert not list(docs.rglob("*.tmp"))
    again = write_docs(docs, pages, [], downloads)
    assert again.written == []


def test_a_rebuild_placing_the_files_found_lists_them_as_surveyed_ahead(tmp_path, monkeypatch):
    """A rebuild usually places exactly the files its folder holds, some of
    them anew (build/site_folder.py ``unchanged``, worked out while the
    model is made): the prune removes nothing and lists what a walk finds;
    once the build places other files, the prune looks at each again."""
    from generator.build.site_folder import SiteFolder

    site = tmp_path / "site"
    rels = ["index.html", "a/index.html", "a/b/page.html", "files/x.pdf"]
    for rel in rels:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("old")
    os.symlink(site / "a", site / "linked")
    (site / "pagefind").mkdir()
    (site / "pagefind/x.pf").write_text("index")
    found = {str(site / rel) for rel in rels}

    folder = SiteFolder.survey(site, skip=site / "pagefind", ahead=True)
    assert folder.unchanged is not None
    new = tmp_path / "new.html"
    new.write_text("new")
    folder.place(str(new), str(site / "a/index.html"), None)  # a page changed: a new file there
    monkeypatch.setattr(SiteFolder, "_listing", lambda *a, **k: pytest.fail("walked again"))
    listing = folder.prune(set(found))
    assert (listing.entries, listing.folders) == walk_site(site, skip="pagefind")
    assert (site / "a/index.html").read_text() == "new"

    monkeypatch.undo()
    folder = SiteFolder.survey(site, skip=site / "pagefind", ahead=True)
    (site / "c.html").write_text("placed after the survey")
    listing = folder.prune((found - {str(site / "a/b/page.html")}) | {str(site / "c.html")})
    assert not (site / "a/b").exists()
    assert (listing.entries, listing.folders) == walk_site(site, skip="pagefind")
