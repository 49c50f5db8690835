"""Public tables as files: CSV (Russian headers, «;», UTF-8 with BOM — opens
in Excel as is, and the import reads it back), JSON (field keys, typed
values) and a README in Russian documenting every field."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import chain
from typing import Any

from .. import addresses
from ..config import Settings
from ..schema.vocab import Vocabulary
from ..tabular.columns import display
from ..tabular.plain import set_path
from ..util.cells import safe_rows
from .tables import PublicTable, public_tables


def csv_bytes(table: PublicTable, vocabularies: dict[str, Vocabulary]) -> bytes:
    """Encoded as it is written: a region's monitoring.csv (45 MB) as one
    text, then joined with its header, then encoded, took 225 MB."""
    out = io.BytesIO()
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    text.write("\ufeff")
    rows = (
        [display(row.get(c.path), c, vocabularies) for c in table.columns] for row in table.rows
    )
    _csv_writer(text).writerows(safe_rows(chain([[c.header for c in table.columns]], rows)))
    text.flush()
    text.detach()  # the bytes stay open for getvalue()
    return out.getvalue()


def csv_header(table: PublicTable) -> str:
    return _csv_text([[c.header for c in table.columns]])


def csv_rows(table: PublicTable, vocabularies: dict[str, Vocabulary]) -> str:
    """The rows without the header: a city's tables are joined from the
    organizations' parts (opendata/municipal.py)."""
    return _csv_text(
        [display(row.get(c.path), c, vocabularies) for c in table.columns] for row in table.rows
    )


def _csv_text(rows) -> str:
    buffer = io.StringIO(newline="")
    _csv_writer(buffer).writerows(safe_rows(rows))
    return buffer.getvalue()


def _csv_writer(stream):
    # A text a spreadsheet would run as a formula gets an apostrophe (util/cells.py).
    return csv.writer(stream, delimiter=";", lineterminator="\r\n")


def json_value(value: Any, column, vocabularies: dict[str, Vocabulary]) -> Any:
    if type(value) is str:  # most values (see display)
        return vocabularies[column.vocab].label(value) if column.vocab in vocabularies else value
    if isinstance(value, list):
        return [json_value(v, column, vocabularies) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    if column.vocab and column.vocab in vocabularies:
        return vocabularies[column.vocab].label(str(value))
    return str(value)


def json_bytes(table: PublicTable, vocabularies: dict[str, Vocabulary]) -> bytes:
    return json_document(table.title, _json_items(table, vocabularies), len(table.rows))


def json_lines(table: PublicTable, vocabularies: dict[str, Vocabulary]) -> list[str]:
    """One JSON object per record, by json's C encoder (an indented dump is
    pure Python: seconds for a city's values)."""
    return list(_json_items(table, vocabularies))


def _json_items(table: PublicTable, vocabularies: dict[str, Vocabulary]) -> Iterator[str]:
    # A column's key, or None when its path has groups (set_path makes them).
    columns = [(c, c.path, None if "." in c.path else c.path) for c in table.columns]
    for row in table.rows:
        item: dict = {}
        for column, path, key in columns:
            value = json_value(row.get(path), column, vocabularies)
            if value is None or value == []:
                continue
            if key is not None:
                item[key] = value
            else:
                set_path(item, path, value)
        yield json.dumps(item, ensure_ascii=False)


def json_document(title: str, lines: Iterable[str], count: int | None = None) -> bytes:
    """{"title", "count", "items": [...]} with one record per line: readable
    and diffable. Each line is encoded as it comes (a region's monitoring.json
    as one text, joined, then encoded took 400 MB); ``count``: how many
    lines come, when they are not a list."""
    if count is None:
        lines = list(lines)
        count = len(lines)
    head = json.dumps({"title": title, "count": count}, ensure_ascii=False)[:-1]
    out = io.BytesIO()
    out.write(f'{head},\n "items": '.encode())
    if count:
        separator = b"[\n  "
        for line in lines:
            out.write(separator)
            out.write(line.encode())
            separator = b",\n  "
        out.write(b"\n ]")
    else:
        out.write(b"[]")
    out.write(b"}\n")
    return out.getvalue()


def cached(source, stage: str, make, apart: bool = False, **inputs: Any) -> Any:
    """``make(report, **inputs)`` under the build cache of a municipal project,
    keyed by those inputs and the settings (memo.Memo.stage, also for
    ``apart``); computed directly without one."""
    from ..diagnostics import Report

    if source.memo is None:
        return make(Report(), **inputs)
    return source.memo.stage(stage, make, Report(), apart, settings=source.settings, **inputs)


def cached_many(source, stage: str, make, jobs: list[dict[str, Any]]) -> list:
    """``cached`` for many jobs' inputs at once (memo.Memo.stage_many)."""
    from ..diagnostics import Report

    if source.memo is None:
        return [make(Report(), **inputs) for inputs in jobs]
    jobs = [{"settings": source.settings, **inputs} for inputs in jobs]
    return source.memo.stage_many(stage, make, jobs, Report())


def records_files(source) -> Iterable[tuple[str, bytes]]:
    if source.municipality is not None or len(source.publics) != 1:
        return []  # a municipal portal: opendata/municipal.py
    org = source.publics[0]
    tables = public_tables(org)
    files = table_files(tables, source.settings.vocabularies)
    text = readme(tables, org.organization.full_name, source.settings)
    return files + [(addresses.DATA_README_NAME, text.encode("utf-8"))]


def table_files(
    tables: list[PublicTable], vocabularies: dict[str, Vocabulary]
) -> list[tuple[str, bytes]]:
    files = []
    for table in tables:
        files.append((f"{table.name}.csv", csv_bytes(table, vocabularies)))
        files.append((f"{table.name}.json", json_bytes(table, vocabularies)))
    return files


def readme(
    tables: list[PublicTable], name: str, settings: Settings, about: Sequence[str] = ()
) -> str:
    lines = [
        f"Открытые данные раздела «Наставничество» — {name}",
        "",
        "Здесь те же сведения, что на страницах раздела, в виде таблиц для повторного",
        "использования. Опубликовано только то, что публикует сайт: сведения о наставниках —",
        "в пределах их согласий на распространение персональных данных, наставляемые — только",
        "ролями и численностью, результаты программ — только завершённых.",
        *about,
        "",
        "Форматы:",
        "  *.csv  — таблица: разделитель «;», кодировка UTF-8 (с BOM, открывается в Excel),",
        "           даты ДД.ММ.ГГГГ, несколько значений в ячейке — через «; ».",
        '  *.json — те же записи: {"title", "count", "items": [...]}, даты ГГГГ-ММ-ДД,',
        "           несколько значений — массивом, вложенные поля — вложенными объектами;",
        "           пустые поля не записываются.",
        "",
        f"Дата сборки: {settings.today.strftime('%d.%m.%Y')}.",
        "",
    ]
    for table in tables:
        lines += table_readme(table)
    lines.append("Адреса страниц и файлов указаны относительно корня раздела на сайте.")
    return "\n".join(lines) + "\n"


def table_readme(table: PublicTable) -> list[str]:
    """The table's files and every field: «Заголовок CSV [ключ JSON] — пояснение»."""
    lines = [f"{table.name}.csv, {table.name}.json — {table.title} (записей: {table.size()})", ""]
    for column in table.columns:
        text = f"  {column.header} [{column.path}]"
        if column.meta.help:
            text += f" — {column.meta.help}"
        lines.append(text)
    return lines + [""]
