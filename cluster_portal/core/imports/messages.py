"""Model validation errors said the way the import says everything: what is expected, in plain Russian."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def field_message(error: ValidationError, column) -> str:
    """A field's error without Django's default wording: the rule in the portal's words, or the app's own message."""
    code, params = error.code, error.params or {}
    internal = column.model_field.get_internal_type() if column is not None and column.model_field is not None else ""
    if code in {"required", "blank", "null"}:
        return "не заполнено; значение обязательно."
    if code == "max_length":
        return f"слишком длинное значение: допускается не более {params.get('limit_value')} знаков."
    if code == "min_value":
        return f"значение меньше допустимого: ожидается не меньше {params.get('limit_value')}."
    if code == "max_value":
        return f"значение больше допустимого: ожидается не больше {params.get('limit_value')}."
    if code == "invalid_choice":
        return "нет такого значения в списке допустимых."
    if code == "invalid" and internal == "EmailField":
        return "не адрес электронной почты; ожидается, например, info@example.ru."
    if code == "invalid" and internal == "URLField":
        return "не адрес сайта; ожидается, например, https://example.ru."
    message = error.message % params if params else error.message
    message = str(message)
    return message if message.endswith((".", "!", "?")) else message + "."
