from django.contrib import admin

from cluster_portal.core.admin_scale import PortalModelAdmin, PortalTabularInline

from .models import (
    ChecklistSection,
    ChecklistTemplate,
    Criterion,
    Expert,
    ExpertCertificate,
    ExpertSession,
    Review,
    ReviewAnswer,
    ReviewEvent,
    SessionParticipant,
    SessionProgram,
)


class CertificateInline(PortalTabularInline):
    model = ExpertCertificate
    extra = 0


@admin.register(Expert)
class ExpertAdmin(PortalModelAdmin):
    list_display = ("person", "user", "is_active")
    list_select_related = ("person", "user")
    inlines = [CertificateInline]


class SectionInline(PortalTabularInline):
    model = ChecklistSection
    extra = 0


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(PortalModelAdmin):
    list_display = ("title", "version", "is_archived")
    inlines = [SectionInline]


class ParticipantInline(PortalTabularInline):
    model = SessionParticipant
    extra = 0


@admin.register(ExpertSession)
class ExpertSessionAdmin(PortalModelAdmin):
    list_display = ("title", "date_from", "date_to", "cluster")
    inlines = [ParticipantInline]


class AnswerInline(PortalTabularInline):
    model = ReviewAnswer
    extra = 0


class EventInline(PortalTabularInline):
    model = ReviewEvent
    extra = 0


@admin.register(Review)
class ReviewAdmin(PortalModelAdmin):
    list_display = ("session_program", "expert", "status", "updated_at")
    list_filter = ("status",)
    inlines = [AnswerInline, EventInline]


admin.site.register(Criterion, PortalModelAdmin)
admin.site.register(SessionProgram, PortalModelAdmin)
