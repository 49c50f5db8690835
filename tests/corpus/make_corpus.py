"""Write the generated part of the broken-file corpus.

    python tests/corpus/make_corpus.py

For every kind in ``targets.TARGETS`` the demo school's file is taken as a
base and damaged in the ways curators' files get damaged (encodings, BOMs,
tabs, emptiness, nesting, aliases, tags, duplicate keys, wrong types). Each
variant is written to ``tests/corpus/<kind>/<variant>.yml`` and what it must
produce — accepted, or an error at a line, saying something — to
``generated.yml``. The line is where the damage was put, known here and not
taken from the program under test. Hand-written cases in the same folders
carry their expectation in a first-line comment (``# expect: …``).

Large inputs (50 MB, 200,000 values) are made at test time, not committed.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from targets import TARGETS  # noqa: E402

PREFIX = "gen-"


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
    broken = "\n".join(lines[:mid - 1]).encode() + b"\n\xff\xfe\x80\x9f" + \
        "\n".join(lines[mid - 1:]).encode()
    out["invalid-utf8"] = (broken, {"line": mid, "says": "UTF-8"})
    out["utf8-bom"] = (codecs.BOM_UTF8 + utf8, {"accept": True})
    out["utf16-le-bom"] = (text.encode("utf-16"), {"accept": True})
    out["utf16-be-bom"] = (codecs.BOM_UTF16_BE + text.encode("utf-16-be"), {"accept": True})
    out["utf16-no-bom"] = (text.encode("utf-16-le"), {"accept": True})
    out["utf16-truncated"] = (text.encode("utf-16")[:-1], {"says": "UTF-16"})
    bom_mid = "\n".join(lines[:mid - 1]) + "\n\ufeff" + "\n".join(lines[mid - 1:])
    out["bom-mid-file"] = (bom_mid.encode("utf-8"), {"accept": True})
    out["crlf"] = (text.replace("\n", "\r\n").encode(), {"accept": True})
    try:
        out["windows-1251"] = (text.encode("cp1251"), {"accept": True})
    except UnicodeEncodeError:
        pass
    nul = "\n".join(lines[:key_line - 1] + [lines[key_line - 1] + "\x00\x07"]
                    + lines[key_line:])
    out["control-chars"] = (nul.encode(), {"line": key_line, "says": "управляющий символ"})

    # -- emptiness ---------------------------------------------------------------
    # An empty list or card file is «not filled in yet»; an empty record file,
    # organization.yml or site_config.yml is an error.
    empty_ok = kind in ("normative_acts", "documents", "roadmap", "mentees", "materials")
    for name, data in (("empty", b""), ("only-comments", b"# \xd0\xbf\xd1\x83\xd1\x81\xd1\x82\xd0\xbe\n"),
                       ("only-spaces", b"   \n\n  \n")):
        out[name] = (data, {"accept": True} if empty_ok else {"line": 1, "says": "пуст"})

    # -- YAML structure ------------------------------------------------------------
    indented = first_indented_line(text)
    if indented:
        tabbed = lines[:]
        tabbed[indented - 1] = "\t" + tabbed[indented - 1].lstrip(" ")
        out["tab-indent"] = ("\n".join(tabbed).encode(), {"line": indented,
                                                           "says": "табуляц"})
    deep, line = append(text, "zz_deep: " + "[" * 5000 + "]" * 5000 + "\n")
    out["deep-flow"] = (deep.encode(), {"line": line, "says": "вложенность"})
    deep, line = append(text, "zz_deep:\n" + "".join("  " * (i + 1) + f"k{i}:\n"
                                                      for i in range(60)))
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


def main() -> None:
    manifest: dict[str, dict] = {}
    for kind, target in TARGETS.items():
        folder = HERE / kind
        folder.mkdir(exist_ok=True)
        for old in folder.glob(PREFIX + "*"):
            old.unlink()
        text = (ROOT / target).read_text("utf-8")
        for name, (data, expect) in variants(kind, text).items():
            file = f"{PREFIX}{name}.yml"
            (folder / file).write_bytes(data)
            manifest[f"{kind}/{file}"] = expect
    header = ("# Written by make_corpus.py: what each generated corpus file must produce.\n"
              "# accept — no error in that file; line — the line of the error (any: some\n"
              "# line); says — words the error message contains.\n")
    (HERE / "generated.yml").write_text(header + dump(manifest), "utf-8")
    print(f"{len(manifest)} files")


if __name__ == "__main__":
    main()
