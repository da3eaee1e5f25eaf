from django.contrib import admin

from cluster_portal.core.admin_scale import PortalModelAdmin, PortalTabularInline

from .models import (
    CompetitionExpert,
    Event,
    EventFile,
    EventKind,
    ExamPanelMember,
    ExamResult,
    ExamSession,
    Participant,
)


@admin.register(EventKind)
class EventKindAdmin(PortalModelAdmin):
    list_display = ("name", "is_competition", "public_by_default", "order")


class EventFileInline(PortalTabularInline):
    model = EventFile
    extra = 0
    fields = ("kind", "file", "caption")


@admin.register(Event)
class EventAdmin(PortalModelAdmin):
    list_display = ("title", "kind", "starts_on", "organizer", "status", "is_public")
    list_select_related = ("kind", "organizer")
    list_filter = ("status", "is_public", "kind")
    search_fields = ("title",)
    inlines = [EventFileInline]


@admin.register(Participant)
class ParticipantAdmin(PortalModelAdmin):
    list_display = ("event", "competence", "student", "mentor", "place")
    list_select_related = ("event", "student", "mentor")


@admin.register(CompetitionExpert)
class CompetitionExpertAdmin(PortalModelAdmin):
    list_display = ("event", "person", "competence", "role")
    list_select_related = ("event", "person")


class PanelInline(PortalTabularInline):
    model = ExamPanelMember
    extra = 0


@admin.register(ExamSession)
class ExamSessionAdmin(PortalModelAdmin):
    list_display = ("college", "specialty", "year", "kind", "date_from")
    list_select_related = ("college", "specialty")
    list_filter = ("kind", "year")
    inlines = [PanelInline]


@admin.register(ExamResult)
class ExamResultAdmin(PortalModelAdmin):
    list_display = ("session", "student", "score", "grade", "passed")
    list_select_related = ("session__college", "session__specialty", "student")
