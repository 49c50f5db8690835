"""Inert markup, checked on the HTML: a project with 75 XSS payloads in every
kind of field builds, and nothing executable reaches site/. The checks here
are independent of the audit inside the build (which would already have
stopped it): they compare the XSS site with the clean demo site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli
from tests.xss.payloads import BAD_URLS, PAYLOADS, URL_PAYLOADS

URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "background",
    "srcset",
    "srcdoc",
    "ping",
    "cite",
}
NEVER = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "portal",
    "math",
    "animate",
    "set",
    "foreignobject",
    "marquee",
    "noscript",
    "template",
}
INERT_ATTRS = {
    "alt",
    "title",
    "content",
    "aria-label",
    "value",
    "placeholder",
    "id",
    "data-md-component",
    "class",
}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict, int]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.headings: list[str] = []
        self._script: dict | None = None
        self._h1: list[str] | None = None
        self._body: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        self.elements.append((tag, values, self.getpos()[0]))
        if tag == "script":
            self._script, self._body = values, []
        if tag == "h1":
            self._h1 = []

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._body)))
            self._script = None
        if tag == "h1" and self._h1 is not None:
            self.headings.append("".join(self._h1))
            self._h1 = None

    def handle_data(self, data):
        if self._script is not None:
            self._body.append(data)
        if self._h1 is not None:
            self._h1.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    return page


def normalised_script(body: str) -> str:
    """Material's inline scripts differ between pages only by relative paths."""
    return re.sub(r'"(?:\.\./)*\.{0,2}/?"|new URL\("[^"]*"', "PATH", body).strip()


@pytest.fixture(scope="module")
def clean_scripts(demo_site) -> set[str]:
    return {
        normalised_script(body)
        for p in demo_site.rglob("*.html")
        for attrs, body in parse(p).scripts
        if body.strip()
    }


def test_payloads_are_many_and_distinct():
    assert len(PAYLOADS) >= 50 and len(set(PAYLOADS)) == len(PAYLOADS)


def test_nothing_executable_reaches_the_site(xss_site, clean_scripts):
    pages = sorted(xss_site.rglob("*.html"))
    assert len(pages) > len(PAYLOADS)
    problems = []
    for path in pages:
        page = parse(path)
        rel = path.relative_to(xss_site)
        for tag, attrs, line in page.elements:
            if tag in NEVER:
                problems.append(f"{rel}:{line} <{tag}>")
            for name, value in attrs.items():
                if (
                    name.startswith("on")
                    or name in ("srcdoc", "formaction", "style")
                    and ("__xss" in value or "javascript" in value.lower())
                ):
                    problems.append(f"{rel}:{line} <{tag} {name}={value[:50]!r}>")
                if name in URL_ATTRS:
                    squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                    if (
                        squeezed.startswith(("javascript:", "vbscript:", "data:", "//"))
                        or re.match(r"^[a-z]+:", squeezed)
                        and not squeezed.startswith(("http:", "https:", "mailto:", "tel:"))
                    ):
                        problems.append(f"{rel}:{line} <{tag} {name}={value[:50]!r}>")
                elif "__xss" in value and name not in INERT_ATTRS:
                    problems.append(f"{rel}:{line} <{tag} {name}={value[:50]!r}>")
            if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
                problems.append(f"{rel}:{line} meta refresh")
            if tag == "link" and re.match(r"(https?:)?//", attrs.get("href", "")):
                problems.append(f"{rel}:{line} external <link>")
        for attrs, body in page.scripts:
            src = attrs.get("src", "")
            local = (xss_site / src.lstrip("/")) if src.startswith("/") else path.parent / src
            if src and not (
                re.fullmatch(r"/?(\.\./)*assets/javascripts/[\w./-]+\.js", src)
                and local.resolve().is_file()
            ):
                problems.append(f"{rel}: <script src={src!r}>")
            if (
                body.strip()
                and attrs.get("type") != "application/json"
                and normalised_script(body) not in clean_scripts
            ):
                problems.append(f"{rel}: inline script {body[:60]!r}")
            if "__xss" in body:
                problems.append(f"{rel}: payload inside <script>")
    assert not problems, "\n".join(problems[:40])


def test_payload_text_stays_visible_as_text(xss_site):
    """Plain fields show what was typed, character for character."""
    for number, payload in enumerate(PAYLOADS, start=1):
        page = parse(xss_site / f"novosti/xss-{number:03d}/index.html")
        expected = " ".join(f"ловушка {number} {payload}".split())
        assert [" ".join(h.split()) for h in page.headings] == [expected], number


def test_url_payloads_stay_inside_their_attribute(xss_site):
    """Each hostile URL is, whole, the value of one href: it broke nothing out."""
    hrefs = {
        attrs.get("href")
        for p in xss_site.rglob("*.html")
        for tag, attrs, _ in parse(p).elements
        if tag == "a"
    }
    for url in URL_PAYLOADS:
        assert url in hrefs, url


def test_dangerous_urls_are_refused_with_a_located_message(demo_project):
    documents = demo_project / "content/documents.yml"
    data = yaml.safe_load(documents.read_text("utf-8"))
    data["documents"] = [
        {"role": "иной документ", "title": f"Документ {i}", "date": "01.09.2025", "url": url}
        for i, url in enumerate(BAD_URLS)
    ]
    documents.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = run_cli("validate", demo_project)
    assert result.code == 1
    for index in range(1, len(BAD_URLS) + 1):
        assert re.search(
            rf"content/documents\.yml, строка \d+, поле «documents\[{index}\]\.url»:"
            r" ошибка: ",
            result.out,
        ), (index, result.out)
