"""Base forms of the portal."""

from crispy_forms.helper import FormHelper
from django import forms

from .autocomplete import explain_invalid_choices


class PortalForm(forms.ModelForm):
    """A ModelForm that knows the user and renders with crispy, the template owning <form>."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
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
