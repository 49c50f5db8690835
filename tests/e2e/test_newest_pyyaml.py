"""The YAML bounds hold with the newest PyYAML on PyPI, not only the locked one.

A release of PyYAML once changed which check fired first on deep nesting
(libyaml 0.2.6 brought its own limit), and a new machine saw an English
message where ours was expected. The reasoning in load/yamlsource.py makes
our checks independent of the parser's limits; this test checks it against
whatever PyYAML is newest today: it installs that release into a throwaway
folder, puts it first on the path, and runs the YAML tests — the unit tests,
the hostile sizes and the broken-file corpus — in a child pytest whose
``nastav`` processes import it too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.resources import ROOT

YAML_TESTS = [
    "tests/unit/test_yaml_source.py",
    "tests/e2e/test_bounds.py",
    "tests/e2e/test_corpus.py",
]


def _uv() -> str:
    uv = os.environ.get("UV") or shutil.which("uv")
    if uv:
        return uv
    if os.environ.get("CI"):
        pytest.fail("uv не найден: ./run test задаёт переменную UV")
    pytest.skip("uv not found: run through ./run test")


def test_yaml_tests_pass_with_the_newest_pyyaml(tmp_path):
    target = tmp_path / "newest"
    installed = subprocess.run(
        [_uv(), "pip", "install", "--quiet", "--no-config", "--no-deps", "--upgrade",
         "--python", sys.executable, "--target", str(target), "pyyaml"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run(
        [sys.executable, "-c", "import yaml; print(yaml.__version__, yaml.__file__)"],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    version, where = probe.stdout.split()
    assert where.startswith(str(target)), probe.stdout + probe.stderr
    print(f"newest PyYAML: {version}")
    child = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=0",
         "-k", "not 50_mb", *YAML_TESTS],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=900,
    )  # fmt: skip
    assert child.returncode == 0, f"PyYAML {version}:\n{child.stdout[-5000:]}{child.stderr[-2000:]}"
