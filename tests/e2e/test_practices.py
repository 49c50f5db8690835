"""Practice cards, the catalog's files and the feeds, read from built sites."""

import html as htmllib
import json
import re
import xml.etree.ElementTree as ET

from tests.conftest import all_text_files, check_project, edit, messages, read, run_cli

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(site):
    return json.loads(read(site / "data/practices-feed.json"))


def catalog(site):
    return json.loads(read(site / "praktiki/katalog.json"))


def test_card_shows_the_q5_fields(demo_site):
    html = read(demo_site / "praktiki/shkola-molodogo-pedagoga/index.html")
    facts = re.search(r'<div class="nst-summary nst-card-facts">.*?</div>', html, re.S).group(0)
    for label, value in [
        ("Организация", "МБОУ «СОШ № 14 им. В.Г. Короленко»"),
        ("Муниципальное образование", "городской округ Новоозёрск"),
        ("Регион", "Озёрская область"),  # defaults from the organization
        ("Автор", "Иванова Елена Анатольевна, учитель русского языка"),
        ("Целевая аудитория", "молодые педагоги, кураторы и наставники"),
    ]:
        assert re.search(rf"<dt>{label}</dt>\s*<dd[^>]*>.*?{re.escape(value)}", facts), label
    assert 'href="../?form=uchitel-uchitel"' in facts  # the form opens the filtered catalog
    assert "номинация «Наставник для педагога»: <strong>призёр</strong>" in facts
    for heading in (
        "Проблема и актуальность",
        "Цель",
        "Задачи",
        "Содержание и механизмы",
        "Этапы реализации",
        "Ресурсы и условия",
        "Результаты",
        "Возможность тиражирования",
        "Материалы",
        "Контакты",
        "Программы, из которых выросла практика",
        "Как сослаться",
    ):
        assert f">{heading}<" in html, heading
    # Materials say what they are: kind, format and size.
    assert re.search(
        r"Сценарии станций квест-игры</a> <span class=\"nst-file\">\(PDF, \d+ КБ\)", html
    )
    assert ">анкета</span>" in html
    assert "типовая программа</span>" in html


def test_contacts_fall_back_to_the_organization(demo_site):
    html = read(demo_site / "praktiki/olimpiadnaya-komanda/index.html")
    contacts = html.split(">Контакты<", 1)[1]
    assert "school14@novoozersk-edu.example.ru" in contacts and "ул. Школьная, д. 14" in contacts


def test_citation_without_site_url_names_the_path(demo_site):
    html = read(demo_site / "praktiki/olimpiadnaya-komanda/index.html")
    cite = re.search(r'<p class="nst-cite__text" data-nst-cite>(.*?)</p>', html, re.S).group(1)
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", cite))
    assert text.startswith(
        "Олимпиадная команда: учитель информатики как наставник / "
        "МБОУ «СОШ № 14 им. В.Г. Короленко». – 2024. – URL: "
        "praktiki/olimpiadnaya-komanda/"
    )
    assert "адрес сайта не указан в настройках" in text
    assert "(дата обращения: 22.11.2026). – Текст : электронный." in text


def test_citation_with_site_url_is_absolute(demo_project):
    edit(
        demo_project,
        "site_config.yml",
        "# site_url: https://school14-novoozersk.example.ru/nastavnichestvo/",
        "site_url: https://school14-novoozersk.example.ru/nastavnichestvo/",
    )
    assert run_cli("build", demo_project, "-q").code == 0
    html = htmllib.unescape(read(demo_project / "site/praktiki/olimpiadnaya-komanda/index.html"))
    assert (
        "URL: <span data-nst-cite-url>https://school14-novoozersk.example.ru/nastavnichestvo/"
        "praktiki/olimpiadnaya-komanda/</span> (дата обращения"
    ) in html
    data = feed(demo_project / "site")
    assert data["site"]["url"] == "https://school14-novoozersk.example.ru/nastavnichestvo/"
    card = next(p for p in data["practices"] if p["id"] == "olimpiadnaya-komanda")
    assert card["link"] == (
        "https://school14-novoozersk.example.ru/nastavnichestvo/praktiki/olimpiadnaya-komanda/"
    )
    atom = ET.fromstring(read(demo_project / "site/data/practices.atom"))
    assert atom.find(f"{ATOM}entry/{ATOM}link").get("href").startswith("https://")


def test_catalog_without_javascript_groups_by_form_and_links_typical_programs(demo_site):
    html = read(demo_site / "praktiki/index.html")
    static = html.split("data-nst-static", 1)[1]
    groups = re.findall(r'<h2 id="forma-([a-z-]+)">(.*?) \((\d+)\)</h2>', static)
    assert ("uchitel-uchitel", "учитель – учитель", "3") in groups
    assert {g[0] for g in groups} == {
        "uchitel-uchitel",
        "uchenik-uchenik",
        "uchitel-uchenik",
        "rabotodatel-uchenik",
    }
    uu = static.split('id="forma-uchitel-uchitel"')[1].split("</section>")[0]
    assert 'Типовая программа: <a href="../programmy/pp-2025-uu-01/">' in uu
    assert uu.count("<li>") == 3
    # Typical programmes and contests are listed for everyone.
    assert ">Типовые программы по формам наставничества<" in html
    assert "Региональный конкурс «Лучшие практики наставничества», 2026" in html
    assert '<div class="nst-catalog" data-nst-catalog="katalog.json" hidden>' in html


def test_catalog_json_is_small_and_consistent(demo_site):
    data = catalog(demo_site)
    assert data["count"] == len(data["items"]) == 6
    facets = {f["key"]: f for f in data["facets"]}
    assert list(facets) == [
        "form",
        "type",
        "audience",
        "year",
        "contest",
        "nomination",
        "award",
        "tag",
    ]  # one organization: no organization facet
    form = {v["id"]: v for v in facets["form"]["values"]}
    assert form["uchitel-uchitel"]["typical"][0]["url"] == "../programmy/pp-2025-uu-01/"
    for facet in facets.values():  # every value id is used by some card, and vice versa
        used = {i for item in data["items"] for i in item["f"].get(facet["key"], [])}
        assert used == {v["id"] for v in facet["values"]}, facet["key"]
    assert (demo_site / "praktiki/katalog.json").stat().st_size < 12_000


def test_feed_documents_every_public_card(demo_site):
    data = feed(demo_site)
    assert data["format"] == "nastav-practices" and data["version"] == 1
    assert data["count"] == 6 and data["site"]["url"] is None
    card = next(p for p in data["practices"] if p["id"] == "shkola-molodogo-pedagoga")
    assert card["url"] == "praktiki/shkola-molodogo-pedagoga/"
    assert card["forms"] == [{"id": "uchitel-uchitel", "label": "учитель – учитель"}]
    assert card["authors"] == [
        {
            "full_name": "Иванова Елена Анатольевна",
            "position": "учитель русского языка и литературы",
        }
    ]
    assert card["contests"][0] == {
        "name": "Муниципальный фестиваль педагогических и управленческих практик",
        "year": 2026,
        "nomination": "Наставник для педагога",
        "award": "призёр",
        "level": "муниципальный",
    }
    assert card["materials"][0]["url"].startswith("files/praktiki/")
    assert card["materials"][0]["format"] == "PDF" and card["materials"][0]["size"] > 0
    assert card["programs"] == [
        {
            "title": "Адаптация молодого учителя русского языка и литературы",
            "url": "programmy/pp-2025-uu-01/",
            "typical": True,
        }
    ]
    readme = read(demo_site / "data/README.txt")
    assert "Открытые данные раздела" in readme  # the open-data README, extended
    assert "practices-feed.json — все опубликованные карточки" in readme
    assert "authors       — авторы, опубликованные с их согласия" in readme


def test_atom_lists_new_practices_newest_first(demo_site):
    atom = ET.fromstring(read(demo_site / "data/practices.atom"))
    entries = atom.findall(f"{ATOM}entry")
    dates = [e.find(f"{ATOM}published").text for e in entries]
    assert dates == sorted(dates, reverse=True) and len(dates) == 6
    first = entries[0]
    assert first.find(f"{ATOM}title").text == (
        "От проекта к производству: наставничество специалистов предприятия"
    )
    assert first.find(f"{ATOM}link").get("href") == "../praktiki/ot-proekta-k-proizvodstvu/"
    assert atom.find(f"{ATOM}updated").text == "2026-06-20T00:00:00Z"


def test_authors_are_named_only_with_consent(demo_project):
    path = "content/practices/reversivnoe-nastavnichestvo.yml"
    edit(
        demo_project,
        path,
        "  - mentor: sokolov-dm",
        "  - mentor: sokolov-dm\n"
        "  - mentor: kuznetsova-ov\n"  # consent expired
        "  - full_name: Громова Ирина Львовна\n"  # no consent at all
        "    position: методист\n"
        "  - full_name: Яковлева Дарья Сергеевна\n"
        "    position: педагог-психолог\n"
        "    consent: {fields: [ФИО], date: 01.09.2026}",
    )
    result = run_cli("build", demo_project)
    assert result.code == 0, result.out
    assert "нет согласия: автор на карточке указан не будет" in result.out
    assert "«kuznetsova-ov» не дал согласия" in result.out
    texts = all_text_files(demo_project / "site")
    page = texts["praktiki/reversivnoe-nastavnichestvo/index.html"]
    assert "Соколов Дмитрий Михайлович, учитель информатики" in page
    assert "Яковлева Дарья Сергеевна" in page and "педагог-психолог" not in page
    everything = "\n".join(texts.values())
    assert "Громова" not in everything and "Кузнецова" not in everything


def test_an_unconsented_author_named_in_the_text_stops_the_build(demo_project):
    edit(
        demo_project,
        "content/practices/reversivnoe-nastavnichestvo.yml",
        "  - mentor: sokolov-dm",
        "  - mentor: sokolov-dm\n  - full_name: Громова Ирина Львовна",
    )
    edit(
        demo_project,
        "content/practices/reversivnoe-nastavnichestvo.yml",
        "goal: Взаимное",
        "goal: Идея Громовой Ирины. Взаимное",
    )
    found = "\n".join(messages(check_project(demo_project), "PD"))
    assert "«Громовой Ирины» (автор без согласия на публикацию)" in found


def test_card_rules(demo_project):
    edit(
        demo_project,
        "content/practices/olimpiadnaya-komanda.yml",
        "  - mentor: sokolov-dm",
        "  - mentor: sokolov-dm\n    full_name: Соколов Дмитрий Михайлович\n  - position: методист",
    )
    edit(
        demo_project,
        "content/practices/olimpiadnaya-komanda.yml",
        "tags:",
        "materials:\n  - title: Презентация\ntags:",
    )
    found = messages(check_project(demo_project))
    text = "\n".join(found)
    assert text.count("укажите автора одним способом") == 2
    assert "материал «Презентация»: укажите файл (file) или ссылку (url)" in text


def test_future_publication_date_hides_the_card(demo_project):
    edit(
        demo_project,
        "content/practices/olimpiadnaya-komanda.yml",
        "published: 01.09.2024",
        "published: 01.12.2026",
    )
    result = run_cli("build", demo_project)
    assert result.code == 0 and "практика появится на сайте после сборки в этот день" in result.out
    site = demo_project / "site"
    assert not (site / "praktiki/olimpiadnaya-komanda").exists()
    assert "Олимпиадная команда" not in "\n".join(all_text_files(site).values())


def test_second_typical_program_of_a_form_is_a_warning(demo_project):
    edit(demo_project, "content/programs/pp-2025-uu-02.yml", "status:", "typical: true\nstatus:")
    text = "\n".join(messages(check_project(demo_project), "typical"))
    assert "типовая программа формы «учитель – учитель» уже есть: «pp-2025-uu-01»" in text


def test_municipal_catalog_collects_every_organization(municipal_site):
    data = catalog(municipal_site)
    titles = {item["title"] for item in data["items"]}
    assert {
        "Клуб молодого учителя",
        "Творческая мастерская «Наставник и ученик»",
        "Городская школа молодого педагога",
    } <= titles and len(titles) == 7
    facets = {f["key"]: f for f in data["facets"]}
    assert "org" in facets and "municipality" not in facets  # one municipality
    club = next(i for i in data["items"] if i["title"] == "Клуб молодого учителя")
    assert club["url"] == "../organizatsii/sosh1/praktiki/praktika-1/"
    # The result comes from the contest's winners table: entered once, shown on the card.
    assert club["awards"] == [
        "Городской фестиваль педагогических и управленческих практик, 2025: победитель (1 место)"
    ]
    html = read(municipal_site / "praktiki/index.html")
    assert 'href="../konkursy/festival-2024/"' in html
    card = read(municipal_site / "organizatsii/sosh1/praktiki/praktika-1/index.html")
    assert 'href="../../../../konkursy/festival-2025/">Городской фестиваль' in card
    assert "<strong>победитель (1 место)</strong>" in card
    assert 'href="../../../../praktiki/?form=uchitel-uchitel"' in card
    org_page = read(municipal_site / "organizatsii/sosh1/index.html")
    assert 'href="../../praktiki/?org=sosh1">Практики организации в каталоге' in org_page
    by_sosh1 = [i["title"] for i in data["items"] if "sosh1" in i["f"].get("org", [])]
    assert sorted(by_sosh1) == [
        "Городская школа молодого педагога",  # co-authored
        "Клуб молодого учителя",
        "Наставник на первой аттестации",
    ]


def test_contest_archive(municipal_site):
    html = read(municipal_site / "konkursy/festival-2024/index.html")
    assert re.search(r"<dt>Номинаций</dt>\s*<dd>5; заявок: 11</dd>", html)
    assert re.search(r"Всего</th>\s*<td[^>]*>11</td>\s*<td[^>]*>3</td>", html)
    assert "призёр (3 место)" in html
    assert 'href="../../praktiki/?contest=gorodskoy-festival-pedagogicheskikh-i-2024"' in html
    archive = read(municipal_site / "konkursy/index.html")
    assert archive.count("<tr><td") == 2 and "data-sortable" in archive
    festival = read(municipal_site / "konkursy/festival-2025/index.html")
    assert ">Экспертная комиссия<" in festival and ">Документы конкурса<" in festival


def test_contest_nomination_and_year_must_match_the_contest(tmp_path):
    from tests.conftest import copy_municipal_demo

    project = copy_municipal_demo(tmp_path / "city")
    edit(
        project,
        "content/orgs/sosh3/practices/praktika-1.yml",
        "nomination: Наставник для обучающегося",
        "nomination: Лучший наставник\n  year: 2023",
    )
    text = "\n".join(messages(check_project(project), "contest"))
    assert "в конкурсе «festival-2024» нет номинации «Лучший наставник»" in text
    assert "год 2023 не совпадает с годом конкурса «festival-2024» (2024)" in text
