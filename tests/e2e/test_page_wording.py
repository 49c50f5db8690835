"""Optional parts of a line leave no stray punctuation behind."""

from __future__ import annotations

import html as htmllib
import re

from tests.conftest import copy_demo, read, run_cli


def test_missing_issuer_date_or_order_parts_leave_no_stray_commas(tmp_path):
    project = copy_demo(tmp_path / "school")
    materials = project / "content/materials.yml"
    source = read(materials)
    assert "issuer: Минпросвещения России" in source
    materials.write_text(
        source.replace(
            "    issuer: Минпросвещения России, Общероссийский Профсоюз образования\n", ""
        ),
        "utf-8",
    )
    program = project / "content/programs/pp-2025-uu-01.yml"
    text = read(program)
    approval = re.search(r"approval:\n(?:  .*\n)+", text)
    assert approval, "the demo program has an approval order"
    program.write_text(
        text.replace(approval.group(0), "approval:\n  title: приказ директора\n"), "utf-8"
    )
    result = run_cli("build", project, "--quiet")
    assert result.code == 0, result.out
    page = htmllib.unescape(read(project / "site/materialy/index.html"))
    assert re.search(r'nst-muted">21\.12\.2021\. Для кого: кураторы и наставники', page), page
    assert not re.search(r'nst-muted">\s*[,.]', page)
    program_page = htmllib.unescape(read(project / "site/programmy/pp-2025-uu-01/index.html"))
    assert "<dd>приказ директора</dd>" in program_page
