"""Forms made from the record metadata: one declaration, one form.

``form_fields`` walks a record class (the same ``f(label, required=…,
vocab=…, …)`` metadata the coercer, the JSON Schema and the spreadsheets
read) into ``FormField``s; ``render_form`` writes them as a Russian HTML page;
``parse_form`` turns the submitted pairs back into plain values for the
document layer. Field names are the paths diagnostics use — «title»,
«period.start», «activities[2].date» (list items 1-based) — so an error of
the validator lands next to its field.

How fields become widgets:

* text types: ``str`` → text (a textarea when the value has several lines),
  ``Markdown`` → markdown, ``Url``/``SiteUrl`` → url, ``Email`` → email,
  ``Phone`` → tel, ``Attachment`` → file (the path, and a file to upload);
* ``int`` → number (typed as text: the validator, not the browser, says
  in Russian what is wrong), ``bool`` → checkbox, ``date`` → date, and
  ``date | str`` → date that also takes words («сентябрь 2025»);
* a vocabulary → select, a list with one → multiselect (checkboxes); a
  reference → ref (a select of the records in ``refs``; a text field when
  ``refs`` has none of that kind);
* a nested record → group (a fieldset; ``Consent`` gets its own legend),
  a list of them → list (a fieldset per item, plus a blank item for a new
  one), a list of text → lines (one value a line).

Vocabulary options submit the term's label, so the YAML reads as a person
would write it (as ``nastav import`` writes it); references submit the id.
The ``id`` of a record kept in a file of its own is its file name: it is not
a field of the form.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from ..schema.coerce import hints, record_fields
from ..schema.fields import Attachment, Email, Markdown, Meta, Phone, Record, SiteUrl, Url
from ..schema.records import Consent
from ..schema.values import ValueProblem, parse_bool, parse_date, parse_decimal, parse_int
from ..schema.vocab import Vocabulary

TEMPLATES = Path(__file__).with_name("templates")
FORM_TEMPLATE = "form.html.j2"
CSRF_FIELD = "csrf"
ACTION_FIELD = "_action"  # «save» or «draft»
DELETE_MARK = "_delete"  # «activities[2]._delete=on»: the item is left out (no JavaScript)
CONSENT_LEGEND = "Согласие на публикацию персональных данных"
CONSENT_HELP = (
    "На сайт выводятся только поля, отмеченные в согласии; без согласия или после "
    "его отзыва персональные данные не публикуются."
)
WIDGETS = (
    "text",
    "textarea",
    "markdown",
    "date",
    "number",
    "checkbox",
    "select",
    "multiselect",
    "ref",
    "file",
    "url",
    "email",
    "tel",
    "group",
    "list",
    "lines",
)
_TEXT_WIDGETS = {Url: "url", SiteUrl: "url", Email: "email", Phone: "tel", Attachment: "file"}
_HINTS = {
    "date": "Дата в формате ДД.ММ.ГГГГ, например 01.09.2025.",
    "lines": "Каждый пункт — с новой строки.",
    "markdown": "Абзацы разделяйте пустой строкой; пункт списка начинайте с «- ».",
    "file": "Путь к файлу в папке content/ — или выберите новый файл на компьютере.",
    "url": "Полный адрес: скопируйте его из адресной строки браузера.",
    "multiselect": "Отметьте все подходящие.",
}
_OPTIONAL_GROUP_HINT = "Поля с пометкой «обязательное» нужны, если заполняете этот раздел."
_REF_FREE_HINT = "Идентификатор записи: имя её файла без «.yml»."
_DATE_OR_TEXT_HINT = "Дата (ДД.ММ.ГГГГ) или срок словами, например «сентябрь 2025»."
_NAME_PART = re.compile(r"^([A-Za-z_]\w*)(?:\[(\d+)\])?$")
_NOT_ID = re.compile(r"[^A-Za-z0-9_]+")


def field_id(name: str) -> str:
    """The HTML id of a field: «activities[2].date» → «f-activities-2-date».

    Ids made here never hold «--», so ``id--help``, ``id--error``,
    ``id--1`` (an option) cannot meet another field's id; editor.js spells
    the same rule."""
    return "f-" + _NOT_ID.sub("-", name).strip("-")


@dataclass
class FormField:
    name: str  # the path as diagnostics name it: «period.start», «activities[2].date»
    label: str
    help: str = ""
    required: bool = False
    internal: bool = False  # for the curator only: «не публикуется»
    widget: str = "text"  # one of WIDGETS
    # text widgets: the text; checkbox: bool; select/ref: the chosen choice id
    # ("" for none); multiselect: the chosen ids; group/list: None
    value: Any = None
    choices: list[tuple[str, str]] = field(default_factory=list)  # (id, label)
    error: str | None = None
    children: list[FormField] = field(default_factory=list)  # group: fields; list: items
    minimum: float | None = None
    maximum: float | None = None
    hint: str = ""  # how to write the value («ДД.ММ.ГГГГ», «с новой строки»)
    vocab: str | None = None  # options submit the term's label
    unknown: list[str] = field(default_factory=list)  # values not among the choices, kept
    consent: bool = False  # the consent fieldset
    index: int | None = None  # a list item's number, 1-based
    blank: bool = False  # a list's blank item: a new one when filled in
    title: str = ""  # the labels down from the form: «Период реализации → Начало»
    date_text: bool = False  # a date field that also takes words («сентябрь 2025»)
    free: bool = False  # a reference typed as text: no records of its kind were given

    @property
    def id(self) -> str:
        return field_id(self.name)

    @property
    def anchor(self) -> str:
        """Where a link to this field goes: the control a person fixes."""
        if self.widget == "multiselect" and self.choices:
            return f"{self.id}--1"
        return self.id

    @property
    def described_by(self) -> str:
        ids = []
        if self.help or self.hint:
            ids.append(f"{self.id}--help")
        if self.error:
            ids.append(f"{self.id}--error")
        return " ".join(ids)

    @property
    def as_select(self) -> bool:
        """A reference shown as a <select> (its records are known)."""
        return self.widget == "select" or (self.widget == "ref" and not self.free)

    def options(self) -> list[tuple[str, str, bool]]:
        """(submitted value, text, chosen) of each choice."""
        chosen = set(self.value) if isinstance(self.value, list) else {self.value}
        result = []
        for choice_id, label in self.choices:
            submitted = label if self.vocab and choice_id not in self.unknown else choice_id
            text = label if label == choice_id or self.vocab else f"{label} ({choice_id})"
            if choice_id in self.unknown:
                text = f"{choice_id} — нет в списке"
            result.append((submitted, text, choice_id in chosen))
        return result

    def walk(self) -> Iterator[FormField]:
        yield self
        for child in self.children:
            yield from child.walk()


# -- record metadata → fields ---------------------------------------------------------
def _fields_of(cls: type, top: bool) -> list[tuple[dataclasses.Field[Any], Meta, Any]]:
    """Declared fields with their type; the file-name ``id`` of a record left out."""
    type_hints = hints(cls)
    result = []
    for fld, meta in record_fields(cls):
        if top and fld.name == "id" and not meta.required and issubclass(cls, Record):
            continue
        result.append((fld, meta, type_hints[fld.name]))
    return result


def _shape(tp: Any) -> tuple[Any, bool, bool]:
    """(scalar type or dataclass, is a list, is «date | str») of a declared type."""
    origin = typing.get_origin(tp)
    if origin is list:
        inner, _, date_text = _shape(typing.get_args(tp)[0])
        return inner, True, date_text
    if origin is not None:  # X | None, date | str
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(options) == 1:
            return _shape(options[0])
        if dt.date in options:
            return dt.date, False, True
        return str, False, False
    return tp, False, False


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def form_fields(
    cls: type,
    values: dict,
    vocabularies: dict[str, Vocabulary],
    refs: dict[str, list[tuple[str, str]]],
    errors: dict[str, str],
) -> list[FormField]:
    """The fields of a form for ``cls`` filled with plain ``values`` (as read
    from YAML: text, numbers, dates, lists, dicts); ``errors`` by field path.

    ``refs``: a reference name («mentor», «program», «contest», «org») → the
    existing records (id, label) offered in a select."""
    builder = _Builder(vocabularies, refs)
    fields = builder.record(cls, values if isinstance(values, dict) else {}, "", "", top=True)
    _place_errors(fields, errors)
    return fields


def unplaced_errors(fields: list[FormField], errors: dict[str, str]) -> list[str]:
    """The messages of ``errors`` that belong to no field of the form."""
    names = {f.name for top in fields for f in top.walk()}
    return [message for path, message in errors.items() if _owner(path, names) is None]


class _Builder:
    def __init__(self, vocabularies: dict[str, Vocabulary], refs: dict[str, list]):
        self.vocabularies = vocabularies
        self.refs = refs

    def record(self, cls: type, values: dict, prefix: str, title: str, top: bool = False):
        result = []
        for fld, meta, tp in _fields_of(cls, top):
            name = f"{prefix}{fld.name}"
            value = values.get(fld.name)
            result.append(self.one(fld, meta, tp, name, value, title))
        return result

    def one(
        self, fld: dataclasses.Field[Any], meta: Meta, tp: Any, name: str, value: Any, title: str
    ) -> FormField:
        base, is_list, date_text = _shape(tp)
        label = meta.label
        out = FormField(
            name=name,
            label=label,
            help=meta.help,
            required=meta.required,
            internal=meta.internal,
            minimum=meta.minimum,
            maximum=meta.maximum,
        )
        if _is_record(base) and is_list:
            out.widget = "list"
            items = value if isinstance(value, list) else []
            out.title = _join(title, label)
            for number, item in enumerate(items, start=1):
                out.children.append(self.item(base, out, number, item))
            out.children.append(self.item(base, out, len(items) + 1, {}, blank=True))
            return out
        if _is_record(base):
            out.widget = "group"
            if base is Consent:
                out.consent = True
                out.label = CONSENT_LEGEND
                out.help = meta.help or CONSENT_HELP
            out.title = _join(title, out.label)
            given = value if isinstance(value, dict) else {}
            out.children = self.record(base, given, f"{name}.", out.title)
            if not meta.required and any(child.required for child in out.children):
                out.hint = _OPTIONAL_GROUP_HINT
            return out
        out.title = _join(title, label)
        vocabulary = self.vocabularies.get(meta.vocab) if meta.vocab else None
        known_refs = self.refs.get(meta.ref) if meta.ref else None
        if is_list:
            texts = [_text(v) for v in (value if isinstance(value, list) else [value])]
            texts = [t for t in texts if t]
            if vocabulary is not None:
                self.vocab_choices(out, vocabulary, texts, multiple=True)
            elif known_refs:
                self.ref_choices(out, known_refs, texts, multiple=True)
            else:
                out.widget = "lines"
                out.value = "\n".join(texts)
                out.hint = _HINTS["lines"]
            if meta.ref and not known_refs:
                out.hint = f"{_HINTS['lines']} {_REF_FREE_HINT}"
            return out
        text = _text(value)
        if vocabulary is not None:
            self.vocab_choices(out, vocabulary, [text] if text else [], multiple=False)
        elif meta.ref:
            out.widget = "ref"
            out.label = (
                re.sub(r"\s*\(идентификатор\)$", "", label) if known_refs is not None else label
            )
            if known_refs is not None:
                self.ref_choices(out, known_refs, [text] if text else [], multiple=False)
            else:
                out.free = True
                out.value = text
                out.hint = _REF_FREE_HINT
        elif base is bool:
            out.widget = "checkbox"
            out.value = _truth(value)
        elif base in (int, float):
            out.widget = "number"
            out.value = text
            out.hint = _range_hint(meta, whole=base is int)
        elif base is dt.date:
            out.widget = "date"
            out.date_text = date_text
            out.value = text
            out.hint = _DATE_OR_TEXT_HINT if date_text else _HINTS["date"]
        elif base is Markdown:
            out.widget = "markdown"
            out.value = text
            out.hint = _HINTS["markdown"]
        elif base in _TEXT_WIDGETS:
            out.widget = _TEXT_WIDGETS[base]
            out.value = text
            out.hint = _HINTS.get(out.widget, "")
        else:
            out.widget = "textarea" if "\n" in text.strip() else "text"
            out.value = text
        default = _default_text(fld, vocabulary)
        if default:
            out.hint = f"{out.hint} Если не заполнено: {default}.".strip()
        return out

    def item(self, cls: type, parent: FormField, number: int, values: Any, blank: bool = False):
        name = f"{parent.name}[{number}]"
        label = f"{parent.label}, № {number}"
        out = FormField(name=name, label=label, widget="group", index=number, blank=blank)
        out.title = _join(parent.title.rpartition(" → ")[0], label)
        given = values if isinstance(values, dict) else {}
        out.children = self.record(cls, given, f"{name}.", out.title)
        return out

    @staticmethod
    def vocab_choices(out: FormField, vocabulary: Vocabulary, texts: list[str], multiple: bool):
        out.widget = "multiselect" if multiple else "select"
        out.vocab = vocabulary.name
        out.choices = [(term.id, term.label) for term in vocabulary.terms]
        chosen = []
        for text in texts:
            term = vocabulary.lookup(text)
            if term is None:  # kept as written: the validator says what is wrong
                out.choices.append((text, text))
                out.unknown.append(text)
                chosen.append(text)
            else:
                chosen.append(term.id)
        if multiple:
            out.hint = _HINTS["multiselect"]
        out.value = chosen if multiple else (chosen[0] if chosen else "")

    @staticmethod
    def ref_choices(out: FormField, records: list, texts: list[str], multiple: bool):
        out.widget = "multiselect" if multiple else "ref"
        out.choices = [(str(i), str(label)) for i, label in records]
        ids = {i for i, _ in out.choices}
        for text in texts:
            if text not in ids:
                out.choices.append((text, text))
                out.unknown.append(text)
        if multiple:
            out.hint = _HINTS["multiselect"]
        elif not out.choices:
            out.hint = "Записей этого вида пока нет."
        out.value = texts if multiple else (texts[0] if texts else "")


def _join(title: str, label: str) -> str:
    return f"{title} → {label}" if title else label


def _text(value: Any) -> str:
    """A plain value as the form shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value)
    return str(value)


def _truth(value: Any) -> bool:
    if isinstance(value, str):
        try:
            return parse_bool(value)
        except ValueProblem:
            return False
    return bool(value)


def _range_hint(meta: Meta, whole: bool) -> str:
    what = "Целое число" if whole else "Число"
    low, high = meta.minimum, meta.maximum
    if low is not None and high is not None:
        return f"{what} от {low:g} до {high:g}."
    if low is not None:
        return f"{what}, не меньше {low:g}."
    if high is not None:
        return f"{what}, не больше {high:g}."
    return f"{what}."


def _default_text(fld: dataclasses.Field[Any], vocabulary: Vocabulary | None) -> str:
    default = fld.default
    if default is dataclasses.MISSING or default is None or default is False:
        return ""
    if vocabulary is not None:
        return f"«{vocabulary.label(str(default))}»"
    return f"«{default}»" if isinstance(default, str) else str(default)


def _owner(path: str, names: set[str]) -> str | None:
    """The field an error at ``path`` belongs to: the path or its nearest parent."""
    while path:
        if path in names:
            return path
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def _place_errors(fields: list[FormField], errors: dict[str, str]) -> None:
    by_name = {f.name: f for top in fields for f in top.walk()}
    for path, message in errors.items():
        owner = _owner(path, set(by_name))
        if owner is None:
            continue
        target = by_name[owner]
        if target.error and message not in target.error:
            target.error = f"{target.error} {message}"
        elif not target.error:
            target.error = message


# -- submitted pairs → plain values ------------------------------------------------------
@dataclass
class _Node:
    values: list[str] = field(default_factory=list)
    fields: dict[str, _Node] = field(default_factory=dict)
    items: dict[int, _Node] = field(default_factory=dict)  # in submitted order


def _tree(pairs: Iterable[tuple[str, str]]) -> _Node:
    root = _Node()
    for name, value in pairs:
        node = root
        parts = name.split(".")
        matches = [_NAME_PART.match(part) for part in parts]
        if not all(matches):
            continue  # not a field of ours (a button, the token)
        for match in matches:
            assert match is not None
            node = node.fields.setdefault(match[1], _Node())
            if match[2] is not None:
                node = node.items.setdefault(int(match[2]), _Node())
        node.values.append(value)
    return root


def parse_form(pairs: list[tuple[str, str]], cls: type) -> dict:
    """Submitted (name, value) pairs → the record's plain values.

    Every field of ``cls`` is in the result: an empty text is None, an
    unticked checkbox False, an empty list [], a group with nothing filled
    None. Numbers become ``int`` when they read as one and stay text when
    not (the validator reports them); dates read as dates are written
    ДД.ММ.ГГГГ, others stay as typed («сентябрь 2025»); «lines» are split
    by line; list items are renumbered in submitted order, and an item with
    nothing filled in (the blank one) or ticked «Удалить» is left out. When
    a name comes twice for one value, the last wins: append
    ``(field, stored path)`` for an uploaded file."""
    return _record(cls, _tree(pairs), top=True)


def _record(cls: type, node: _Node, top: bool = False) -> dict:
    result: dict[str, Any] = {}
    for fld, _meta, tp in _fields_of(cls, top):
        child = node.fields.get(fld.name, _Node())
        base, is_list, _ = _shape(tp)
        if _is_record(base) and is_list:
            items = []
            for item in child.items.values():
                if any(_truth_text(v) for v in item.fields.get(DELETE_MARK, _Node()).values):
                    continue
                values = _record(base, item)
                if not _empty(values):
                    items.append(values)
            result[fld.name] = items
        elif _is_record(base):
            values = _record(base, child)
            result[fld.name] = None if _empty(values) else values
        elif is_list:
            result[fld.name] = [
                line.strip()
                for raw in child.values
                for line in _newlines(raw).split("\n")
                if line.strip()
            ]
        else:
            result[fld.name] = _scalar(child.values, base)
    return result


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _truth_text(text: str) -> bool:
    try:
        return parse_bool(text)
    except ValueProblem:
        return False


def _scalar(raw: list[str], base: Any) -> Any:
    if base is bool:
        return any(_truth_text(v) for v in raw)
    text = _newlines(raw[-1]) if raw else ""
    if base is Markdown:
        return text if text.strip() else None
    text = text.strip()
    if not text:
        return None
    try:
        if base is int:
            return parse_int(text)
        if base is float:
            return float(parse_decimal(text))
        if base is dt.date:
            return parse_date(text).strftime("%d.%m.%Y")
    except ValueProblem:
        return text
    return text


def _empty(value: Any) -> bool:
    if value is None or value is False or value == []:
        return True
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    return False


# -- the page ---------------------------------------------------------------------------
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
        return _join(title.rpartition(" → ")[0], error)
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
