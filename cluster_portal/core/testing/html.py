"""Test helpers comparing HTML printed two ways (the portal's printers and the libraries' templates)."""

import re


def squeezed(html: str) -> str:
    """Without the white space between tags."""
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html).replace(" >", ">")


def _widget_names(form) -> set[str]:
    names = set()
    for field in form:
        widget = field.field.widget
        for one in [widget, *getattr(widget, "widgets", ())]:
            names.add(type(one).__name__.lower())
    return names


def crispy_normalized(html: str, form) -> str:
    """White space squeezed, and without the widget-type classes («select», «textinput») crispy-forms adds."""
    dropped = _widget_names(form) | {"textinput"}

    def classes(match):
        kept = [c for c in match.group(1).split() if c not in dropped]
        return f'class="{" ".join(kept)}"'

    html = re.sub(r'class="([^"]*)"', classes, html)
    html = re.sub(r"\s+", " ", html)
    return squeezed(html).strip()
