"""Forms made from the record metadata: one declaration, one form.

``form_fields`` walks a record class (the same ``f(label, required=…,
vocab=…, …)`` metadata the coercer, the JSON Schema and the spreadsheets
read) into ``FormField``s; ``form_page.render_form`` writes them as a Russian
HTML page; ``form_input.parse_form`` turns the submitted pairs back into
plain values for the document layer. Field names are the paths diagnostics use — «title»,
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
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..schema.coerce import hints, record_fields
from ..schema.fields import Attachment, Email, Markdown, Meta, Phone, Record, SiteUrl, Url
from ..schema.records import Consent
from ..schema.values import ValueProblem, parse_bool
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
NAME_PART = re.compile(r"^([A-Za-z_]\w*)(?:\[(\d+)\])?$")
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
def fields_of(cls: type, top: bool) -> list[tuple[dataclasses.Field[Any], Meta, Any]]:
    """Declared fields with their type; the file-name ``id`` of a record left out."""
    type_hints = hints(cls)
    result = []
    for fld, meta in record_fields(cls):
        if top and fld.name == "id" and not meta.required and issubclass(cls, Record):
            continue
        result.append((fld, meta, type_hints[fld.name]))
    return result


def shape(tp: Any) -> tuple[Any, bool, bool]:
    """(scalar type or dataclass, is a list, is «date | str») of a declared type."""
    origin = typing.get_origin(tp)
    if origin is list:
        inner, _, date_text = shape(typing.get_args(tp)[0])
        return inner, True, date_text
    if origin is not None:  # X | None, date | str
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(options) == 1:
            return shape(options[0])
        if dt.date in options:
            return dt.date, False, True
        return str, False, False
    return tp, False, False


def is_record(tp: Any) -> bool:
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
        for fld, meta, tp in fields_of(cls, top):
            name = f"{prefix}{fld.name}"
            value = values.get(fld.name)
            result.append(self.one(fld, meta, tp, name, value, title))
        return result

    def one(
        self, fld: dataclasses.Field[Any], meta: Meta, tp: Any, name: str, value: Any, title: str
    ) -> FormField:
        base, is_list, date_text = shape(tp)
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
        if is_record(base) and is_list:
            out.widget = "list"
            items = value if isinstance(value, list) else []
            out.title = join_label(title, label)
            for number, item in enumerate(items, start=1):
                out.children.append(self.item(base, out, number, item))
            out.children.append(self.item(base, out, len(items) + 1, {}, blank=True))
            return out
        if is_record(base):
            out.widget = "group"
            if base is Consent:
                out.consent = True
                out.label = CONSENT_LEGEND
                out.help = meta.help or CONSENT_HELP
            out.title = join_label(title, out.label)
            given = value if isinstance(value, dict) else {}
            out.children = self.record(base, given, f"{name}.", out.title)
            if not meta.required and any(child.required for child in out.children):
                out.hint = _OPTIONAL_GROUP_HINT
            return out
        out.title = join_label(title, label)
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
        out.title = join_label(parent.title.rpartition(" → ")[0], label)
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


def join_label(title: str, label: str) -> str:
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
