"""Edit and delete views of child rows shown on their parent's page (an agenda item on its meeting)."""

from __future__ import annotations

from .generic import ObjectDeleteView, ObjectEditView


def follow(obj, path: str):
    """The object at the end of a dotted attribute path ("agenda_item.meeting"); None if a link is empty."""
    for name in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


class ChildEditView(ObjectEditView):
    """Create or edit a child row; cancel and breadcrumbs lead back to its parent.

    ``parent_field`` is the form's foreign key to the parent; a new row takes the parent from
    ``?<parent_field>=<pk>`` (the link on the parent's page) or from the posted form.
    """

    parent_field = ""

    def parent(self):
        if self.object is not None:
            return getattr(self.object, self.parent_field)
        field = self.get_form_class().base_fields[self.parent_field]
        pk = self.request.GET.get(self.parent_field) or self.request.POST.get(self.parent_field)
        if pk and str(pk).isdigit():
            return field.queryset.model._default_manager.filter(pk=pk).first()
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parent = self.parent()
        if parent is not None:
            context["cancel_url"] = parent.get_absolute_url()
        return context

    def get_breadcrumbs(self):
        parent = self.parent()
        crumbs = list(self.parent_crumbs)
        if parent is not None:
            crumbs.append((str(parent), parent.get_absolute_url()))
        return crumbs


class ChildDeleteView(ObjectDeleteView):
    """Delete a child row and return to the page that shows it.

    ``parent_field`` is a dotted path from the row to that page's object ("plan",
    "agenda_item.meeting").
    """

    parent_field = ""

    def delete_object(self, obj):
        # Resolved before the row goes: the path may pass through objects not loaded yet.
        self.parent_url = follow(obj, self.parent_field).get_absolute_url()
        super().delete_object(obj)

    def get_success_url(self) -> str:
        return self.parent_url
