"""What the personal-data checks accept: the organization's official
contacts and the attachments' folders.

Official contacts — the organization card, the head and the curators
(organization.yml), plus ``privacy.allowed_contacts`` in site_config.yml —
are public by law and may appear in any text.
"""

from __future__ import annotations

import re

from .detectors import Allowed


def official_contacts(contents: list, settings) -> Allowed:
    allowed = Allowed()
    for content in contents:
        org = content.organization
        if org is None:
            continue
        if org.contacts:
            if org.contacts.phone:
                allowed.add_phone(org.contacts.phone)
            if org.contacts.email:
                allowed.add_email(org.contacts.email)
            if org.contacts.address:
                allowed.add_address(org.contacts.address)
        for person in ([org.head] if org.head else []) + list(org.curators):
            if person.phone:
                allowed.add_phone(person.phone)
            if person.email:
                allowed.add_email(person.email)
    for value in settings.config.privacy.allowed_contacts:
        if "@" in value:
            allowed.add_email(value)
        elif len(re.sub(r"\D", "", value)) >= 5 and not re.search(r"[а-яА-Я]{3}", value):
            allowed.add_phone(value)
        else:
            allowed.add_address(value)
    return allowed


def configure_guard(guard, contents: list, settings) -> None:
    """Hook called by ``publish.org.make_guard``."""
    guard.allowed = official_contacts(contents, settings)
    guard.content_roots = {c.display_root: c.root for c in contents}
    guard.read_attachments = settings.config.privacy.scan_attachments


def add_municipal_contacts(guard, coordinator, communities, root) -> None:
    """A municipal portal also publishes the coordinator's official contacts
    (card, head, responsible specialists) and the heads of councils."""
    allowed = guard.allowed
    people = []
    if coordinator is not None:
        if coordinator.contacts:
            if coordinator.contacts.phone:
                allowed.add_phone(coordinator.contacts.phone)
            if coordinator.contacts.email:
                allowed.add_email(coordinator.contacts.email)
            if coordinator.contacts.address:
                allowed.add_address(coordinator.contacts.address)
        people += ([coordinator.head] if coordinator.head else []) + list(coordinator.officials)
    people += [c.head for c in communities if c.head]
    for person in people:
        if person.phone:
            allowed.add_phone(person.phone)
        if person.email:
            allowed.add_email(person.email)
    guard.content_roots.setdefault("content", root)
