"""Memory a step freed goes back to the system before the next step forks."""

import subprocess
import sys

import pytest

PROBE = """
import sys
from generator.util.memory import release_freed_memory

def rss():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) // 1024

# 300 MB in blocks above Python's own small-object allocator, every hundredth
# kept: the heap cannot shrink from its top, as after a report's lxml trees.
blocks = [bytes(1024) for _ in range(300_000)]
kept = blocks[::100]
del blocks
before = rss()
release_freed_memory()
print(before, rss())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heap: Linux only")
def test_freed_memory_is_given_back():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    before, after = map(int, out.split())
    assert before > 250, before  # the freed blocks were still held
    assert after < before - 200, (before, after)
