"""A file-system failure explained to a curator, in Russian.

Writing an export into a folder without rights, onto a full disk or into a
path that does not exist is a mistake in the command, not a bug of nastav:
it gets a message naming the path and what to do (exit code 1), never the
«internal error» of a traceback.
"""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "такой папки или файла нет",
    errno.EACCES: "нет прав на запись или чтение",
    errno.EPERM: "операция запрещена системой",
    errno.EROFS: "диск или папка только для чтения",
    errno.ENOSPC: "на диске нет места",
    errno.EDQUOT: "превышена квота на диске",
    errno.ENAMETOOLONG: "слишком длинное имя файла или путь",
    errno.EISDIR: "это папка, а нужен файл",
    errno.ENOTDIR: "часть пути — файл, а не папка",
    errno.EEXIST: "файл уже существует",
    errno.EBUSY: "файл занят другой программой",
    errno.EMFILE: "открыто слишком много файлов",
    errno.EXDEV: "нельзя переместить между дисками",
}


def explain(exc: OSError) -> str:
    reason = _REASONS.get(exc.errno or 0, exc.strerror or "ошибка файловой системы")
    where = f" «{exc.filename}»" if exc.filename else ""
    return (
        f"не удалось открыть или записать{where}: {reason}. Проверьте путь и права "
        "на папку или укажите другую папку."
    )
