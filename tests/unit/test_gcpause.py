"""The collector pauses while a model is built and is given nothing back to
walk afterwards; a long-running preview is left with nothing frozen."""

import gc

from generator.util.gcpause import model_kept, paused_collector


def test_a_kept_model_is_frozen_until_the_build_ends_and_the_collector_comes_back():
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with model_kept():
        with paused_collector(keep=True):
            assert not gc.isenabled()
            model = [{"page": [i]} for i in range(10_000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(model)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_without_keep_nothing_is_frozen():
    with paused_collector():
        model = [{"page": [i]} for i in range(1_000)]
    assert gc.get_freeze_count() == 0 and gc.isenabled() and model


def test_the_program_leaves_what_it_holds_out_of_the_last_collection(monkeypatch, capsys):
    """``nastav`` and ``python -m generator`` end through ``program``: the
    interpreter's collection at exit does not walk a build's objects again."""
    import tomllib
    from pathlib import Path

    from generator.cli import program

    root = Path(__file__).resolve().parents[2]
    scripts = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert scripts["scripts"]["nastav"] == "generator.cli:program"
    assert "sys.exit(program())" in (root / "generator" / "__main__.py").read_text()
    monkeypatch.setattr("sys.argv", ["nastav"])
    try:
        assert program() == 2  # no command: the help, as ``main`` gives it
        assert "validate" in capsys.readouterr().out
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
