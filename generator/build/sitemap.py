"""sitemap.xml for the assembled site (MkDocs only sees part of it per run).

Material's instant navigation reads it, search engines too. Without a
``site_url`` the addresses are relative, as MkDocs writes them.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from .. import addresses
from ..util.gz import compressed, holds
from .tree import write_new


def write_sitemap(
    site: Path, page_paths: list[str], site_url: str | None, day: dt.date
) -> list[Path]:
    """``page_paths``: the pages' docs paths (``…/index.md``)."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    entries = []
    for path in sorted(page_paths):
        folder = addresses.page_of(path)
        entries.append(
            f"    <url>\n         <loc>{escape(base + folder, quote=False)}</loc>\n"
            f"         <lastmod>{day.isoformat()}</lastmod>\n    </url>"
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>"
    )
    data = xml.encode("utf-8")
    paths = [site / addresses.SITEMAP, site / addresses.SITEMAP_GZ]
    if holds(paths[1], data):  # the folder's last build wrote these pages' sitemap
        write_new(paths[0], data)
        return paths
    write_new(paths[0], data)
    write_new(paths[1], compressed(data))
    return paths
