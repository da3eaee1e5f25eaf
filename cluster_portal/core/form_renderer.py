"""The form renderer of the portal: Django's own, with its commonest widget templates printed in Python.

Every page with a form or a filter renders selects and inputs, and Django renders each option of
a select through two included templates (10–20 µs an option: a list's filter with a hundred
sessions or sectors spends milliseconds on it). For the templates below, as Django ships them,
this renderer prints the same HTML from the same widget context; any other template — a
project's own widget, a form or field layout — goes to Django's template renderer as before.
``core/tests/test_form_renderer.py`` compares the printers with Django's templates widget by
widget, and ``core/tests/test_list_pages.py`` every list page and its «Добавить» form.
"""

from __future__ import annotations

from collections.abc import Callable

from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.safestring import SafeData, mark_safe

from .template_values import shown

_WIDGETS = "django/forms/widgets/"
_OPTION = _WIDGETS + "select_option.html"


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``."""
    if isinstance(value, tuple):
        value = str(value)
    try:
        text = str(value)  # "%s" % value, the value not being a tuple
    except (ValueError, TypeError):
        text = ""
    return shown(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if value is not False:
            parts.append(f" {shown(name)}" if value is True else f' {shown(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """``input.html``, with the line break its file ends with."""
    value = f' value="{_formatted(widget["value"])}"' if widget["value"] is not None else ""
    return f'<input type="{shown(widget["type"])}" name="{shown(widget["name"])}"{value}{_attrs(widget["attrs"])}>\n'


def _input_widget(widget: dict) -> str | None:
    """``text.html``, ``date.html`` and the like: ``{% include "…/input.html" %}`` and a line break."""
    return _input(widget) + "\n"


def _select(widget: dict) -> str | None:
    """``select.html`` and its ``select_option.html`` (None for an option of another template)."""
    parts = [f'<select name="{shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{shown(group_name)}">')
        for option in group_choices:
            if option["template_name"] != _OPTION:
                return None
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{shown(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _range(widget: dict) -> str | None:
    """django-filter's ``widgets/multiwidget.html``: the parts of a range, a dash after the first."""
    parts = []
    for number, subwidget in enumerate(widget["subwidgets"]):
        printer = _PRINTERS.get(subwidget["template_name"])
        printed = printer(subwidget) if printer is not None else None
        if printed is None:
            return None
        parts.append(printed + ("-" if number == 0 else ""))
    return "".join(parts) + "\n"


_INPUTS = ("text", "number", "email", "url", "password", "hidden", "date", "datetime", "time", "search", "tel")
_PRINTERS: dict[str, Callable[[dict], str | None]] = {
    **{f"{_WIDGETS}{name}.html": _input_widget for name in _INPUTS},
    _WIDGETS + "select.html": _select,
    "django_filters/widgets/multiwidget.html": _range,
}


class PortalFormRenderer(DjangoTemplates):
    """``FORM_RENDERER``: Django's ``DjangoTemplates`` renderer with the printers above."""

    @cached_property
    def prints(self) -> bool:
        """Whether the templates above are the ones their packages ship: no app overrides any of them."""
        for name in (*_PRINTERS, _OPTION, _WIDGETS + "input.html", _WIDGETS + "attrs.html"):
            package = "django_filters" if name.startswith("django_filters/") else "django/forms"
            origin = str(self.get_template(name).origin.name).replace("\\", "/")
            if not origin.endswith(f"/{package}/templates/{name}"):
                return False
        return True

    def render(self, template_name, context, request=None):
        printer = _PRINTERS.get(template_name)
        if printer is not None and set(context) == {"widget"} and self.prints:
            printed = printer(context["widget"])
            if printed is not None:
                return printed.strip()
        return super().render(template_name, context, request)
