"""Form fields for import rows: choices and references written as people write them in Excel."""

from django import forms


class LabelChoiceField(forms.ChoiceField):
    """Accepts a choice by its Russian label (as exported) or by its code, case-insensitively."""

    def __init__(self, *, choices, **kwargs):
        super().__init__(choices=choices, **kwargs)
        self._by_word = {}
        for value, label in choices:
            self._by_word[str(value).lower()] = value
            self._by_word[str(label).lower()] = value

    def to_python(self, value):
        value = super().to_python(value)
        return self._by_word.get(" ".join(value.split()).lower(), value) if value else value

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if value and value not in {str(v) for v, _ in self.choices}:
            allowed = "; ".join(str(label) for _, label in self.choices if _)
            raise forms.ValidationError(
                f"Недопустимое значение «{value}». Допустимо: {allowed}.", code="invalid_choice"
            )


def reference_field(queryset, to_field: str, what: str, *, required=True, label=None) -> forms.ModelChoiceField:
    """A reference by a natural value (a short name, a code) with a clear Russian error."""
    return forms.ModelChoiceField(
        queryset=queryset,
        to_field_name=to_field,
        required=required,
        label=label,
        error_messages={"invalid_choice": f"{what} «%(value)s» не найдена в портале."},
    )


class ImportForm(forms.ModelForm):
    """Validates one import row; knows the importing user to scope its choices."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
