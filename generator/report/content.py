"""The monitoring report of one year as a sequence of blocks.

Its structure follows the municipal report of 2024 (seed 004): a title
page; the introduction (the orders it is based on, the participants, the
years compared, contacts, sources); the summary «тепловая карта»; for each
direction of the catalog the criteria over the years with their dynamics
and comments, the organizations' values, the confirmation by agreements and
the direction's conclusion; the conclusions with SWOT and addressed
recommendations; the data-quality annex.

Every number, label and comment comes from the tables the monitoring pages
show (``render/monitoring_tables.py``, ``render/agreement_tables.py``): the
report and the site never disagree. The blocks are plain data, written out
by ``word.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from .. import addresses
from ..monitoring.agreements import unchecked
from ..monitoring.catalog import DirectionSpec
from ..monitoring.compute import INCOMPLETE, NEGATIVE, NOT_MEASURED, POSITIVE, STAGNATION
from ..monitoring.quality import KINDS
from ..publish.monitoring_view import MonitoringView
from ..render.agreement_tables import direction_agreements_table
from ..render.monitoring_charts import ChartData, direction_charts
from ..render.monitoring_tables import (
    direction_table,
    findings_table,
    organizations_table,
    summary_table,
)
from ..render.tables import Cell, Table
from ..schema.municipal import Conclusions, Coordinator, Recommendation
from ..schema.records import NormativeAct
from ..words import GENITIVE, count, number, plural

TITLE = (
    "Информационно-аналитическая справка по результатам муниципального этапа "
    "мониторинга реализации целевой модели наставничества педагогических работников "
    "и обучающихся за {year} год"
)
DYNAMICS_ORDER = [POSITIVE, NEGATIVE, STAGNATION, NOT_MEASURED, INCOMPLETE]


# -- what the report takes from the portal ----------------------------------------------
@dataclass(frozen=True)
class OrgLine:
    id: str
    name: str  # the short name, as the site shows it
    type: str  # the label of its type («школа», «ДОП»)


@dataclass(frozen=True)
class Frame:
    """Everything the report reads besides the monitoring view: public copies
    made by ``publish/`` and two settings (``report_frame`` makes it)."""

    coordinator: Coordinator
    acts: tuple[tuple[NormativeAct, str], ...]  # an act and the label of its kind
    orgs: tuple[OrgLine, ...]
    min_coverage: float
    site_url: str | None = None


# -- blocks ------------------------------------------------------------------------------
@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass
class Heading:
    level: int  # 1, 2 (in the table of contents) or 3
    text: str


@dataclass
class Paragraph:
    runs: list[Run]
    style: str = "body"  # body, note, caption, title, subtitle, cover, toc-heading


@dataclass
class Bullets:
    items: list[list[Run]]


@dataclass
class TableBlock:
    table: Table
    widths: list[float]  # shares of the text width, one per column
    size: str = "normal"  # normal (10 pt) or small (9 pt)
    legend: list[str] = field(default_factory=list)  # lines under the table


@dataclass
class ChartBlock:
    """A chart with its text alternative (the summary), drawn as a Word chart."""

    chart: ChartData


@dataclass
class Contents:
    """The table of contents (headings of levels 1 and 2)."""


@dataclass
class PageBreak:
    pass


Block = Heading | Paragraph | Bullets | TableBlock | ChartBlock | Contents | PageBreak


@dataclass
class ReportDocument:
    year: int
    title: str
    subject: str
    blocks: list[Block]

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph([Run(text)], style)


# -- the document ----------------------------------------------------------------------
def report_document(view: MonitoringView, frame: Frame, year: int) -> ReportDocument:
    """The report for ``year`` (one of ``view.years``)."""
    builder = _Builder(view, frame, year)
    return ReportDocument(
        year,
        TITLE.format(year=year),
        f"Мониторинг целевой модели наставничества, {frame.coordinator.municipality}, {year}",
        builder.build(),
    )


class _Builder:
    def __init__(self, view: MonitoringView, frame: Frame, year: int):
        self.view, self.frame, self.year = view, frame, year
        self.results = view.results
        self.names = {o.id: o.name for o in frame.orgs}
        self.conclusions: Conclusions | None = view.conclusions.get(year)
        self.blocks: list[Block] = []
        self.tables = 0

    def build(self) -> list[Block]:
        self.title_page()
        self.introduction()
        self.summary()
        self.directions()
        self.conclusion()
        self.quality()
        return self.blocks

    # -- helpers ---------------------------------------------------------------------
    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def table(
        self,
        table: Table,
        widths: Sequence[float],
        size: str = "normal",
        legend: Sequence[str] = (),
    ) -> None:
        self.tables += 1
        table.caption = f"Таблица {self.tables}. {table.caption}"
        total = sum(widths)
        self.add(TableBlock(table, [w / total for w in widths], size, list(legend)))

    def org_link(self, org: str) -> str | None:
        """An organization's page on the portal, when the portal's address is known."""
        base = self.frame.site_url
        return f"{base.rstrip('/')}/{addresses.org_page(org)}" if base else None

    def org_names(self, ids: Sequence[str]) -> list[Run]:
        runs: list[Run] = []
        for index, org in enumerate(ids):
            if index:
                runs.append(Run(", "))
            runs.append(Run(self.names.get(org, org), href=self.org_link(org)))
        return runs

    def recommendations(self, recommendations: Sequence[Recommendation], level: int) -> None:
        for rec in recommendations:
            if level <= 3:
                self.add(Heading(level, rec.addressee))
            else:
                self.add(Paragraph([Run(rec.addressee, italic=True)]))
            self.add(Bullets([[Run(item)] for item in rec.items]))
            if rec.organizations:
                self.add(
                    Paragraph([Run("Организации: "), *self.org_names(rec.organizations), Run(".")])
                )

    # -- title page ------------------------------------------------------------------
    def title_page(self) -> None:
        c = self.frame.coordinator
        self.add(_p(c.authority, "cover"), _p(c.name, "cover"))
        self.add(_p(TITLE.format(year=self.year), "title"))
        self.add(_p(", ".join(x for x in (c.municipality, c.region) if x), "subtitle"))
        self.add(_p(f"Набор показателей: «{self.view.catalog.title}»", "cover-note"))
        self.add(
            _p(
                "Справка составлена по данным мониторинга, опубликованным на портале "
                "«Наставничество»: значения муниципалитета вычислены из значений "
                "организаций, динамика — из значений за соседние годы.",
                "cover-note",
            )
        )
        # Heading 1 starts a page: no break after the contents.
        self.add(PageBreak(), _p("Содержание", "toc-heading"), Contents())

    # -- 1. introduction -------------------------------------------------------------
    def introduction(self) -> None:
        year, results, c = self.year, self.results, self.frame.coordinator
        self.add(Heading(1, "1. Введение"))
        self.add(Heading(2, "1.1. Основание"))
        orders = self.orders()
        if orders:
            self.add(_p(f"Мониторинг за {year} год проведён на основании документов:"))
            self.add(Bullets([[Run(text)] for text in orders]))
        else:
            self.add(
                _p("Документы о проведении мониторинга в нормативной базе портала не указаны.")
            )
        if c.basis:
            basis = " ".join(
                x
                for x in (
                    c.basis.title,
                    f"от {c.basis.date:%d.%m.%Y}" if c.basis.date else None,
                    f"№ {c.basis.number}" if c.basis.number else None,
                )
                if x
            )
            self.add(_p(f"Муниципальный координатор действует на основании: {basis}."))
        self.add(Heading(2, "1.2. Участники мониторинга"))
        role = f" ({c.role})" if c.role else ""
        self.add(_p(f"Муниципальный оператор мониторинга — {c.name}{role}."))
        reported, total = results.coverage(year)
        types = Counter(o.type for o in self.frame.orgs)
        kinds = "; ".join(f"{label} — {n}" for label, n in types.most_common())
        self.add(
            _p(
                f"В реестре портала {count(total, 'organization')}"
                + (f" ({kinds})" if kinds else "")
                + f". Данные за {year} год сдали {reported} из "
                + count(total, "organization", GENITIVE)
                + (f" ({round(reported * 100 / total)} %)" if total else "")
                + "."
            )
        )
        if year in results.incomplete:
            self.add(
                Paragraph(
                    [
                        Run("Неполные данные: ", bold=True),
                        Run(
                            f"данные сдали меньше {number(self.frame.min_coverage)} % "
                            "организаций, поэтому итоги муниципалитета описывают только "
                            "сдавшие организации, а их изменение по сравнению с другим годом "
                            "помечено «неполные данные», а не как рост или снижение."
                        ),
                    ]
                )
            )
        self.participants()
        self.add(Heading(2, "1.3. Сравниваемые годы и показатели"))
        years = [y for y in results.years if y <= year]
        span = f"{years[0]}–{years[-1]} годы" if len(years) > 1 else f"{years[0]} год"
        catalog = self.view.catalog
        criteria = len(catalog.ordered())
        self.add(
            _p(
                f"Сопоставляются значения за {span}. Набор показателей — "
                f"«{catalog.title}»: {len(catalog.directions)} направлений, "
                f"{count(criteria, 'criterion')}."
            ),
            _p(
                "Динамика показывает направление изменения значения по сравнению с "
                "предыдущим годом: «Положительная» — выросло, «Отрицательная» — "
                "снизилось, «Стагнация» — не изменилось, «замер не производился» — "
                "значения за один из годов нет. Это не оценка: для критериев с пометкой "
                "«не показательно» изменение не связано с наставничеством. Цвет ячейки "
                "повторяет слово."
            ),
        )
        self.add(Heading(2, "1.4. Контакты"))
        lines = [f"Наименование: {c.name}"]
        contacts = c.contacts
        if contacts and contacts.address:
            lines.append(f"Адрес: {contacts.address}")
        if c.head:
            lines.append(f"{c.head.position[:1].upper()}{c.head.position[1:]}: {c.head.full_name}")
        for official in c.officials:
            reach = ", ".join(x for x in (official.phone, official.email) if x)
            lines.append(
                f"{official.position[:1].upper()}{official.position[1:]}: {official.full_name}"
                + (f" ({reach})" if reach else "")
            )
        if contacts and contacts.phone:
            lines.append(f"Телефон: {contacts.phone}")
        if contacts and contacts.email:
            lines.append(f"Электронная почта: {contacts.email}")
        if contacts and contacts.website:
            lines.append(f"Сайт: {contacts.website}")
        self.add(*(_p(line) for line in lines))
        self.add(Heading(2, "1.5. Источники данных"))
        self.add(
            Bullets(
                [
                    [
                        Run(
                            "значения критериев, которые организации сдали с ссылками на "
                            "подтверждающие документы на своих официальных сайтах;"
                        )
                    ],
                    [
                        Run(
                            "соглашения о сотрудничестве, опубликованные организациями в "
                            "разделах «Наставничество» на портале;"
                        )
                    ],
                    [Run("значения муниципалитета, заявленные координатором.")],
                ]
            )
        )

    def orders(self) -> list[str]:
        """The acts about monitoring in force by the end of the year; an act that
        names another year (the order for the 2025 stage) is left out."""
        out = []
        for act, kind in self.frame.acts:
            title = act.title
            if "мониторинг" not in title.casefold():
                continue
            if act.date and act.date > dt.date(self.year, 12, 31):
                continue
            named = {int(y) for y in re.findall(r"\b(20\d\d)\b", title)}
            if named and self.year not in named:
                continue
            parts = [kind]
            if act.date:
                parts.append(f"от {act.date:%d.%m.%Y}")
            if act.number:
                parts.append(f"№ {act.number}")
            parts.append(f"«{title}»")
            text = " ".join(parts)
            out.append(f"{text} ({act.issuer})" if act.issuer else text)
        return out

    def participants(self) -> None:
        results, year = self.results, self.year
        answered = {
            org for (y, org, _), v in results.orgs.items() if y == year and v.value is not None
        }
        table = Table(
            "uchastniki",
            f"Организации — участники мониторинга {year} года",
            ["Организация", "Тип", f"Данные за {year} год"],
        )
        for org in self.frame.orgs:
            table.rows.append(
                [
                    Cell(org.name, href=self.org_link(org.id), header=True),
                    Cell(org.type),
                    Cell("сданы" if org.id in answered else "не сданы"),
                ]
            )
        if table.rows:
            self.table(table, [6, 3, 3])

    # -- 2. summary ------------------------------------------------------------------
    def summary(self) -> None:
        year = self.year
        self.add(Heading(1, f"2. Сводные результаты мониторинга {year} года"))
        labels = [self.results.dynamics(year, c.id) for c in self.view.catalog.ordered()]
        counts = [(label, labels.count(label)) for label in DYNAMICS_ORDER if label in labels]
        if counts:
            text = "; ".join(
                f"{label.lower()} — {plural(n, 'критерий', 'критерия', 'критериев')}"
                for label, n in counts
            )
            self.add(_p(f"Динамика за {year} год по сравнению с предыдущим годом: {text}."))
        else:
            self.add(_p(f"{year} год — первый год мониторинга: динамики ещё нет."))
        table = summary_table(self.results, year)
        self.table(table, self.dynamics_widths(table), legend=self.dynamics_legend())

    @staticmethod
    def dynamics_widths(table: Table) -> list[float]:
        """Centimetres of 17: the number, the name, a column per year, the
        label («Положительная» in bold) and the comment."""
        years = len(table.columns) - 4
        rest = 17 - 1.1 - 1.5 * years - 3.0
        return [1.1, max(3.0, rest * 0.6), *([1.5] * years), 3.0, max(2.2, rest * 0.4)]

    @staticmethod
    def dynamics_legend() -> list[str]:
        return [
            "Динамика: «Положительная» — значение выросло, «Отрицательная» — снизилось, "
            "«Стагнация» — не изменилось; «—» — значения нет."
        ]

    # -- 3. directions ---------------------------------------------------------------
    def directions(self) -> None:
        self.add(Heading(1, "3. Результаты по направлениям"))
        for index, direction in enumerate(self.view.catalog.directions, start=1):
            self.direction(f"3.{index}", direction)

    def direction(self, number_: str, direction: DirectionSpec) -> None:
        results, year = self.results, self.year
        self.add(Heading(2, f"{number_}. {direction.name}"))
        table = direction_table(results, direction, year)
        table.caption = f"Динамика значений показателей по направлению «{direction.name}»"
        self.table(table, self.dynamics_widths(table))
        charts = direction_charts(results, self.names, year, direction)
        if charts:
            self.add(Heading(3, "Диаграммы"), *(ChartBlock(chart) for chart in charts))
        agreements = direction_agreements_table(
            self.view.agreements, direction, year, self.names, self.org_link_or_empty
        )
        if agreements:
            self.add(Heading(3, "Подтверждение соглашениями о сотрудничестве"))
            note = unchecked(self.view.agreements, year)
            self.add(
                _p(
                    "Заявленные значения сверены с соглашениями о сотрудничестве, которые "
                    f"организации опубликовали в своих разделах и которые действовали в {year} "
                    "году." + (f" {note}" if note else "")
                )
            )
            self.table(agreements, [6, 2, 2.6, 6.4])
        orgs = organizations_table(results, direction, year, self.names, self.org_link_or_empty)
        if orgs:
            criteria = [
                results.catalog.criteria[c.id]
                for c in direction.criteria
                if results.catalog.criteria[c.id].organization_level
            ]
            orgs.columns = ["Организация", *[c.id for c in criteria]]
            orgs.caption = f"Значения организаций, {year} год"
            legend = [f"{c.id} — {c.name}" for c in criteria]
            legend.append("Значение со ссылкой ведёт на подтверждающий документ; * — ссылки нет.")
            self.add(Heading(3, "Значения организаций"))
            self.table(orgs, [4.2, *([1.4] * len(criteria))], size="small", legend=legend)
        conclusion = (
            next((d for d in self.conclusions.directions if d.direction == direction.id), None)
            if self.conclusions
            else None
        )
        self.add(Heading(3, "Выводы об эффективности принятых мер"))
        if conclusion is None or not (
            conclusion.verdict or conclusion.factors or conclusion.recommendations
        ):
            self.add(_p(self.direction_summary(direction)))
            return
        if conclusion.verdict:
            self.add(_p(conclusion.verdict))
        if conclusion.factors:
            self.add(_p("Факторы, влияющие на результат:"))
            self.add(Bullets([[Run(f)] for f in conclusion.factors]))
        if conclusion.recommendations:
            self.add(Paragraph([Run("Адресные рекомендации", bold=True)]))
            self.recommendations(conclusion.recommendations, level=4)

    def org_link_or_empty(self, org: str) -> str:
        return self.org_link(org) or ""

    def direction_summary(self, direction: DirectionSpec) -> str:
        """When the coordinator wrote no conclusion: the dynamics in numbers."""
        labels = [self.results.dynamics(self.year, c.id) for c in direction.criteria]
        counts = [(label, labels.count(label)) for label in DYNAMICS_ORDER if label in labels]
        if not counts:
            return "Вывод координатор не сформулировал; динамики за первый год мониторинга нет."
        text = "; ".join(
            f"{label.lower()} — {plural(n, 'критерий', 'критерия', 'критериев')}"
            for label, n in counts
        )
        return f"Вывод координатор не сформулировал. Динамика по направлению: {text}."

    # -- 4. conclusions --------------------------------------------------------------
    def conclusion(self) -> None:
        year, record = self.year, self.conclusions
        self.add(Heading(1, "4. Заключение"))
        if record is None:
            self.add(
                _p(
                    f"Выводы и рекомендации по итогам мониторинга {year} года координатор "
                    "не опубликовал."
                )
            )
            return
        if record.summary:
            self.add(*_markdown(record.summary))
        parts = [
            ("strengths", "Сильные стороны реализации программ наставничества"),
            ("opportunities", "Потенциальные возможности для развития системы наставничества"),
            ("weaknesses", "Слабые стороны"),
            ("risks", "Возможные риски"),
        ]
        index = 0
        for name, heading in parts:
            items = getattr(record, name)
            if items:
                index += 1
                self.add(Heading(2, f"4.{index}. {heading}"))
                self.add(Bullets([[Run(item)] for item in items]))
        if record.recommendations:
            index += 1
            self.add(Heading(2, f"4.{index}. Адресные рекомендации по результатам анализа"))
            self.recommendations(record.recommendations, level=3)

    # -- annex: data quality ---------------------------------------------------------
    def quality(self) -> None:
        year = self.year
        findings = [f for f in self.view.findings if f.year == year]
        self.add(Heading(1, "Приложение. Качество данных"))
        if not findings:
            self.add(_p(f"Замечаний к данным за {year} год нет."))
            return
        self.add(
            _p(
                f"Замечаний к данным за {year} год: {len(findings)}. Значение без ссылки на "
                "подтверждающий документ не проверено; расхождения показывают, где "
                "заявленное отличается от вычисленного по данным организаций."
            )
        )
        for index, kind in enumerate((k for k in KINDS if any(f.kind == k for f in findings)), 1):
            of_kind = [f for f in findings if f.kind == kind]
            self.add(Heading(2, f"П.{index}. {KINDS[kind]}"))
            table = findings_table(kind, of_kind, self.names, self.org_link_or_empty, year)
            self.table(table, [4.5, 2.2, 10.3], size="small")


def _markdown(text: str) -> list[Block]:
    """A record's Markdown as paragraphs and lists of plain runs (bold and
    italic kept, links as links)."""
    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    items: list[list[Run]] | None = None
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            items = []
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            if items:
                blocks.append(Bullets(items))
            items = None
        elif token.type == "inline":
            runs = _inline(token.children or [])
            if items is not None:
                items.append(runs)
            else:
                blocks.append(Paragraph(runs))
    return blocks


def _inline(children) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    href: str | None = None
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "link_open":
            target = str(child.attrs.get("href") or "")
            href = target if target.startswith(("http://", "https://")) else None
        elif kind == "link_close":
            href = None
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" "))
        elif kind in ("text", "code_inline"):
            runs.append(Run(child.content, bold, italic, href))
    return runs
