"""A cached build is the build: the same bytes as one that reads no cache,
and no result kept from code that is not the code running now."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, copy_demo, copy_municipal_demo, differences, edit, run_cli

# The kinds of edit a methodist makes in a day, each followed by a rebuild.
EDITS = [
    (
        "a program",
        "content/orgs/sosh3/programs/pp-2025-1.yml",
        "title: Адаптация молодого учителя (физика)",
        "title: Адаптация молодого учителя физики",
    ),
    (
        "a mentor's consent",
        "content/orgs/sosh3/mentors/mentor-1.yml",
        "  - стаж\n",
        "",
    ),
    (
        "a monitoring value",
        "content/monitoring/znacheniya-2025.csv",
        "2025,sosh3,2.2,0,",
        "2025,sosh3,2.2,1,",
    ),
    (
        # The coordinator's conclusions: pages and report, not the values.
        "the conclusions",
        "content/monitoring/conclusions-2025.yml",
        "провести семинар для кураторов",
        "провести два семинара для кураторов",
    ),
    (
        # Confirms monitoring values of another stage (monitoring/agreements.py).
        "a school's agreement",
        "content/orgs/litsey7/agreements.yml",
        "    mentors: 1\n",
        "    mentors: 2\n",
    ),
    (
        # Read by the monitoring report (generator/report), not by the monitoring stage.
        "the order of the monitoring",
        "content/normative_acts.yml",
        'number: "412"\n',
        'number: "412-о"\n',
    ),
    (
        "a practice",
        "content/practices/gorodskaya-shkola-molodogo-pedagoga.yml",
        "  - 14 открытых уроков наставников",
        "  - 15 открытых уроков наставников",
    ),
]


def test_every_cached_rebuild_equals_a_build_without_cache(tmp_path):
    city = copy_municipal_demo(tmp_path / "city")
    first = run_cli("build", city, "-q")
    assert first.code == 0, first.out
    for what, rel, old, new in EDITS:
        edit(city, rel, old, new)
        cached = run_cli("build", city, "-q")
        assert cached.code == 0, f"{what}: {cached.out}"
        fresh = run_cli("build", city, "--no-cache", "-o", tmp_path / "fresh", "-q")
        assert fresh.code == 0, f"{what}: {fresh.out}"
        site, other = city / "site", tmp_path / "fresh"
        assert differences(site, other) == [], what
        # What the edit changed is there: these are the pages and data, not stale copies.
        assert len(list(site.rglob("*.html"))) > 90
        assert (site / "pagefind").is_dir() and (site / "data/programs.csv").is_file()
    assert "Адаптация молодого учителя физики" in (site / "data/programs.csv").read_text(
        "utf-8-sig"
    )


def test_large_downloads_kept_apart_give_the_same_site(tmp_path, monkeypatch):
    """A region's monitoring values are 110 MB of open data, kept in the
    cache as files of their own and linked into the site, not read back
    (util/stored.py). Here everything from 1 KB is: kept, reused, made
    anew after an edit of the values and after the kept files went — each
    time the same site as a build without the cache."""
    from generator import memo

    monkeypatch.setattr(memo, "APART_FROM", 1024)
    city = copy_municipal_demo(tmp_path / "city")
    kept = city / ".nastav/cache/memo" / memo.APART
    values = "content/monitoring/znacheniya-2025.csv"
    steps = [
        ("first build", lambda: None),
        ("a program", lambda: edit(city, *EDITS[0][1:])),
        (
            "a monitoring value",
            lambda: edit(city, values, "2025,sosh3,2.2,0,", "2025,sosh3,2.2,1,"),
        ),
        ("kept files gone", lambda: shutil.rmtree(kept)),
    ]
    for what, change in steps:
        change()
        cached = run_cli("build", city, "-q")
        assert cached.code == 0, f"{what}: {cached.out}"
        fresh = run_cli("build", city, "--no-cache", "-o", tmp_path / "fresh", "-q")
        assert fresh.code == 0, f"{what}: {fresh.out}"
        assert differences(city / "site", tmp_path / "fresh") == [], what
        published = city / "site/data/monitoring.csv"
        # Only what this build used is kept, and the site's file is the kept one
        # (once the kept files went, the docs tree's copy of the same bytes stays).
        assert len(list(kept.iterdir())) == 3, (what, sorted(f.name for f in kept.iterdir()))
        linked = any(published.samefile(f) for f in kept.iterdir())
        assert linked == (what != "kept files gone"), what
    assert "2025;" in published.read_text("utf-8-sig")


def test_no_cache_reads_nothing_of_earlier_builds(tmp_path):
    """A cache whose every file is garbage does not matter to --no-cache."""
    city = copy_municipal_demo(tmp_path / "city")
    assert run_cli("build", city, "-q").code == 0
    for path in (city / ".nastav").rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x80garbage")
    result = run_cli("build", city, "--no-cache", "-v")
    assert result.code == 0, result.out
    assert "кэш сборки: не используется" in result.out
    assert "из кэша — 0" in result.out and "MkDocs собрал страниц" in result.out
    assert not [p for p in (city / ".nastav").iterdir() if p.name.startswith("nocache-")]


# -- a new version of nastav ----------------------------------------------------------
NEW_DETECTOR = """

def _words_of_the_new_version(text, allowed):
    return [Finding(m.start(), m.end(), m.group(0), "слова новой проверки", "уберите их")
            for m in re.finditer("Наставничество в цифрах", text)]


DETECTORS = DETECTORS + (_words_of_the_new_version,)
"""
NEW_RULE = (
    "    checker.dated_records()\n",
    "    checker.dated_records()\n"
    '    report.warning(Location(content.display_root), "правило новой версии", "new-rule")\n',
)


def nastav_from(code: Path, *args: str | Path) -> tuple[int, str]:
    """``nastav`` run from the package in ``code`` (not the repository's)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True, text=True, env=env, cwd=code, timeout=600,
    )  # fmt: skip
    return done.returncode, done.stdout + done.stderr


def test_a_new_detector_or_rule_rechecks_every_file(tmp_path):
    """nastav upgraded with one more privacy detector and one more rule: the
    next build, with the caches of the old version in place, re-checks every
    file and reports what the new checks find — as a build without cache does."""
    code = tmp_path / "code"
    for part in ("generator", "theme"):  # a checkout of the new version
        shutil.copytree(ROOT / part, code / part, ignore=shutil.ignore_patterns("__pycache__"))
    city = copy_municipal_demo(tmp_path / "city")
    status, out = nastav_from(code, "build", city, "-q")
    assert status == 0, out

    detectors = code / "generator/privacy/detectors.py"
    detectors.write_text(detectors.read_text("utf-8") + NEW_DETECTOR, "utf-8")
    rules = code / "generator/rules/org_rules.py"
    text = rules.read_text("utf-8")
    assert NEW_RULE[0] in text
    rules.write_text(text.replace(NEW_RULE[0], NEW_RULE[1], 1), "utf-8")

    status, cached = nastav_from(code, "build", city)
    status_fresh, fresh = nastav_from(code, "build", city, "--no-cache")
    assert status == status_fresh == 1, cached
    found = [line for line in cached.splitlines() if "слова новой проверки" in line]
    assert any(line.startswith("site/index.html") for line in found), cached[-3000:]
    assert any(line.startswith("site/pagefind/") for line in found), cached[-3000:]
    rule = [line for line in cached.splitlines() if "правило новой версии" in line]
    assert len(rule) == len(list((city / "content/orgs").iterdir())), cached[-3000:]
    assert sorted(found + rule) == sorted(line for line in fresh.splitlines() if "новой" in line), (
        fresh[-3000:]
    )


def test_attachments_are_cleaned_again_when_they_or_their_titles_change(tmp_path):
    """Attachments are published as copies without metadata, kept by content
    (publish/clean.py): a replaced photo and a document whose new title keeps
    its address (the title goes into the PDF) come out as without the cache."""
    from pypdf import PdfReader

    from tests.metafactory import make_jpeg

    school = copy_demo(tmp_path / "school")
    assert run_cli("build", school, "-q").code == 0
    make_jpeg(school / "content/files/images/vstrecha.jpg", "Кузьмин Олег Петрович")
    edit(school, "content/news/2026-09-22-vstrecha.yml", "vstrecha.png", "vstrecha.jpg")
    old = "title: Положение о системе наставничества педагогических работников"
    edit(school, "content/documents.yml", old, old + " школы")
    cached = run_cli("build", school, "-q")
    fresh = run_cli("build", school, "--no-cache", "-o", tmp_path / "fresh", "-q")
    assert cached.code == 0 and fresh.code == 0, cached.out + fresh.out
    assert differences(school / "site", tmp_path / "fresh") == []
    pdf = school / "site/files/dokumenty/polozhenie-o-sisteme-nastavnichestva.pdf"
    assert PdfReader(pdf).metadata == {"/Title": old.removeprefix("title: ") + " школы"}
    assert (
        b"Exif"
        in (school / "site/files/images")
        .joinpath("starsheklassniki-i-pyatiklassniki-v-aktovom-zale.jpg")
        .read_bytes()
    )  # the orientation only: the photo is not shown sideways


def test_mkdocs_in_many_small_parts_builds_the_same_site(tmp_path, monkeypatch):
    """A region's pages go to MkDocs in parts of ``PART_PAGES``, each in a new
    process (build/engine.py): the demo in parts of 10 pages — the theme's
    files from the first part only — is the site of one MkDocs run."""
    from generator.build import engine

    city = copy_municipal_demo(tmp_path / "city")
    prepare = engine.Engine._prepare
    log = tmp_path / "parts.txt"  # also from the processes parts are prepared in

    def counted(self, index, part, nav_paths):
        with open(log, "a", encoding="utf-8") as stream:
            stream.write(f"{len(part)}\n")
        return prepare(self, index, part, nav_paths)

    def prepared() -> list[int]:
        return [int(line) for line in log.read_text("utf-8").split()] if log.exists() else []

    monkeypatch.setattr(engine.Engine, "_prepare", counted)
    monkeypatch.setattr(engine, "PARALLEL_FROM", 1)
    monkeypatch.setattr(engine, "PART_PAGES", 10)
    parts = run_cli("build", city, "--no-cache", "-o", tmp_path / "parts", "-q")
    assert parts.code == 0, parts.out
    if (os.cpu_count() or 1) > 1:
        assert len(prepared()) > 5 and max(prepared()) <= 10, prepared()
    log.unlink()
    monkeypatch.setattr(engine, "PARALLEL_FROM", 10**6)  # one MkDocs run (begun beside)
    whole = run_cli("build", city, "--no-cache", "-o", tmp_path / "whole", "-q")
    assert whole.code == 0, whole.out
    assert len(prepared()) == 1
    assert differences(tmp_path / "parts", tmp_path / "whole") == []


def test_without_fork_mkdocs_runs_in_this_process(tmp_path, monkeypatch):
    """Windows has no fork: a portal of any size is built by one MkDocs run in
    the build's own process (and the stages and the audit compute in it too),
    to the same site."""
    import multiprocessing

    from generator.build import engine

    city = copy_municipal_demo(tmp_path / "city")
    monkeypatch.setattr(engine, "PARALLEL_FROM", 1)
    assert run_cli("build", city, "--no-cache", "-o", tmp_path / "forked", "-q").code == 0

    def no_fork(method=None):
        if method == "fork":
            raise ValueError("cannot find context for 'fork'")
        return get_context(method)

    get_context = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    result = run_cli("build", city, "--no-cache", "-o", tmp_path / "windows", "-q")
    assert result.code == 0, result.out
    assert differences(tmp_path / "forked", tmp_path / "windows") == []


def test_without_fork_a_rebuild_reuses_the_site_folder_to_the_same_site(tmp_path, monkeypatch):
    """The site folder of two builds ago is walked by a forked process while
    the model is made, and the files a rebuild wrote are examined for the
    audit by another (pipeline.py): without fork both are done in the
    build's own process, and the rebuilt site is the one ``--no-cache`` makes."""
    import multiprocessing

    city = copy_municipal_demo(tmp_path / "city")
    get_context = multiprocessing.get_context

    def no_fork(method=None):
        if method == "fork":
            raise ValueError("cannot find context for 'fork'")
        return get_context(method)

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    program = "content/orgs/litsey7/programs/pp-2025-1.yml"
    for n in range(3):  # the third build assembles in the folder of the first
        edit(city, program, "goal: ", f"goal: Шаг {n}. ")
        assert run_cli("build", city, "-q").code == 0
    assert "Шаг 2." in (
        city / "site/organizatsii/litsey7/programmy/pp-2025-1/index.html"
    ).read_text("utf-8")
    assert run_cli("build", city, "--no-cache", "-o", tmp_path / "fresh", "-q").code == 0
    assert differences(city / "site", tmp_path / "fresh") == []


def test_a_name_withdrawn_in_one_school_is_caught_in_the_cached_pages_of_another(tmp_path):
    """The names the guard looks for are kept between builds (the name finder
    of a region takes 0.3 s to make): kept under exactly the people it is made
    of. A director who is a mentor of another school withdraws the consent
    and leaves the post; a third school, whose files did not change, names
    them in a program — its cached pages are checked again and the build stops."""
    city = copy_municipal_demo(tmp_path / "city")
    name = "Лебедев Артём Денисович"
    program = "content/orgs/litsey7/programs/pp-2025-1.yml"
    edit(city, program, "goal: Успешная", f"goal: Вместе с {name} — успешная")
    first = run_cli("build", city, "-q")
    assert first.code == 0, first.out
    assert name in (city / "site/organizatsii/litsey7/programmy/pp-2025-1/index.html").read_text(
        "utf-8"
    )
    edit(city, "content/orgs/ddt/mentors/mentor-1.yml", "  - ФИО\n", "")
    edit(city, "content/orgs/sosh21/organization.yml", name, "Новиков Пётр Ильич")
    again = run_cli("build", city, "-q")
    assert again.code == 1, again.out
    assert "pp-2025-1.yml" in again.out and "Лебедев" in again.out, again.out
