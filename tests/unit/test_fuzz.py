"""Properties that hold for any input: stage functions never raise, every
problem has a file and a line, sanitized output holds nothing executable."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.config import _config_vocabularies
from generator.diagnostics import Report
from generator.load.encoding import decode_text
from generator.load.yamlsource import parse_yaml_text
from generator.schema import records
from generator.schema.coerce import Coercer
from generator.schema.values import ValueProblem, parse_bool, parse_date, parse_decimal, parse_int
from generator.util.markup import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    escape_text,
    render_inline,
    render_markdown,
)
from generator.util.slug import slugify
from tests.strategies import NASTY, values, yamlish_text

RECORDS = [
    records.Organization,
    records.NormativeAct,
    records.Document,
    records.Roadmap,
    records.MenteeBase,
    records.Material,
    records.Mentor,
    records.Program,
    records.Practice,
    records.NewsItem,
]
VOCABULARIES = _config_vocabularies()


def located(report: Report) -> None:
    for item in report.items:
        assert item.location.file == "content/x.yml", item.format()
        assert re.search("[а-яё]", item.message), item.format()


@given(st.binary(max_size=400))
def test_any_bytes_decode_or_give_a_russian_error(data):
    report = Report()
    text = decode_text(data, "content/x.yml", report)
    assert (text is None) == (not report.ok)
    located(report)


@given(yamlish_text)
def test_any_text_parses_or_gives_an_error_with_a_line(text):
    report = Report()
    node = parse_yaml_text(text, "content/x.yml", report)
    if node is None and text.strip():
        assert report.errors
    for item in report.items:
        assert item.location.line, item.format()
    located(report)


@given(st.sampled_from(RECORDS), values)
def test_any_structure_coerces_or_gives_located_errors(cls, value):
    text = yaml.safe_dump(
        {"title": "x", "data": value, **(value if isinstance(value, dict) else {})},
        allow_unicode=True,
    )
    report = Report()
    node = parse_yaml_text(text, "content/x.yml", report)
    if node is not None:
        Coercer(VOCABULARIES, report, "content/x.yml").record(node, cls)
    for item in report.items:
        assert item.location.line, item.format()
    located(report)


@given(st.one_of(st.text(max_size=30), st.sampled_from(NASTY)))
def test_value_parsers_return_a_value_or_explain(raw):
    for parse in (parse_date, parse_decimal, parse_int, parse_bool):
        try:
            parse(raw)
        except ValueProblem as problem:
            assert re.search("[а-яё]", str(problem))
            assert len(str(problem)) < 400


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@given(st.one_of(yamlish_text, st.sampled_from(NASTY)))
def test_markdown_output_holds_only_allowed_markup(text):
    for html in (render_markdown(text), render_inline(text)):
        parser = _Tags()
        parser.feed(str(html))
        for tag, attrs in parser.found:
            assert tag in ALLOWED_TAGS | {"div"}, tag
            allowed = (
                ALLOWED_ATTRIBUTES.get(tag, set())
                | {"rel"}
                | ({"class"} if tag == "div" else set())
            )
            assert set(attrs) <= allowed, (tag, attrs)
            href = (attrs.get("href") or "").strip().lower()
            assert not href.startswith(("javascript:", "data:", "vbscript:")), href


@given(st.text(max_size=100))
def test_escaped_text_has_no_markup_characters(text):
    escaped = re.sub(r"&#\d+;|&[a-z]+;", "", str(escape_text(text)))
    assert not set(escaped) & set("<>\"'`*_[]{}#|\\&")


@given(st.text(max_size=200), st.integers(min_value=5, max_value=80))
def test_slugs_are_safe_file_names(text, length):
    slug = slugify(text, length)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug) and len(slug) <= length


@given(st.one_of(yamlish_text, st.sampled_from(NASTY), st.text(max_size=300)))
def test_personal_data_checks_never_fail(text):
    from generator.privacy.detectors import Allowed, find_personal_data
    from generator.privacy.names import NameFinder, Person

    finder = NameFinder(
        [Person("Смирнова Алина Олеговна", "наставляемый")], ["Иванова Елена Анатольевна"]
    )
    allowed = Allowed()
    allowed.add_phone("+7 (34512) 2-14-14")
    for finding in find_personal_data(text, allowed):
        assert text[finding.start : finding.end] == finding.text
    for hit in finder.find(text) + finder.find_in_link(text):
        assert hit.text
