"""An attachment the privacy guard refuses (``on_personal_data: redact``) is
not dropped silently: where its link would be, the page says «файл не
опубликован»; why is said to the curator in the build's warning, never on
the site. Checked on the generated HTML of a school and a municipality."""

from __future__ import annotations

import re

from tests.conftest import all_text_files, copy_municipal_demo, edit, read, run_cli
from tests.filefactory import make_pdf

PHONE = "Call +7 912 345-67-89"
NOTE = "(файл не опубликован)"


def _redact(project) -> None:
    edit(project, "site_config.yml", "on_personal_data: error", "on_personal_data: redact")


def _item(html: str, text: str) -> str:
    """The smallest list item, paragraph or card of a page that holds ``text``."""
    found = [
        m.group(0)
        for tag in ("li", "p", "article")
        for m in re.finditer(rf"<{tag}\b[^>]*>(?:(?!</?{tag}\b).)*?</{tag}>", html, re.S)
        if text in m.group(0)
    ]
    assert found, f"{text!r} not on the page"
    return min(found, key=len)


def test_school_pages_name_withheld_files(demo_project):
    _redact(demo_project)
    content = demo_project / "content"
    for rel in (
        "files/dokumenty/prikaz-166.pdf",
        "files/dokumenty/dorozhnaya-karta.pdf",
        "files/materialy/stsenarii-kvesta.pdf",
        "files/materialy/shablon-programmy.pdf",
        "files/dokumenty/tipovaya-programma-uu.pdf",
    ):
        make_pdf(content / rel, [PHONE])
    # Images named after a mentee (the name is surely in the picture's metadata too).
    (content / "files/images/vstrecha.png").rename(content / "files/images/Smirnova_vstrecha.png")
    edit(
        demo_project,
        "content/news/2026-09-22-vstrecha.yml",
        "files/images/vstrecha.png",
        "files/images/Smirnova_vstrecha.png",
    )
    (content / "files/images/ivanova-ea.png").rename(content / "files/images/Smirnova_AO.png")
    edit(
        demo_project,
        "content/mentors/ivanova-ea.yml",
        "files/images/ivanova-ea.png",
        "files/images/Smirnova_AO.png",
    )

    result = run_cli("build", demo_project)
    assert result.code == 0, result.out
    site = demo_project / "site"

    # The curator learns which file and why, with file, line and field.
    warnings = [line for line in result.out.splitlines() if "Файл не опубликован." in line]
    assert any(
        re.match(
            r"content/documents\.yml, строка \d+, поле «documents\[5\]\.file»: "
            r"предупреждение: в файле «files/dokumenty/prikaz-166\.pdf», страница 1 "
            r"найден номер телефона",
            w,
        )
        for w in warnings
    ), result.out
    assert any(
        w.startswith("content/mentors/ivanova-ea.yml") and "«photo.file»" in w and "Smirnova" in w
        for w in warnings
    ), result.out
    assert len(warnings) >= 7

    pages = {
        "dokumenty/index.html": "Текст документа",
        "dorozhnaya-karta/index.html": "Документ с подписью",
        "praktiki/shkola-molodogo-pedagoga/index.html": "Сценарии станций квест-игры",
        "materialy/index.html": "Шаблон",
        "programmy/pp-2025-uu-01/index.html": "Типовая",
        "nastavniki/index.html": "Фотография",
        "novosti/2026-09-22-vstrecha/index.html": "Изображение",
    }
    for rel, label in pages.items():
        html = read(site / rel)
        item = _item(html, NOTE)
        assert label in item, (rel, item)
        assert "<a " not in item.split(label, 1)[1].split(NOTE, 1)[0], (rel, item)
    # The document itself is still listed with its title and date.
    documents = read(site / "dokumenty/index.html")
    assert (
        "О проведении внутреннего мониторинга" in _item(documents, NOTE)
        or documents.count(NOTE) == 1
    )
    # Nothing of the refused files is published: neither the files nor the reasons.
    texts = all_text_files(site)
    assert not any("номер телефона" in t or "скрыто при публикации" in t for t in texts.values())
    assert not any("Smirnova" in p.name or "kvest" in p.name for p in site.rglob("*"))
    pdfs = [p for p in site.rglob("*.pdf")]
    assert pdfs and not any(b"345-67-89" in p.read_bytes() for p in pdfs)
    # Files nobody refused are published as before.
    assert re.search(
        r'<a href="[^"]+\.pdf">[^<]+</a> <span class="nst-file">\(PDF, ',
        read(site / "dokumenty/index.html"),
    )


def test_municipal_pages_name_withheld_files(tmp_path):
    project = copy_municipal_demo(tmp_path / "city")
    _redact(project)
    content = project / "content"
    (content / "files").mkdir(exist_ok=True)
    make_pdf(content / "files/polozhenie-festivalya.pdf", [PHONE])
    make_pdf(content / "files/spravka-2025.pdf", [PHONE])
    make_pdf(content / "files/polozhenie-soveta.pdf", ["Polozhenie o sovete nastavnikov"])
    make_pdf(content / "files/soglashenie-pribor.pdf", ["Soglashenie o sotrudnichestve"])
    edit(
        project,
        "content/contests/festival-2025.yml",
        "    url: https://perspektiva.example.ru/files/festival-2025/polozhenie.pdf",
        "    file: files/polozhenie-festivalya.pdf",
    )
    conclusions = content / "monitoring/conclusions-2025.yml"
    conclusions.write_text(
        conclusions.read_text("utf-8") + "report:\n  title: Аналитическая "
        "справка по итогам мониторинга\n  file: files/spravka-2025.pdf\n",
        "utf-8",
    )
    edit(
        project,
        "content/communities.yml",
        "    organizations: [sosh1, gimnaziya2, litsey7, ddt]",
        "    organizations: [sosh1, gimnaziya2, litsey7, ddt]\n    files:\n      - title: "
        "Положение о совете наставников\n        file: files/polozhenie-soveta.pdf",
    )
    edit(
        project,
        "content/partners.yml",
        "        url: https://litsey7-novoozersk.example.ru/files/soglashenie-pribor.pdf",
        "        file: files/soglashenie-pribor.pdf",
    )

    result = run_cli("build", project)
    assert result.code == 0, result.out
    site = project / "site"
    warnings = [line for line in result.out.splitlines() if "Файл не опубликован." in line]
    assert any(
        w.startswith("content/contests/festival-2025.yml, строка ") and "«files[1].file»" in w
        for w in warnings
    ), result.out
    assert any(
        w.startswith("content/monitoring/conclusions-2025.yml, строка ") and "«report.file»" in w
        for w in warnings
    ), result.out

    contest = read(site / "konkursy/festival-2025/index.html")
    assert (
        "Положение о городском фестивале педагогических и управленческих практик "
        '<span class="nst-file nst-withheld">(файл не опубликован)</span>' in contest
    )
    report = _item(read(site / "monitoring/2025/vyvody/index.html"), NOTE)
    assert "Аналитическая справка по итогам мониторинга" in report and "<a " not in report
    # Attachments of councils and agreements are published (they used to be
    # dropped without a word), as links with format and size.
    council = _item(read(site / "soobshchestva/index.html"), "Положение о совете наставников")
    assert re.search(
        r'<a href="\.\./files/[^"]+\.pdf">Положение о совете наставников</a> '
        r'<span class="nst-file">\(PDF, \d+ Б\)</span>',
        council,
    ), council
    agreement = _item(read(site / "partnery/index.html"), "№ 12/24")
    assert re.search(r'<a href="\.\./files/[^"]+\.pdf">текст соглашения</a>', agreement), agreement
    texts = all_text_files(site)
    assert not any("номер телефона" in t for t in texts.values())
    assert not any(b"345-67-89" in p.read_bytes() for p in site.rglob("*.pdf"))
