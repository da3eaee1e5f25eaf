from .children import ChildDeleteView, ChildEditView
from .generic import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView, PortalView, add_errors

__all__ = [
    "ChildDeleteView",
    "ChildEditView",
    "ObjectDeleteView",
    "ObjectDetailView",
    "ObjectEditView",
    "ObjectListView",
    "PortalView",
    "add_errors",
]
