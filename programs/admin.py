from django.contrib import admin

from cluster_portal.core.admin_scale import PortalModelAdmin, PortalTabularInline

from .models import AdditionalProgram, AdmissionRound, AdmissionTarget, Program, ProgramDocument, Specialty


@admin.register(Specialty)
class SpecialtyAdmin(PortalModelAdmin):
    list_display = ("code", "name", "level", "group", "is_top50", "is_regional_priority", "is_advanced_competence")
    list_filter = ("level", "group", "is_top50", "is_regional_priority")
    search_fields = ("code", "name")


class ProgramDocumentInline(PortalTabularInline):
    model = ProgramDocument
    extra = 0


@admin.register(Program)
class ProgramAdmin(PortalModelAdmin):
    list_display = ("specialty", "college", "study_form", "base_education", "first_year", "last_year", "is_published")
    list_filter = ("study_form", "base_education", "is_published", "is_demo", "college")
    list_select_related = ("specialty", "college")
    search_fields = ("specialty__code", "specialty__name", "college__short_name")
    filter_horizontal = ("partners",)
    inlines = [ProgramDocumentInline]


@admin.register(AdditionalProgram)
class AdditionalProgramAdmin(PortalModelAdmin):
    list_display = ("title", "college", "kind", "hours", "year")
    list_filter = ("kind", "year", "college")
    search_fields = ("title",)


@admin.register(AdmissionTarget)
class AdmissionTargetAdmin(PortalModelAdmin):
    list_display = ("year", "college", "specialty", "proposed", "agreed", "status")
    list_filter = ("year", "status", "college")
    list_select_related = ("college", "specialty")


@admin.register(AdmissionRound)
class AdmissionRoundAdmin(PortalModelAdmin):
    list_display = ("year", "propose_by", "agree_by")
