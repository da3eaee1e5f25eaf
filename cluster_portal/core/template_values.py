"""A value printed as a template prints ``{{ value }}``, for HTML built in Python."""

from django.template import Context
from django.template.base import render_value_in_context

_CONTEXT = Context()  # autoescape on; localization and time zone as the settings say, as in a template


def shown(value) -> str:
    """``{{ value }}``: in local time, localized, escaped unless safe."""
    return render_value_in_context(value, _CONTEXT)
