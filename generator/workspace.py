"""The project's working folder, ``.nastav/``: every path in it, in one place.

It holds nothing a curator writes: the docs tree handed to MkDocs, the
caches of earlier builds, the spare site folder and the trash. Deleting it
costs one slow build. ``nastav build --no-cache`` gives a workspace whose
caches and docs tree live in a folder of that build only, removed when it
ends: nothing of an earlier build is read.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .fingerprint import versioned

FOLDER = ".nastav"


def build_lock(project_dir: Path) -> Path:
    """Held by the build running in the project (util/project_lock.py)."""
    return project_dir / FOLDER / "build.lock"


@dataclass(frozen=True)
class Workspace:
    root: Path  # <project>/.nastav
    scratch: Path | None = None  # --no-cache: this build's own folder

    @classmethod
    def of(cls, project_dir: Path, use_cache: bool = True) -> Workspace:
        root = project_dir / FOLDER
        if use_cache:
            return cls(root)
        root.mkdir(parents=True, exist_ok=True)
        return cls(root, Path(tempfile.mkdtemp(prefix="nocache-", dir=root)))

    @property
    def uses_cache(self) -> bool:
        return self.scratch is None

    @property
    def _base(self) -> Path:
        return self.scratch or self.root

    @property
    def work(self) -> Path:
        """The docs tree and ``mkdocs.yml`` of the last build."""
        return self._base / "work"

    @property
    def docs(self) -> Path:
        """The docs tree: pages, attachments, downloads (build/tree.py)."""
        return self.work / "docs"

    @property
    def mkdocs_yml(self) -> Path:
        return self.work / "mkdocs.yml"

    @property
    def theme(self) -> Path:
        """Our theme with the project's own ``theme/`` files over it."""
        return self.work / "theme"

    @property
    def parts(self) -> Path:
        """Docs trees of the parts MkDocs builds side by side (build/engine.py)."""
        return self.work / "parts"

    @property
    def cache(self) -> Path:
        return self._base / "cache"

    @property
    def pages(self) -> Path:
        """Built pages by their key (build/engine.py)."""
        return self.cache / "pages"

    @property
    def static(self) -> Path:
        """The theme's files and the 404 page, by environment (build/engine.py)."""
        return self.cache / "static"

    def mkdocs_templates(self) -> Path:
        """Material's compiled templates (build/mkdocs_run.py), by code version."""
        return versioned(self.cache / "templates")

    @property
    def memo(self) -> Path | None:
        """Stage results of a municipal build (memo.py)."""
        return self.cache / "memo" if self.uses_cache else None

    @property
    def cleaned(self) -> Path:
        """Attachments without their metadata, by content (publish/clean.py)."""
        return self.cache / "clean"

    @property
    def documents(self) -> Path | None:
        """PDFs LibreOffice made, by the DOCX they were made from (report/sections.py)."""
        return self.cache / "documents" if self.uses_cache else None

    @property
    def search(self) -> Path:
        """Search index parts (search/search.py)."""
        return self.cache / "search"

    @property
    def audit(self) -> Path | None:
        """What each file of the built site yielded (audit/audit.py)."""
        return self.cache / "audit" if self.uses_cache else None

    def templates(self) -> Path | None:
        """Our compiled page templates (render/env.py), by code version."""
        return versioned(self.cache / "jinja") if self.uses_cache else None

    @property
    def tmp(self) -> Path:
        """Builds' temporary files, a folder per process (util/scratch.py):
        the next build removes those of a build stopped midway."""
        return self.root / "tmp"

    @property
    def preview(self) -> Path:
        """The site ``nastav serve`` builds and shows: kept between previews,
        so the next one starts from it, and never left in the system's temp
        folder by a preview whose window was closed."""
        return self.root / "preview" / "site"

    @property
    def deleted(self) -> Path:
        """Records deleted in the editor (editor/document.py), kept to be
        restored by hand: never emptied by a build, unlike ``trash``."""
        return self.root / "deleted"

    @property
    def trash(self) -> Path:
        """Old sites, deleted in the background (deploy/swap.py)."""
        return self.root / "trash"

    def spare(self, output: Path) -> Path | None:
        """The site replaced two builds ago, reused as the next build's folder."""
        if not self.uses_cache:
            return None
        return self.root / "spare" / hashlib.sha1(str(output).encode()).hexdigest()[:12]

    @property
    def links(self) -> Path:
        """Answers of ``nastav check-links`` (rules/online.py)."""
        return self.root / "links.json"

    @property
    def collections(self) -> Path:
        """Copies of other sites' practice feeds (collection/fetch.py)."""
        return self.root / "collections"

    def close(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
