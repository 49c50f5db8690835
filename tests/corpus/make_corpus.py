"""Write the generated part of the broken-file corpus.

    python tests/corpus/make_corpus.py

For every kind in ``targets.ALL_TARGETS`` the demo's file (the school's, or
the municipal demo's) is taken as a base and damaged in the ways curators'
files get damaged (encodings, BOMs, tabs, emptiness, nesting, aliases, tags,
duplicate keys, wrong types); monitoring values get the damage of CSV files
(encodings, delimiters, headers, years, numbers, organizations, repeats).
Each variant is written to ``tests/corpus/<kind>/<variant>.yml`` and what it must
produce — accepted, or an error at a line, saying something — to
``generated.yml``. The line is where the damage was put, known here and not
taken from the program under test. Hand-written cases in the same folders
carry their expectation in a first-line comment (``# expect: …``).

Large inputs (50 MB, 200,000 values) are made at test time, not committed.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from make_traps import (  # noqa: E402
    MUNICIPAL_PEOPLE,
    SCHOOL_PEOPLE,
    SLOTS,
    monitoring_traps,
    record_traps,
)
from targets import ALL_TARGETS, MUNICIPAL_TARGETS, base_of  # noqa: E402

PREFIX = "gen-"
TRAPS = ("pd-names", "pd-data", "pd-files", "path-escape", "accept-traps", "traps")
MUNICIPAL_VARIANTS = {
    "invalid-utf8",
    "utf16-le-bom",
    "empty",
    "only-comments",
    "alias-bomb",
    "tag-python-apply",
    "duplicate-key",
    "deep-flow",
    "root-scalar",
    "root-list",
    "types-all-lists",
    "types-all-maps",
    "types-all-numbers",
    "types-all-text",
    "types-all-null",
    "types-bad-dates",
}


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def first_key_line(text: str) -> int:
    """1-based line of the first top-level key (the first non-comment line)."""
    for number, line in enumerate(lines_of(text), start=1):
        if line and not line.startswith(("#", " ", "-")):
            return number
    return 1


def first_indented_line(text: str) -> int | None:
    for number, line in enumerate(lines_of(text), start=1):
        if line.startswith("  ") and line.strip() and not line.strip().startswith("#"):
            return number
    return None


def append(text: str, extra: str) -> tuple[str, int]:
    """``text`` + ``extra`` lines; returns the new text and the first extra line."""
    body = text if text.endswith("\n") else text + "\n"
    return body + extra, body.count("\n") + 1


def map_scalars(value, make):
    if isinstance(value, dict):
        return {k: map_scalars(v, make) for k, v in value.items()}
    if isinstance(value, list):
        return [map_scalars(v, make) for v in value]
    return make(value)


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def variants(kind: str, text: str) -> dict[str, tuple[bytes, dict]]:
    out: dict[str, tuple[bytes, dict]] = {}
    utf8 = text.encode("utf-8")
    mid = len(lines_of(text)) // 2 + 1
    key_line = first_key_line(text)

    # -- encodings ---------------------------------------------------------------
    lines = lines_of(text)
    broken = (
        "\n".join(lines[: mid - 1]).encode()
        + b"\n\xff\xfe\x80\x9f"
        + "\n".join(lines[mid - 1 :]).encode()
    )
    out["invalid-utf8"] = (broken, {"line": mid, "says": "UTF-8"})
    out["utf8-bom"] = (codecs.BOM_UTF8 + utf8, {"accept": True})
    out["utf16-le-bom"] = (text.encode("utf-16"), {"accept": True})
    out["utf16-be-bom"] = (codecs.BOM_UTF16_BE + text.encode("utf-16-be"), {"accept": True})
    out["utf16-no-bom"] = (text.encode("utf-16-le"), {"accept": True})
    out["utf16-truncated"] = (text.encode("utf-16")[:-1], {"says": "UTF-16"})
    bom_mid = "\n".join(lines[: mid - 1]) + "\n\ufeff" + "\n".join(lines[mid - 1 :])
    out["bom-mid-file"] = (bom_mid.encode("utf-8"), {"accept": True})
    out["crlf"] = (text.replace("\n", "\r\n").encode(), {"accept": True})
    try:
        out["windows-1251"] = (text.encode("cp1251"), {"accept": True})
    except UnicodeEncodeError:
        pass
    nul = "\n".join(lines[: key_line - 1] + [lines[key_line - 1] + "\x00\x07"] + lines[key_line:])
    out["control-chars"] = (nul.encode(), {"line": key_line, "says": "управляющий символ"})

    # -- emptiness ---------------------------------------------------------------
    # An empty list or card file is «not filled in yet»; an empty record file,
    # organization.yml or site_config.yml is an error.
    empty_ok = kind.split("/")[-1] in (
        "normative_acts",
        "documents",
        "roadmap",
        "mentees",
        "materials",
        "agreements",
        "communities",
        "partners",
    )
    for name, data in (
        ("empty", b""),
        ("only-comments", b"# \xd0\xbf\xd1\x83\xd1\x81\xd1\x82\xd0\xbe\n"),
        ("only-spaces", b"   \n\n  \n"),
    ):
        out[name] = (data, {"accept": True} if empty_ok else {"line": 1, "says": "пуст"})

    # -- YAML structure ------------------------------------------------------------
    indented = first_indented_line(text)
    if indented:
        tabbed = lines[:]
        tabbed[indented - 1] = "\t" + tabbed[indented - 1].lstrip(" ")
        out["tab-indent"] = ("\n".join(tabbed).encode(), {"line": indented, "says": "табуляц"})
    deep, line = append(text, "zz_deep: " + "[" * 5000 + "]" * 5000 + "\n")
    out["deep-flow"] = (deep.encode(), {"line": line, "says": "вложенность"})
    deep, line = append(
        text, "zz_deep:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(60))
    )
    out["deep-block"] = (deep.encode(), {"says": "вложенность"})
    laughs = ['zz_a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        laughs.append(f"zz_{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb, line = append(text, "\n".join(laughs) + "\n")
    out["alias-bomb"] = (bomb.encode(), {"line": line + 1, "says": "ссылки YAML"})
    alias, line = append(text, "zz_x: &x значение\nzz_y: *x\n")
    out["alias-scalar"] = (alias.encode(), {"line": line + 1, "says": "ссылки YAML"})
    merge, line = append(text, "<<: {a: 1}\n")
    out["merge-key"] = (merge.encode(), {"line": line, "says": "слияние"})
    first = lines[key_line - 1].split(":")[0]
    dup, line = append(text, f"{first}: повтор\n")
    out["duplicate-key"] = (dup.encode(), {"line": line, "says": "повторяется"})
    for name, tagged in (
        ("tag-python-apply", "zz: !!python/object/apply:os.system ['touch /tmp/nastav-pwned']"),
        ("tag-python-name", "zz: !!python/name:os.system"),
        ("tag-custom-include", "zz: !include /etc/passwd"),
        ("tag-binary", "zz: !!binary aGVsbG8="),
        ("tag-on-map", "zz: !!python/object:os.Popen {args: [ls]}"),
    ):
        tagged_text, line = append(text, tagged + "\n")
        out[name] = (tagged_text.encode(), {"line": line, "says": "тег"})
    multi, line = append(text, "---\n" + text)
    out["two-documents"] = (multi.encode(), {"line": line, "says": "несколько документов"})
    unclosed, line = append(text, 'zz: "незакрытая кавычка\n')
    out["unclosed-quote"] = (unclosed.encode(), {"line": line})
    bracket, line = append(text, "zz: [незакрытый, список\nyy: 1\n")
    out["unclosed-bracket"] = (bracket.encode(), {"line": line, "says": "скобк"})
    out["root-scalar"] = ("просто текст без полей\n".encode(), {"line": 1})
    out["root-list"] = (dump([yaml.safe_load(text)]).encode(), {"line": 1})
    key_list, line = append(text, "? [a, b]\n: c\n")
    out["complex-key"] = (key_list.encode(), {"line": line, "says": "ключ"})

    # -- wrong types everywhere ------------------------------------------------------
    data = yaml.safe_load(text)
    for name, make in (
        ("types-all-maps", lambda v: {"значение": v}),
        ("types-all-lists", lambda v: [v, v]),
        ("types-all-numbers", lambda v: 1111),
        ("types-all-text", lambda v: "не то значение"),
        ("types-all-null", lambda v: None),
        ("types-bad-dates", lambda v: "07.102021"),
        ("types-thin-space-numbers", lambda v: "1 111"),
        ("types-comma-decimals", lambda v: "69,28"),
    ):
        out[name] = (dump(map_scalars(data, make)).encode(), {"line": "any"})
    # Every setting has a default: a site_config.yml of empty values is valid.
    if kind == "site_config":
        out["types-all-null"] = (out["types-all-null"][0], {"accept": True})
    return out


MONITORING_SOURCE = "demo/municipal/content/monitoring/znacheniya-2025.csv"
MONITORING_YEAR = "2026"  # beside the demo's own years: no value is given twice


def monitoring_base(year: str = MONITORING_YEAR) -> str:
    """The first rows of the demo's 2025 values, moved to another year."""
    lines = (ROOT / MONITORING_SOURCE).read_text("utf-8-sig").split("\n")
    rows = [line.replace("2025", year, 1) for line in lines[1:13]]
    return "\n".join([lines[0], *rows]) + "\n"


def monitoring_variants_by_year() -> dict[str, tuple[bytes, dict]]:
    """Each variant with a year of its own, so that they all sit in
    content/monitoring/ at once: two runs (accepted, refused) check them all."""
    out = {}
    names = list(monitoring_variants(monitoring_base()))
    for index, name in enumerate(names):
        data, expect = monitoring_variants(monitoring_base(str(2030 + index)))[name]
        group = "gen-csv-accepted" if expect.get("accept") else "gen-csv-refused"
        out[name] = (data, {**expect, "group": group})
    return out


def csv_row(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def monitoring_variants(text: str) -> dict[str, tuple[bytes, dict]]:
    out: dict[str, tuple[bytes, dict]] = {}
    lines = text.rstrip("\n").split("\n")
    mid = len(lines) // 2 + 1

    def with_row(number: int, row: str) -> str:
        changed = lines[:]
        changed[number - 1] = row
        return "\n".join(changed) + "\n"

    broken = (
        "\n".join(lines[: mid - 1]).encode()
        + b"\n\xff\xfe\x80\x9f"
        + "\n".join(lines[mid - 1 :]).encode()
    )
    out["invalid-utf8"] = (broken, {"line": mid, "says": "UTF-8"})
    out["utf8-bom"] = (codecs.BOM_UTF8 + text.encode(), {"accept": True})
    out["utf16-le-bom"] = (text.encode("utf-16"), {"accept": True})
    out["windows-1251"] = (text.encode("cp1251"), {"accept": True})
    out["crlf"] = (text.replace("\n", "\r\n").encode(), {"accept": True})
    out["semicolons"] = (text.replace(",", ";").encode(), {"accept": True})
    out["empty"] = (b"", {"line": "none", "says": "пуст"})
    out["only-spaces"] = (b"  \n\n ", {"line": "none", "says": "пуст"})
    out["header-only"] = ((lines[0] + "\n").encode(), {"accept": True})
    out["header-missing"] = ("\n".join(lines[1:]).encode(), {"line": 1, "says": "нет столбцов"})
    out["header-english"] = (
        with_row(1, "year,org,criterion,value,link,comment").encode(),
        {"accept": True},
    )
    cells = lines[2].split(",")
    for name, column, value, says in (
        ("year-dotted", 0, "07.102021", "год"),
        ("year-words", 0, "две тысячи", "год"),
        ("year-far", 0, "1999", "вне диапазона"),
        ("org-unknown", 1, "Школа № 999", "нет в реестре"),
        ("criterion-unknown", 2, "99.99", "нет в наборе"),
        ("criterion-empty", 2, "", "не указан критерий"),
        ("value-word", 3, "много", "значение"),
        ("value-decimal-count", 3, "69,28", "значение"),
        ("value-exponent", 3, "1e9999", "значение"),
        ("value-thousands", 3, "1 111", None),
        ("value-not-measured", 3, "замер не производился", None),
    ):
        changed = cells[:]
        changed[column] = value
        expect = {"line": 3, "says": says} if says else {"accept": True}
        out[name] = (with_row(3, csv_row(changed)).encode(), expect)
    out["repeated-row"] = (
        (text + lines[2] + "\n").encode(),
        {"line": len(lines) + 1, "says": "уже указано"},
    )
    out["control-chars"] = (
        with_row(3, lines[2] + "\x00\x07").encode(),
        {"line": 3, "says": "управляющий символ"},
    )
    # An unclosed quote swallows the rows after it into one cell.
    quoted = cells[:4] + ['"https://sosh1.example.ru/prikaz.pdf'] + cells[5:]
    out["quote-unclosed"] = (with_row(3, ",".join(quoted)).encode(), {"line": 3, "says": "кавычк"})
    out["short-row"] = (with_row(3, ",".join(cells[:2])).encode(), {"line": 3})
    return out


def main() -> None:
    manifest: dict[str, dict] = {}
    for kind, target in ALL_TARGETS.items():
        folder = HERE / kind
        folder.mkdir(parents=True, exist_ok=True)
        for old in [*folder.glob(PREFIX + "*"), *(f for t in TRAPS for f in folder.glob(t + ".*"))]:
            old.unlink()
        people = MUNICIPAL_PEOPLE if kind in MUNICIPAL_TARGETS else SCHOOL_PEOPLE
        if kind == "municipal/monitoring":
            made, suffix = monitoring_variants_by_year(), ".csv"
            traps = monitoring_traps(monitoring_base(), people)
        else:
            text = (ROOT / base_of(kind) / target).read_text("utf-8")
            made, suffix = variants(kind, text), ".yml"
            if kind in MUNICIPAL_TARGETS:
                # The parser is the school's (checked above in every variant); a
                # municipality adds its own schemas, required files and loaders.
                made = {k: v for k, v in made.items() if k in MUNICIPAL_VARIANTS}
            traps = record_traps(kind, text, people) if kind in SLOTS or "withdrawn" in kind else {}
        for name, (data, expect) in made.items():
            file = f"{PREFIX}{name}{suffix}"
            (folder / file).write_bytes(data)
            manifest[f"{kind}/{file}"] = expect
        for name, (data, tokens) in traps.items():
            (folder / f"{name}{suffix}").write_bytes(data)
            manifest[f"{kind}/{name}{suffix}"] = tokens
    header = (
        "# Written by make_corpus.py: what each generated corpus file must produce.\n"
        "# accept — no error in that file; line — the line of the error (any: some\n"
        "# line); says — words the error message contains. Traps (make_traps.py)\n"
        "# are token lines, as described in runner.py.\n"
    )
    (HERE / "generated.yml").write_text(header + dump(manifest), "utf-8")
    print(f"{len(manifest)} files")


if __name__ == "__main__":
    main()
