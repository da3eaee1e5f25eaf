from django.contrib import admin

from cluster_portal.core.admin_scale import PortalModelAdmin, PortalTabularInline

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


class CouncilMemberInline(PortalTabularInline):
    model = CouncilMember
    extra = 0


@admin.register(Council)
class CouncilAdmin(PortalModelAdmin):
    list_display = ("name", "kind", "cluster", "quorum_rule")
    inlines = [CouncilMemberInline]


class AgendaItemInline(PortalTabularInline):
    model = AgendaItem
    extra = 0
    fields = ("order", "title", "speaker_text")


@admin.register(Meeting)
class MeetingAdmin(PortalModelAdmin):
    list_display = ("council", "date", "period", "academic_year", "status")
    list_filter = ("council", "status", "academic_year")
    list_select_related = ("council",)
    inlines = [AgendaItemInline]


@admin.register(Decision)
class DecisionAdmin(PortalModelAdmin):
    list_display = ("__str__", "status", "due_date")
    list_filter = ("status",)
    list_select_related = ("agenda_item",)


class PlanSectionInline(PortalTabularInline):
    model = PlanSection
    extra = 0


@admin.register(WorkPlan)
class WorkPlanAdmin(PortalModelAdmin):
    list_display = ("year", "cluster", "title")
    inlines = [PlanSectionInline]


@admin.register(PlanItem)
class PlanItemAdmin(PortalModelAdmin):
    list_display = ("number", "plan", "title", "status_override", "due_date")
    list_filter = ("plan", "status_override")
    list_select_related = ("plan",)


admin.site.register(Minutes, PortalModelAdmin)
admin.site.register(PlanReport, PortalModelAdmin)
