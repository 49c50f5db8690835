"""The Russian description of the practice feeds, appended to ``data/README.txt``
(the open-data README of the build) or written as it when there is none."""

from __future__ import annotations

from .. import addresses
from ..util.stored import Data, as_bytes
from .feed import ATOM_PATH, FEED_PATH, FORMAT, VERSION

README_PATH = addresses.DATA_README

FEED_README = f"""\
Лента практик наставничества (для других сайтов и программ)

{FEED_PATH.rpartition("/")[2]} — все опубликованные карточки лучших практик в одном файле JSON
(UTF-8). Другой проект nastav может показать их в своём каталоге: в его
site_config.yml укажите
    collections:
      - name: Название источника
        url: https://адрес-этого-сайта/{FEED_PATH}
Поля документа:
  format      — всегда «{FORMAT}»
  version     — версия формата ({VERSION})
  title       — название ленты
  site        — {{"name": название сайта, "url": адрес сайта или null}}
  generated   — дата сборки, ГГГГ-ММ-ДД
  count       — число карточек
  practices   — карточки
Поля карточки (пустые поля не записываются):
  id            — идентификатор карточки на сайте
  url           — адрес страницы карточки от корня сайта (у карточек, взятых
                  с других сайтов, — полный адрес исходной страницы)
  link          — полный адрес страницы, если известен адрес сайта
  title         — название практики
  summary       — краткое описание (Markdown)
  organizations — организации (названия)
  municipality  — муниципальное образование
  region        — регион
  authors       — авторы, опубликованные с их согласия: [{{"full_name", "position"}}]
  forms         — формы наставничества: [{{"id", "label"}}]
  types         — виды (форматы): [{{"id", "label"}}]
  audience      — целевая аудитория: [{{"id", "label"}}]
  year          — год
  period        — период реализации (текст)
  published     — дата публикации, ГГГГ-ММ-ДД
  problem, goal, description, resources, results, scalability
                — проблема, цель, содержание, ресурсы, результаты
                  (качественные), возможность тиражирования (Markdown)
  tasks         — задачи (список строк)
  stages        — этапы: [{{"name", "period", "content"}}]
  indicators    — количественные результаты (список строк)
  materials     — материалы: [{{"title", "kind", "url", "format", "size" (байт)}}]
  contacts      — официальные контакты: {{"address", "phone", "email", "website"}}
  contests      — участие в конкурсах: [{{"name", "year", "nomination", "award",
                  "place", "level", "url"}}]
  tags          — ключевые слова
  programs      — программы, из которых выросла практика: [{{"title", "url", "typical"}}]
  source        — у карточек с других сайтов: {{"name", "site"}} — откуда взята
Адреса без «https://» считаются от корня сайта (папка выше {addresses.DATA}/).

{ATOM_PATH.rpartition("/")[2]} — лента новых практик в формате Atom 1.0 (по дате публикации,
до 50 последних) для программ чтения лент и порталов.
"""


def with_feed_readme(downloads: list[tuple[str, Data]]) -> list[tuple[str, Data]]:
    """Append the feed description to data/README.txt, or make it."""
    if not any(path == FEED_PATH for path, _ in downloads):
        return downloads
    for index, (path, data) in enumerate(downloads):
        if path == README_PATH:
            text = as_bytes(data).decode("utf-8").rstrip("\n") + "\n\n" + FEED_README
            return downloads[:index] + [(path, text.encode("utf-8"))] + downloads[index + 1 :]
    return downloads + [(README_PATH, FEED_README.encode("utf-8"))]
