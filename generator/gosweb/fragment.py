"""One generated page → a fragment the Госвеб constructor accepts.

The constructor's editor takes headings, paragraphs, lists, tables and
links; anything else (classes, scripts, styles, forms, frames, images
embedded by path) is dropped or rejected. So the page's Markdown is
rendered the way MkDocs renders it, then passed through an allow-list:

* breadcrumbs and the program filter (``nav``, ``form``) are removed with
  their content, the page's ``h1`` too (the constructor has its own title);
* definition lists become paragraphs «<strong>Название:</strong> значение»;
* wrappers (``div``, ``section``, ``article``, ``span``…) are unwrapped;
* links to other pages of the section point to their Госвеб addresses
  under ``base``; links to attached files point into the archive's
  ``files/`` folder (the index says to replace them after uploading);
  links to anchors on a page are turned into plain text.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

import markdown
import nh3

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
DROPPED_WITH_CONTENT = {
    "nav",
    "form",
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "select",
    "noscript",
    "template",
    "svg",
    "h1",
}
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_DOWNLOADS = re.compile(r'<p class="nst-downloads">.*?</p>', re.S)
_BLOCK_END = re.compile(r"(</(?:p|h2|h3|h4|ul|ol|li|table|caption|thead|tbody|tr)>)")


class FragmentMaker:
    def __init__(self, base: str, page_paths: set[str], file_paths: set[str]):
        self.base = "/" + base.strip("/") if base.strip("/") else ""
        self.page_paths = page_paths  # docs folders of pages: "", "programmy/", …
        self.file_paths = file_paths  # docs paths of published files
        self._md = markdown.Markdown(
            extensions=["tables", "attr_list", "md_in_html", "admonition", "sane_lists"]
        )
        self.files_used: set[str] = set()

    def address(self, folder: str) -> str:
        """The Госвеб address suggested for a page (its docs folder)."""
        return f"{self.base}/{folder}".rstrip("/") or "/"

    def fragment(self, page_path: str, text: str) -> str:
        self._md.reset()
        html = self._md.convert(_FRONT.sub("", text, count=1))
        html = _flatten_definitions(html)
        # «Скачать таблицу: CSV, XLSX» points at files of the generated site that
        # the archive does not carry; the constructor's tables are copied by hand.
        html = _DOWNLOADS.sub("", html)
        here = posixpath.dirname(page_path)
        self.files_used = set()
        for src in re.findall(r'<img[^>]*\ssrc="([^"]+)"', html):  # images are inserted by hand
            image = posixpath.normpath(posixpath.join(here, src))
            if image in self.file_paths:
                self.files_used.add(image)

        def attribute(tag: str, name: str, value: str) -> str | None:
            if tag == "a" and name == "href":
                return self._href(here, value)
            return value

        html = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            clean_content_tags=DROPPED_WITH_CONTENT,
            attribute_filter=attribute,
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel=None,
            strip_comments=True,
        )
        html = re.sub(r"<a>(.*?)</a>", r"\1", html, flags=re.S)  # links that lost their href
        html = re.sub(r"<p>\s*</p>", "", html)
        html = _BLOCK_END.sub(r"\1\n", html)
        return re.sub(r"\n\s*\n+", "\n", html).strip() + "\n"

    def _href(self, here: str, value: str) -> str | None:
        parts = urlsplit(value)
        if parts.scheme or value.startswith("//"):
            return value
        if not parts.path:
            return None  # «#anchor» on the same page: ids do not survive
        target = posixpath.normpath(posixpath.join(here, parts.path))
        target = "" if target == "." else target
        if target in self.file_paths:
            self.files_used.add(target)
            return target
        folder = target.rstrip("/") + "/" if target else ""
        if folder in self.page_paths or target == "":
            return self.address(folder)
        return None


def _flatten_definitions(html: str) -> str:
    """<dl><dt>Статус</dt><dd>реализуется</dd></dl> → <p><strong>Статус:</strong> реализуется</p>"""
    html = re.sub(r"</?dl[^>]*>", "", html)
    html = re.sub(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>", r"<p><strong>\1:</strong> ", html, flags=re.S)
    return html.replace("</dd>", "</p>")
