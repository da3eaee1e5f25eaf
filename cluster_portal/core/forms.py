"""Base forms of the portal."""

from crispy_forms.helper import FormHelper
from django import forms

from .access import in_own_clusters, writable_fields
from .autocomplete import explain_invalid_choices


class PortalForm(forms.ModelForm):
    """A ModelForm that knows the user and renders with crispy, the template owning <form>.

    Fields the model's policy does not let the user's role change are shown disabled: Django then
    ignores whatever a request sends for them. A choice of rows that belong to a cluster offers only the
    clusters the user acts in, so a request naming another cluster's row is refused at the field.
    """

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        writable = writable_fields(user, self._meta.model) if user is not None else None
        if writable is not None:
            for name, field in self.fields.items():
                if name not in writable:
                    field.disabled = True
        if user is not None:
            self.bound_to_own_clusters(user)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        explain_invalid_choices(self)

    def full_clean(self):
        if self.user is not None:  # a choice a subclass set up after __init__ is bounded before it validates
            self.bound_to_own_clusters(self.user)
        super().full_clean()

    def bound_to_own_clusters(self, user):
        """Choices of rows that belong to a cluster: only the clusters ``user`` acts in."""
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None:
                field.queryset = in_own_clusters(queryset, user)


class UploadForm(forms.Form):
    """The upload step of an Excel import."""

    file = forms.FileField(label="Файл Excel (.xlsx)")

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Загрузите файл в формате .xlsx (книга Excel).")
        return file
