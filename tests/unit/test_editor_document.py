"""The editor's file layer (generator/editor/document.py): a record changed in a
form is written back into the curator's file with every other line as it was,
and the project's own loader reads the result."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.editor import document
from generator.kinds import ORG_KINDS
from generator.load.encoding import decode_text
from generator.load.yamlsource import YNode, parse_yaml_text
from generator.schema.records import Document, Mentor, Program, Roadmap

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "content"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the demo school's content (the demo itself is never written)."""
    shutil.copytree(DEMO, tmp_path / "content", ignore=shutil.ignore_patterns("files"))
    return tmp_path


def opened(project: Path, rel: str) -> document.Opened:
    return document.open_file(project / "content" / rel, f"content/{rel}")


def loaded(text: str) -> YNode:
    """The text read as ``load_yaml`` reads a file: decoded, then parsed."""
    report = Report()
    decoded = decode_text(text.encode("utf-8"), "x.yml", report)
    assert decoded is not None
    node = parse_yaml_text(decoded, "x.yml", report)
    assert report.ok, [d.format() for d in report.items]
    assert node is not None
    return node


def raw(node: YNode | None):
    """What the loader holds: the raw text of each scalar, None for empty."""
    if node is None or node.is_null:
        return None
    if node.kind == "map":
        return {key: raw(value) for key, value in node.items.items()}
    if node.kind == "seq":
        return [raw(item) for item in node.seq]
    return node.raw


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """(lines only in old, lines only in new) for texts of equal length in lines."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    assert len(old_lines) == len(new_lines)
    pairs = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
    return [a for a, _ in pairs], [b for _, b in pairs]


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


# -- one field of a list entry -------------------------------------------------------------
def test_editing_one_field_of_entry_3_leaves_every_other_line_byte_identical(project):
    before = opened(project, "documents.yml")
    values = document.values_of(before, "documents", 3)
    assert values == {
        "role": "приказ о внедрении",
        "title": "Об организации работы по внедрению целевой модели наставничества и "
        "назначении куратора",
        "date": "01.09.2022",
        "number": "131-од",
        "file": "files/dokumenty/prikaz-131.pdf",
    }
    values["number"] = "132-од"
    text = document.updated_text(before, values, "documents", 3)

    assert changed_lines(before.text, text) == (["    number: 131-од\n"], ["    number: 132-од\n"])
    assert comments(text) == comments(before.text) and len(comments(text)) == 4
    entries = raw(loaded(text))["documents"]
    assert entries[2]["number"] == "132-од"
    assert entries[2]["title"].startswith("Об организации работы")  # the folded title is intact
    assert len(entries) == 8


def test_saving_unchanged_values_changes_nothing_in_any_demo_file():
    list_files = {kind.path: kind.list_key for kind in ORG_KINDS if kind.shape == "list"}
    for path in sorted(DEMO.rglob("*.yml")):
        before = document.open_file(path, path.name)
        list_key = list_files.get(path.relative_to(DEMO).as_posix())
        if list_key is None:
            assert document.updated_text(before, document.values_of(before)) == before.text
            continue
        for n in range(1, document.count_entries(before, list_key) + 1):
            values = document.values_of(before, list_key, n)
            assert values, (path, n)
            assert document.updated_text(before, values, list_key, n) == before.text, (path, n)


def test_a_changed_value_keeps_the_comment_at_the_end_of_its_line(tmp_path):
    path = tmp_path / "pp.yml"
    path.write_text(
        "title: Адаптация молодого учителя\n"
        "form: учитель – учитель          # форма по ролям (одна)\n"
        "types: [традиционная]            # виды/форматы (любое число)\n"
        "status: завершена                # планируется, реализуется, завершена, прекращена\n"
        "results: |                       # публикуются только у завершённой программы\n"
        "  Программа выполнена полностью…\n",
        "utf-8",
    )
    before = document.open_file(path, "pp.yml")
    values = document.values_of(before)
    values.update(status="реализуется", types=["традиционная", "виртуальная"])
    text = document.updated_text(before, values)
    assert text == (
        "title: Адаптация молодого учителя\n"
        "form: учитель – учитель          # форма по ролям (одна)\n"
        "types: [традиционная, виртуальная]  # виды/форматы (любое число)\n"
        "status: реализуется              # планируется, реализуется, завершена, прекращена\n"
        "results: |                       # публикуются только у завершённой программы\n"
        "  Программа выполнена полностью…\n"
    )
    assert raw(loaded(text))["types"] == ["традиционная", "виртуальная"]


# -- appending, new files, removing --------------------------------------------------------
NEW_DOCUMENT = {
    "role": "приказ о мониторинге",
    "title": "О проведении внутреннего мониторинга реализации целевой модели наставничества "
    "в 2026 году и о создании рабочей группы",
    "number": "170-од",
    "date": dt.date(2026, 10, 1),
    "year": 2026,
    "url": "",
    "file": "files/dokumenty/prikaz-170.pdf",
}


def test_appending_an_entry_keeps_the_style_of_the_list_file(project):
    before = opened(project, "documents.yml")
    assert document.count_entries(before, "documents") == 8
    text = document.updated_text(before, NEW_DOCUMENT, "documents", 9, cls=Document)
    assert text.startswith(before.text)
    assert text[len(before.text) :] == (
        "\n"
        "  - role: приказ о мониторинге\n"
        "    title: >-\n"
        "      О проведении внутреннего мониторинга реализации целевой модели наставничества в\n"
        "      2026 году и о создании рабочей группы\n"
        "    number: 170-од\n"
        "    date: 01.10.2026\n"
        "    year: 2026\n"
        "    file: files/dokumenty/prikaz-170.pdf\n"
    )
    entry = raw(loaded(text))["documents"][8]
    assert entry["title"] == NEW_DOCUMENT["title"]
    assert entry["date"] == "01.10.2026" and "url" not in entry


def test_appending_to_a_missing_list_file_creates_it(project):
    before = opened(project, "agreements_new.yml")
    assert (before.text, before.digest) == ("", "")
    assert document.count_entries(before, "agreements") == 0
    values = {"partner": "ООО «Ромашка»", "number": "1", "date": "2026-02-03"}
    text = document.updated_text(before, values, "agreements", 1)
    assert text == (
        'agreements:\n  - partner: ООО «Ромашка»\n    number: "1"\n    date: 03.02.2026\n'
    )
    assert raw(loaded(text))["agreements"][0]["number"] == "1"


def test_a_new_record_file_of_a_folder_kind_from_scratch(project):
    path = document.confined(project, "mentors/petrov-pp.yml")
    before = document.open_file(path, "content/mentors/petrov-pp.yml")
    values = {
        "consent": {"fields": ["ФИО", "должность"], "date": "01.09.2026", "withdrawn": None},
        "full_name": "Петров Пётр Петрович",
        "category": "педагог",
        "experience_years": 12,
        "forms": ["учитель – учитель"],
        "achievements": ["Лауреат конкурса: «Педагог года»", ""],
        "subjects": [],
        "photo": {"file": "", "alt": ""},
    }
    text = document.updated_text(before, values, cls=Mentor)
    assert text == (
        "full_name: Петров Пётр Петрович\n"
        "category: педагог\n"
        "experience_years: 12\n"
        "forms:\n"
        "  - учитель – учитель\n"
        "achievements:\n"
        '  - "Лауреат конкурса: «Педагог года»"\n'
        "consent:\n"
        "  fields:\n"
        "    - ФИО\n"
        "    - должность\n"
        "  date: 01.09.2026\n"
    )
    document.write_atomic(path, text, before.digest)
    assert path.read_text("utf-8") == text
    assert raw(loaded(text))["consent"] == {"fields": ["ФИО", "должность"], "date": "01.09.2026"}


def test_removing_a_field_takes_its_lines_and_nothing_else(project):
    before = opened(project, "documents.yml")
    values = document.values_of(before, "documents", 4)
    values["note"] = ""
    text = document.updated_text(before, values, "documents", 4)
    assert text == before.text.replace(
        "    note: >-\n"
        "      Опубликована обезличенная копия приказа: фамилии участников заменены номерами\n"
        "      пар, численность пар указана полностью.\n",
        "",
    )
    assert "\n    file: files/dokumenty/prikaz-143.pdf\n\n  - role:" in text
    assert "note" not in raw(loaded(text))["documents"][3]


def test_a_key_empty_before_and_still_empty_stays_as_written(tmp_path):
    path = tmp_path / "acts.yml"
    path.write_text(
        "acts:\n  - title: Закон\n    # Примечание (необязательно)\n    note:\n    number: 1-ФЗ\n",
        "utf-8",
    )
    before = document.open_file(path, "acts.yml")
    values = document.values_of(before, "acts", 1)
    assert values == {"title": "Закон", "note": None, "number": "1-ФЗ"}
    values["number"] = "2-ФЗ"
    text = document.updated_text(before, values, "acts", 1)
    assert text == before.text.replace("1-ФЗ", "2-ФЗ")
    loaded(text)


def test_removing_an_entry_takes_its_comments_and_one_blank_line(tmp_path):
    path = tmp_path / "acts.yml"
    path.write_text(
        "# Нормативная база\n"
        "acts:\n"
        "  - title: Первый\n"
        "\n"
        "  # о втором акте\n"
        "  - title: Второй\n"
        "\n"
        "  - title: Третий\n",
        "utf-8",
    )
    before = document.open_file(path, "acts.yml")
    text = document.removed_entry_text(before, "acts", 2)
    assert text == "# Нормативная база\nacts:\n  - title: Первый\n\n  - title: Третий\n"
    last = document.removed_entry_text(before, "acts", 3)
    assert last == (
        "# Нормативная база\nacts:\n  - title: Первый\n\n  # о втором акте\n  - title: Второй\n"
    )
    for result in (text, last):
        assert len(raw(loaded(result))["acts"]) == 2
    with pytest.raises(ValueError):
        document.removed_entry_text(before, "acts", 4)


def test_removing_the_only_entry_leaves_an_empty_list(tmp_path):
    path = tmp_path / "acts.yml"
    path.write_text("# Нормативная база\nacts:   # список\n  - title: Первый\n", "utf-8")
    before = document.open_file(path, "acts.yml")
    text = document.removed_entry_text(before, "acts", 1)
    assert text == "# Нормативная база\nacts: []  # список\n"
    assert raw(loaded(text)) == {"acts": []}


# -- values ---------------------------------------------------------------------------------
def test_dates_are_given_as_dd_mm_yyyy_and_written_so(tmp_path):
    path = tmp_path / "news.yml"
    path.write_text(
        "title: Семинар\ndate: 2026-11-22\nevent_date: '2026-12-01'\nplace: школа\n", "utf-8"
    )
    before = document.open_file(path, "news.yml")
    values = document.values_of(before)
    assert values["date"] == "22.11.2026" and values["event_date"] == "01.12.2026"

    values["place"] = "актовый зал"  # the dates, unchanged, stay as they were written
    text = document.updated_text(before, values)
    assert text == before.text.replace("place: школа", "place: актовый зал")

    values["event_date"] = dt.date(2026, 12, 2)
    values["published"] = "2026-11-20"
    text = document.updated_text(before, values)
    assert "event_date: 02.12.2026\n" in text and "published: 20.11.2026\n" in text
    assert raw(loaded(text))["date"] == "2026-11-22"


def test_a_multi_line_markdown_field_is_written_as_a_literal_block(project):
    before = opened(project, "programs/pp-2025-uu-01.yml")
    values = document.values_of(before)
    markdown = (
        "Программа выполнена полностью.\r\n\r\n## Итоги\r\n\r\n- открытый урок\r\n"
        "- участие в конкурсе «Педагогический дебют»"
    )
    values["results"] = markdown
    text = document.updated_text(before, values, cls=Program)
    block = (
        "results: |\n"
        "  Программа выполнена полностью.\n"
        "\n"
        "  ## Итоги\n"
        "\n"
        "  - открытый урок\n"
        "  - участие в конкурсе «Педагогический дебют»\n"
    )
    assert block in text
    start = before.text.index("results: |")
    end = before.text.index("files:", start)
    assert text == before.text[:start] + block + before.text[end:]
    assert raw(loaded(text))["results"] == markdown.replace("\r\n", "\n") + "\n"


# -- nested groups and lists of groups --------------------------------------------------------
def test_nested_groups_change_only_their_own_lines(project):
    before = opened(project, "programs/pp-2025-ru-01.yml")
    values = document.values_of(before)
    assert values["period"] == {"start": "06.10.2025", "end": "24.04.2026"}
    values["period"]["start"] = "07.10.2025"
    values["mentee"]["role"] = "обучающиеся 9–11 классов"
    text = document.updated_text(before, values, cls=Program)
    assert changed_lines(before.text, text) == (
        [
            "  role: обучающиеся 9–10 классов, интересующиеся инженерными профессиями\n",
            "  start: 06.10.2025\n",
        ],
        ["  role: обучающиеся 9–11 классов\n", "  start: 07.10.2025\n"],
    )
    node = raw(loaded(text))
    assert node["period"]["start"] == "07.10.2025" and node["mentee"]["count"] == "3"


def test_a_new_key_of_a_group_goes_where_the_class_declares_it(project):
    before = opened(project, "mentors/ivanova-ea.yml")
    values = document.values_of(before)
    values["consent"]["withdrawn"] = "15.10.2026"
    text = document.updated_text(before, values, cls=Mentor)
    assert "  valid_until: 31.08.2029\n  withdrawn: 15.10.2026\n  document:" in text
    before_lines = before.text.splitlines()
    assert [line for line in text.splitlines() if line not in before_lines] == [
        "  withdrawn: 15.10.2026"
    ]
    loaded(text)


def test_one_item_of_a_roadmap_stage_is_edited_in_place(project):
    before = opened(project, "roadmap.yml")
    values = document.values_of(before)
    item = values["stages"][1]["items"][1]
    assert item["number"] == "5" and item["status"] == "выполнено"
    item["status"] = "в работе"
    item["result"] = "База наставляемых"
    text = document.updated_text(before, values, cls=Roadmap)
    old_lines = before.text.splitlines(keepends=True)
    new_lines = text.splitlines(keepends=True)
    at = next(n for n, line in enumerate(old_lines) if 'number: "5"' in line)
    assert new_lines[: at + 4] == old_lines[: at + 4]
    assert new_lines[at + 4 : at + 6] == [
        "        status: в работе\n",
        "        result: База наставляемых\n",
    ]
    assert new_lines[at + 6 :] == old_lines[at + 5 :]
    stages = raw(loaded(text))["stages"]
    assert stages[1]["items"][1]["result"] == "База наставляемых"
    assert stages[0] == raw(loaded(before.text))["stages"][0]


def test_an_item_added_to_a_roadmap_stage_follows_its_siblings(project):
    before = opened(project, "roadmap.yml")
    values = document.values_of(before)
    values["stages"][1]["items"].append(
        {
            "number": "5а",
            "name": "Уточнение базы",
            "deadline": "март 2027 г.",
            "responsible": "куратор",
        }
    )
    text = document.updated_text(before, values, cls=Roadmap)
    anchor = "        responsible: куратор наставничества\n        status: выполнено\n"
    at = before.text.index(anchor, before.text.index('number: "5"')) + len(anchor)
    new_item = (
        "      - number: 5а\n"
        "        name: Уточнение базы\n"
        "        deadline: март 2027 г.\n"
        "        responsible: куратор\n"
    )
    assert text == before.text[:at] + new_item + before.text[at:]
    assert len(raw(loaded(text))["stages"][1]["items"]) == 3


# -- line ends, encodings, broken files --------------------------------------------------------
def test_a_crlf_file_stays_crlf(project):
    path = project / "content" / "documents.yml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = opened(project, "documents.yml")
    values = document.values_of(before, "documents", 3)
    values["number"] = "132-од"
    values["note"] = "Первая строка\nвторая строка"
    text = document.updated_text(before, values, "documents", 3)
    appended = document.updated_text(before, NEW_DOCUMENT, "documents", 9)
    for result in (text, appended):
        assert result.count("\r\n") == result.count("\n")
    assert "    number: 132-од\r\n" in text
    assert "    note: |\r\n      Первая строка\r\n      вторая строка\r\n" in text
    document.write_atomic(path, text, before.digest)
    assert path.read_bytes() == text.encode("utf-8")
    assert raw(loaded(text))["documents"][2]["note"] == "Первая строка\nвторая строка\n"


def test_a_file_our_loader_refuses_is_not_opened_for_editing(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("title: [не закрыта\n", "utf-8")
    with pytest.raises(ValueError, match="broken.yml"):
        document.open_file(path, "broken.yml")


# -- writing -----------------------------------------------------------------------------------
def test_a_file_changed_on_disk_after_open_is_a_conflict(project):
    path = project / "content" / "documents.yml"
    before = opened(project, "documents.yml")
    text = document.updated_text(before, {"title": "Новый"}, "documents", 9)
    someone_else = before.text.replace("128-од", "129-од")
    path.write_text(someone_else, "utf-8")
    with pytest.raises(document.Conflict) as conflict:
        document.write_atomic(path, text, before.digest)
    assert conflict.value.current == someone_else
    assert path.read_text("utf-8") == someone_else
    with pytest.raises(document.Conflict):  # it must not exist, and it does
        document.write_atomic(path, text, "")
    path.unlink()
    with pytest.raises(document.Conflict) as gone:
        document.write_atomic(path, text, before.digest)
    assert gone.value.current == ""
    assert not path.exists()


def test_write_atomic_keeps_the_mode_and_leaves_no_temporary_file(project):
    path = project / "content" / "documents.yml"
    os.chmod(path, 0o640)
    before = opened(project, "documents.yml")
    document.write_atomic(path, before.text + "# конец\n", before.digest)
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.glob(".*")) == []
    assert opened(project, "documents.yml").text.endswith("# конец\n")


# -- paths ---------------------------------------------------------------------------------------
def test_confined_gives_paths_inside_content(project):
    content = project / "content"
    assert document.confined(project, "documents.yml") == content / "documents.yml"
    assert document.confined(project, "mentors/new.yml") == content / "mentors" / "new.yml"


@pytest.mark.parametrize(
    "rel",
    [
        "../x",
        "/etc/passwd",
        "content/../../x",
        "mentors/../../site_config.yml",
        "a\\b.yml",
        "a\x00.yml",
        "",
        ".",
        "C:/x.yml",
    ],
)
def test_confined_refuses_paths_out_of_content(project, rel):
    with pytest.raises(ValueError, match="недопустимый путь"):
        document.confined(project, rel)


def test_confined_refuses_a_symlink_pointing_outside(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.yml").write_text("a: b\n", "utf-8")
    (project / "content" / "link.yml").symlink_to(outside / "secret.yml")
    (project / "content" / "linked").symlink_to(outside)
    for rel in ("link.yml", "linked/secret.yml", "linked/new.yml"):
        with pytest.raises(ValueError, match="за пределы"):
            document.confined(project, rel)


def test_trash_moves_the_record_file_out_of_content(project):
    path = project / "content" / "mentors" / "volkov-pa.yml"
    text = path.read_text("utf-8")
    moved = document.trash(project, path)
    assert not path.exists()
    assert moved.read_text("utf-8") == text
    relative = moved.relative_to(project).as_posix()
    assert re.fullmatch(
        r"\.nastav/deleted/\d{8}-\d{6}(-\d+)?/content/mentors/volkov-pa\.yml", relative
    )
    path.write_text(text, "utf-8")  # the same file deleted again within the second
    again = document.trash(project, path)
    assert again != moved and again.read_text("utf-8") == text and moved.exists()
