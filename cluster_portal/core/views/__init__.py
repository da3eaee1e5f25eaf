from .children import ChildDeleteView, ChildEditView
from .formsets import FormsetsMixin
from .generic import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView, PortalView, add_errors

__all__ = [
    "ChildDeleteView",
    "ChildEditView",
    "FormsetsMixin",
    "ObjectDeleteView",
    "ObjectDetailView",
    "ObjectEditView",
    "ObjectListView",
    "PortalView",
    "add_errors",
]
