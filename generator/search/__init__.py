"""The search index of the built site: Pagefind run part by part (search.py),
the parts joined and cut into small chunks (search_merge.py)."""
