"""Which file of a project each corpus folder stands for.

A corpus file ``tests/corpus/<kind>/<name>`` replaces the file ``TARGETS[kind]``
of a copy of the demo school, or ``MUNICIPAL_TARGETS[kind]`` of a copy of the
municipal demo (``demo/municipal``; its kinds are the folders under
``tests/corpus/municipal/``). ``{name}`` in a target is the corpus file's own
name: for kinds whose files are added rather than replaced (monitoring values
sit beside the demo's own files).
"""

TARGETS = {
    "organization": "content/organization.yml",
    "normative_acts": "content/normative_acts.yml",
    "documents": "content/documents.yml",
    "roadmap": "content/roadmap.yml",
    "mentees": "content/mentees.yml",
    "materials": "content/materials.yml",
    "agreements": "content/agreements.yml",
    "mentors": "content/mentors/ivanova-ea.yml",
    "programs": "content/programs/pp-2025-uu-01.yml",
    "practices": "content/practices/shkola-molodogo-pedagoga.yml",
    "news": "content/news/2026-10-15-seminar.yml",
    "site_config": "site_config.yml",
}

MUNICIPAL_TARGETS = {
    "municipal/coordinator": "content/coordinator.yml",
    "municipal/registry": "content/registry.yml",
    "municipal/normative_acts": "content/normative_acts.yml",
    "municipal/roadmap": "content/roadmap.yml",
    "municipal/materials": "content/materials.yml",
    "municipal/communities": "content/communities.yml",
    "municipal/partners": "content/partners.yml",
    "municipal/contests": "content/contests/festival-2025.yml",
    "municipal/news": "content/news/2026-11-15-seminar.yml",
    "municipal/practices": "content/practices/gorodskaya-shkola-molodogo-pedagoga.yml",
    "municipal/conclusions": "content/monitoring/conclusions-2025.yml",
    # An organization's records inside a municipal project: the school format.
    "municipal/org_mentor": "content/orgs/sosh1/mentors/mentor-1.yml",
    "municipal/org_program": "content/orgs/sosh1/programs/pp-2026-1.yml",
    # A mentor of another organization who has withdrawn the consent.
    "municipal/withdrawn_consent": "content/orgs/sosh3/mentors/mentor-1.yml",
    # Monitoring values (CSV here; traps marked «xlsx» also run as .xlsx).
    "municipal/monitoring": "content/monitoring/{name}",
}

ALL_TARGETS = {**TARGETS, **MUNICIPAL_TARGETS}
MUNICIPAL_BASE = "demo/municipal"


def base_of(kind: str) -> str:
    """The demo project a kind's files belong to, relative to the repository."""
    return MUNICIPAL_BASE if kind in MUNICIPAL_TARGETS else "."
