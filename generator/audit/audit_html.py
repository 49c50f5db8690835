"""What one built HTML page loads and could run.

The page is tokenized with regular expressions; nothing from content may
make it load a resource from another host or run code. The theme's own
code is recognised by what it is (script files of the site; inline scripts
by their exact text, see ``known_inline_script``); anything else that could
execute is a finding.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Tags whose URL attribute makes the browser fetch something.
RESOURCE_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
LOADING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "mask-icon",
}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)
# Elements that embed other documents or change how every link resolves.
DANGEROUS_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "background",
    "codebase",
    "cite",
    "ping",
}
# JSON data blocks do not execute.
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
    chrome: tuple[str, ...] = ()  # lines of text outside <article>
    no_alt: list[tuple[str, int]] = field(default_factory=list)  # <img> without a text, lines


def script_url(value: str) -> bool:
    cleaned = re.sub(r"[\s\x00-\x1f]", "", unquote(value)).lower()
    return cleaned.startswith(
        (
            "javascript:",
            "vbscript:",
            "data:text/html",
            "data:image/svg",
            "data:application",
            "data:text/javascript",
        )
    )


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


# A tag: its name, and what stands between the name and «>» (``_attributes``).
# The attributes are not cut from the closing «/» by the pattern: a lazy
# pattern did it, character by character, and took half of a page's scan.
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)([^<>]*)>")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_BODY = re.compile(r"(<(script|style)\b([^>]*)>)(.*?)(</\2\s*>)", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ANY_TAG = re.compile(r"<[^>]*>")


def scan_html(text: str) -> PageScan:
    """Tokenize a page with regular expressions: an order of magnitude faster
    than ``html.parser`` over a municipality's thousands of pages, and enough
    for our own templates and Material's. Script and style bodies and comments
    are set aside first (keeping their newlines, so lines stay right)."""
    scan = PageScan()
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    bodies: list[tuple[str, dict[str, str], str, int]] = []
    counted = [0, 1]  # where lines were counted to, the line there

    def line_at(position: int, source: str) -> int:
        # Positions come in order: the newlines since the last one are counted
        # (a list of every newline's position, for each page, cost more).
        start, line = counted
        counted[:] = position, line + source.count("\n", start, position)
        return counted[1]

    def set_aside(match: re.Match) -> str:
        line = line_at(match.start(), match.string)
        bodies.append((match.group(2).lower(), _attrs(match.group(3)), match.group(4), line))
        return match.group(1) + "\n" * match.group(4).count("\n") + match.group(5)

    text = _BODY.sub(set_aside, text)
    counted[:] = 0, 1
    for match in _TAG.finditer(text):
        found = _tag_findings(match.group(1), match.group(2))
        if found is None:
            continue  # most tags: nothing to note
        line = line_at(match.start(), text)
        scan.ids.update(found.ids)
        scan.text += found.text
        scan.addresses += found.addresses
        scan.scripting += [(what, line) for what in found.scripting]
        scan.external += [(what, url, line) for what, url in found.external]
        if found.link:
            scan.links.append((found.link, line))
        scan.no_alt += [(src, line) for src in found.no_alt]
    for tag, values, body, line in bodies:
        _body(scan, tag, values, body, line)
    # Material's header, navigation and footer repeat on every page: their
    # text is kept apart, line by line, so each line is examined once per site.
    start, end = text.find("<article"), text.rfind("</article>")
    if 0 <= start < end:
        scan.text.append(html.unescape(_ANY_TAG.sub(" ", text[start:end])))
        scan.chrome = _chrome_lines(_ANY_TAG.sub(" ", text[:start] + "\n" + text[end:]))
    else:
        scan.text.append(html.unescape(_ANY_TAG.sub(" ", text)))
    return scan


def _chrome_lines(chrome: str) -> tuple[str, ...]:
    """The lines of text of a page's header, navigation and footer. Pages of
    a section share them whole: taken from ``_CHROMES`` when seen before —
    the same tuple, which the personal data check knows too (audit_data.py)."""
    lines = _CHROMES.get(chrome)
    if lines is None:
        if len(_CHROMES) >= 512:
            _CHROMES.clear()
        lines = _CHROMES[chrome] = tuple(
            html.unescape(line) if "&" in line else line
            for line in (part.strip() for part in chrome.split("\n"))
            if line
        )
    return lines


_CHROMES: dict[str, tuple[str, ...]] = {}


@dataclass(frozen=True)
class _TagFindings:
    ids: tuple[str, ...]
    text: tuple[str, ...]
    addresses: tuple[str, ...]
    scripting: tuple[str, ...]
    external: tuple[tuple[str, str], ...]
    link: str | None
    no_alt: tuple[str, ...] = ()


@functools.lru_cache(maxsize=65536)
def _tag_findings(tag: str, source: str) -> _TagFindings | None:
    """What one tag holds, whatever line it is on (None: nothing). The header,
    navigation and footer repeat the same tags on every page: each is
    examined once."""
    attributes = _attributes(source)
    if attributes is None:
        return None  # «<a1"x">»: not a tag
    scan = PageScan()
    _tag(scan, tag.lower(), _attrs(attributes), 0)
    if not (
        scan.ids
        or scan.text
        or scan.addresses
        or scan.scripting
        or scan.external
        or scan.links
        or scan.no_alt
    ):
        return None
    return _TagFindings(
        tuple(scan.ids),
        tuple(scan.text),
        tuple(scan.addresses),
        tuple(what for what, _ in scan.scripting),
        tuple((what, url) for what, url, _ in scan.external),
        scan.links[0][0] if scan.links else None,
        tuple(src for src, _ in scan.no_alt),
    )


def _attributes(rest: str) -> str | None:
    """The attributes of a tag from what follows its name, as the pattern
    ``<name((?:\\s+[^<>]*?)?)\\s*/?>`` takes them: after whitespace, up to
    the trailing whitespace and «/»; None when it is no tag at all."""
    if rest in ("", "/"):
        return ""
    if not rest[0].isspace():
        return None
    inner = rest.lstrip()
    lead = rest[: len(rest) - len(inner)]
    return lead + inner.removesuffix("/").rstrip()


def _attrs(source: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape((m.group(2) or "").strip("\"'"))
        for m in _ATTR.finditer(source or "")
    }


def _tag(scan: PageScan, tag: str, values: dict[str, str], line: int) -> None:
    def flag(what: str) -> None:
        scan.scripting.append((what, line))

    if "id" in values:
        scan.ids.add(values["id"])
    if tag == "a" and "name" in values:
        scan.ids.add(values["name"])
    if tag in DANGEROUS_TAGS:
        flag(f"элемент <{tag}>")
    if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
        flag("переадресация <meta http-equiv=refresh>")
    for name, value in values.items():
        if name.startswith("on"):
            flag(f"атрибут {name} в <{tag}>")
        elif name == "srcdoc":
            flag(f"атрибут srcdoc в <{tag}>")
        elif name in URL_ATTRS and script_url(value):
            flag(f"ссылка «{value[:40]}» в <{tag}>")
        elif name == "style" and _CSS_CODE.search(value):
            flag(f"код в атрибуте style в <{tag}>")
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
            scan.external.append((f"<link rel={values.get('rel', '')}>", values["href"], line))
    if tag == "a" and values.get("href"):
        scan.links.append((values["href"], line))
    if tag == "img" and without_alt(values):
        scan.no_alt.append((values.get("src", "")[:100], line))
    if "style" in values:
        for match in CSS_URL.finditer(values["style"]):
            scan.external.append((f"<{tag} style>", match.group(1), line))
    if tag == "script":
        src = values.get("src", "")
        if src and urlsplit(src.strip()).scheme.lower() in ("data", "blob"):
            flag(f"скрипт из адреса «{src[:40]}»")


def without_alt(values: dict[str, str]) -> bool:
    """An image with no text alternative: no ``alt``, or an empty one on an
    image not marked as decoration (``role="presentation"``/``"none"``,
    ``aria-hidden="true"``), which a screen reader would then name by its file."""
    if values.get("role", "").strip().lower() in ("presentation", "none"):
        return False
    if values.get("aria-hidden", "").strip().lower() == "true":
        return False
    return not values.get("alt", "").strip()


# Where Material's inline scripts take a value from the page (the site's base
# address), the value sits inside a JavaScript string: it may hold anything
# but what would end that string or the script.
_SLOT = r'[^"\'\\<>\s]*'
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_JINJA_VALUE = re.compile(r"\{\{.*?\}\}", re.S)


def _script_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def _theme_scripts() -> tuple[frozenset[str], tuple[tuple[re.Pattern, str], ...]]:
    """What Material's and our theme's templates emit as inline scripts: the
    hash of each script's exact text (a value the page fills in stands as
    «\\0») and, for scripts with such a value, the pattern that finds it."""
    import material

    from ..resources import theme_dir

    material_js = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    sources = sorted(material_js.glob("*.html")) + sorted(theme_dir().rglob("*.html"))
    hashes: set[str] = set()
    patterns: list[tuple[re.Pattern, str]] = []
    for source in sources:
        for body in _TEMPLATE_SCRIPT.findall(source.read_text("utf-8")):
            code = body.strip()
            if "{%" in code or "{#" in code:
                continue  # not a fixed text: never recognised
            parts = _JINJA_VALUE.split(code)
            in_strings = all(p.endswith('"') for p in parts[:-1]) and all(
                p.startswith('"') for p in parts[1:]
            )
            if not in_strings:
                continue  # a value outside a string: never recognised
            normal = "\0".join(parts)
            hashes.add(_script_hash(normal))
            if len(parts) > 1:
                pattern = _SLOT.join(re.escape(p) for p in parts)
                patterns.append((re.compile(pattern, re.S), normal))
    return frozenset(hashes), tuple(patterns)


def known_inline_script(code: str) -> bool:
    """Is ``code`` (stripped) exactly an inline script the theme emits? A text
    that only begins like one is not."""
    hashes, patterns = _theme_scripts()
    if _script_hash(code) in hashes:
        return True
    for pattern, normal in patterns:
        if pattern.fullmatch(code):
            return _script_hash(normal) in hashes
    return False


def _body(scan: PageScan, tag: str, values: dict[str, str], body: str, line: int) -> None:
    if tag == "script":
        code = body.strip()
        executable = values.get("type", "").lower() not in DATA_TYPES
        if code and executable and not values.get("src") and not known_inline_script(code):
            scan.scripting.append((f"встроенный скрипт «{code[:40]}»", line))
    else:
        if _CSS_CODE.search(body):
            scan.scripting.append(("код в элементе <style>", line))
        for match in CSS_URL.finditer(body):
            scan.external.append(("<style>", match.group(1), line))
