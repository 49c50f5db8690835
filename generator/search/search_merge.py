"""Pagefind's index files read and written again: several indexes as one,
in small chunks (search.py decides which).

Why: a browser searching N indexes (Pagefind's ``mergeIndex``) loads, for
each index, its entry file, its metadata and the index chunk holding the
word searched for — and Pagefind makes chunks of about 20,000 word
positions, so on the benchmark city each of the 9 indexes sent 8–18 kB of
words nobody asked for, 88 kB in all for «наставника». Two indexes of the
same pages, cut into chunks of about ``CHUNK_BYTES``, send 6 kB.

The files, as Pagefind 1.5 writes them: gzip of ``pagefind_dcd`` and CBOR.

* ``pagefind.<hash>.pf_meta``: [version, pages, chunks, filters, sorts,
  fields]; a page is [fragment hash, word count], a chunk [from, to, hash];
* ``index/<hash>.pf_index``: [[word, pages, variants], …] sorted by word; a
  variant (the word as written, «сайт» of «саит») is [word, pages]; a
  page is [page number step, positions, field positions]. Page numbers go
  up, each written as the step from the one before, so joining the lists
  of two indexes rewrites one number; field positions start with the
  field's number in ``fields`` (as -1 - n), renumbered when the joined
  indexes list other fields.

Only the Pagefind versions in ``PROVEN`` are read; on any other, and on
anything else — filters, sorts, another shape — ``Unsupported`` is raised
and the caller keeps Pagefind's own files. To add a version: install it and
run tests/e2e/test_search_index.py, which compares the joined index with
one Pagefind run over the whole site.

A chunk is found by the word as typed («наставника»), searched by its stem
(«наставник»): the chunk must hold the stem and every word starting with it.
So chunks cover the alphabet without gaps, and a cut falls only between
words sharing fewer than ``PREFIX`` letters: a stem of 3 letters or more
finds all its forms in the one chunk loaded (Pagefind's own cuts may fall
inside a stem's forms).
"""

from __future__ import annotations

import filecmp
import gzip
import hashlib
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..build.tree import link_or_copy, write_new
from ..util.gz import compressed, holds

PROVEN = {"1.5.2"}
SIGNATURE = b"pagefind_dcd"
CHUNK_BYTES = 4000  # of CBOR before compression; measured: bench/search_payload.py
PREFIX = 3
_TOP = "\U0010ffff"  # sorts after any word
_NO_FILTERS = b"\x80"  # an empty CBOR array


class Unsupported(Exception):
    """Index files this module does not read (another Pagefind version or
    feature): the caller keeps Pagefind's own."""


@dataclass(frozen=True)
class Run:
    """A word's pages in one index: the page number of the first and last,
    the first page's entry after its number, the other entries as they are
    and — only when some carry field positions — every entry split up."""

    count: int
    first: int
    last: int
    head: bytes
    rest: bytes
    entries: tuple[tuple[int, bytes, bytes], ...] | None = None


@dataclass
class Index:
    """One Pagefind index as read from its bundle."""

    entry: dict
    language: str
    version: bytes  # CBOR, as written
    pages: list[tuple[str, int]]  # fragment hash, word count
    fields: list[str]
    words: dict[str, tuple[Run, list[tuple[str, Run]]]] = field(default_factory=dict)


def read(bundle: Path) -> Index:
    try:
        return _read(bundle)
    except Unsupported:
        raise
    except (OSError, ValueError, KeyError, IndexError, TypeError, EOFError, zlib.error) as exc:
        raise Unsupported(f"{bundle}: {exc}") from exc


def compact(bundle: Path, earlier: Sequence[Path] = ()) -> None:
    """Cut the index of ``bundle`` into small chunks, in place; a chunk the
    same as one of an ``earlier`` bundle is linked, not compressed again."""
    index = read(bundle)
    old = [bundle / "index", *bundle.glob("pagefind.*.pf_meta")]
    words = [
        (word, _word(word, [(0, run, None)], [(form, [(0, r, None)]) for form, r in forms]))
        for word, (run, forms) in sorted(index.words.items())
    ]
    for path in old:
        if path.is_dir():
            for chunk in path.iterdir():
                chunk.unlink()
        else:
            path.unlink()
    _write(bundle, index, index.pages, index.fields, words, earlier)


def merge(indexes: list[tuple[Index, Path]], target: Path, earlier: Sequence[Path] = ()) -> None:
    """One index of ``indexes`` (each with its bundle) in ``target``: their
    pages in this order. A chunk the same as one in an ``earlier`` merge is
    linked, not compressed again.

    The pages' texts (fragments) stay in the bundles: the caller links them
    to the site, the last bundle's first, so that where two bundles have a
    fragment of the same name the first bundle's stays. Should the texts
    differ (two pages under one short hash), the later one is linked into
    ``target/fragment`` under another name."""
    first = indexes[0][0]
    for index, _ in indexes:
        if (index.language, index.version) != (first.language, first.version):
            raise Unsupported("indexes of different languages or versions")
    fields = sorted({f for index, _ in indexes for f in index.fields})
    (target / "fragment").mkdir(parents=True)
    pages: list[tuple[str, int]] = []
    bases: list[int] = []
    renumber: list[list[int] | None] = []
    taken: dict[str, Path] = {}  # fragment name → the bundle it is linked from
    for n, (index, bundle) in enumerate(indexes):
        bases.append(len(pages))
        own = [fields.index(f) for f in index.fields]
        renumber.append(None if own == list(range(len(own))) else own)
        for name, count in index.pages:
            if name not in taken:
                taken[name] = bundle
            elif taken[name] != bundle:
                file = f"fragment/{name}.pf_fragment"
                if not filecmp.cmp(taken[name] / file, bundle / file, shallow=False):
                    name = f"{name}-{n}"
                    link_or_copy(bundle / file, target / "fragment" / f"{name}.pf_fragment")
            pages.append((name, count))
    # Each word's entries in the indexes' order, gathered index by index: a
    # region's set of 64 groups has 3,300 words, 35,000 entries.
    found: dict[str, list[tuple[int, Run, list[int] | None, list[tuple[str, Run]]]]] = {}
    for index, base, fields_of in zip((i for i, _ in indexes), bases, renumber, strict=True):
        for word, (run, forms) in index.words.items():
            found.setdefault(word, []).append((base, run, fields_of, forms))
    words = []
    for word in sorted(found):
        runs: list[tuple[int, Run, list[int] | None]] = []
        variants: dict[str, list[tuple[int, Run, list[int] | None]]] = {}
        for base, run, fields_of, forms in found[word]:
            runs.append((base, run, fields_of))
            for form, form_run in forms:
                variants.setdefault(form, []).append((base, form_run, fields_of))
        words.append((word, _word(word, runs, list(variants.items()))))
    _write(target, first, pages, fields, words, earlier)


# -- reading ------------------------------------------------------------------


def _read(bundle: Path) -> Index:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    if entry["version"] not in PROVEN:
        raise Unsupported(f"Pagefind {entry['version']}")
    languages = entry["languages"]
    if len(languages) != 1:
        raise Unsupported("not one language")
    ((language, about),) = languages.items()
    meta = _unpack(bundle / f"pagefind.{about['hash']}.pf_meta")
    kind, size, i = _head(meta, len(SIGNATURE))
    if (kind, size) != (4, 6):
        raise Unsupported("metadata of another shape")
    parts = []
    for _ in range(6):
        end = _skip(meta, i)
        parts.append(meta[i:end])
        i = end
    if parts[3] != _NO_FILTERS or parts[4] != _NO_FILTERS:
        raise Unsupported("filters or sorts")
    pages = [_page(p) for p in _items(parts[1], 2)]
    chunks = [_texts(c, 3)[2] for c in _items(parts[2], 3)]
    index = Index(entry, language, parts[0], pages, _texts(parts[5]))
    last = ""
    for chunk in chunks:
        data = _unpack(bundle / "index" / f"{chunk}.pf_index")
        kind, size, i = _head(data, len(SIGNATURE))
        if (kind, size) != (4, 1):
            raise Unsupported("index chunk of another shape")
        kind, count, i = _head(data, i)
        for _ in range(count):
            kind, size, i = _head(data, i)
            if (kind, size) != (4, 3):
                raise Unsupported("word of another shape")
            word, i = _text(data, i)
            run, i = _run(data, i)
            kind, count_forms, i = _head(data, i)
            forms = []
            for _ in range(count_forms):
                kind, size, i = _head(data, i)
                if (kind, size) != (4, 2):
                    raise Unsupported("variant of another shape")
                form, i = _text(data, i)
                form_run, i = _run(data, i)
                forms.append((form, form_run))
            if word <= last and index.words:
                raise Unsupported("words out of order")
            index.words[word] = (run, forms)
            last = word
        if i != len(data):
            raise Unsupported("index chunk of another shape")
    return index


def _unpack(path: Path) -> bytes:
    data = path.read_bytes()
    data = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    if not data.startswith(SIGNATURE):
        raise Unsupported(f"{path.name}: no signature")
    return data


def _run(data: bytes, i: int) -> tuple[Run, int]:
    kind, count, i = _head(data, i)
    if kind != 4:
        raise Unsupported("pages of another shape")
    page = first = 0
    head = b""
    start = i
    spans = []
    marked = False
    for n in range(count):
        # [step, positions, field positions]: the step is a small number
        if data[i] != 0x83 or data[i + 1] > 25:
            raise Unsupported("page of another shape")
        step, j = _head(data, i + 1)[1:]
        k = _skip(data, j)
        end = _skip(data, k)
        marked = marked or data[k] != 0x80
        spans.append((step, j, k, end))
        page += step
        if n == 0:
            first, head, start = step, data[j:end], end
        i = end
    entries = tuple((s, data[j:k], data[k:e]) for s, j, k, e in spans) if marked else None
    return Run(count, first, page, head, data[start:i], entries), i


def _head(data: bytes, i: int) -> tuple[int, int, int]:
    """A CBOR item's major type, argument and where its content starts."""
    b = data[i]
    kind, arg = b >> 5, b & 31
    if arg < 24:
        return kind, arg, i + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(arg)
    if size is None:
        raise Unsupported("indefinite length")
    return kind, int.from_bytes(data[i + 1 : i + 1 + size], "big"), i + 1 + size


def _skip(data: bytes, i: int) -> int:
    """Where the CBOR item at ``i`` ends (``_head`` inlined: this reads
    every word position of an index)."""
    todo = 1
    while todo:
        todo -= 1
        b = data[i]
        kind, arg = b >> 5, b & 31
        if arg < 24:
            i += 1
        elif arg == 24:
            arg = data[i + 1]
            i += 2
        elif arg == 25:
            arg = data[i + 1] << 8 | data[i + 2]
            i += 3
        else:
            kind, arg, i = _head(data, i)
        if kind < 2:
            continue
        if kind == 4:
            todo += arg
        elif kind in (2, 3):
            i += arg
        elif kind == 5:
            todo += 2 * arg
        elif kind == 6:
            todo += 1
    if i > len(data):
        raise Unsupported("truncated")
    return i


def _text(data: bytes, i: int) -> tuple[str, int]:
    kind, size, i = _head(data, i)
    if kind != 3:
        raise Unsupported("text expected")
    return data[i : i + size].decode("utf-8"), i + size


def _page(data: bytes) -> tuple[str, int]:
    """[fragment hash, word count]"""
    name, i = _text(data, _head(data, 0)[2])
    kind, count, _ = _head(data, i)
    if kind != 0:
        raise Unsupported("number expected")
    return name, count


def _items(data: bytes, size: int) -> list[bytes]:
    """The items of a CBOR array of arrays of ``size``."""
    kind, count, i = _head(data, 0)
    if kind != 4:
        raise Unsupported("array expected")
    items = []
    for _ in range(count):
        end = _skip(data, i)
        if _head(data, i)[:2] != (4, size):
            raise Unsupported("array of another shape")
        items.append(data[i:end])
        i = end
    return items


def _texts(data: bytes, size: int | None = None) -> list[str]:
    kind, count, i = _head(data, 0)
    if kind != 4 or (size is not None and count != size):
        raise Unsupported("array of texts expected")
    texts = []
    for _ in range(count):
        text, i = _text(data, i)
        texts.append(text)
    return texts


# -- writing ------------------------------------------------------------------


def _item(kind: int, n: int) -> bytes:
    if n < 24:
        return bytes([kind << 5 | n])
    for arg, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([kind << 5 | arg]) + n.to_bytes(size, "big")
    raise ValueError(n)


def _str(text: str) -> bytes:
    data = text.encode("utf-8")
    return _item(3, len(data)) + data


def _pages(runs: list[tuple[int, Run, list[int] | None]]) -> bytes:
    """The page lists of one word in several indexes as one: each index's
    pages numbered from its ``base``, its fields renumbered."""
    out = [_item(4, sum(run.count for _, run, _ in runs))]
    last = 0
    for base, run, fields in runs:
        if not run.count:
            continue
        if fields is None or run.entries is None:
            out += [b"\x83", _item(0, base + run.first - last), run.head, run.rest]
        else:
            for n, (step, positions, marks) in enumerate(run.entries):
                step = base + step - last if n == 0 else step
                out += [b"\x83", _item(0, step), positions, _renumber(marks, fields)]
        last = base + run.last
    return b"".join(out)


def _renumber(marks: bytes, fields: list[int]) -> bytes:
    """Field positions with each field's number (-1 - n) mapped by ``fields``."""
    kind, count, i = _head(marks, 0)
    out = [marks[:i]]
    for _ in range(count):
        kind, arg, end = _head(marks, i)
        out.append(_item(1, fields[arg]) if kind == 1 else marks[i:end])
        i = end
    return b"".join(out)


def _word(
    word: str,
    runs: list[tuple[int, Run, list[int] | None]],
    variants: list[tuple[str, list[tuple[int, Run, list[int] | None]]]],
) -> bytes:
    forms = b"".join(b"\x82" + _str(form) + _pages(form_runs) for form, form_runs in variants)
    return b"\x83" + _str(word) + _pages(runs) + _item(4, len(variants)) + forms


def _chunks(words: list[tuple[str, bytes]]) -> list[tuple[str, str, list[bytes]]]:
    """Words in chunks of about ``CHUNK_BYTES``, cut only between words
    sharing fewer than ``PREFIX`` letters; each with the range of words it
    answers for: together they cover every word, without gaps."""
    groups: list[list[tuple[str, bytes]]] = []
    size = 0
    for word, data in words:
        if groups and size < CHUNK_BYTES or groups and _shared(groups[-1][-1][0], word) >= PREFIX:
            groups[-1].append((word, data))
            size += len(data)
        else:
            groups.append([(word, data)])
            size = len(data)
    starts = [""]
    for before, after in zip(groups, groups[1:]):
        starts.append(after[0][0][: _shared(before[-1][0], after[0][0]) + 1])
    ends = [_below(start) for start in starts[1:]] + [_TOP]
    return [
        (start, end, [data for _, data in group])
        for start, end, group in zip(starts, ends, groups, strict=True)
    ]


def _shared(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _below(start: str) -> str:
    """The greatest range end before ``start`` (for any word a person types)."""
    last = ord(start[-1]) - 1
    if 0xD800 <= last <= 0xDFFF:  # no surrogates in a text
        last = 0xD7FF
    return start[:-1] + chr(last) + _TOP


def _write(
    target: Path,
    index: Index,
    pages: list[tuple[str, int]],
    fields: list[str],
    words: list[tuple[str, bytes]],
    earlier: Sequence[Path] = (),
) -> None:
    language = index.language
    (target / "index").mkdir(parents=True, exist_ok=True)
    listed = []
    names: set[str] = set()
    for start, end, group in _chunks(words) if words else []:
        body = SIGNATURE + b"\x81" + _item(4, len(group)) + b"".join(group)
        digest = hashlib.sha256(body).hexdigest()
        size = 7
        while f"{language}_{digest[:size]}" in names:
            size += 1
        name = f"{language}_{digest[:size]}"
        names.add(name)
        path = target / "index" / f"{name}.pf_index"
        same = next(
            (p for p in (e / path.relative_to(target) for e in earlier) if holds(p, body)), None
        )
        if same:
            link_or_copy(same, path)
        else:
            write_new(path, compressed(body))
        listed.append(b"\x83" + _str(start) + _str(end) + _str(name))
    meta = b"".join(
        [
            SIGNATURE,
            b"\x86",
            index.version,
            _item(4, len(pages)),
            *(b"\x82" + _str(name) + _item(0, count) for name, count in pages),
            _item(4, len(listed)),
            *listed,
            _NO_FILTERS,
            _NO_FILTERS,
            _item(4, len(fields)),
            *(_str(f) for f in fields),
        ]
    )
    meta_hash = f"{language}_{hashlib.sha256(meta).hexdigest()[:10]}"
    write_new(target / f"pagefind.{meta_hash}.pf_meta", compressed(meta))
    entry = json.loads(json.dumps(index.entry))
    entry["languages"][language].update(hash=meta_hash, page_count=len(pages))
    write_new(
        target / "pagefind-entry.json",
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
    )
