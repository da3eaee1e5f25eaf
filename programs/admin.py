from django.contrib import admin

from .models import AdditionalProgram, AdmissionTarget, Program, ProgramDocument, Specialty


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "group", "is_top50", "is_regional_priority", "is_advanced_competence")
    list_filter = ("level", "group", "is_top50", "is_regional_priority")
    search_fields = ("code", "name")


class ProgramDocumentInline(admin.TabularInline):
    model = ProgramDocument
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("specialty", "college", "study_form", "base_education", "first_year", "last_year", "is_published")
    list_filter = ("study_form", "base_education", "is_published", "is_demo", "college")
    list_select_related = ("specialty", "college")
    search_fields = ("specialty__code", "specialty__name", "college__short_name")
    autocomplete_fields = ("specialty",)
    filter_horizontal = ("partners",)
    inlines = [ProgramDocumentInline]


@admin.register(AdditionalProgram)
class AdditionalProgramAdmin(admin.ModelAdmin):
    list_display = ("title", "college", "kind", "hours", "year")
    list_filter = ("kind", "year", "college")
    search_fields = ("title",)


@admin.register(AdmissionTarget)
class AdmissionTargetAdmin(admin.ModelAdmin):
    list_display = ("year", "college", "specialty", "proposed", "agreed", "status")
    list_filter = ("year", "status", "college")
    list_select_related = ("college", "specialty")
