"""The corpus of broken files and traps (tests/corpus), for a school and a
municipal project: every file gives a located Russian message and exit
code 1, or is accepted; never a traceback. Traps — personal data in every
kind of field, withdrawn consents, markup, path escapes — are also built,
as they are and in redact mode, and nothing they carry reaches ``site/``."""

from __future__ import annotations

import pytest

from generator.deploy.swap import MARKER
from tests.conftest import copy_demo, copy_municipal_demo, edit, run_cli
from tests.corpus.runner import (
    executable_markup,
    groups,
    is_trap,
    leaks,
    load_cases,
    place,
    problems_with,
    redact_problems,
    restore,
    site_fingerprint,
    timed,
)
from tests.corpus.targets import ALL_TARGETS, MUNICIPAL_TARGETS

CASES = load_cases()
GROUPS = groups(CASES)


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    return copy_demo(tmp_path_factory.mktemp("corpus") / "school")


@pytest.fixture(scope="module")
def municipal(tmp_path_factory):
    return copy_municipal_demo(tmp_path_factory.mktemp("corpus") / "city")


def test_corpus_covers_every_kind():
    kinds = {case.kind for case in CASES}
    assert kinds == set(ALL_TARGETS)
    assert len(CASES) >= 700
    traps = [c for c in CASES if c.expect["leak"]]
    # Personal data, markup and path traps in every municipal kind, the
    # monitoring values (CSV and XLSX) and a school's mentor card.
    assert {c.kind for c in traps} >= set(MUNICIPAL_TARGETS) | {"mentors"}
    assert any(c.xlsx for c in traps)


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_corpus_file(request, name):
    cases = GROUPS[name]
    project = request.getfixturevalue(cases[0].project)
    if is_trap(cases):
        _trap(project, cases)
        return
    saved = place(project, cases)
    try:
        result, seconds = timed(run_cli, "validate", project)
    finally:
        restore(saved)
    problems = problems_with(result.out, result.code, cases, seconds, max_seconds=20)
    assert not problems, "\n".join(problems)


def _trap(project, cases):
    site = project / "site"
    if not site.is_dir():
        # A published site the traps must not change: a stand-in is as good as
        # a real one for that, and saves a build.
        site.mkdir()
        (site / MARKER).write_text("", "utf-8")
        (site / "index.html").write_text("<p>Прежний сайт</p>", "utf-8")
    secrets = [s for case in cases for s in case.expect["leak"]]
    saved = place(project, cases)
    config = project / "site_config.yml"
    saved.setdefault(config, config.read_bytes())
    try:
        before = site_fingerprint(site)
        result, seconds = timed(run_cli, "build", project)
        problems = problems_with(result.out, result.code, cases, seconds, max_seconds=90)
        if result.code != 0 and site_fingerprint(site) != before:
            problems.append("a failed build changed the published site")
        problems += leaks(site, secrets)
        if any(case.expect["markup"] for case in cases):
            problems += executable_markup(site)
        assert not problems, "\n".join(problems)
        if not any(case.expect["redact"] for case in cases):
            return
        edit(project, "site_config.yml", "on_personal_data: error", "on_personal_data: redact")
        before = site_fingerprint(site)
        redacted = run_cli("build", project)
        problems = redact_problems(redacted.out, redacted.code, cases)
        if redacted.code != 0 and site_fingerprint(site) != before:
            problems.append("a failed build changed the published site")
        problems += leaks(site, secrets)
        assert not problems, "redact mode:\n" + "\n".join(problems)
    finally:
        restore(saved)
