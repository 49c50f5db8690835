"""A contest's figures must agree: no more winners than applications, winners
in the contest's own nominations, a «победитель» in first place."""

from __future__ import annotations

import re
import shutil

from tests.conftest import ROOT, read, run_cli

CONTEST = "content/contests/festival-2025.yml"


def test_contradicting_contest_figures_are_reported_where_they_are(tmp_path):
    project = tmp_path / "city"
    shutil.copytree(ROOT / "demo/municipal", project)
    path = project / CONTEST
    source = read(path)
    source = source.replace(
        "{name: Сетевое наставничество, applications: 4}",
        "{name: Сетевое наставничество, applications: 1}",
    )
    source = re.sub(
        r"(nomination: )Наставник для педагога", r"\1Наставник педагогу", source, count=1
    )
    path.write_text(source, "utf-8")
    result = run_cli("validate", project)
    assert result.code == 0  # warnings: the curator decides, the site is still built
    assert re.search(
        rf"{CONTEST}, строка \d+, поле «nominations\[\d\]\.applications»: предупреждение: в "
        r"номинации «Сетевое наставничество» 1 заявка на участие, а победителей и призёров — 2",
        result.out,
    ), result.out
    assert re.search(
        rf"{CONTEST}, строка \d+, поле «winners\[1\]\.nomination»: предупреждение: номинации "
        r"«Наставник педагогу» нет в списке номинаций конкурса",
        result.out,
    ), result.out


def test_the_demo_contests_are_consistent():
    result = run_cli("validate", ROOT / "demo/municipal")
    assert "заявк" not in result.out and "номинации «" not in result.out
