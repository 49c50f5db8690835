"""The municipal demo portal, built once, checked as a visitor would."""

import csv
import html
import io
import re

from openpyxl import load_workbook

from tests.conftest import all_text_files, copy_demo, copy_municipal_demo, read, run_cli


def test_sections_and_navigation(municipal_site):
    home = read(municipal_site / "index.html")
    for title in (
        "Нормативная база",
        "Дорожная карта",
        "Организации",
        "Мониторинг",
        "Лучшие практики",
        "Конкурсы",
        "Сообщества и советы",
        "Партнёры",
        "Шаблоны и материалы",
        "Новости и анонсы",
        "Контакты",
    ):
        assert f'<span class="md-ellipsis">\n    {title}' in home or title in home
    assert re.search(r'nst-figure__value">10<.*?организаций', home, re.S)
    assert 'целевом значении не менее 70 % — <span class="nst-bad">не достигнуто' in home


def test_registry_lists_every_organization_sortably(municipal_site):
    html = read(municipal_site / "organizatsii/index.html")
    assert html.count('<th scope="row"><a href=') == 10
    assert "data-sortable" in html
    assert re.search(
        r"МБОУ «СОШ № 21 им\. А\.П\. Маресьева».*?не хватает: 2.*?замечаний", html, re.S
    )
    assert re.search(r"МБОУ «ООШ № 9».*?нет раздела.*?ссылки не указаны", html, re.S)
    rows = list(
        csv.reader(
            io.StringIO(
                (municipal_site / "organizatsii/reestr-organizatsiy.csv").read_text("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert rows[0][:3] == ["Организация", "Тип", "Наставников"] and len(rows) == 11


def test_summary_heat_map_has_all_criteria_with_text_and_colour(municipal_site):
    html = read(municipal_site / "monitoring/2025/index.html")
    assert html.count('class="nst-dyn nst-dyn--') >= 63
    assert len(re.findall(r"<td>\d+\.\d+</td>\s*<th scope=\"row\">", html)) == 63
    assert "Положительная" in html and "замер не производился" in read(
        municipal_site / "monitoring/2024/index.html"
    )
    workbook = load_workbook(municipal_site / "monitoring/2025/svodnaya-tablitsa.xlsx")
    sheet = workbook.active
    assert sheet["A2"].value == "№" and sheet.max_row == 2 + 63


def test_direction_page_chart_table_and_recommendations(municipal_site):
    html = read(municipal_site / "monitoring/2025/napravlenie-5/index.html")
    svg = re.search(
        r'<svg class="nst-chart__svg"[^>]*role="img"[^>]*>\s*<title id="[^"]+">'
        r'(.*?)</title><desc id="[^"]+">(.*?)</desc>',
        html,
        re.S,
    )
    assert svg and "Доля обучающихся в возрасте от 10 до 19 лет" in svg.group(1)
    assert "целевое значение — не менее 70 %" in svg.group(2)
    assert "<figcaption>" in html and 'class="nst-chart__target"' in html
    assert 'aria-label="' in html and "подтверждающий документ" in html  # evidence links
    assert "Недостаточная эффективность" in html
    assert re.search(r'<a href="\.\./\.\./\.\./organizatsii/oosh9/">МБОУ «ООШ № 9»</a>', html)
    csv_rows = (
        (municipal_site / "monitoring/2025/napravlenie-5/napravlenie-5-organizatsii.csv")
        .read_text("utf-8-sig")
        .splitlines()
    )
    assert len(csv_rows) == 11


def test_data_quality_page_lists_the_seeded_inconsistencies(municipal_site):
    html2024 = read(municipal_site / "monitoring/2024/kachestvo-dannyh/index.html")
    assert "Сумма по организациям не совпадает с заявленным итогом" in html2024
    assert re.search(
        r"2\.6</td>\s*<td>заявлено \d[\d\u202f]*, сумма значений 10 организаций", html2024
    )
    html = read(municipal_site / "monitoring/2025/kachestvo-dannyh/index.html")
    assert re.search(
        r"5\.9</td>\s*<td>заявлено 12,50 %, по количествам 346 / 6\u202f080 "
        r"получается 5,69 %",
        html,
    )
    assert re.search(r"МБОУ «СОШ № 12».*?160 наставляемых на 4 наставников", html, re.S)
    assert re.search(r"МБОУ «СОШ № 12».*?итог \d+, а сумма критериев 3\.2", html, re.S)
    assert "Организации, указавшие значения без ссылок" in html and "МБОУ «ООШ № 9»" in html
    every_year = "".join(
        read(municipal_site / f"monitoring/{y}/kachestvo-dannyh/index.html")
        for y in (2023, 2024, 2025)
    )
    for code in ("V2", "V15", "V16", "V17", "V18", "V19"):
        assert f"{code}:" in every_year, code


def test_rejected_links_never_published(municipal_site):
    everything = "\n".join(all_text_files(municipal_site).values())
    # The explanations name the problem («ouid=…», «file:///…»); the values never appear.
    for leak in (
        "ouid=1",
        "102868417210807477671",
        "file:///C",
        "C:/Users",
        "Завуч",
        "chrome-extension://efaid",
    ):
        assert leak not in everything, leak


def test_organization_page(municipal_site):
    html = read(municipal_site / "organizatsii/sosh21/index.html")
    assert "Не опубликованы:" in html and "приказ о мониторинге реализации" in html
    assert "Показатели организации по годам" in html
    assert "значения без ссылки на подтверждающий документ" in html
    assert 'href="programmy/pp-2026-1/"' in html
    program = read(municipal_site / "organizatsii/sosh21/programmy/pp-2026-1/index.html")
    assert "Результаты публикуются после завершения программы" in program
    assert re.search(r'<a href="\.\./\.\./#programmy">← Все программы', program)


def test_conclusions_page(municipal_site):
    html = read(municipal_site / "monitoring/2025/vyvody/index.html")
    for heading in (
        "Сильные стороны",
        "Потенциальные возможности",
        "Слабые стороны",
        "Возможные риски",
        "Рекомендации",
    ):
        assert f">{heading}<" in html
    assert 'href="../../../organizatsii/sosh12/"' in html


def test_contest_links_winners_to_practice_cards(municipal_site):
    html = read(municipal_site / "konkursy/festival-2025/index.html")
    assert 'href="../../organizatsii/sosh1/praktiki/praktika-1/"' in html
    assert re.search(r"Наставник для педагога</th>\s*<td[^>]*>4</td>", html)


def test_tidy_values_round_trip(municipal_site, tmp_path):
    """The published values CSV is in the interchange format the import reads."""
    project = copy_municipal_demo(tmp_path / "again")
    for path in (project / "content/monitoring").glob("znacheniya-*"):
        path.unlink()
    (project / "content/monitoring/all.csv").write_bytes(
        (municipal_site / "monitoring/znacheniya.csv").read_bytes()
    )
    assert run_cli("build", project, "-q").code == 0
    assert read(project / "site/monitoring/2025/index.html").count("nst-dyn--") == read(
        municipal_site / "monitoring/2025/index.html"
    ).count("nst-dyn--")


def test_school_folder_copied_unchanged_and_built_alone(tmp_path):
    project = copy_municipal_demo(tmp_path / "city")
    school = copy_demo(tmp_path / "school")
    target = project / "content/orgs/sosh1"
    for path in target.rglob("*"):
        if path.is_file():
            path.unlink()
    for path in (school / "content").rglob("*"):
        if path.is_file():
            dest = target / path.relative_to(school / "content")
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(path.read_bytes())
    result = run_cli("build", project, "-q")
    assert result.code != 0  # the festival refers to sosh1/praktika-1, which is gone
    assert "sosh1/praktika-1" in result.out
    for contest in (project / "content/contests").glob("*.yml"):
        contest.write_text(
            re.sub(
                r"sosh1/praktika-\d", "sosh1/shkola-molodogo-pedagoga", contest.read_text("utf-8")
            ),
            "utf-8",
        )
    assert run_cli("build", project, "-q").code == 0
    assert (project / "site/organizatsii/sosh1/programmy/pp-2025-uu-01/index.html").exists()
    result = run_cli("build", project, "--org", "sosh1", "-q")
    assert result.code == 0, result.out
    home = read(project / "site-sosh1/index.html")
    assert "Наставничество в цифрах</h2>" in home
    assert (project / "site-sosh1/nastavniki/index.html").exists()
    # The school's own section carries the school's name, not the city portal's.
    short = re.search(r"short_name: (.+)", read(project / "content/orgs/sosh1/organization.yml"))
    city = re.search(r"site_name: (.+)", read(project / "site_config.yml"))
    assert short and city
    title = re.search(r"<title>([^<]+)</title>", home).group(1)
    assert short.group(1).strip().strip('"') in html.unescape(title)
    assert city.group(1).strip().strip('"') not in html.unescape(title)


def test_init_municipal(tmp_path):
    assert run_cli("init", tmp_path / "a", "--municipal").code == 0
    assert run_cli("build", tmp_path / "a", "-q").code == 0
    assert run_cli("init", tmp_path / "b", "--municipal", "--demo").code == 0
    assert (tmp_path / "b/content/monitoring/znacheniya-2024.xlsx").exists()


def _search_texts(site) -> dict[str, str]:
    """Page address → the text Pagefind indexed and shows in excerpts, in the
    main index and in the organizations' shards (generator/search/search.py)."""
    import gzip
    import json

    texts = {}
    for path in (site / "pagefind").glob("**/fragment/*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        texts[fragment["url"]] = fragment["content"]
    return texts


def test_search_index_keeps_words_of_cells_and_terms_apart(municipal_site):
    """Pagefind glues adjacent cells and terms without whitespace between them:
    «Статусреализуется» cannot be found by «реализуется»."""
    texts = _search_texts(municipal_site)
    program = texts["/organizatsii/sosh21/programmy/pp-2026-1/"]
    assert "Статус реализуется" in program and "Статусреализуется" not in program
    assert "Срок Мероприятие Результат" in program  # table header cells
    assert "Динамика Комментарий" in texts["/monitoring/2025/"]
    assert re.search(r"\b10 организаций", texts["/"])  # a key figure and its label
    contest = texts["/konkursy/festival-2025/"]
    assert "Уровень муниципальный" in contest
