from .generic import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView, PortalView

__all__ = ["ObjectDeleteView", "ObjectDetailView", "ObjectEditView", "ObjectListView", "PortalView"]
