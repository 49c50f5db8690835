"""The corpus of broken files (tests/corpus): every file gives a located
Russian error and exit code 1, or is accepted; never a traceback."""

from __future__ import annotations

import pytest

from tests.conftest import copy_demo, run_cli
from tests.corpus.runner import groups, load_cases, place, problems_with, restore, timed

CASES = load_cases()
GROUPS = groups(CASES)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_demo(tmp_path_factory.mktemp("corpus") / "school")


def test_corpus_covers_every_kind():
    kinds = {case.kind for case in CASES}
    from tests.corpus.targets import TARGETS

    assert kinds == set(TARGETS)
    assert len(CASES) >= 400


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_corpus_file(project, name):
    cases = GROUPS[name]
    saved = place(project, cases)
    try:
        result, seconds = timed(run_cli, "validate", project)
    finally:
        restore(saved)
    problems = problems_with(result.out, result.code, cases, seconds, max_seconds=20)
    assert not problems, "\n".join(problems)
