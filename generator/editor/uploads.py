"""Files uploaded through the editor's forms: checked, named safely and put
into the content root's ``files/`` folder, where records refer to them.

The uploaded name never survives (it may carry a person's name: «Положение
Иванова.pdf»): the stored file is named after the record's title, in Latin
letters, and never overwrites another file; the same bytes uploaded again
(a form sent twice) are the same file. The type is checked by the file's
first bytes, not by its name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath

from ..kinds import Kind
from ..util.slug import slugify

MAX_UPLOAD_BYTES = 20 * 1_048_576
# Extension → the bytes such a file starts with (office formats are ZIP or OLE2).
KINDS: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".rtf": (b"{\\rtf",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".webp": (b"RIFF",),
}


@dataclass(frozen=True)
class Upload:
    field: str  # the form field: «file», «photo.file», «files[2].file»
    filename: str  # as the browser sent it
    data: bytes


class UploadRefused(Exception):
    """Why a file was not taken, in Russian."""


def store_upload(root: Path, kind: Kind, upload: Upload, title: str = "") -> str:
    """Store the file under ``root/files/<folder>/``, named after ``title``;
    returns the path a record gives (relative to ``root``)."""
    name = PurePath(upload.filename.replace("\\", "/")).name
    suffix = PurePath(name).suffix.lower()
    if suffix not in KINDS:
        allowed = ", ".join(sorted(s.lstrip(".").upper() for s in KINDS))
        raise UploadRefused(
            f"файл «{name}» не принят: загрузите документ или изображение ({allowed})."
        )
    if len(upload.data) > MAX_UPLOAD_BYTES:
        raise UploadRefused(
            f"файл «{name}» больше {MAX_UPLOAD_BYTES // 1_048_576} МБ: уменьшите его или дайте ссылку."
        )
    if not upload.data.startswith(KINDS[suffix]):
        raise UploadRefused(
            f"файл «{name}» не похож на {suffix.lstrip('.').upper()}: проверьте, что это он."
        )
    folder_name = (kind.section.slug if kind.section else "") or kind.files_folder or "dokumenty"
    folder = root / "files" / folder_name
    folder.mkdir(parents=True, exist_ok=True)
    for existing in sorted(folder.iterdir()):
        same_size = existing.is_file() and existing.stat().st_size == len(upload.data)
        if same_size and existing.read_bytes() == upload.data:
            return existing.relative_to(root).as_posix()
    stem = slugify(title or kind.title, 50) or "fail"
    target, n = folder / f"{stem}{suffix}", 2
    while target.exists():
        target, n = folder / f"{stem}-{n}{suffix}", n + 1
    temporary = target.with_name(f".{target.name}.part")
    temporary.write_bytes(upload.data)
    temporary.replace(target)
    return target.relative_to(root).as_posix()
