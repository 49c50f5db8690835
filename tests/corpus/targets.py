"""Which file of a project each corpus folder stands for.

A corpus file ``tests/corpus/<kind>/<name>`` replaces the file ``TARGETS[kind]``
of a copy of the demo school (``{name}`` in a target is the corpus file's own
name: for kinds whose files are added rather than replaced). The monitoring
import (CSV/XLSX, on another branch) adds a line here, e.g.
``"monitoring": "content/monitoring/{name}"``, and a ``monitoring/`` folder.
"""

TARGETS = {
    "organization": "content/organization.yml",
    "normative_acts": "content/normative_acts.yml",
    "documents": "content/documents.yml",
    "roadmap": "content/roadmap.yml",
    "mentees": "content/mentees.yml",
    "materials": "content/materials.yml",
    "mentors": "content/mentors/ivanova-ea.yml",
    "programs": "content/programs/pp-2025-uu-01.yml",
    "practices": "content/practices/shkola-molodogo-pedagoga.yml",
    "news": "content/news/2026-10-15-seminar.yml",
    "site_config": "site_config.yml",
}
