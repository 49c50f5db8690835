"""What the personal-data checks accept: the organization's official
contacts and the attachments' folders.

Official contacts — the organization card, the head and the curators
(organization.yml), plus ``privacy.allowed_contacts`` in site_config.yml —
are public by law and may appear in any text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .detectors import Allowed


def official_contacts(contents: Sequence, settings) -> Allowed:
    allowed = Allowed()
    for content in contents:
        org = content.organization
        if org is not None:
            _allow_card(
                allowed, org.contacts, ([org.head] if org.head else []) + list(org.curators)
            )
    for value in settings.config.privacy.allowed_contacts:
        if "@" in value:
            allowed.add_email(value)
        elif len(re.sub(r"\D", "", value)) >= 5 and not re.search(r"[а-яА-Я]{3}", value):
            allowed.add_phone(value)
        else:
            allowed.add_address(value)
    return allowed


def _allow_card(allowed: Allowed, contacts, people: list) -> None:
    """An organization's contacts and its officials' phones and e-mails."""
    if contacts:
        if contacts.phone:
            allowed.add_phone(contacts.phone)
        if contacts.email:
            allowed.add_email(contacts.email)
        if contacts.address:
            allowed.add_address(contacts.address)
    for person in people:
        if person.phone:
            allowed.add_phone(person.phone)
        if person.email:
            allowed.add_email(person.email)


def configure_guard(guard, contents: Sequence, settings) -> None:
    """Hook called by ``publish.org.make_guard``."""
    guard.allowed = official_contacts(contents, settings)
    guard.content_roots = {c.display_root: c.root for c in contents}
    guard.read_attachments = settings.config.privacy.scan_attachments


def add_municipal_contacts(guard, coordinator, communities, root) -> None:
    """A municipal portal also publishes the coordinator's official contacts
    (card, head, responsible specialists) and the heads of councils."""
    if coordinator is not None:
        _allow_card(
            guard.allowed,
            coordinator.contacts,
            ([coordinator.head] if coordinator.head else []) + list(coordinator.officials),
        )
    _allow_card(guard.allowed, None, [c.head for c in communities if c.head])
    guard.content_roots.setdefault("content", root)
