"""Admin pages at the region's scale: a relation to a table that grows is not a full select.

A select of every student, person or organization would carry hundreds of thousands of options
in a region's database. ``ScaledRelationsMixin`` makes each relation to a table outside
the small tables an autocomplete where the related admin can search, and a raw id otherwise. Every
admin class of the portal takes it (``PortalModelAdmin``, ``PortalTabularInline``); a test walks
the admin site and names a relation that would still be a full select.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model

# Reference tables that stay small whatever the region's size: a select of them is fine. Django's own
# are named here; the apps add theirs with register_small() from their ready().
_small_tables: set[str] = {"auth.group", "auth.permission", "contenttypes.contenttype"}


def register_small(*models: type[Model]) -> None:
    """Reference tables that stay small whatever the region's size: relations to them stay selects."""
    _small_tables.update(model._meta.label_lower for model in models)


def grows(field) -> bool:
    """Whether the field is a relation (to one or many) to a table outside the small tables."""
    return bool(field.is_relation and field.concrete) and field.related_model._meta.label_lower not in _small_tables


class ScaledRelationsMixin:
    """Relations to growing tables: autocompletes where the related admin searches, raw ids elsewhere."""

    def _growing(self) -> list:
        return [field for field in self.model._meta.get_fields() if grows(field)]

    def _searchable(self, model) -> bool:
        if not self.admin_site.is_registered(model):
            return False
        return bool(self.admin_site.get_model_admin(model).search_fields)

    @property
    def autocomplete_fields(self):
        return tuple(f.name for f in self._growing() if self._searchable(f.related_model))

    @property
    def raw_id_fields(self):
        quick = set(self.autocomplete_fields)
        return tuple(f.name for f in self._growing() if f.name not in quick)


class PortalModelAdmin(ScaledRelationsMixin, admin.ModelAdmin):
    pass


class PortalTabularInline(ScaledRelationsMixin, admin.TabularInline):
    pass
