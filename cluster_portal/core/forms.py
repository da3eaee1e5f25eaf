"""Base forms of the portal."""

from crispy_forms.helper import FormHelper
from django import forms

from .access import writable_fields
from .autocomplete import explain_invalid_choices


class PortalForm(forms.ModelForm):
    """A ModelForm that knows the user and renders with crispy, the template owning <form>.

    Fields the model's policy does not let the user's role change are shown disabled: Django then
    ignores whatever a request sends for them.
    """

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        writable = writable_fields(user, self._meta.model) if user is not None else None
        if writable is not None:
            for name, field in self.fields.items():
                if name not in writable:
                    field.disabled = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        explain_invalid_choices(self)


class UploadForm(forms.Form):
    """The upload step of an Excel import."""

    file = forms.FileField(label="Файл Excel (.xlsx)")

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Загрузите файл в формате .xlsx (книга Excel).")
        return file
