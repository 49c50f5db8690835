"""Evidence links must lead to a document (seed-model §4.7, V1–V5, V15–V19).

The municipal report 004 rejected links to local disks, browser-extension
wrappers, home pages, private clouds and cells with several URLs. We catch
them when the curator types them, not a year later in a monitoring report.

A check of the value of a ``Url`` or ``SiteUrl`` field, next to those types:
the rules of records (``rules/common.py``) and the data quality of
monitoring values (``monitoring/quality.py``) both use it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from .fields import SiteUrl, Url

_EMBEDDED_HTTP = re.compile(r"https?://\S+")
_DOMAIN_LIKE = re.compile(r"^(?:www\.)?[a-zа-я0-9-]+(?:\.[a-zа-я0-9-]+)+(?:/\S*)?$", re.I)
_PERSONAL_CLOUDS = (
    "disk.yandex.",
    "yadi.sk",
    "cloud.mail.ru",
    "drive.google.com",
    "docs.google.com",
    "dropbox.com",
    "onedrive.live.com",
    "1drv.ms",
)


@dataclass(frozen=True)
class LinkProblem:
    severity: str  # "error" | "warning"
    code: str
    message: str


def check_url(value: str, kind: type = Url) -> list[LinkProblem]:
    """Problems with one link; an empty list when it is a proper document URL."""
    return list(_check_url(value, kind is SiteUrl))


@functools.lru_cache(maxsize=65536)
def _check_url(value: str, site: bool) -> tuple[LinkProblem, ...]:
    # A municipality has tens of thousands of evidence links, many repeated
    # across years and pages: each distinct link is examined once.
    if _plainly_fine(value):
        return ()
    return tuple(_examine(value, SiteUrl if site else Url))


# A link to a document of a site, with nothing that ``_examine`` could object
# to: one address, no spaces, query or fragment, a host with a dot, a path to
# a file (not «/» and not ending with «/»). A region's 180,000 evidence links
# are nearly all such, and ``urlsplit`` with its host took 3 s of its build.
_PLAIN_LINK = re.compile(r"https?://([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(/[^\s?#]*[^\s?#/])")


def _plainly_fine(value: str) -> bool:
    match = _PLAIN_LINK.fullmatch(value.strip())
    if match is None or "my-drive" in match.group(2):
        return False
    host = match.group(1).lower()
    return not any(cloud in host for cloud in _PERSONAL_CLOUDS)


def _examine(value: str, kind: type) -> list[LinkProblem]:
    text = value.strip()
    problems: list[LinkProblem] = []
    found = _EMBEDDED_HTTP.findall(text)
    if len(found) > 1:
        return [
            LinkProblem(
                "error",
                "V19",
                "в одном поле несколько ссылок; укажите одну "
                "ссылку на один документ (для нескольких — отдельные записи).",
            )
        ]
    lowered = text.lower()
    if (
        lowered.startswith("file:")
        or re.match(r"^[a-z]:[\\/]", lowered)
        or lowered.startswith("\\\\")
    ):
        return [
            LinkProblem(
                "error",
                "V15",
                "ссылка ведёт на файл на вашем компьютере "
                "(file:///…) — посетители сайта его не откроют, а путь выдаёт имя "
                "пользователя. Опубликуйте файл и укажите ссылку https://… или "
                "положите его в папку content/files и укажите в поле file.",
            )
        ]
    if lowered.startswith(("chrome-extension:", "moz-extension:", "edge-extension:")):
        inner = found[0] if found else None
        hint = f" Укажите исходный адрес: {inner}" if inner else ""
        return [
            LinkProblem(
                "error",
                "V16",
                "ссылка обёрнута расширением браузера "
                f"(chrome-extension://…) и у других не откроется.{hint}",
            )
        ]
    if " " in text and found:
        return [
            LinkProblem(
                "error",
                "V5",
                "в ссылке есть пробелы — вероятно, она "
                "склеена из нескольких строк; проверьте адрес.",
            )
        ]
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        if not parts.scheme and _DOMAIN_LIKE.match(text):
            return [LinkProblem("error", "V18", f"в ссылке нет «https://»: укажите https://{text}")]
        if not parts.scheme and " " in text:
            return [
                LinkProblem(
                    "error",
                    "V4",
                    "вместо ссылки указано название или "
                    "реквизиты документа; нужна ссылка вида https://…",
                )
            ]
        return [
            LinkProblem(
                "error",
                "V5",
                f"«{text}» не является ссылкой http(s)://; "
                "нужна ссылка вида https://сайт/путь/документ.pdf",
            )
        ]
    if not parts.hostname or "." not in parts.hostname:
        return [LinkProblem("error", "V5", f"в ссылке «{text}» нет адреса сайта.")]
    query = parse_qs(parts.query)
    if "ouid" in query:
        problems.append(
            LinkProblem(
                "error",
                "V17",
                "ссылка содержит идентификатор личного "
                "аккаунта Google (ouid=…); он не должен попасть на сайт. "
                "Удалите параметр ouid из ссылки.",
            )
        )
    host = parts.hostname.lower()
    if "my-drive" in parts.path:
        problems.append(
            LinkProblem(
                "error",
                "V17",
                "ссылка ведёт в корень личного Google "
                "Диска автора; другим она не откроется. Укажите ссылку "
                "на сам документ.",
            )
        )
    elif any(cloud in host for cloud in _PERSONAL_CLOUDS):
        problems.append(
            LinkProblem(
                "warning",
                "V17",
                "документ лежит в личном облачном "
                "хранилище; для мониторинга нужна ссылка на документ на "
                "официальном сайте организации.",
            )
        )
    if kind is SiteUrl:
        return problems
    if parts.path in ("", "/") and not parts.query:
        problems.append(
            LinkProblem(
                "error",
                "V2",
                "ссылка ведёт на главную страницу сайта, "
                "а не на документ; укажите прямую ссылку на документ.",
            )
        )
    elif parts.path.endswith("/") and not parts.query and not parts.fragment:
        problems.append(
            LinkProblem(
                "warning",
                "V3",
                "ссылка похожа на страницу раздела, а не "
                "на сам документ; по возможности укажите прямую ссылку на "
                "файл или карточку документа.",
            )
        )
    return problems
