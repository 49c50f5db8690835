"""A build's temporary files live in the project (util/scratch.py), and
leftovers are recognised by whether their process still runs — asked the
way each system allows (util/processes.py): on Windows ``os.kill(pid, 0)``
would end the process."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import tempfile

import pytest

from generator.deploy import swap
from generator.util import processes, scratch
from generator.util.forked import ForkedCall


def finished_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_is_running_knows_this_process_and_an_ended_one():
    assert processes.is_running(os.getpid())
    assert not processes.is_running(finished_pid())
    assert not processes.is_running(0)


class FakeKernel32:
    """The three calls of kernel32 that ``is_running`` makes on Windows (plain
    functions: ``_kernel32`` types them as ctypes functions are typed)."""

    def __init__(self, handle: int, exit_code: int = processes._STILL_ACTIVE) -> None:
        self.handle, self.exit_code, self.closed = handle, exit_code, []

        def open_process(access, inherit, pid):
            assert access == processes._QUERY_LIMITED_INFORMATION
            return self.handle

        def get_exit_code_process(handle, code):
            code._obj.value = self.exit_code
            return 1

        def close_handle(handle):
            self.closed.append(handle)

        self.OpenProcess = open_process
        self.GetExitCodeProcess = get_exit_code_process
        self.CloseHandle = close_handle


class FakeCtypes:
    c_ulong = ctypes.c_ulong
    byref = staticmethod(ctypes.byref)

    def __init__(self, last_error: int = 0) -> None:
        self.last_error = last_error

    def get_last_error(self) -> int:
        return self.last_error


@pytest.mark.parametrize(
    ("handle", "exit_code", "last_error", "running"),
    [
        (7, processes._STILL_ACTIVE, 0, True),
        (7, 0, 0, False),  # ended, its handle still held by someone
        (0, 0, 87, False),  # ERROR_INVALID_PARAMETER: no such process
        (0, 0, processes._ACCESS_DENIED, True),  # another user's
    ],
)
def test_windows_asks_the_exit_code(handle, exit_code, last_error, running):
    kernel32 = FakeKernel32(handle, exit_code)
    assert processes._windows_is_running(1234, kernel32, FakeCtypes(last_error)) is running
    assert kernel32.closed == ([handle] if handle else [])


def test_a_leftover_on_windows_is_never_signalled(tmp_path, monkeypatch):
    """``recover`` asks whether the process of ``.site.new-<pid>`` runs: on
    Windows by its exit code, without ``os.kill`` (which would end it)."""
    leftover = tmp_path / ".site.new-4242"
    leftover.mkdir()
    kernel32 = FakeKernel32(handle=7)

    def no_kill(*args):
        raise AssertionError("os.kill on Windows ends the process")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "WinDLL", lambda *a, **k: kernel32, raising=False)
    monkeypatch.setattr(os, "kill", no_kill)
    swap.recover(tmp_path / "site")
    assert leftover.is_dir()  # its build runs: kept
    assert kernel32.OpenProcess.restype is ctypes.c_void_p  # a handle is pointer-sized
    kernel32.exit_code = 0
    swap.recover(tmp_path / "site")
    assert not leftover.exists()


def test_scratch_folder_holds_temporary_files_and_sweeps_stopped_ones(tmp_path):
    tmp = tmp_path / ".nastav" / "tmp"
    stopped = tmp / str(finished_pid())
    stopped.mkdir(parents=True)
    (stopped / "nastav-x.pickle").write_bytes(b"left by kill -9")
    (tmp / "stray.tmp").write_bytes(b"")
    running = tmp / str(os.getppid())  # a process that runs: another build's
    running.mkdir()
    own = tmp.resolve() / str(os.getpid())

    assert scratch.folder() is None
    with scratch.scratch_in(tmp):
        assert scratch.folder() == str(own)
        assert sorted(p.name for p in tmp.iterdir()) == sorted([own.name, running.name])
        call = ForkedCall(sum, [1, 2])
        with tempfile.TemporaryDirectory(dir=scratch.folder()) as inner:
            assert os.path.dirname(inner) == str(own)
        with scratch.scratch_in(tmp):  # nested (nastav build → pipeline): kept
            pass
        assert own.is_dir()
        assert call.result() == 3
    assert scratch.folder() is None
    assert sorted(p.name for p in tmp.iterdir()) == [running.name]


def test_scratch_falls_back_to_the_system_folder_when_it_cannot_write(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with scratch.scratch_in(blocked / "tmp"):
        assert scratch.folder() is None
