"""Damaged copies of real records, validated by the CLI as a curator would:
whatever hypothesis draws, the answer is exit 0 or 1 with located Russian
diagnostics — never a traceback."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, copy_demo, run_cli
from tests.corpus.runner import problems_with
from tests.corpus.targets import TARGETS
from tests.strategies import damaged

BASES = {
    kind: yaml.safe_load((ROOT / target).read_text("utf-8")) for kind, target in TARGETS.items()
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_demo(tmp_path_factory.mktemp("fuzz") / "school")


@settings(max_examples=60)
@given(data=st.data())
def test_damaged_records_never_crash(project, data):
    kind = data.draw(st.sampled_from(sorted(TARGETS)))
    record = data.draw(damaged(BASES[kind]))
    target = project / TARGETS[kind]
    original = target.read_bytes()
    try:
        target.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
        result = run_cli("validate", project)
    finally:
        target.write_bytes(original)
    assert result.code in (0, 1)
    # Same checks as the corpus: located Russian lines, nothing else.
    found = [
        p
        for p in problems_with(result.out, result.code, [], 0, 20)
        if not p.startswith("exit code")
    ]
    assert not found, "\n".join(found)
