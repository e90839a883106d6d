"""Server-rendered SVG charts, each with a title, a description and its data as a table.

No script, no external library: a chart is a handful of rectangles, so it renders the same
in the workspace, in a static report and in a screen reader, which reads the <title>,
<desc> and the table behind it. Colours come from CSS classes, so dark mode restyles them.
"""

from __future__ import annotations

from markupsafe import Markup, escape

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 190
PLOT_WIDTH = 360


def bar_chart(
    chart_id: str, title: str, desc: str, rows: list[tuple[str, int]], header: str = "Count"
) -> Markup:
    """Horizontal bars, one per row, with the value written after each bar."""
    top = max((value for _, value in rows), default=0) or 1
    height = max(len(rows), 1) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + PLOT_WIDTH + 60
    parts = [_open(chart_id, title, desc, width, height)]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = round(PLOT_WIDTH * value / top)
        parts.append(
            f'<text class="label" x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect class="bar bar-{index % 6}" x="{LABEL_WIDTH}" y="{y}" width="{length}" '
            f'height="{BAR_HEIGHT}"/>'
            f'<text class="value" x="{LABEL_WIDTH + length + 6}" y="{y + 16}">{value}</text>'
        )
    parts.append("</svg>")
    return _figure(chart_id, title, "".join(parts), ("Category", header), rows)


def coverage_chart(
    chart_id: str, title: str, desc: str, points: list[tuple[str, int, int]]
) -> Markup:
    """One column per month: the share of articles with a current sign-off at its end."""
    column, gap, plot = 26, 10, 160
    left = 64
    width = left + len(points) * (column + gap)
    height = plot + 50
    parts = [_open(chart_id, title, desc, width, height)]
    for y, percent in ((20, 100), (20 + plot // 2, 50), (20 + plot, 0)):
        parts.append(
            f'<line class="grid" x1="{left - 10}" x2="{width}" y1="{y}" y2="{y}"/>'
            f'<text class="label" x="{left - 14}" y="{y + 4}" text-anchor="end">{percent}%</text>'
        )
    for index, (month, current, total) in enumerate(points):
        share = current / total if total else 0.0
        tall = round(plot * share)
        x = left + index * (column + gap)
        parts.append(
            f'<rect class="bar bar-0" x="{x}" y="{20 + plot - tall}" width="{column}" '
            f'height="{tall}"/>'
            f'<text class="label small" x="{x + column // 2}" y="{plot + 40}" '
            f'text-anchor="middle">{escape(month[2:])}</text>'
        )
    parts.append("</svg>")
    rows = [(month, f"{current} of {total}") for month, current, total in points]
    return _figure(chart_id, title, "".join(parts), ("Month", "Current articles"), rows)


def _open(chart_id: str, title: str, desc: str, width: int, height: int) -> str:
    return (
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )


def _figure(
    chart_id: str,
    title: str,
    svg: str,
    headers: tuple[str, str],
    rows: list[tuple[str, int]] | list[tuple[str, str]],
) -> Markup:
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th><td>{escape(str(value))}</td></tr>'
        for label, value in rows
    )
    table = (
        f'<details class="chart-data"><summary>Data table: {escape(title)}</summary>'
        f'<table id="{chart_id}-table"><thead><tr><th scope="col">{escape(headers[0])}</th>'
        f'<th scope="col">{escape(headers[1])}</th></tr></thead><tbody>{body}</tbody></table>'
        "</details>"
    )
    return Markup(
        f'<figure class="chart-figure" aria-labelledby="{chart_id}-caption">'
        f'<figcaption id="{chart_id}-caption">{escape(title)}</figcaption>'
        f"{svg}{table}</figure>"
    )
