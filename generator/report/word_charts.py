"""A chart of the report (``content.ChartBlock``) as a native Word chart.

A DrawingML chart part (``word/charts/chartN.xml``) with its values as
literals: Word and LibreOffice draw it as vector graphics, the office can
restyle it, and the tagged PDF gets it as a figure whose alternative text
is the chart's one-sentence summary (``wp:docPr/@descr``). The same
summary is printed under the chart, so a reader of the paper copy and a
screen-reader user get the same facts; the data table stands above it.

A chart of many organizations is cut into parts of ``PER_CHART`` bars, so
that every part fits a page with labels of a readable size.
"""

from __future__ import annotations

from decimal import Decimal

from ..render.monitoring_charts import YEARS, ChartData
from .content import ChartBlock, ReportDocument
from .word_body import EMU_PER_CM, attribute

PER_CHART = 40  # organizations per chart: 40 bars of 0.5 cm fit an A4 page
BAR_COLOUR = "2F5597"
FONT_SIZE = 900  # hundredths of a point
_NS = (
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def chart_parts(chart: ChartData) -> list[tuple[str, str, tuple[tuple[str, Decimal], ...]]]:
    """(title, text alternative, points) of each drawn part of ``chart``."""
    points = chart.points
    if chart.kind == YEARS or len(points) <= PER_CHART:
        return [(chart.title, chart.summary, points)]
    parts = []
    total = (len(points) + PER_CHART - 1) // PER_CHART
    for index in range(total):
        chunk = points[index * PER_CHART : (index + 1) * PER_CHART]
        first, last = index * PER_CHART + 1, index * PER_CHART + len(chunk)
        note = f"часть {index + 1} из {total}: места {first}–{last}"
        parts.append((f"{chart.title} ({note})", f"{chart.summary} Диаграмма: {note}.", chunk))
    return parts


def chart_texts(document: ReportDocument) -> list[str]:
    """The text alternative of every drawn chart of ``document``, in order."""
    return [
        summary
        for block in document.blocks
        if isinstance(block, ChartBlock)
        for _, summary, _ in chart_parts(block.chart)
    ]


class ChartWriter:
    """The chart parts of one document, and the runs that show them."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, str, bytes]] = []  # relationship id, member, XML

    def runs(self, block: ChartBlock) -> list[tuple[str, str]]:
        """Each drawn part of the chart: the ``w:r`` holding it inline (as
        XML; its chart part is kept here) and its text alternative."""
        return [
            (self.run(block.chart, title, summary, points), summary)
            for title, summary, points in chart_parts(block.chart)
        ]

    def run(self, chart: ChartData, title: str, summary: str, points) -> str:
        count = len(self.parts) + 1
        r_id = f"rIdChart{count}"
        blob = _chart_xml(chart, title, points).encode("utf-8")
        self.parts.append((r_id, f"word/charts/chart{count}.xml", blob))
        if chart.kind == YEARS:
            width, height = 12 * EMU_PER_CM, int(6.5 * EMU_PER_CM)
        else:
            width = int(16.5 * EMU_PER_CM)
            height = int(min(23.0, 2.0 + 0.5 * len(points)) * EMU_PER_CM)
        return (
            '<w:r xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            f"{_NS}><w:drawing>"
            '<wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{int(width)}" cy="{int(height)}"/>'
            '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{5000 + count}" name="Диаграмма {count}" '
            f'title="{attribute(title)}" descr="{attribute(summary)}"/>'
            "<wp:cNvGraphicFramePr/>"
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            f'<c:chart r:id="{r_id}"/></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r>"
        )


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chart_xml(chart: ChartData, title: str, points) -> str:
    horizontal = chart.kind != YEARS
    unit = ", %" if chart.unit else ""
    categories = "".join(
        f'<c:pt idx="{i}"><c:v>{_text(label)}</c:v></c:pt>' for i, (label, _) in enumerate(points)
    )
    values = "".join(
        f'<c:pt idx="{i}"><c:v>{value}</c:v></c:pt>' for i, (_, value) in enumerate(points)
    )
    count = f'<c:ptCount val="{len(points)}"/>'
    font = (
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{FONT_SIZE}">'
        '<a:latin typeface="Times New Roman"/></a:defRPr></a:pPr>'
        '<a:endParaRPr lang="ru-RU"/></a:p></c:txPr>'
    )
    # A category axis read top-down for bars (largest first), left to right for years.
    orientation = "maxMin" if horizontal else "minMax"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<c:chartSpace {_NS}><c:date1904 val="0"/><c:lang val="ru-RU"/>'
        '<c:roundedCorners val="0"/><c:chart>'
        "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
        '<a:defRPr sz="1000" b="1"/></a:pPr><a:r><a:rPr lang="ru-RU" sz="1000" b="1"/>'
        f"<a:t>{_text(title + unit)}</a:t></a:r></a:p></c:rich></c:tx>"
        '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'
        "<c:plotArea><c:layout/><c:barChart>"
        f'<c:barDir val="{"bar" if horizontal else "col"}"/><c:grouping val="clustered"/>'
        '<c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/>'
        f"<c:tx><c:v>{_text(title)}</c:v></c:tx>"
        f'<c:spPr><a:solidFill><a:srgbClr val="{BAR_COLOUR}"/></a:solidFill></c:spPr>'
        '<c:invertIfNegative val="0"/>'
        "<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        f"{font}"
        '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
        f"<c:cat><c:strLit>{count}{categories}</c:strLit></c:cat>"
        f"<c:val><c:numLit><c:formatCode>General</c:formatCode>{count}{values}</c:numLit></c:val>"
        '</c:ser><c:gapWidth val="50"/><c:axId val="101"/><c:axId val="102"/></c:barChart>'
        '<c:catAx><c:axId val="101"/>'
        f'<c:scaling><c:orientation val="{orientation}"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{"l" if horizontal else "b"}"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{font}'
        '<c:crossAx val="102"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="102"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:min val="0"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{"b" if horizontal else "l"}"/><c:majorGridlines/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{font}'
        '<c:crossAx val="101"/>'
        # With the categories reversed, the value axis would stand at the top.
        f'<c:crosses val="{"max" if horizontal else "autoZero"}"/>'
        '<c:crossBetween val="between"/></c:valAx></c:plotArea>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f"{font}</c:chartSpace>"
    )
