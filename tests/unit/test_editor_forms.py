"""The editor's forms (generator/editor/forms.py, form_input.py, form_page.py): made from the record
metadata, rendered as an accessible Russian page, read back into the same
plain values.

The rendered page is read the way a browser submits it (``_Page.pairs``), so
the round trip goes through the HTML, not through the ``FormField`` objects.
"""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.editor import forms
from generator.editor.form_input import parse_form
from generator.editor.form_page import render_form
from generator.editor.forms import FormField, form_fields
from generator.kinds import KINDS
from generator.kinds.agreements import CooperationAgreement
from generator.schema.municipal import Contest
from generator.schema.records import Mentor, Program, Roadmap
from generator.schema.vocab_defaults import default_vocabularies

VOCABULARIES = default_vocabularies()
REFS = {
    "mentor": [
        ("ivanova-ea", "Иванова Елена Анатольевна"),
        ("volkov-pa", "Волков Павел Андреевич"),
    ],
    "program": [("pp-2025-uu-01", "Адаптация молодого учителя")],
}
STATIC = Path(forms.__file__).with_name("static")

PROGRAM = {
    "title": "Адаптация молодого учителя русского языка и литературы",
    "form": "учитель – учитель",
    "types": ["традиционная (один на один)", "групповая"],
    "mentor": "ivanova-ea",
    "mentor_role": "учитель русского языка и литературы",
    "mentee": {
        "role": "молодой специалист, учитель русского языка и литературы",
        "category": "молодые специалисты",
        "count": 1,
        "full_name": "Смирнова Алина Олеговна",
    },
    "period": {"start": "01.09.2025", "end": "29.05.2026"},
    "academic_year": "2025/2026",
    "status": "завершена",
    "approval": {"number": "139-од", "date": "08.09.2025", "title": "приказ директора"},
    "problem": "Молодой специалист испытывает затруднения.\n\nВторой абзац: <b>не разметка</b>.\n",
    "goal": "Создание условий для успешной адаптации молодого педагога.",
    "tasks": ["помочь адаптироваться в коллективе", "выявить затруднения"],
    "stages": [
        {
            "name": "Адаптационный этап",
            "period": "сентябрь – октябрь 2025 г.",
            "content": "Знакомство.",
        }
    ],
    "activities": [
        {"date": "сентябрь 2025", "activity": "Диагностика затруднений", "result": "План"},
        {"date": "15.10.2025", "activity": "Открытый урок"},
    ],
    "planned_results": ["успешная адаптация"],
    "results": "Программа выполнена полностью.",
    "completion_date": "29.05.2026",
    "typical": True,
    "files": [{"title": "Программа (PDF)", "file": "files/programs/pp-01.pdf"}],
}


# -- reading the page as a browser would -----------------------------------------------
class _Page(HTMLParser):
    """The controls, labels and links of a rendered page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.controls: list[dict] = []  # input, select, textarea in document order
        self.labels: dict[str, str] = {}  # for → text
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.ids: list[str] = []
        self.attrs_seen: list[tuple[str, dict]] = []
        self._label: str | None = None
        self._label_text: list[str] = []
        self._link: str | None = None
        self._link_text: list[str] = []
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        self.attrs_seen.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "label":
            self._label, self._label_text = a.get("for", ""), []
        elif tag == "a":
            self._link, self._link_text = a.get("href", ""), []
        elif tag == "input":
            self.controls.append({"tag": "input", **a})
        elif tag == "select":
            self._select = {"tag": "select", "options": [], **a}
            self.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
            self._select["options"].append(self._option)
        elif tag == "textarea":
            self._textarea = {"tag": "textarea", "text": "", **a}
            self.controls.append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "label" and self._label is not None:
            self.labels[self._label] = " ".join("".join(self._label_text).split())
            self._label = None
        elif tag == "a" and self._link is not None:
            self.links.append((self._link, " ".join("".join(self._link_text).split())))
            self._link = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._label is not None:
            self._label_text.append(data)
        if self._link is not None:
            self._link_text.append(data)
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def control(self, id_: str) -> dict:
        return next(c for c in self.controls if c.get("id") == id_)

    def pairs(self, action: str = "save") -> list[tuple[str, str]]:
        """What the browser sends when the form is submitted with ``action``."""
        sent: list[tuple[str, str]] = []
        for c in self.controls:
            name = c.get("name")
            if not name:
                continue
            if c["tag"] == "textarea":
                text = c["text"][1:] if c["text"].startswith("\n") else c["text"]
                sent.append((name, text.replace("\n", "\r\n")))
            elif c["tag"] == "select":
                chosen = [o for o in c["options"] if o["selected"]] or c["options"][:1]
                sent += [
                    (name, o["value"] if o["value"] is not None else o["text"]) for o in chosen
                ]
            elif c.get("type") == "checkbox":
                if "checked" in c:
                    sent.append((name, c.get("value", "on")))
            elif c.get("type") == "file":
                continue  # no file chosen: the app's reader drops the empty part
            else:
                sent.append((name, c.get("value", "")))
        sent.append(("_action", action))
        return sent


def _render(cls, values, errors=None, summary=(), refs=REFS, **options) -> str:
    fields = form_fields(cls, values, VOCABULARIES, refs, errors or {})
    given = {
        "title": "программа наставничества",
        "action": "/_nastav/edit?file=content/programs/pp.yml",
        "csrf": "token-123",
        "summary": list(summary),
        "back": "/programmy/",
        "kind_title": "программы наставничества",
        "draft_allowed": True,
        "conflict": None,
    }
    given.update(options)
    return render_form(None, fields=fields, **given)


def _by_name(fields: list[FormField]) -> dict[str, FormField]:
    return {f.name: f for top in fields for f in top.walk()}


def _prune(value):
    """Plain values without the empty ones (None, [], False, empty groups)."""
    if isinstance(value, dict):
        kept = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, [], False, {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


# -- the fields -------------------------------------------------------------------------
def test_program_fields_come_from_the_metadata():
    fields = _by_name(form_fields(Program, PROGRAM, VOCABULARIES, REFS, {}))
    assert "id" not in fields  # a program's id is its file name
    title = fields["title"]
    assert (title.label, title.required, title.widget, title.value) == (
        "Название",
        True,
        "text",
        PROGRAM["title"],
    )
    assert fields["form"].widget == "select"
    assert fields["form"].choices == [(t.id, t.label) for t in VOCABULARIES["forms"].terms]
    assert fields["form"].value == "uchitel-uchitel"
    assert fields["types"].widget == "multiselect"
    assert fields["types"].value == ["traditsionnaya", "gruppovaya"]
    assert fields["mentor"].widget == "ref"
    assert fields["mentor"].label == "Наставник"  # «(идентификатор)» is not for a select
    assert fields["mentor"].choices == REFS["mentor"]
    assert fields["mentor"].value == "ivanova-ea"
    assert fields["mentee"].widget == "group" and fields["mentee"].required
    assert fields["mentee.full_name"].internal
    assert fields["mentee.count"].widget == "number"
    assert fields["mentee.count"].minimum == 1
    assert fields["period.start"].widget == "date"
    assert fields["period.start"].value == "01.09.2025"
    assert fields["period.start"].title == "Период реализации → Начало"
    assert fields["goal"].widget == "markdown"
    assert fields["tasks"].widget == "lines"
    assert fields["tasks"].value == "помочь адаптироваться в коллективе\nвыявить затруднения"
    assert fields["typical"].widget == "checkbox" and fields["typical"].value is True
    assert fields["files[1].file"].widget == "file"
    activities = fields["activities"]
    assert activities.widget == "list"
    assert [item.name for item in activities.children] == [
        "activities[1]",
        "activities[2]",
        "activities[3]",
    ]
    assert [item.blank for item in activities.children] == [False, False, True]
    assert fields["activities[1].date"].widget == "date"
    assert fields["activities[1].date"].date_text  # «сентябрь 2025» is a term too
    assert fields["activities[1].date"].value == "сентябрь 2025"
    assert fields["activities[3].activity"].value == ""


def test_every_widget_is_declared():
    for kind in KINDS:
        values = {}
        for top in form_fields(kind.cls, values, VOCABULARIES, REFS, {}):
            for f in top.walk():
                assert f.widget in forms.WIDGETS, (kind.key, f.name, f.widget)


def test_values_not_in_a_list_are_kept_and_marked():
    values = {"form": "педагог - педагог", "types": ["виртуальная", "по переписке"]}
    fields = _by_name(form_fields(Program, values, VOCABULARIES, {}, {}))
    assert fields["form"].value == "uchitel-uchitel"  # a variant of the term's label
    assert fields["types"].unknown == ["по переписке"]
    options = {text: (submitted, chosen) for submitted, text, chosen in fields["types"].options()}
    assert options["по переписке — нет в списке"] == ("по переписке", True)
    assert options["виртуальная (дистанционная)"] == ("виртуальная (дистанционная)", True)
    # Without records to choose from, a reference is typed.
    assert fields["mentor"].widget == "ref" and fields["mentor"].free
    page = _Page(_render(Program, values, refs={}))
    assert page.control("f-mentor")["tag"] == "input"


# -- the page ---------------------------------------------------------------------------
def test_program_page():
    html = _render(Program, PROGRAM)
    page = _Page(html)
    assert '<html lang="ru">' in html
    assert "<h1>Программа наставничества</h1>" in html
    assert page.labels["f-title"] == "Название (обязательное)"
    assert page.labels["f-mentor_role"] == "Роль наставника для публикации"
    assert page.labels["f-mentee-full_name"] == "ФИО (только для куратора) не публикуется"
    assert page.control("f-title")["aria-required"] == "true"
    # The mentor is chosen among the mentors' records.
    mentor = page.control("f-mentor")
    assert mentor["tag"] == "select"
    assert [(o["value"], o["selected"]) for o in mentor["options"]] == [
        ("", False),
        ("ivanova-ea", True),
        ("volkov-pa", False),
    ]
    assert mentor["options"][1]["text"] == "Иванова Елена Анатольевна (ivanova-ea)"
    # The form by roles: the vocabulary's labels, the chosen one selected.
    form = page.control("f-form")
    labels = [t.label for t in VOCABULARIES["forms"].terms]
    assert [o["text"] for o in form["options"][1:]] == labels
    assert [o["value"] for o in form["options"][1:]] == labels
    assert [o["text"] for o in form["options"] if o["selected"]] == ["учитель – учитель"]
    # Types: a checkbox each.
    assert page.labels["f-types--2"] == "групповая"
    assert "checked" in page.control("f-types--2")
    # A date: typed as ДД.ММ.ГГГГ, with a calendar button next to it.
    start = page.control("f-period-start")
    assert (start["type"], start["value"]) == ("text", "01.09.2025")
    assert "ДД.ММ.ГГГГ" in html
    assert re.search(
        r'id="f-period-start"[^>]*>\s*<button type="button" class="ed-date-pick" '
        r'data-for="f-period-start"',
        html,
    )
    # Markdown: a textarea with a «Предпросмотр» hook.
    assert page.control("f-problem")["tag"] == "textarea"
    assert 'data-for="f-problem"' in html and ">Предпросмотр</button>" in html
    # The activity plan: its items, a blank one, «Добавить» and «Удалить».
    assert 'data-list="activities"' in html
    assert re.search(r"<legend>План мероприятий</legend>", html)
    for n in (1, 2, 3):
        assert f'data-item="activities[{n}]"' in html
    assert 'class="ed-item ed-blank" id="f-activities-3"' in html
    assert "Добавить в список «План мероприятий»" in html
    assert page.labels["f-activities-1--delete"] == "Удалить при сохранении"
    assert page.control("f-activities-1-activity")["value"] == "Диагностика затруднений"
    # A file: its path, and a new one to upload under the same name.
    assert page.control("f-files-1-file")["value"] == "files/programs/pp-01.pdf"
    upload = page.control("f-files-1-file--upload")
    assert (upload["type"], upload["name"]) == ("file", "files[1].file")
    # The buttons, the token, the way back.
    assert ("/programmy/", "Отмена") in page.links
    assert ">Сохранить</button>" in html and ">Сохранить как черновик</button>" in html
    assert '<input type="hidden" name="csrf" value="token-123">' in html
    assert 'enctype="multipart/form-data"' in html
    # Text a person typed is text.
    assert "&lt;b&gt;не разметка&lt;/b&gt;" in html and "<b>не разметка" not in html


def test_draft_and_conflict():
    html = _render(Program, {}, draft_allowed=False, conflict="title: Новое <название>\n")
    assert "Сохранить как черновик" not in html
    assert "Файл записи изменился на диске" in html
    assert re.search(r"<pre [^>]*>title: Новое &lt;название&gt;\n</pre>", html)
    assert "Файл записи изменился" not in _render(Program, {})


def test_consent_is_a_fieldset_of_its_own():
    mentor = {
        "full_name": "Иванова Елена Анатольевна",
        "category": "педагог",
        "forms": ["учитель – учитель"],
        "consent": {"fields": ["ФИО", "стаж"], "date": "01.09.2026", "document": "папка 3"},
    }
    html = _render(Mentor, mentor)
    page = _Page(html)
    block = re.search(
        r'<fieldset class="ed-group ed-consent" id="f-consent".*?</fieldset>', html, re.S
    )
    assert block, "the consent fieldset"
    assert "<legend>Согласие на публикацию персональных данных</legend>" in block[0]
    consent_labels = [t.label for t in VOCABULARIES["consent_fields"].terms]
    shown = [page.labels[f"f-consent-fields--{n}"] for n in range(1, len(consent_labels) + 1)]
    assert shown == consent_labels
    checked = [page.control(f"f-consent-fields--{n}").get("value") for n in (1, 4)]
    assert checked == ["ФИО", "стаж"]
    assert all("checked" in page.control(f"f-consent-fields--{n}") for n in (1, 4))
    assert page.labels["f-consent-document"] == "Реквизиты согласия не публикуется"
    assert page.labels["f-consent-date"] == "Дата согласия (обязательное)"
    assert "нужны, если заполняете этот раздел" in block[0]  # the consent itself is optional


# -- errors -----------------------------------------------------------------------------
def test_an_error_is_next_to_its_field_and_in_the_summary():
    message = "Начало: дата «31.02.2025» записана неверно."
    errors = {
        "period.start": message,
        "tasks[2]": "Задачи: слишком длинный текст.",
        "activities[2].date": "Срок: обязательное поле.",
        "": "Запись целиком: странная.",
    }
    summary = [f"content/programs/pp.yml, строка 9: ошибка: {message}", "Черновик не сохранён."]
    html = _render(Program, PROGRAM, errors, summary)
    page = _Page(html)
    start = page.control("f-period-start")
    assert start["aria-invalid"] == "true"
    assert start["aria-describedby"].split() == ["f-period-start--help", "f-period-start--error"]
    field = re.search(r'<div class="ed-field ed-date ed-has-error">.*?</div>\s*</div>', html, re.S)
    assert field and 'id="f-period-start--error"' in field[0] and message in field[0]
    assert 'id="f-period-start"' in field[0]
    box = re.search(r'<div class="ed-summary" role="alert".*?</div>', html, re.S)
    assert box and "Исправьте ошибки" in box[0]
    assert (
        "#f-period-start",
        "Период реализации → Начало: дата «31.02.2025» записана неверно.",
    ) in (page.links)
    assert ("#f-tasks", "Задачи: слишком длинный текст.") in page.links  # an item of «lines»
    assert (
        "#f-activities-2-date",
        "План мероприятий, № 2 → Срок: обязательное поле.",
    ) in page.links
    # A message holding a field's error is not repeated; the others are listed.
    assert box[0].count("31.02.2025") == 1
    assert "<li>Черновик не сохранён.</li>" in box[0]
    assert "<title>Ошибки — " in html
    fields = form_fields(Program, PROGRAM, VOCABULARIES, REFS, errors)
    assert forms.unplaced_errors(fields, errors) == ["Запись целиком: странная."]


# -- submitted pairs → values -----------------------------------------------------------
def test_a_submitted_program_reads_back_as_given():
    pairs = _Page(_render(Program, PROGRAM)).pairs()
    values = parse_form([(k, v) for k, v in pairs if not k.startswith("_")], Program)
    assert _prune(values) == PROGRAM
    assert values.keys() == _empty(Program).keys()  # the fields not given are empty
    assert values["activities"][1] == {**PROGRAM["activities"][1], "result": None}


def _empty(cls) -> dict:
    return parse_form([], cls)


def test_every_field_is_in_the_values():
    values = _empty(Program)
    assert "id" not in values
    assert values["title"] is None and values["tasks"] == [] and values["typical"] is False
    assert values["period"] is None  # a group with nothing filled in
    assert values["activities"] == []  # the blank item adds nothing


def test_every_kind_reads_back_as_rendered():
    for kind in KINDS:
        empty = _empty(kind.cls)
        pairs = _Page(_render(kind.cls, {})).pairs()
        assert parse_form(pairs, kind.cls) == empty, kind.key


def test_list_items_are_added_removed_and_renumbered():
    pairs = _Page(_render(Program, PROGRAM)).pairs()
    filled = []
    for name, value in pairs:
        if name == "activities[3].activity":
            value = "Итоговая встреча"
        filled.append((name, value))
    filled.append(("activities[1]._delete", "on"))
    activities = parse_form(filled, Program)["activities"]
    assert [a["activity"] for a in activities] == ["Открытый урок", "Итоговая встреча"]
    # Items keep the order they were sent in, whatever their numbers.
    pairs = [
        ("activities[7].activity", "седьмое"),
        ("activities[2].activity", "второе"),
        ("activities[7].date", "1.9.2025"),
    ]
    activities = parse_form(pairs, Program)["activities"]
    assert activities == [
        {"date": "01.09.2025", "activity": "седьмое", "result": None},
        {"date": None, "activity": "второе", "result": None},
    ]


def test_nested_lists_read_back():
    roadmap = {
        "title": "Дорожная карта",
        "stages": [
            {
                "name": "Подготовительный",
                "items": [
                    {
                        "number": "1.1",
                        "name": "Приказ",
                        "deadline": "сентябрь 2024 г.",
                        "responsible": "директор",
                        "status": "выполнено",
                    }
                ],
            }
        ],
    }
    html = _render(Roadmap, roadmap)
    assert 'data-list="stages[1].items"' in html
    assert 'data-item="stages[2].items[1]"' in html  # the blank stage has a blank item
    values = parse_form(_Page(html).pairs(), Roadmap)
    assert _prune(values) == roadmap


def test_values_as_typed():
    values = parse_form(
        [
            ("title", "  Название  "),
            ("form_note", ""),
            ("mentee.role", "роль"),
            ("mentee.count", "три"),
            ("period.start", "2025-09-01"),
            ("period.end", "1.6.2026"),
            ("completion_date", "весной"),
            ("tasks", "первая\r\n\r\n  вторая  \r\n"),
            ("types", "групповая"),
            ("types", "виртуальная (дистанционная)"),
            ("typical", "on"),
            ("approval.number", ""),
            ("csrf", "token"),
            ("files[1].title", "Программа"),
            ("files[1].file", ""),
            ("files[1].file", "files/programs/new.pdf"),  # an upload: the last value wins
            ("nonsense]name", "x"),
        ],
        Program,
    )
    assert values["title"] == "Название"
    assert values["form_note"] is None
    assert values["mentee"] == {"role": "роль", "category": None, "count": "три", "full_name": None}
    assert values["period"] == {"start": "01.09.2025", "end": "01.06.2026"}
    assert values["completion_date"] == "весной"  # the validator says what is wrong
    assert values["tasks"] == ["первая", "вторая"]
    assert values["types"] == ["групповая", "виртуальная (дистанционная)"]
    assert values["typical"] is True
    assert values["approval"] is None
    assert values["files"] == [
        {"title": "Программа", "file": "files/programs/new.pdf", "url": None}
    ]
    assert parse_form([("mentee.count", "12")], Program)["mentee"]["count"] == 12
    agreement = parse_form([("partner", "АО «Аксион»")], CooperationAgreement)
    assert agreement["provides_mentors"] is False
    assert parse_form([("provides_mentors", "on")], CooperationAgreement)["provides_mentors"]


def test_a_multiline_text_keeps_its_lines():
    text = "\nПервая строка\n\n- пункт\n"
    values = {**PROGRAM, "goal": text}
    pairs = _Page(_render(Program, values)).pairs()
    assert parse_form(pairs, Program)["goal"] == text


# -- what a page may load and how it is labelled ----------------------------------------
def _all_pages() -> list[tuple[str, str]]:
    pages = []
    for kind in KINDS:
        pages.append((kind.key, _render(kind.cls, {}, conflict="a: b", summary=["x"])))
    pages.append(("program", _render(Program, PROGRAM, {"period.start": "ошибка"})))
    pages.append(("contest", _render(Contest, {"winners": [{"theme": "т", "organization": "о"}]})))
    return pages


def test_nothing_is_loaded_from_other_hosts():
    external = re.compile(r"(?:https?:)?//[\w.-]+|url\s*\(|@import", re.I)
    for key, html in _all_pages():
        page = _Page(html)
        for tag, attrs in page.attrs_seen:
            for name in ("src", "href", "action", "data-preview-url"):
                if name in attrs:
                    assert attrs[name].startswith(("/", "#")), (key, tag, attrs[name])
        assert not re.search(r"https?:|//[\w.-]+\.\w", html), key
    for path in STATIC.iterdir():
        text = path.read_text("utf-8")
        code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        code = re.sub(r"^\s*//.*$", "", code, flags=re.M)
        assert not external.search(code), (path.name, external.search(code))
    assert {"editor.css", "editor.js"} <= {p.name for p in STATIC.iterdir()}


def test_every_control_has_a_label_and_ids_are_unique():
    for key, html in _all_pages():
        page = _Page(html)
        assert len(page.ids) == len(set(page.ids)), (
            key,
            sorted(i for i in page.ids if page.ids.count(i) > 1),
        )
        known = set(page.ids)
        for c in page.controls:
            if c.get("type") == "hidden":
                continue
            assert c.get("id") in page.labels and page.labels[c["id"]], (key, c)
            for ref in c.get("aria-describedby", "").split():
                assert ref in known, (key, c["id"], ref)
        for tag, attrs in page.attrs_seen:
            if tag == "a" and attrs.get("href", "").startswith("#"):
                assert attrs["href"][1:] in known, (key, attrs["href"])
            if tag == "button":
                assert attrs.get("type") in ("button", "submit"), (key, attrs)
        assert 'style="' not in html and "<script>" not in html  # the editor's CSP allows neither


def test_the_script_names_ids_as_the_forms_do():
    script = (STATIC / "editor.js").read_text("utf-8")
    assert 'name.replace(/[^A-Za-z0-9_]+/g, "-")' in script
    assert forms.field_id("stages[2].items[10].name") == "f-stages-2-items-10-name"
    assert forms.field_id("period.start") == "f-period-start"
    assert forms.DELETE_MARK == "_delete"  # the templates spell it


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.key)
def test_values_given_are_not_changed(kind):
    values = {"title": "Т", "stages": [{"name": "Э"}]}
    before = copy.deepcopy(values)
    form_fields(kind.cls, values, VOCABULARIES, REFS, {"title": "x"})
    assert values == before
