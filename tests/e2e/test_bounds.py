"""Hostile sizes and shapes, through the real CLI in its own process: each
ends with a located Russian message within bounded time and memory.

The bounds are generous for a slow CI machine (2 cores); what they catch is
the difference between «a second and 100 MB» and «minutes and gigabytes».
"""

from __future__ import annotations

import pytest

from tests.conftest import edit
from tests.resources import run_nastav

NEWS = "content/news/2026-10-15-seminar.yml"
MB = 1_048_576


def write_news_text(project, body_line: str, total_bytes: int) -> None:
    """A news item whose text is ``body_line`` repeated up to ``total_bytes``,
    written in chunks so the test itself stays small."""
    line = ("  " + body_line + "\n").encode("utf-8")
    with (project / NEWS).open("wb") as out:
        out.write("title: Большая новость\ndate: 01.10.2026\ntext: |\n".encode())
        for _ in range(total_bytes // len(line)):
            out.write(line)


def check(result, *, says: str, line: str | None, seconds: float, peak_mb: float) -> None:
    print(f"{result.seconds:.2f} s, {result.peak_mb:.0f} MB")  # shown with pytest -s
    assert "Traceback" not in result.out and "Внутренняя ошибка" not in result.out, result.out
    assert result.code == 1, result.out
    located = [x for x in result.out.splitlines() if x.startswith(NEWS) and says in x]
    assert located, result.out[-2000:]
    if line:
        assert located[0].startswith(f"{NEWS}, {line}"), located[0]
    assert result.seconds < seconds, f"{result.seconds:.1f} s"
    assert result.peak_mb < peak_mb, f"{result.peak_mb:.0f} MB"


def test_50_mb_file_is_refused_without_reading_it(demo_project):
    write_news_text(demo_project, "Текст новости. " * 40, 50 * MB)
    assert (demo_project / NEWS).stat().st_size > 49 * MB
    result = run_nastav("validate", demo_project)
    check(result, says="файл слишком большой: 50.0 МБ", line=None, seconds=15, peak_mb=150)


def test_50_mb_file_under_a_raised_limit_is_read_and_refused_by_length(demo_project):
    edit(demo_project, "site_config.yml", "limits:\n", "limits:\n  max_file_mb: 60\n")
    write_news_text(demo_project, "Текст новости. " * 40, 50 * MB)
    result = run_nastav("validate", demo_project)
    check(result, says="текст слишком длинный", line="строка 3", seconds=30, peak_mb=1200)


def test_billion_laughs(demo_project):
    laughs = ['lol0: &a0 ["ха", "ха", "ха", "ха", "ха", "ха", "ха", "ха", "ха"]']
    laughs += [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (demo_project / NEWS).write_text("title: Смех\n" + "\n".join(laughs) + "\n", "utf-8")
    result = run_nastav("validate", demo_project)
    check(result, says="ссылки YAML", line="строка 3", seconds=15, peak_mb=150)


def test_a_million_values(demo_project):
    (demo_project / NEWS).write_text("title: x\ntags: [" + "a," * 2_000_000 + "]\n", "utf-8")
    result = run_nastav("validate", demo_project)
    check(result, says="слишком много значений", line="строка 2", seconds=20, peak_mb=400)


def test_two_million_brackets(demo_project):
    (demo_project / NEWS).write_text("title: x\ntags: " + "[" * 2_000_000 + "\n", "utf-8")
    result = run_nastav("validate", demo_project)
    check(result, says="вложенность", line="строка 2", seconds=15, peak_mb=200)


@pytest.mark.parametrize("pattern", ["[", "*_", "<a "])
def test_pathological_markdown_at_the_length_limit(demo_project, pattern):
    """Python-Markdown needed minutes for this; the page still has to render."""
    text = pattern * (99_000 // len(pattern))
    (demo_project / NEWS).write_text(f"title: x\ndate: 01.10.2026\ntext: '{text}'\n", "utf-8")
    result = run_nastav("validate", demo_project)
    print(f"{result.seconds:.2f} s, {result.peak_mb:.0f} MB")
    assert result.code == 0 and "Traceback" not in result.out, result.out[-2000:]
    assert result.seconds < 40, f"{result.seconds:.1f} s"
    assert result.peak_mb < 400, f"{result.peak_mb:.0f} MB"
