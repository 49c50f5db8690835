"""What one built HTML page loads and could run.

The page is parsed as a browser would tokenize it; nothing from content may
make it load a resource from another host or run code. The theme's own
code is recognised by what it is (script files of the site, Material's two
small inline scripts); anything else that could execute is a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

# Tags whose URL attribute makes the browser fetch something.
RESOURCE_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
    "embed": ("src",), "object": ("data",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "input": ("src",),
    "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload",
                "modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest",
                "mask-icon"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)
# Elements that embed other documents or change how every link resolves.
DANGEROUS_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "poster",
             "background", "codebase", "cite", "ping"}
# Material's inline scripts (scope/storage helpers and the tab restorer),
# identified by how they begin; JSON data blocks do not execute.
THEME_INLINE_SCRIPTS = ("__md_scope=new URL(",
                        "var target=document.getElementById(location.hash.slice(1))",
                        "var palette=__md_get(", "var media,input,key,value,palette=")
DATA_TYPES = {"application/json", "application/ld+json", "text/template"}
_CSS_CODE = re.compile(r"expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:", re.I)


@dataclass
class PageScan:
    links: list[tuple[str, int]] = field(default_factory=list)  # <a href>, with lines
    ids: set[str] = field(default_factory=set)
    external: list[tuple[str, str, int]] = field(default_factory=list)
    scripting: list[tuple[str, int]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # visible text and attribute values
    addresses: list[str] = field(default_factory=list)  # hrefs, srcs, ids


def script_url(value: str) -> bool:
    cleaned = re.sub(r"[\s\x00-\x1f]", "", unquote(value)).lower()
    return cleaned.startswith(("javascript:", "vbscript:", "data:text/html", "data:image/svg",
                               "data:application", "data:text/javascript"))


def is_external(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme.lower()
    return scheme not in ("", "data", "blob")


def _urls(value: str, srcset: bool) -> list[str]:
    if not value:
        return []
    if srcset:
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value.strip()]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._script: tuple[dict[str, str], int, list[str]] | None = None
        self._style: list[str] | None = None

    def flag(self, what: str) -> None:
        self.scan.scripting.append((what, self.getpos()[0]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {k: v or "" for k, v in attrs}
        scan = self.scan
        if "id" in values:
            scan.ids.add(values["id"])
        if tag == "a" and "name" in values:
            scan.ids.add(values["name"])
        if tag in DANGEROUS_TAGS:
            self.flag(f"элемент <{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.flag("переадресация <meta http-equiv=refresh>")
        for name, value in values.items():
            if name.startswith("on"):
                self.flag(f"атрибут {name} в <{tag}>")
            elif name == "srcdoc":
                self.flag(f"атрибут srcdoc в <{tag}>")
            elif name in URL_ATTRS and script_url(value):
                self.flag(f"ссылка «{value[:40]}» в <{tag}>")
            elif name == "style" and _CSS_CODE.search(value):
                self.flag(f"код в атрибуте style в <{tag}>")
            if name in ("alt", "title", "content", "aria-label", "value", "placeholder"):
                scan.text.append(value)
            if name in ("href", "src", "id", "srcset", "action", "data", "poster"):
                scan.addresses.append(value)
        for attr in RESOURCE_ATTRS.get(tag, ()):
            for url in _urls(values.get(attr, ""), attr == "srcset"):
                if is_external(url):
                    scan.external.append((f"<{tag} {attr}>", url, line))
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & LOADING_RELS and is_external(values.get("href", "")):
                scan.external.append((f"<link rel={values.get('rel', '')}>", values["href"],
                                      line))
        if tag == "a" and values.get("href"):
            scan.links.append((values["href"], line))
        if "style" in values:
            for match in CSS_URL.finditer(values["style"]):
                scan.external.append((f"<{tag} style>", match.group(1), line))
        if tag == "script":
            src = values.get("src", "")
            if src and urlsplit(src.strip()).scheme.lower() in ("data", "blob"):
                self.flag(f"скрипт из адреса «{src[:40]}»")
            self._script = (values, line, [])
        elif tag == "style":
            self._style = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            values, line, parts = self._script
            self._script = None
            body = "".join(parts).strip()
            executable = values.get("type", "").lower() not in DATA_TYPES
            if body and executable and not values.get("src") \
                    and not body.startswith(THEME_INLINE_SCRIPTS):
                self.scan.scripting.append((f"встроенный скрипт «{body[:40]}»", line))
        elif tag == "style" and self._style is not None:
            css = "".join(self._style)
            self._style = None
            if _CSS_CODE.search(css):
                self.flag("код в элементе <style>")
            for match in CSS_URL.finditer(css):
                self.scan.external.append(("<style>", match.group(1), self.getpos()[0]))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[2].append(data)
        elif self._style is not None:
            self._style.append(data)
        else:
            self.scan.text.append(data)


def scan_html(text: str) -> PageScan:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.scan
