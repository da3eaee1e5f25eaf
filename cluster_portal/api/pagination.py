"""Cursor pagination: stable pages over lists that change while they are read, no COUNT(*)."""

from rest_framework.pagination import CursorPagination


class PortalCursorPagination(CursorPagination):
    """Pages of 50 rows (``page_size`` up to 500) in the order rows were added."""

    ordering = "pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    cursor_query_description = "Курсор страницы: значение из ссылок next и previous предыдущего ответа."
    page_size_query_description = "Строк на странице (не более 500)."
