"""The form as a Russian HTML page (``templates/form.html.j2``), its fields
from ``editor/forms.py``."""

from __future__ import annotations

import functools

import jinja2
import markupsafe

from .forms import (
    ACTION_FIELD,
    CSRF_FIELD,
    DELETE_MARK,
    FORM_TEMPLATE,
    TEMPLATES,
    FormField,
    join_label,
)


@functools.cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _summary_line(fld: FormField) -> str:
    """«Период реализации → Начало: …», without the label twice when the
    message starts with it."""
    title, error = fld.title or fld.label, fld.error or ""
    if error.startswith(f"{fld.label}:"):
        return join_label(title.rpartition(" → ")[0], error)
    return f"{title}: {error}"


def render_form(
    env_or_none: jinja2.Environment | None,
    *,
    title: str,
    fields: list[FormField],
    action: str,
    csrf: str,
    summary: list[str],
    back: str,
    kind_title: str,
    draft_allowed: bool,
    conflict: str | None,
    preview: str | None = None,
    notice: str | None = None,
    extra_html: str = "",
) -> str:
    """The form as a whole HTML page (``lang="ru"``), loading only
    ``/_nastav/static/editor.css`` and ``editor.js``; it works without them.

    ``summary``: messages shown at the top with the field errors (each field
    error linked to its field); a message that holds a field's error is not
    repeated. ``conflict``: the file's text on disk, when it changed under
    the form. ``preview``: the address that turns Markdown into HTML for the
    «Предпросмотр» button (POST ``text`` and ``csrf``, answers an HTML
    fragment already sanitized); without it the button stays hidden.
    ``notice``: a message that is not an error («Черновик сохранён…»).
    ``extra_html``: trusted markup of the caller put first in the form (hidden
    fields, the new record's file name); escape what it holds.

    The form is ``multipart/form-data``: file fields send the upload under
    the field's own name, next to a text field with the current path."""
    env = env_or_none or _env()
    if env.autoescape is not True:
        raise ValueError("the editor's templates need an environment with autoescape=True")
    flagged = [f for top in fields for f in top.walk() if f.error]
    problems = [(f.anchor, _summary_line(f)) for f in flagged]
    known = [f.error for f in flagged if f.error]
    messages = [m for m in summary if m and not any(err in m or m in err for err in known)]
    template = env.get_template(FORM_TEMPLATE)
    return template.render(
        title=_cap(title),
        kind_title=_cap(kind_title),
        fields=fields,
        action=action,
        csrf=csrf,
        csrf_field=CSRF_FIELD,
        action_field=ACTION_FIELD,
        delete_mark=DELETE_MARK,
        problems=problems,
        messages=messages,
        back=back,
        draft_allowed=draft_allowed,
        conflict=conflict,
        preview=preview,
        notice=notice,
        extra_html=markupsafe.Markup(extra_html),
    )
