"""The JSON answer behind every searchable select: one page of a registered source's rows."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import autocomplete as registry


def _page_number(raw: str | None) -> int:
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), registry.MAX_PAGE)


@login_not_required  # public sources (the catalog) answer visitors; every other source refuses them below
@never_cache
@require_GET
def autocomplete(request, name: str):
    """``{"results": [{"id", "text"}], "more": bool}``: the rows of ``name`` the user may pick."""
    source = registry.get(name)
    if not source.public and not request.user.is_authenticated:
        return JsonResponse({"error": "Войдите в портал."}, status=403)
    rows, more = source.page(
        request.user,
        text=request.GET.get("q", ""),
        page=_page_number(request.GET.get("page")),
        params=request.GET,
    )
    results = [{"id": str(row.pk), "text": source.label(row)} for row in rows]
    return JsonResponse({"results": results, "more": more})
