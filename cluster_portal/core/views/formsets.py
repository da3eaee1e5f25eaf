"""An edit page whose form comes with formsets: the object's rows, edited and saved with it."""

from __future__ import annotations


class FormsetsMixin:
    """For ``ObjectEditView``: the formsets of ``get_formsets()`` are shown, validated with the form
    and available to ``save(form)`` as ``self.formsets``; a service's refusal lands on the form."""

    formsets: dict | None = None

    def get_formsets(self) -> dict:
        """Context name → formset, bound to the request's data on POST."""
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for name, formset in (self.formsets if self.formsets is not None else self.get_formsets()).items():
            context.setdefault(name, formset)
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        self.formsets = self.get_formsets()
        # Every part is validated, so the page shows all the errors at once.
        valid = [form.is_valid(), *(formset.is_valid() for formset in self.formsets.values())]
        return self.form_valid(form) if all(valid) else self.form_invalid(form)
