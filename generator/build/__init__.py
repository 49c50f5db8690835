"""Building the site: the docs tree and ``mkdocs.yml`` (tree.py, mkdocs_config.py),
MkDocs run part by part with its cache (engine.py, mkdocs_run.py, mkdocs_speed.py)
and the sitemap (sitemap.py)."""
