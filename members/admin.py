from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

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
class PortalUserAdmin(UserAdmin):
    list_display = ("username", "last_name", "first_name", "role", "organization", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    list_select_related = ("organization",)
    autocomplete_fields = ("organization", "person")
    fieldsets = (*UserAdmin.fieldsets, ("Портал", {"fields": ("role", "organization", "person")}))


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name", "kind", "town")
    list_filter = ("kind",)
    search_fields = ("short_name", "name", "inn")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "middle_name", "position", "organization")
    list_select_related = ("organization",)
    search_fields = ("last_name", "first_name", "email")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


class SectorCollegeInline(admin.TabularInline):
    model = SectorCollege
    extra = 0


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "lead_college")
    inlines = [MembershipInline]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("name", "cluster", "order")
    inlines = [SectorCollegeInline]


admin.site.register(EnlargedGroup)
admin.site.register(NormativeDocument)
admin.site.site_header = "Администрирование портала кластера"
admin.site.site_title = "Портал кластера"
