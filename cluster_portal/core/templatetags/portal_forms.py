"""The fields of a list's filter form, printed in Python.

Every list page shows its filter form, and crispy-forms spent more time on its own templates
around each field (about 0.7 ms a field) than Django spends on the widget. This tag prints the
markup crispy-forms' Bootstrap 5 pack prints for a filter — label, widget with its Bootstrap
class, errors, help text — and leaves check boxes and radio buttons, which filters rarely use, to
crispy-forms itself.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

_CHECKS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


def _widget(field) -> str:
    widget = field.field.widget
    bootstrap = "form-select" if isinstance(widget, forms.Select) else "form-control"
    classes = [widget.attrs.get("class", ""), bootstrap, "is-invalid" if field.errors else ""]
    return field.as_widget(attrs={"class": " ".join(c for c in classes if c)})


def _errors(field) -> str:
    if not field.errors:
        return ""
    items = format_html_join(
        "",
        '<p id="error_{}_{}"><strong>{}</strong></p>',
        ((number, field.auto_id, error) for number, error in enumerate(field.errors, start=1)),
    )
    return format_html('<div id="{}_error" class="invalid-feedback">{}</div>', field.auto_id, items)


def _group(field) -> str:
    if isinstance(field.field.widget, forms.MultiWidget):  # a range: one legend over its inputs and errors
        described = format_html(' aria-describedby="{}_error"', field.auto_id) if field.errors else ""
        body = format_html(
            '<fieldset{}><legend class="form-label fs-6">{}</legend>{}{}</fieldset>',
            described,
            field.label,
            _widget(field),
            _errors(field),
        )
    else:
        label = format_html('<label for="{}" class="form-label">{}</label>', field.id_for_label, field.label)
        body = format_html("{}{}{}", label, _widget(field), _errors(field))
    hint = ""
    if field.help_text:  # written by developers, as crispy-forms prints it: not escaped
        hint = format_html(
            '<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, mark_safe(field.help_text)
        )
    return format_html('<div id="div_{}" class="mb-3">{}{}</div>', field.auto_id, body, hint)


@register.simple_tag
def filter_fields(form) -> str:
    """Each field in its group (a hidden one as it is), in the form's order; then the form's own errors."""
    parts = []
    for field in form:
        if field.is_hidden:
            parts.append(str(field))
        else:
            parts.append(as_crispy_field(field) if isinstance(field.field.widget, _CHECKS) else _group(field))
    if form.non_field_errors():
        items = format_html_join("", "<li>{}</li>", ((error,) for error in form.non_field_errors()))
        parts.append(format_html('<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>', items))
    return mark_safe("".join(parts))  # every part escaped above
