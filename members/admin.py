from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from cluster_portal.core.admin_scale import PortalModelAdmin, PortalTabularInline, ScaledRelationsMixin

from .models import (
    Cluster,
    EnlargedGroup,
    Membership,
    NormativeDocument,
    Organization,
    Person,
    Sector,
    SectorCollege,
    User,
)


@admin.register(User)
class PortalUserAdmin(ScaledRelationsMixin, UserAdmin):
    list_display = ("username", "last_name", "first_name", "role", "organization", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    list_select_related = ("organization",)
    fieldsets = (*UserAdmin.fieldsets, ("Портал", {"fields": ("role", "organization", "person")}))


@admin.register(Organization)
class OrganizationAdmin(PortalModelAdmin):
    list_display = ("short_name", "name", "kind", "town")
    list_filter = ("kind",)
    search_fields = ("short_name", "name", "inn")


@admin.register(Person)
class PersonAdmin(PortalModelAdmin):
    list_display = ("last_name", "first_name", "middle_name", "position", "organization")
    list_select_related = ("organization",)
    search_fields = ("last_name", "first_name", "email")


class MembershipInline(PortalTabularInline):
    model = Membership
    extra = 0


class SectorCollegeInline(PortalTabularInline):
    model = SectorCollege
    extra = 0


@admin.register(Cluster)
class ClusterAdmin(PortalModelAdmin):
    list_display = ("name", "region", "lead_college")
    inlines = [MembershipInline]


@admin.register(Sector)
class SectorAdmin(PortalModelAdmin):
    list_display = ("name", "cluster", "order")
    inlines = [SectorCollegeInline]


admin.site.register(EnlargedGroup, PortalModelAdmin)
admin.site.register(NormativeDocument, PortalModelAdmin)
admin.site.site_header = "Администрирование портала кластера"
admin.site.site_title = "Портал кластера"
