"""Stage 1: reading YAML. Every broken file becomes a Russian message with
the file and the line; nothing raises."""

from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Report
from generator.load import yamlsource
from generator.load.yamlsource import load_yaml, parse_yaml_text


def parse(text: str):
    report = Report()
    node = parse_yaml_text(text, "content/x.yml", report)
    return node, report


def only_error(report: Report):
    assert len(report.errors) == 1, [d.format() for d in report.items]
    return report.errors[0]


def test_values_keep_their_line_and_raw_text():
    node, report = parse("title: Программа\nnumber: 057\ntime: 14:00\n")
    assert report.ok
    assert node.items["number"].raw == "057"  # not 47 (YAML 1.1 octal)
    assert node.items["time"].raw == "14:00"  # not 840 (sexagesimal)
    assert node.line_of("time") == 3


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("title: a\n  bad: indent\n", 2, "двоеточие"),
        ("title: [незакрытый\nother: 1\n", None, "скобк"),
        ("a: 1\nb:\n\t- x\n", 3, "табуляц"),
        ('title: "C:\\Users\\x"\n', 1, "косая"),
        ("a: 1\n---\nb: 2\n", 2, "несколько документов"),
        ("key: @value\n", 1, "служебного символа"),
    ],
)
def test_syntax_errors_are_russian_with_line(text, line, words):
    _, report = parse(text)
    error = only_error(report)
    assert error.location.file == "content/x.yml"
    if line:
        assert error.location.line == line
    assert words in error.message
    assert "Traceback" not in error.format()


def test_duplicate_key_names_both_lines():
    _, report = parse("title: a\nform: x\ntitle: b\n")
    error = only_error(report)
    assert error.location.line == 3
    assert "«title» повторяется" in error.message and "строка 1" in error.message


def test_aliases_are_refused_so_alias_bombs_cannot_expand():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    _, report = parse(bomb)
    assert "ссылки YAML" in only_error(report).message


@pytest.mark.parametrize(
    "text",
    [
        "x: !!python/object/apply:os.system ['echo hi']\n",
        "x: !custom value\n",
        "x: !!binary aGVsbG8=\n",
    ],
)
def test_unsafe_or_custom_tags_are_refused(text):
    _, report = parse(text)
    assert "тег" in only_error(report).message


def test_deep_nesting_is_bounded():
    _, report = parse("a: " + "[" * 500 + "]" * 500 + "\n")
    assert "вложенность" in only_error(report).message


# Shapes that push a parser's read-ahead as far as the window allows: every
# window just at the opener limit (so only the event check can refuse them),
# flow and block, with quoted closers that a naive count would subtract.
LIMIT = yamlsource.MAX_WINDOW_OPENERS
PAD = " " * (yamlsource.WINDOW - LIMIT)
DEEP_SHAPES = {
    "flow at the window limit": "a: " + ("[" * LIMIT + PAD + "\n") * 8,
    "flow at the limit on one line": "a: " + ("[" * LIMIT + PAD) * 8,
    "braces and keys": "a: " + ("{k: " * (LIMIT // 2) + PAD + "\n") * 8,
    "quoted closers": "a: " + ('[ "]", ' * LIMIT + PAD + "\n") * 8,
    "compact sequences": ("- " * LIMIT + PAD + "\n") * 8,
    "mixed": "- " * 100 + "[" * 150 + PAD + "\n" + ("[" * LIMIT + PAD + "\n") * 8,
    "block indentation": "".join(" " * i + f"k{i}:\n" for i in range(1200)),
    "flow lines": "a: " + ("[" * LIMIT + "\n") * 8,
    "one long line": "a: " + "[" * 2_000_000,
}


DEEP_SHAPES["dense stretch"] = "a: " + "[" * 5000
DEEP_SHAPES["dense after valid dense text"] = "t: '" + "[" * 5000 + "'\na: " + "[" * 5000


@pytest.mark.parametrize("text", DEEP_SHAPES.values(), ids=DEEP_SHAPES.keys())
def test_nesting_is_refused_by_us_before_the_parser_limit(text):
    """The reasoning at MAX_LINE_OPENERS, checked on the installed PyYAML: with
    libyaml's own limit lowered to exactly what the reasoning says suffices,
    our message still comes first — so any parser with a limit at least that
    high never reports nesting in its own words."""
    nest = getattr(getattr(yaml, "_yaml", None), "_get_max_nest_level", None)
    if nest is not None and nest() >= 0:  # libyaml 0.2.6+: make its limit as tight as allowed
        assert nest() > yamlsource.PARSER_DEPTH_NEEDED  # else the reasoning would not hold
        yaml._yaml._set_max_nest_level(yamlsource.PARSER_DEPTH_NEEDED + 1)
    try:
        _, report = parse(text)
    finally:
        if nest is not None and nest() >= 0:
            yaml._yaml._set_max_nest_level(1000)
    error = only_error(report)
    assert error.code == "depth", error.message
    assert "вложенность" in error.message


def test_pure_python_parser_gives_the_same_depth_message(monkeypatch):
    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    for text in DEEP_SHAPES.values():
        _, report = parse(text)
        assert only_error(report).code == "depth"


@pytest.mark.parametrize(
    "text",
    [
        "text: |\n  " + "[ссылка](a) и {фигурные} " * 2000 + "\n",
        "text: '" + "[" * 99_000 + "'\n",
        'text: "' + "{[" * 9_000 + '"\n',
        "text: >\n  " + "- " * 5000 + "\n",
    ],
    ids=["links", "single-quoted", "double-quoted", "folded dashes"],
)
def test_brackets_in_text_are_text(text):
    node, report = parse(text)
    assert not report.items and node is not None


def test_a_syntax_error_after_dense_text_is_a_syntax_error():
    text = "text: '" + "[" * 9_000 + "'\n" + "".join(f"a{i}: b\n" for i in range(40)) + "c: [x\n"
    error = only_error(parse(text)[1])
    assert error.code == "yaml" and error.location.line == 42, error.message


def test_comment_only_file_is_empty_error_unless_allowed():
    _, report = parse("# только комментарий\n")
    assert "пуст" in only_error(report).message
    report = Report()
    assert parse_yaml_text("# x\n", "f.yml", report, allow_empty=True) is None
    assert report.ok


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "x.yml"
    path.write_bytes(data)
    return path


def test_utf8_bom_and_utf16_with_bom_are_read(tmp_path):
    for data in ("\ufefftitle: Тест\n".encode("utf-8"), "title: Тест\n".encode("utf-16")):
        report = Report()
        node = load_yaml(write(tmp_path, data), "x.yml", report, 10_000)
        assert report.ok and node.items["title"].raw == "Тест"


def test_windows_1251_is_read_with_a_warning(tmp_path):
    report = Report()
    node = load_yaml(
        write(tmp_path, "title: Наставничество\n".encode("cp1251")), "x.yml", report, 10_000
    )
    assert node.items["title"].raw == "Наставничество"
    assert report.ok and "Windows-1251" in report.warnings[0].message


def test_binary_garbage_is_an_error_with_line(tmp_path):
    report = Report()
    assert (
        load_yaml(write(tmp_path, b"title: ok\nx: \xff\xfe\x00\x9f\x80\n"), "x.yml", report, 10_000)
        is None
    )
    error = only_error(report)
    assert error.location.line == 2 and "UTF-8" in error.message


def test_size_limit(tmp_path):
    report = Report()
    assert load_yaml(write(tmp_path, b"a: 1\n" * 1000), "x.yml", report, 100) is None
    assert "слишком большой" in only_error(report).message
