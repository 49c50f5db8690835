"""Run ``mkdocs build`` in-process and turn its log into our diagnostics.

MkDocs is run strict: a warning (a broken link in a generated page) is a
bug of ours or of the content, and must stop the build rather than
publish a broken site.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..diagnostics import Location, Report
from .mkdocs_speed import anchors_found_by_pattern, shortcuts_allowed, theme_files_listed


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _PageCounter(logging.Handler):
    """Counts MkDocs' «Building page …» debug lines for a progress display."""

    def __init__(self, callback) -> None:
        super().__init__(logging.DEBUG)
        self.callback = callback
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Building page "):
            self.count += 1
            self.callback(self.count)


def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    report: Report,
    verbose: bool = False,
    dirty: bool = False,
    on_page=None,
    template_cache: Path | None = None,
    pages_only: bool = False,
) -> bool:
    """``template_cache`` keeps Material's compiled templates between runs;
    ``pages_only`` skips the theme's static pages (404.html, sitemap.xml) for a
    partial run whose theme output is already kept (build/engine.py). Both are
    settings of this runner, not of the docs tree: plain ``mkdocs build`` of
    the same tree gives the same pages (so do the shortcuts of mkdocs_speed).
    Both reach into MkDocs, so like those shortcuts they are taken only on
    proven versions; otherwise MkDocs runs as it comes."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    previous_level = logger.level
    logger.addHandler(collector)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    build_logger = logging.getLogger("mkdocs.commands.build")
    counter = _PageCounter(on_page) if on_page else None
    if counter:
        build_logger.addHandler(counter)
        build_logger.setLevel(logging.DEBUG)
    # MkDocs attaches its own console handler only when run from its CLI.
    theme_dir = ""
    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        theme_dir = config.theme.custom_dir or ""
        _escaped_once(config)
        if shortcuts_allowed():
            _tune_theme(config.theme, template_cache, pages_only)
            with theme_files_listed(not pages_only), anchors_found_by_pattern():
                build(config, dirty=dirty)
        else:
            build(config, dirty=dirty)
    except exceptions.Abort as exc:
        _report(report, collector.messages or [str(exc)])
        return False
    except exceptions.MkDocsException as exc:
        _report(report, [*collector.messages, str(exc)])
        return False
    except Exception as exc:  # a template of the project's theme/ failed: its file and line
        if not _template_error(report, exc, theme_dir):
            raise  # not in a theme template: a bug of ours, reported as such by the CLI
        return False
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous_level)
        if counter:
            build_logger.removeHandler(counter)
            build_logger.setLevel(logging.NOTSET)
    if collector.messages:
        _report(report, collector.messages)
        return False
    return True


def _tune_theme(theme, template_cache: Path | None, pages_only: bool) -> None:
    if pages_only:
        theme.static_templates.clear()
    if template_cache is not None:
        import jinja2

        template_cache.mkdir(parents=True, exist_ok=True)
        bytecode = jinja2.FileSystemBytecodeCache(str(template_cache))
        make_env = theme.get_env

        def get_env():  # MkDocs makes a new environment per build
            env = make_env()
            env.bytecode_cache = bytecode
            return env

        theme.get_env = get_env


def _escaped_once(config) -> None:
    """``site_name`` and ``site_description`` arrive escaped (mkdocs_config.py:
    Material prints them unescaped in <title> and <meta>); marking them as
    markup keeps Material's own ``| e`` (the logo's title) from escaping them
    a second time. Every output then holds them escaped exactly once."""
    from markupsafe import Markup

    for key in ("site_name", "site_description"):
        if isinstance(config.get(key), str):
            config[key] = Markup(config[key])


def _template_error(report: Report, exc: BaseException, theme_dir: str) -> bool:
    """Report an exception raised in a template of ``theme_dir`` (the merged
    theme: the project's ``theme/`` over ours) at its file and line, as
    ``theme/…``; False when no such template is involved."""
    import traceback

    import jinja2

    root = os.path.realpath(theme_dir) + os.sep if theme_dir else None
    where: tuple[str, int | None] | None = None
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename and root:
        named = os.path.realpath(exc.filename)
        where = (named[len(root) :], exc.lineno) if named.startswith(root) else None
    if where is None and root:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename and os.path.realpath(frame.filename).startswith(root):
                where = (os.path.realpath(frame.filename)[len(root) :], frame.lineno)
                break
    if where is None:
        return False
    rel, line = where
    if isinstance(exc, jinja2.TemplateSyntaxError):
        what = "ошибка синтаксиса шаблона Jinja"
        advice = "проверьте, что каждый {% … %} и {{ … }} закрыт и парные теги на месте"
    elif isinstance(exc, jinja2.UndefinedError):
        what = "в шаблоне использовано то, чего нет"
        advice = "проверьте имя переменной или поля"
    else:
        what = "шаблон не удалось выполнить"
        advice = "проверьте выражение в этой строке"
    detail = " ".join(str(exc).split())[:200]
    report.error(
        Location(f"theme/{rel.replace(os.sep, '/')}", line),
        f"{what} ({type(exc).__name__}: {detail}): {advice}. Исправьте шаблон или удалите "
        "его из папки theme/, чтобы использовался стандартный.",
        "theme",
    )
    return True


def _report(report: Report, messages: list[str]) -> None:
    for message in messages:
        report.error(Location("mkdocs"), f"сборка страниц MkDocs остановлена: {message}", "mkdocs")
