"""Template helpers of the portal."""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html_join

from .. import demo
from ..access import can
from ..fragments import fragments_for
from ..tables import has_plain_cells, row_template_of
from ..urls_helpers import url_for as _url_for

register = template.Library()


register.filter("has_plain_cells", has_plain_cells)
register.filter("row_template", row_template_of)


@register.simple_tag
def url_for(obj, action):
    return _url_for(obj, action)


@register.simple_tag(takes_context=True)
def fragments(context, place, **values):
    """What the apps registered for ``place`` (``core.fragments``), rendered in order."""
    request = context.get("request")
    pieces = fragments_for(place, request, **values)
    return format_html_join("", "{}", ((render_to_string(f.template, f.context, request=request),) for f in pieces))


@register.simple_tag
def file_url(obj, field="file"):
    """Where the protected file of ``obj`` is downloaded (access is checked there)."""
    if not getattr(obj, field, None):
        return ""
    meta = obj._meta
    return reverse(
        "core:file", kwargs={"app_label": meta.app_label, "model_name": meta.model_name, "pk": obj.pk, "field": field}
    )


@register.simple_tag
def demo_notice(capitalized=False):
    """The note of a page, panel or document built on generated rows (``core.demo``)."""
    return demo.notice(capitalized=capitalized)


@register.filter
def yesno_ru(value):
    if value is None:
        return "—"
    return "да" if value else "нет"


# django-auditlog ships no Russian translation: its action names would reach users in English.
HISTORY_ACTIONS = {0: "Создание", 1: "Изменение", 2: "Удаление", 3: "Просмотр"}


@register.filter
def history_action(entry):
    """The Russian name of a change-history entry's action."""
    return HISTORY_ACTIONS.get(entry.action, "Изменение")


@register.filter
def verbose_name(obj, field_name):
    return obj._meta.get_field(field_name).verbose_name


SKIPPED_FIELDS = {"id", "password", "created_at", "updated_at", "is_demo"}


@register.simple_tag(takes_context=True)
def object_fields(context, obj, exclude=""):
    """(label, value, url) of an object's own fields, for a generic detail table.

    A related row is linked only when the viewer may open it: no link that answers 403 or 404.
    """
    user = context.get("user")
    skip = SKIPPED_FIELDS | {name.strip() for name in exclude.split(",") if name.strip()}
    rows = []
    for field in obj._meta.concrete_fields:
        if field.name in skip or (getattr(field, "remote_field", None) and field.many_to_many):
            continue
        if field.choices:
            value = getattr(obj, f"get_{field.name}_display")()
        else:
            value = getattr(obj, field.name)
        url = ""
        if field.is_relation and value is not None and hasattr(value, "get_absolute_url") and can(user, value, "view"):
            url = value.get_absolute_url()
        if field.get_internal_type() == "FileField":
            url = file_url(obj, field.name) if value else ""
            value = "скачать" if value else None
        rows.append((field.verbose_name, value, url))
    return rows
