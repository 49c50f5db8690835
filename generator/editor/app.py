"""The editor's web application (WSGI), mounted at ``/_nastav/`` of the
preview server (serve.py): forms for every kind of the registry, saved into
``content/`` as YAML that keeps the curator's comments and formatting.

Safe by default: every address is confined to ``content/``; every change is
a POST carrying this server's token (and an Origin, when the browser sends
one, of this server); requests for another host name are refused (a web
page elsewhere cannot reach the preview through DNS rebinding); uploads are
limited in size and type. Nothing of the editor is ever written into the
built site.
"""

from __future__ import annotations

import html
import mimetypes
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from ..config import load_settings
from ..diagnostics import Diagnostic, Report, Severity
from ..kinds import Kind
from ..scaffold.ids import free_id, numbered_id, person_id
from ..util.markup import render_markdown
from ..util.slug import is_slug, slugify
from . import check, document, form_input, form_page, forms
from .places import (
    CONTENT,
    EDITOR,
    Place,
    edit_address,
    file_of,
    is_municipal,
    kinds_of,
    list_address,
    new_address,
    page_of,
    place_of,
)
from .uploads import Upload, UploadRefused, store_upload

STATIC = Path(__file__).with_name("static")
ID_RULE = (
    "Идентификатор станет именем файла и адресом страницы: только латинские строчные "
    "буквы, цифры, «-» и «_», и такого файла ещё не должно быть."
)
MAX_FORM_BYTES = 64 * 1_048_576  # a form with an attachment
Respond = Callable[[str, list[tuple[str, str]]], Any]


class Refused(Exception):
    """A request the editor will not serve: (HTTP status, Russian text)."""

    def __init__(self, status: str, text: str):
        super().__init__(text)
        self.status = status
        self.text = text


@dataclass
class Request:
    method: str
    path: str  # after /_nastav/
    query: dict[str, str]
    form: list[tuple[str, str]] = field(default_factory=list)
    files: list[Upload] = field(default_factory=list)


class EditorApp:
    def __init__(self, project: Path, hosts: Iterable[str], token: str | None = None):
        """``hosts``: the «host:port» names this server answers to."""
        self.project = project.resolve()
        self.hosts = {h.lower() for h in hosts}
        self.token = token or secrets.token_urlsafe(32)

    # -- WSGI ---------------------------------------------------------------------------
    def __call__(self, environ: dict, start_response: Respond) -> list[bytes]:
        try:
            request = self._request(environ)
            status, headers, body = self._route(request)
        except Refused as refused:
            status, headers = refused.status, [("Content-Type", "text/html; charset=utf-8")]
            body = _page("Действие не выполнено", f"<p>{html.escape(refused.text)}</p>")
        except document.Unreadable as unreadable:
            status, headers = (
                "422 Unprocessable Entity",
                [("Content-Type", "text/html; charset=utf-8")],
            )
            body = _page(
                "Файл не открывается в редакторе",
                f"<p>{html.escape(str(unreadable))}</p><p>Исправьте файл в текстовом "
                "редакторе (nastav validate покажет, где ошибка) и откройте форму снова.</p>",
                back=("/", "К сайту"),
            )
        headers += [
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            (
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                "script-src 'self'; frame-ancestors 'none'; form-action 'self'",
            ),
        ]
        start_response(status, headers)
        return [body]

    def _request(self, environ: dict) -> Request:
        host = (environ.get("HTTP_HOST") or "").lower()
        if host not in self.hosts:
            raise Refused("403 Forbidden", "Редактор открывается только по адресу предпросмотра.")
        method = environ.get("REQUEST_METHOD", "GET").upper()
        raw = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")
        path = raw[len(EDITOR) :] if raw.startswith(EDITOR) else ""
        query = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
        request = Request(method, path, query)
        if method == "POST":
            origin = environ.get("HTTP_ORIGIN")
            if origin and urlsplit(origin).netloc.lower() not in self.hosts:
                raise Refused("403 Forbidden", "Запрос с другого сайта отклонён.")
            request.form, request.files = _read_body(environ)
            sent = next((v for k, v in request.form if k == "csrf"), "")
            if not secrets.compare_digest(sent, self.token):
                raise Refused(
                    "403 Forbidden",
                    "Форма устарела (предпросмотр перезапускался). Откройте её заново.",
                )
        return request

    def _route(self, request: Request) -> tuple[str, list[tuple[str, str]], bytes]:
        path = request.path
        if path.startswith("static/"):
            return self._static(path.removeprefix("static/"))
        if path in ("", "index"):
            return _ok(self._index(request.query.get("org")))
        if path == "list":
            return _ok(self._list(self._place(request.query.get("file", ""))))
        if path in ("edit", "new"):
            return self._edit(request)
        if path == "delete":
            return self._delete(request)
        if path == "preview" and request.method == "POST":
            return _ok(str(render_markdown(_field(request, "text"))).encode("utf-8"))
        raise Refused("404 Not Found", "Такой страницы в редакторе нет.")

    # -- pages --------------------------------------------------------------------------
    def _index(self, org: str | None) -> bytes:
        municipal = is_municipal(self.project)
        root = f"{CONTENT}/orgs/{org}" if org else CONTENT
        items = []
        for kind in kinds_of(municipal, org):
            items.append(self._kind_item(kind, root))
        orgs = ""
        if municipal and org is None:
            folder = self.project / CONTENT / "orgs"
            names = (
                sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
            )
            links = "".join(
                f'<li><a href="{EDITOR}?{urlencode({"org": n})}">{html.escape(n)}</a></li>'
                for n in names
            )
            orgs = f"<h2>Организации</h2><ul>{links}</ul>" if links else ""
        title = f"Записи организации {org}" if org else "Записи раздела"
        body = f'<ul class="ed-kinds">{"".join(items)}</ul>{orgs}'
        return _page(title, body, back=("/", "К сайту"))

    def _kind_item(self, kind: Kind, root: str) -> str:
        title = html.escape(kind.title.capitalize())
        if kind.shape == "single":
            return f'<li><a href="{edit_address(file_of(kind, root))}">{title}</a></li>'
        if kind.shape == "list":
            return f'<li><a href="{list_address(file_of(kind, root))}">{title}</a></li>'
        folder = self.project / root / kind.path
        files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
        records = "".join(
            f'<li><a href="{edit_address(f"{root}/{kind.path}/{p.name}")}">'
            f"{html.escape(p.stem)}{' (черновик)' if p.name.startswith('_') else ''}</a></li>"
            for p in files
        )
        add = f'<a class="ed-add" href="{new_address(f"{root}/{kind.path}")}">Добавить</a>'
        return f"<li>{title} {add}<ul>{records}</ul></li>"

    def _list(self, place: Place) -> bytes:
        opened = document.open_file(self._path(place.rel), place.rel)
        count = document.count_entries(opened, place.kind.list_key)
        rows = []
        for n in range(1, count + 1):
            values = document.values_of(opened, place.kind.list_key, n)
            name = _entry_name(values) or f"Запись {n}"
            rows.append(
                f'<li><a href="{edit_address(place.rel, n)}">{html.escape(name)}</a> '
                f'<a class="ed-delete" href="{EDITOR}delete?{urlencode({"file": place.rel, "entry": n})}">'
                f"Удалить</a></li>"
            )
        add = (
            f'<p><a class="ed-add" href="{edit_address(place.rel, "new")}">Добавить запись</a></p>'
        )
        body = f"{add}<ol>{''.join(rows)}</ol>" if rows else f"<p>Записей пока нет.</p>{add}"
        return _page(place.kind.title.capitalize(), body, back=(page_of(place), "К странице"))

    def _edit(self, request: Request) -> tuple[str, list[tuple[str, str]], bytes]:
        new_record = request.path == "new"
        folder = request.query.get("folder", "") if new_record else ""
        rel = request.query.get("file", "") or (f"{folder}/_new.yml" if folder else "")
        place = self._place(rel)
        entry = request.query.get("entry")
        index = self._index_of(place, entry)
        opened = document.open_file(self._path(place.rel), place.rel)
        if index == -1:  # a new entry of a list file: after the last one
            index = document.count_entries(opened, place.kind.list_key) + 1
        if request.method == "GET":
            values = (
                {} if new_record else document.values_of(opened, place.kind.list_key or None, index)
            )
            return _ok(self._form(place, request, values, {}, [], opened.digest, new_record))
        return self._save(place, request, opened, index, new_record)

    def _save(
        self, place: Place, request: Request, opened: document.Opened, index: int | None, new: bool
    ) -> tuple[str, list[tuple[str, str]], bytes]:
        digest = _field(request, "_digest")
        pairs = [(k, v) for k, v in request.form if not k.startswith("_")]
        # Files first: the stored path becomes the field's value, the last one
        # of its name winning over the text field with the old path.
        named = dict(pairs).get(place.kind.words.title_field) or _entry_name(dict(pairs))
        for upload in request.files:
            try:
                stored = store_upload(self.project / place.root, place.kind, upload, named)
            except UploadRefused as refused:
                values = form_input.parse_form(pairs, place.kind.cls)
                refusal = {upload.field: str(refused)}
                return _ok(self._form(place, request, values, refusal, [], digest, new))
            pairs.append((upload.field, stored))
        values = form_input.parse_form(pairs, place.kind.cls)
        if new:
            record_id = self._new_id(place, request, values)
            if record_id is None:
                refusal = {"_id": ID_RULE}
                return _ok(self._form(place, request, values, refusal, [ID_RULE], digest, new))
            place = Place(
                file_of(place.kind, place.root, record_id), place.kind, place.root, place.org
            )
            opened = document.open_file(self._path(place.rel), place.rel)
        text = document.updated_text(
            opened, values, place.kind.list_key or None, index, cls=place.kind.cls
        )
        if _field(request, "_action") == "draft":
            draft = _draft_rel(place.rel)
            current = document.open_file(self._path(draft), draft)
            document.write_atomic(self._path(draft), text, current.digest)
            note = f"Черновик сохранён в {draft}: он не публикуется, пока не сохранён как запись."
            return _ok(self._form(place, request, values, {}, [], digest, new, notice=note))
        settings = load_settings(self.project, Report())
        found = check.problems(self.project, place, text, settings) if settings else []
        errors = [d for d in found if d.severity is Severity.ERROR]
        if errors:
            by_field = _by_field(errors, place, index)
            summary = [d.format() for d in errors]
            return _ok(self._form(place, request, values, by_field, summary, digest, new))
        try:
            document.write_atomic(self._path(place.rel), text, "" if new else digest)
        except document.Conflict as conflict:
            return _ok(
                self._form(
                    place, request, values, {}, [], opened.digest, new, conflict=conflict.current
                )
            )
        return "303 See Other", [("Location", page_of(place))], b""

    def _delete(self, request: Request) -> tuple[str, list[tuple[str, str]], bytes]:
        place = self._place(request.query.get("file", ""))
        index = self._index_of(place, request.query.get("entry"))
        if request.method == "GET":
            what = f"запись {index} из {place.rel}" if index else place.rel
            body = (
                f'<form method="post" action="{EDITOR}delete?{urlencode(request.query)}">'
                f'<input type="hidden" name="csrf" value="{self.token}">'
                f"<p>Удалить {html.escape(what)}? Файл можно будет вернуть из папки "
                f".nastav/deleted проекта.</p>"
                '<p><button type="submit">Удалить</button> '
                f'<a href="{page_of(place)}">Отмена</a></p></form>'
            )
            return _ok(_page("Удаление записи", body))
        path = self._path(place.rel)
        if index is not None and place.kind.list_key:  # an entry: the list file stays
            opened = document.open_file(path, place.rel)
            text = document.removed_entry_text(opened, place.kind.list_key, index)
            document.write_atomic(path, text, opened.digest)
        else:
            document.trash(self.project, path)
        return "303 See Other", [("Location", page_of(place))], b""

    # -- helpers ------------------------------------------------------------------------
    def _form(
        self,
        place: Place,
        request: Request,
        values: dict,
        errors: dict[str, str],
        summary: list[str],
        digest: str,
        new: bool,
        conflict: str | None = None,
        notice: str | None = None,
    ) -> bytes:
        settings = load_settings(self.project, Report())
        vocabularies = settings.vocabularies if settings else {}
        fields = forms.form_fields(place.kind.cls, values, vocabularies, self._refs(place), errors)
        action = f"{EDITOR}{'new' if new else 'edit'}?{urlencode(request.query)}"
        page = form_page.render_form(
            None,
            title=("Новая запись: " if new else "") + place.kind.title,
            fields=fields,
            action=action,
            csrf=self.token,
            summary=summary,
            back=page_of(place),
            kind_title=place.kind.title,
            draft_allowed=True,
            conflict=conflict,
            preview=f"{EDITOR}preview",
            notice=notice,
            extra_html=self._hidden(request, digest, new and place.kind.by_file, errors),
        )
        return page.encode("utf-8")

    @staticmethod
    def _hidden(request: Request, digest: str, asks_id: bool, errors: dict[str, str]) -> str:
        """The file's digest when the form was opened (a change on disk since
        is a conflict) and, for a new record kept in its own file, its id."""
        hidden = f'<input type="hidden" name="_digest" value="{html.escape(digest)}">'
        if not asks_id:
            return hidden
        error = errors.get("_id")
        return hidden + (
            '<p class="ed-id"><label for="ed-record-id">Идентификатор (имя файла и адрес '
            'страницы)</label> <input id="ed-record-id" name="_id" value="'
            f'{html.escape(_field(request, "_id"))}" aria-describedby="ed-record-id-help"'
            + (' aria-invalid="true"' if error else "")
            + ">"
            '<span id="ed-record-id-help"> Латиница, цифры, «-»; если не заполнить — '
            "составится из названия.</span>"
            + (f'<span class="ed-error" role="alert"> {html.escape(error)}</span>' if error else "")
            + "</p>"
        )

    def _refs(self, place: Place) -> dict[str, list[tuple[str, str]]]:
        """Records a field may refer to, each shown by its name (id in brackets)."""
        root = self.project / place.root
        refs = {
            "mentor": self._named(root / "mentors", "full_name"),
            "program": self._named(root / "programs", "title"),
            "contest": self._named(self.project / CONTENT / "contests", "name"),
        }
        return refs

    @staticmethod
    def _named(folder: Path, field_name: str) -> list[tuple[str, str]]:
        out = []
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            if path.name.startswith("_"):
                continue
            try:
                values = document.values_of(document.open_file(path, path.name))
            except Exception:  # a file with an error still is a record to refer to
                values = {}
            name = values.get(field_name)
            label = f"{name} ({path.stem})" if isinstance(name, str) and name else path.stem
            out.append((path.stem, label))
        return out

    def _new_id(self, place: Place, request: Request, values: dict) -> str | None:
        given = _field(request, "_id").strip()
        folder = self.project / place.root / place.kind.path
        if given:
            return given if is_slug(given) and not (folder / f"{given}.yml").exists() else None
        title = values.get(place.kind.words.title_field)
        if place.kind.key == "mentors" and isinstance(title, str) and title.strip():
            return free_id(folder, person_id(title))
        if isinstance(title, str) and title.strip():
            return free_id(folder, slugify(title, 50))
        return numbered_id(folder, slugify(place.kind.title, 20) or "zapis")

    def _place(self, rel: str) -> Place:
        place = place_of(rel, is_municipal(self.project))
        if place is None:
            raise Refused("404 Not Found", f"Файл «{rel}» не относится ни к одному виду записей.")
        self._path(place.rel)  # confined to content/
        return place

    def _path(self, rel: str) -> Path:
        try:
            return document.confined(self.project, rel.removeprefix(f"{CONTENT}/"))
        except ValueError as exc:
            raise Refused("403 Forbidden", str(exc)) from exc

    @staticmethod
    def _index_of(place: Place, entry: str | None) -> int | None:
        if place.kind.shape != "list":
            return None
        if entry == "new":
            return -1  # resolved against the file when saving
        try:
            return max(1, int(entry or "1"))
        except ValueError as exc:
            raise Refused("404 Not Found", "Номер записи указан неверно.") from exc

    def _static(self, name: str) -> tuple[str, list[tuple[str, str]], bytes]:
        path = (STATIC / name).resolve()
        if path.parent != STATIC.resolve() or not path.is_file():
            raise Refused("404 Not Found", "Файла нет.")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return "200 OK", [("Content-Type", f"{kind}; charset=utf-8")], path.read_bytes()


def _ok(body: bytes) -> tuple[str, list[tuple[str, str]], bytes]:
    return "200 OK", [("Content-Type", "text/html; charset=utf-8")], body


def _page(title: str, body: str, back: tuple[str, str] | None = None) -> bytes:
    link = f'<p><a href="{back[0]}">{html.escape(back[1])}</a></p>' if back else ""
    return (
        '<!doctype html><html lang="ru"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} — редактор</title>"
        '<link rel="stylesheet" href="/_nastav/static/editor.css"></head>'
        f'<body><main class="ed-page"><h1>{html.escape(title)}</h1>{body}{link}</main></body></html>'
    ).encode()


def _field(request: Request, name: str) -> str:
    """The last value sent under ``name`` (as the form parser takes it)."""
    return next((v for k, v in reversed(request.form) if k == name), "")


def _entry_name(values: dict) -> str:
    for key in ("title", "name", "partner", "full_name"):
        if isinstance(values.get(key), str) and values[key].strip():
            return values[key]
    return ""


def _draft_rel(rel: str) -> str:
    folder, _, name = rel.rpartition("/")
    return f"{folder}/_{name.lstrip('_')}"


def _by_field(errors: list[Diagnostic], place: Place, index: int | None) -> dict[str, str]:
    """Diagnostics by the form's field names: a list file's «acts[3].title» is
    the entry form's «title»."""
    prefix = f"{place.kind.list_key}[{index}]." if index else ""
    out: dict[str, str] = {}
    for d in errors:
        name = d.location.field or ""
        if prefix and name.startswith(prefix):
            name = name[len(prefix) :]
        if name and name not in out:
            out[name] = d.message
    return out


def _read_body(environ: dict) -> tuple[list[tuple[str, str]], list[Upload]]:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > MAX_FORM_BYTES:
        raise Refused("413 Payload Too Large", "Файл слишком большой для загрузки.")
    body = environ["wsgi.input"].read(length) if length else b""
    kind = environ.get("CONTENT_TYPE", "")
    if kind.startswith("application/x-www-form-urlencoded"):
        return parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True), []
    if not kind.startswith("multipart/form-data"):
        return [], []
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + kind.encode("latin-1") + b"\r\n\r\n" + body
    )
    pairs: list[tuple[str, str]] = []
    files: list[Upload] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        filename = part.get_filename()
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            payload = b""
        if filename is not None:
            if filename and payload:
                files.append(Upload(name, filename, payload))
        else:
            pairs.append((name, payload.decode("utf-8", "replace")))
    return pairs, files
