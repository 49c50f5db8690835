"""The ``mkdocs.yml`` our generator writes: stock Material, no plugins at all.

Fonts are the system's (``font: false`` — no Google Fonts), the navigation
lists sections only, and search is added after the build by Pagefind.
"""

from __future__ import annotations

from markupsafe import escape

from .. import addresses


def mkdocs_config(
    *,
    site_name: str,
    site_url: str | None,
    nav: list[tuple[str, str]],
    description: str | None,
    extra: dict,
) -> dict:
    features = [
        "navigation.top",
        "navigation.footer",
        "navigation.indexes",
        "toc.follow",
        # Not "content.tooltips": Material's tooltips render a title attribute as
        # HTML, so a title carrying the site name or a record's text (escaped once,
        # correctly) would become markup. The browser's own tooltip shows text.
    ]
    if site_url:
        # Instant navigation needs site_url (it reads sitemap.xml).
        features.insert(0, "navigation.instant")
    config: dict = {
        # Material prints site_name unescaped; organization names contain quotes.
        "site_name": str(escape(site_name)),
        "docs_dir": "docs",
        "theme": {
            "name": "material",
            "custom_dir": "theme",
            "language": "ru",
            "font": False,
            "features": features,
            "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
        },
        # Search is Pagefind, run over the built site (generator/search/search.py);
        # MkDocs would otherwise add its lunr plugin by default.
        "plugins": [],
        "markdown_extensions": [
            "tables",
            "attr_list",
            "admonition",
            {"toc": {"permalink": False, "toc_depth": 3}},
        ],
        "nav": [{str(escape(title)): path} for title, path in nav],
        # The theme links to our pages by the addresses given here
        # (extra.nastav.addresses: theme/partials/).
        "extra": {
            "generator": False,
            **extra,
            "nastav": {**extra.get("nastav", {}), "addresses": addresses.theme_addresses()},
        },
        "validation": {
            "omitted_files": "info",
            "absolute_links": "warn",
            "unrecognized_links": "warn",
            "anchors": "warn",
        },
        "strict": True,
        "use_directory_urls": True,
    }
    if site_url:
        config["site_url"] = site_url
    if description:
        config["site_description"] = str(escape(description))  # printed unescaped too
    return config
