"""Write the trap part of the corpus: personal data, markup and path escapes
put into the fields of real records (called by make_corpus.py).

For every kind of a municipal project (and a school's mentor card) the demo's
file gets the same traps in the fields a site publishes — free text,
officials' positions, names in the registry, attachments, monitoring comments
and links. Each trap file is ``tests/corpus/<kind>/<trap>.yml`` (``.csv`` for
monitoring values); its expectation — the errors, with the lines where the
trap was put, and the strings that must never reach the site — goes to
``generated.yml`` as a token line (see runner.py).
"""

from __future__ import annotations

import copy
import csv
import io
import shlex
from dataclasses import dataclass, field

import yaml

Path_ = tuple  # a path into a YAML document: ("officials", 0, "position")


@dataclass(frozen=True)
class People:
    """Who may not be named in a demo: found by the generator from its records."""

    mentee: str  # a declined form of a mentee's name
    mentee_latin: str  # the same surname in a file name
    stranger: str  # an unknown «Фамилия Имя Отчество»
    no_consent: str  # a mentor without consent, declined


MUNICIPAL_PEOPLE = People("Крыловой Дарьей", "Krylova", "Кузьмин Олег Петрович", "Зориной О. И.")
SCHOOL_PEOPLE = People("Смирновой Алиной", "Smirnova", "Кузьмин Олег Петрович", "Морозову А. С.")


@dataclass(frozen=True)
class Slots:
    texts: list[Path_]  # free-text fields the site publishes
    attachment: Path_ | None = None  # where a file goes (an image when it ends in .png)
    image: bool = False
    root: str = "content"  # attachments are paths inside it
    extra: dict = field(default_factory=dict)  # set before any trap (e.g. a consent)


SLOTS: dict[str, Slots] = {
    "municipal/coordinator": Slots([("intro",), ("officials", 0, "position"), ("role",)]),
    "municipal/registry": Slots(
        [("organizations", 0, "short_name"), ("organizations", 1, "aliases", 0)]
    ),
    "municipal/normative_acts": Slots(
        [("acts", 0, "title"), ("acts", 1, "note")], ("acts", 0, "file")
    ),
    "municipal/roadmap": Slots(
        [("stages", 0, "items", 0, "responsible"), ("stages", 0, "items", 1, "name")], ("file",)
    ),
    "municipal/materials": Slots(
        [("materials", 0, "title"), ("materials", 1, "description")], ("materials", 0, "file")
    ),
    "municipal/communities": Slots(
        [("communities", 0, "description"), ("communities", 0, "head", "position")],
        ("communities", 0, "files", 0, "file"),
        extra={("communities", 0, "files"): [{"title": "Положение"}]},
    ),
    "municipal/partners": Slots(
        [("partners", 0, "agreements", 0, "subject"), ("partners", 1, "description")],
        ("partners", 0, "agreements", 0, "file"),
    ),
    "municipal/contests": Slots([("jury",), ("winners", 0, "theme")], ("files", 0, "file")),
    "municipal/news": Slots(
        [("text",), ("summary",)],
        ("image", "file"),
        image=True,
        extra={("image",): {"alt": "Участники семинара"}},
    ),
    "municipal/practices": Slots(
        [("goal",), ("indicators", 0)],
        ("materials", 0, "file"),
        extra={
            ("materials",): [{"title": "Сценарий занятия", "kind": "методические рекомендации"}]
        },
    ),
    "municipal/conclusions": Slots(
        [("summary",), ("recommendations", 0, "items", 0)],
        ("report", "file"),
        extra={("report",): {"title": "Аналитическая справка"}},
    ),
    "municipal/org_mentor": Slots(
        [("position",), ("subjects", 0)],
        ("photo", "file"),
        image=True,
        root="content/orgs/sosh1",
        extra={
            ("photo",): {"alt": "Портрет наставника"},
            ("consent", "fields"): ["ФИО", "должность", "предметы", "стаж", "формы", "фото"],
        },
    ),
    "municipal/org_program": Slots(
        [("goal",), ("tasks", 0)],
        ("files", 0, "file"),
        root="content/orgs/sosh1",
        extra={("files",): [{"title": "План работы"}]},
    ),
    # A school's mentor card: every field the consent lets the site show.
    "mentors": Slots(
        [("position",), ("achievements", 0), ("qualification",), ("subjects", 0), ("photo", "alt")],
        ("photo", "file"),
        image=True,
    ),
}

WITHDRAWN_KIND = "municipal/withdrawn_consent"
MARKUP = [
    '<script>alert("nastav-x1")</script> <img src=x onerror=alert(2)>',
    '[ссылка](javascript:alert(3)) <iframe src="https://evil.example/"></iframe>',
]
PHONE, SNILS, EMAIL = "8 912 345-67-89", "112-233-445 95", "krylova.d@mail.ru"
DATA = [
    (
        f"тел. {PHONE}, СНИЛС {SNILS}, C:\\Users\\Zavuch\\Desktop\\plan.docx",
        ["номер телефона", "СНИЛС", "путь к файлу"],
    ),
    (
        f"{EMAIL}, 12.03.2012 г.р., проживает по адресу: ул. Ленина, д. 5, кв. 12, "
        "https://vk.com/id123456789",
        ["электронной почты", "дата рождения", "домашний адрес", "личного аккаунта"],
    ),
]
DATA_LEAKS = [
    "345-67-89",
    "112-233-445",
    EMAIL,
    "ул. Ленина, д. 5",
    "Users\\Zavuch",
    "vk.com/id123456789",
    "12.03.2012",
]


def _get(data, path: Path_):
    for key in path:
        data = data[key]
    return data


def _set(data, path: Path_, value) -> None:
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if isinstance(parent, list) and path[-1] >= len(parent):
        parent.append(value)
    else:
        parent[path[-1]] = value


def _merge(data, path: Path_, value) -> None:
    try:
        current = _get(data, path)
    except (KeyError, IndexError, TypeError):
        current = None
    if isinstance(current, dict) and isinstance(value, dict):
        current.update(value)
    else:
        _set(data, path, copy.deepcopy(value))


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100000)


def _line_of(text: str, marker: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if marker in line:
            return number
    raise AssertionError(f"{marker!r} not in the trap file")


def _tokens(
    checks: list[tuple[int, list[str]]], leaks: list[str] = (), extra: list[str] = ()
) -> str:
    """Each of ``says`` is a separate error at its line."""
    tokens = []
    for line, says in checks:
        tokens += [token for s in says for token in (f"line={line}", f"says={s}")]
    tokens += [f"leak={s}" for s in leaks] + list(extra)
    return shlex.join(tokens)


def _with_texts(base, slots: Slots, values: list[str], extra: bool = False) -> dict:
    data = copy.deepcopy(base)
    for path, value in slots.extra.items() if extra else ():
        _merge(data, path, value)
    for path, value in zip(slots.texts, values):
        current = _get(data, path) if _exists(data, path) else ""
        _set(data, path, f"{current} {value}".strip() if isinstance(current, str) else value)
    return data


def _exists(data, path: Path_) -> bool:
    try:
        _get(data, path)
        return True
    except (KeyError, IndexError, TypeError):
        return False


def record_traps(kind: str, text: str, people: People) -> dict[str, tuple[bytes, str]]:
    """Trap files for one kind: name → (bytes, expectation tokens).

    ``traps``: names, personal data and markup in the text fields and a file
    named after a mentee with a phone number inside — all refused by the
    privacy guard (so all hidden in redact mode), the markup shown as text.
    ``path-escape``: an attachment outside content/, refused in any mode.
    """
    base = yaml.safe_load(text)
    if kind == WITHDRAWN_KIND:
        # A name of its own: the demo's mentors are curators elsewhere too, and
        # a curator is named in that capacity whatever his consent as a mentor.
        base["full_name"] = "Тихонов Аркадий Львович"
        base["consent"]["withdrawn"] = "01.10.2026"
        return {"traps": (_dump(base).encode(), _tokens([], ["Тихонов"], ["accept"]))}
    slots = SLOTS[kind]
    names = [
        (f"работа с {people.mentee}", people.mentee, ["наставляемый"]),
        (
            f"отвечает {people.stranger}, при участии {people.no_consent}",
            people.stranger,
            ["человек без согласия"],
        ),
        (None, people.no_consent, ["наставник без согласия"]),
    ]
    texts = [f"{names[0][0]}; {DATA[0][0]} {MARKUP[0]}", f"{names[1][0]}; {DATA[1][0]} {MARKUP[1]}"]
    if len(slots.texts) == 1:
        texts = ["; ".join(texts)]
    data = _with_texts(base, slots, texts, extra=bool(slots.attachment))
    made = []
    if slots.attachment:
        # One file per kind: a file is checked (and reported) once, wherever used.
        name = f"files/Plan_{people.mentee_latin}_{kind.split('/')[-1]}" + (
            ".png" if slots.image else ".pdf"
        )
        _set(data, slots.attachment, name)
        made = [f"file={slots.root}/{name}:Call +7 912 345-67-89"]
    dumped = _dump(data)
    checks = [(_line_of(dumped, marker), why) for _, marker, why in names]
    checks += [
        (_line_of(dumped, marker), says) for marker, (_, says) in zip(["345-67-89", EMAIL], DATA)
    ]
    if slots.attachment:
        checks.append(
            (
                _line_of(dumped, name),
                ["содержит имя"] if slots.image else ["содержит имя", "номер телефона"],
            )
        )
    leaks = [people.mentee, people.stranger, people.no_consent, *DATA_LEAKS, people.mentee_latin]
    out = {"traps": (dumped.encode(), _tokens(checks, leaks, ["redact", "markup", *made]))}
    if slots.attachment:
        data = _with_texts(base, slots, [], extra=True)
        _set(data, slots.attachment, "../../../../../../../../etc/passwd")
        dumped = _dump(data)
        out["path-escape"] = (
            dumped.encode(),
            _tokens([(_line_of(dumped, "etc/passwd"), ["за папку content"])], ["root:x:0:0"]),
        )
    return out


def monitoring_traps(base: str, people: People) -> dict[str, tuple[bytes, str]]:
    """Values with personal data in the comment and link columns (also as .xlsx)."""
    header, *rows = base.rstrip("\n").split("\n")
    cells = [next(csv.reader([row])) for row in rows]

    def made(changes: dict[tuple[int, int], str]) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header.split(","))
        for index, row in enumerate(cells):
            row = row[:]
            for (at, column), value in changes.items():
                if at == index:
                    row[column] = value
            writer.writerow(row)
        return out.getvalue().encode()

    link, comment = 4, 5
    changes = {
        (0, comment): f"со слов {people.mentee}; {DATA[0][0]}",
        (1, comment): f"сведения дал {people.stranger}; {DATA[1][0]}",
        (2, comment): MARKUP[0] + " " + MARKUP[1],
        (2, link): f"https://sosh1.example.ru/files/Plan_{people.mentee_latin}.pdf",
        (3, link): "https://vk.com/id123456789",
        (4, link): "https://docs.google.com/document/d/1x/edit?ouid=102868417210807477671",
        (5, link): "file:///C:/Users/Zavuch/Desktop/prikaz.pdf",
    }
    checks = [
        (2, ["наставляемый", *DATA[0][1]]),
        (3, ["человек без согласия", *DATA[1][1]]),
        (4, ["в ссылке найдено имя"]),
        (5, ["личного аккаунта"]),
    ]
    return {
        "traps": (
            made(changes),
            _tokens(
                checks,
                [
                    people.mentee,
                    people.stranger,
                    people.mentee_latin,
                    *DATA_LEAKS,
                    "102868417210807477671",
                    "Zavuch/Desktop",
                ],
                ["redact", "markup", "xlsx", "warns=не опубликованы"],
            ),
        )
    }
