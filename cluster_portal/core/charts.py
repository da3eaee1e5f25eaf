"""Server-side SVG bar charts for print (report pages, PDF): vector, no scripts, no external URLs."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 18
GAP = 8
LABEL_WIDTH = 300
BAR_WIDTH = 320
VALUE_WIDTH = 90
COLORS = ("#2f5d8a", "#8aa9c8")


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(rows: list[tuple[str, float | None, str]], *, title: str, maximum: float = 100.0) -> SafeString:
    """Horizontal bars: (label, value, caption); a None value is drawn as «нет данных»."""
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP + 24
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="14" font-size="12" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (label, value, caption) in enumerate(rows):
        y = 24 + GAP + index * (BAR_HEIGHT + GAP)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 5}" font-size="10" text-anchor="end">'
            f"{escape(_short(label))}</text>"
        )
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" fill="#eef2f6"/>')
        if value is not None:
            length = max(0.0, min(1.0, float(value) / maximum)) * BAR_WIDTH if maximum else 0
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{COLORS[0]}"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{y + BAR_HEIGHT - 5}" font-size="10">'
            f"{escape(caption if value is not None else 'нет данных')}</text>"
        )
    parts.append("</svg>")
    # Every text placed in the SVG above went through escape(); the rest are our numbers and constants.
    return mark_safe("".join(parts))  # nosec B308 B703
