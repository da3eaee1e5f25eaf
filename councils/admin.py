from django.contrib import admin

from .models import (
    AgendaItem,
    Council,
    CouncilMember,
    Decision,
    Meeting,
    Minutes,
    PlanItem,
    PlanReport,
    PlanSection,
    WorkPlan,
)


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "cluster", "quorum_rule")
    inlines = [CouncilMemberInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("order", "title", "speaker_text")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("council", "date", "period", "academic_year", "status")
    list_filter = ("council", "status", "academic_year")
    list_select_related = ("council",)
    inlines = [AgendaItemInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "status", "due_date")
    list_filter = ("status",)
    list_select_related = ("agenda_item",)


class PlanSectionInline(admin.TabularInline):
    model = PlanSection
    extra = 0


@admin.register(WorkPlan)
class WorkPlanAdmin(admin.ModelAdmin):
    list_display = ("year", "cluster", "title")
    inlines = [PlanSectionInline]


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    list_display = ("number", "plan", "title", "status", "due_date")
    list_filter = ("plan", "status")
    list_select_related = ("plan",)


admin.site.register(Minutes)
admin.site.register(PlanReport)
