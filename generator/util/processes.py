"""Whether a process still runs, on every system.

``os.kill(pid, 0)`` answers this on POSIX. On Windows it does not ask: any
signal but Ctrl+C and Ctrl+Break ends the process (TerminateProcess) — the
leftover folder of a build stopped long ago, whose number Windows has given
to Word since, would close Word. So Windows is asked with OpenProcess and
GetExitCodeProcess.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_QUERY_LIMITED_INFORMATION = 0x1000
_ACCESS_DENIED = 5
_STILL_ACTIVE = 259


def is_running(pid: int) -> bool:
    """Whether a process numbered ``pid`` runs now (this one included)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        return _windows_is_running(pid, _kernel32(ctypes), ctypes)
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True  # another user's process
    except OSError:
        return False
    return True


def _kernel32(ctypes: Any) -> Any:
    """kernel32 with the three calls typed: a handle is pointer-sized."""
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = ctypes.c_void_p
    kernel32.OpenProcess.argtypes = (ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong)
    kernel32.GetExitCodeProcess.argtypes = (ctypes.c_void_p, ctypes.POINTER(ctypes.c_ulong))
    kernel32.CloseHandle.argtypes = (ctypes.c_void_p,)
    return kernel32


def _windows_is_running(pid: int, kernel32: Any, ctypes: Any) -> bool:
    handle = kernel32.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return ctypes.get_last_error() == _ACCESS_DENIED  # exists, not ours to ask
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True  # cannot tell: a folder of a running build is kept
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
