"""What ``--verbose`` tells after a build: what each stage did and how long
it took, in Russian. Read from the site model and the outcome only, so the
pipeline needs one call."""

from __future__ import annotations

from .kinds import ORG_KINDS

STAGES = {
    "check": "чтение и проверка записей",
    "render": "подготовка страниц",
    "report": "справка по итогам мониторинга (DOCX, PDF)",
    "documents": "весь раздел одним документом (DOCX, PDF)",
    "write": "запись папки MkDocs",
    "mkdocs": "сборка MkDocs",
    "search": "поисковый индекс (Pagefind; одновременно с проверкой)",
    "audit": "проверка собранного сайта (вместе с индексом)",
}


def explain_build(console, model, outcome) -> None:
    if not console.verbose:
        return
    console.detail("Что сделано:")
    for public in model.public:
        console.detail(published_counts(public))
    # Told after the build: the model has let go of its pages and downloads.
    console.detail(
        f"страниц: {outcome.pages_built + outcome.pages_cached}, "
        f"файлов-вложений: {len(model.files)}, "
        f"созданных файлов (открытые данные, таблицы, документы): {model.download_count}"
    )
    if outcome.pages_built or outcome.pages_cached:
        console.detail(
            f"MkDocs собрал страниц: {outcome.pages_built}, без изменений (из "
            f"кэша .nastav/cache): {outcome.pages_cached}"
        )
    if outcome.stats:
        console.detail(
            f"в собранном сайте проверено страниц: {outcome.stats.pages}, "
            f"файлов: {outcome.stats.files}"
        )
    for key, seconds in outcome.timings.items():
        console.timing(STAGES.get(key, key), seconds)


def published_counts(org) -> str:
    hidden = org.mentors_hidden
    return (
        f"на сайте: нормативных актов — {len(org.acts)}, документов — "
        f"{len(org.documents)}, наставников с карточкой — {len(org.mentor_cards)} "
        f"(без действующего согласия — {hidden}, учтены только в численности), "
        f"программ — {len(org.programs)}, практик — {len(org.practices)}, новостей — "
        f"{len(org.news)}, материалов — {len(org.materials)}"
        + "".join(
            f", {kind.title} — {len(org.parts.get(kind.key, []))}"
            for kind in ORG_KINDS
            if kind.publish == "filed"
        )
    )
