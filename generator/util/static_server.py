"""Serve a built site on a free localhost port, quietly, in a thread.

For looking at a build the way a visitor does — the screenshots
(tools/screenshots.py), the search payload benchmark (bench/) and the
browser tests — where ``file://`` would not do: Pagefind's index and
WebAssembly load only over HTTP.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve_folder(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Start serving ``folder``; returns its base URL and the server (``shutdown()`` it)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
