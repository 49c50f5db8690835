"""Auditing what is published: every file of the built site (audit.py and its
audit_*.py checks), ``nastav check-site`` (check.py) and the exports
(audit_export.py)."""
