"""Whether a recorded consent lets a field be published today.

Fail closed: no consent, a withdrawn or expired one, or one that does not
list the field all mean «do not publish» (152-ФЗ ст. 10.1: consent to
dissemination is given per category of data and can be withdrawn).
"""

from __future__ import annotations

import datetime as dt

from ..schema.records import Consent


def consent_state(consent: Consent | None, today: dt.date) -> str:
    """«none», «future», «withdrawn», «expired» or «valid»."""
    if consent is None:
        return "none"
    if consent.date > today:
        return "future"
    if consent.withdrawn and consent.withdrawn <= today:
        return "withdrawn"
    if consent.valid_until and consent.valid_until < today:
        return "expired"
    return "valid"


def allows(consent: Consent | None, field: str, today: dt.date) -> bool:
    """P18: a person's field is published only with a valid consent that
    lists it (002 строки 387, 392: consents are collected from participants)."""
    if consent is None:
        return False
    return consent_state(consent, today) == "valid" and field in consent.fields
