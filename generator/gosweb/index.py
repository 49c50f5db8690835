"""The index of a Госвеб archive, in Russian: what goes where, step by step."""

from __future__ import annotations

from html import escape

STEPS = [
    "В конструкторе Госвеб откройте раздел сайта, где будет «Наставничество» (например, "
    "«Педагогам и сотрудникам»), и создайте страницу «Наставничество» — это страница 01.",
    "Создайте остальные страницы в порядке номеров: страницы разделов — внутри страницы "
    "«Наставничество», страницы программ, практик и новостей — внутри своих разделов "
    "(столбец «Где создать»). Адрес страницы задайте как в столбце «Адрес».",
    "Для каждой страницы откройте файл stranitsy/NN-….html в браузере, выделите текст под "
    "заголовком (Ctrl+A выделит всё, заголовок можно не копировать), скопируйте и вставьте "
    "в визуальный редактор страницы. Или откройте в редакторе режим HTML-кода и вставьте "
    "содержимое файла stranitsy/NN-….txt.",
    "Загрузите файлы из папки files/ (столбец «Файлы» показывает, на какой странице "
    "каждый нужен) в блок документов или как вложения и замените во фрагменте ссылку вида "
    "files/… на адрес загруженного файла. Название, формат и размер файла уже написаны "
    "рядом со ссылкой, как того требуют правила размещения сведений.",
    "Изображения (files/images: фотографии наставников, давших согласие, иллюстрации "
    "новостей) во фрагменты не входят: при желании вставьте их на указанные страницы "
    "средствами редактора, с текстовым описанием.",
    "Проверьте ссылки между страницами: они ведут на адреса из столбца «Адрес». Если "
    "вы выбрали другие адреса, поправьте ссылки или выполните экспорт заново с параметром "
    "--base.",
    "При изменении записей выполните экспорт снова и обновите изменившиеся страницы.",
]


def index_text(pages, files: dict, org_name: str, base: str) -> str:
    lines = [
        f"Раздел «Наставничество» для сайта на платформе Госвеб — {org_name}",
        "",
        "Порядок действий:",
    ]
    lines += [f"  {n}. {step}" for n, step in enumerate(STEPS, start=1)]
    lines += ["", "Страницы:"]
    for page in pages:
        lines.append(f"  {page.number:02d}. {page.title}")
        lines.append(f"      адрес: {page.address}")
        lines.append(f"      где создать: {_where(page)}")
        lines.append(f"      фрагмент: stranitsy/{page.name}.html (код: stranitsy/{page.name}.txt)")
        if page.files:
            lines.append("      файлы: " + ", ".join(page.files))
    lines += ["", "Файлы:"]
    for href, published in sorted(files.items()):
        lines.append(
            f"  {href} ({published.format}, {published.size_text}) — страницы: "
            + ", ".join(f"{p.number:02d}" for p in pages if href in p.files)
        )
    return "\n".join(lines) + "\n"


def index_html(pages, files: dict, org_name: str, base: str) -> str:
    rows = []
    for page in pages:
        used = "<br>".join(escape(f) for f in page.files) or "—"
        rows.append(
            f"<tr><td>{page.number:02d}</td><td>{escape(page.title)}</td>"
            f"<td>{escape(_where(page))}</td><td><code>{escape(page.address)}</code></td>"
            f'<td><a href="stranitsy/{escape(page.name)}.html">{escape(page.name)}.html</a>'
            f'<br><a href="stranitsy/{escape(page.name)}.txt">{escape(page.name)}.txt</a>'
            f"</td><td>{used}</td></tr>"
        )
    file_rows = []
    for href, published in sorted(files.items()):
        where = ", ".join(f"{p.number:02d}" for p in pages if href in p.files) or "—"
        file_rows.append(
            f'<tr><td><a href="{escape(href)}">{escape(href)}</a></td>'
            f"<td>{escape(published.format)}, {escape(published.size_text)}</td>"
            f"<td>{where}</td></tr>"
        )
    steps = "".join(f"<li>{escape(step)}</li>" for step in STEPS)
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>Перенос раздела «Наставничество» на Госвеб</title>
</head>
<body>
<h1>Раздел «Наставничество» для сайта на платформе Госвеб</h1>
<p>{escape(org_name)}. Страниц: {len(pages)}, файлов: {len(files)}.</p>
<h2>Порядок действий</h2>
<ol>{steps}</ol>
<h2>Страницы</h2>
<table border="1" cellpadding="4">
<thead><tr><th>№</th><th>Страница</th><th>Где создать</th><th>Адрес</th><th>Фрагмент</th>
<th>Файлы</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<h2>Файлы</h2>
<table border="1" cellpadding="4">
<thead><tr><th>Файл</th><th>Формат, размер</th><th>Страницы</th></tr></thead>
<tbody>
{chr(10).join(file_rows)}
</tbody>
</table>
</body>
</html>
"""


def _where(page) -> str:
    if not page.parent and not page.folder:
        return "в выбранном разделе сайта"
    return f"внутри страницы «{page.parent}»"
