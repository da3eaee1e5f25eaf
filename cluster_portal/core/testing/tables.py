"""Test helpers over the list tables."""

from django.test import SimpleTestCase

from cluster_portal.core.tables import row_template_of


def _tbody(html: str) -> str:
    return html[html.index("<tbody") : html.index("</tbody>") + len("</tbody>")]


def rows_compared(response) -> int:
    """How many rows of a list page's table its row template printed as django-tables2 prints them (0 when the
    table has no row template or no rows); fails on the first difference.

    The page's table is rendered again both ways: with its row template (``core.tables.RowTemplate``), and
    through the library's cells (``BoundRow``: accessors, ``render_*``, ``linkify``, column defaults)."""
    table = response.context.get("table")
    if table is None or not row_template_of(table) or not len(table.page.object_list):
        return 0
    request = response.wsgi_request
    printed = table.as_html(request)
    table.row_template = ""
    library = table.as_html(request)
    SimpleTestCase().assertHTMLEqual(_tbody(printed), _tbody(library))
    return len(table.page.object_list)
