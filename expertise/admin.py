from django.contrib import admin

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


class CertificateInline(admin.TabularInline):
    model = ExpertCertificate
    extra = 0


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ("person", "user", "is_active")
    list_select_related = ("person", "user")
    inlines = [CertificateInline]


class SectionInline(admin.TabularInline):
    model = ChecklistSection
    extra = 0


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "version", "is_archived")
    inlines = [SectionInline]


class ParticipantInline(admin.TabularInline):
    model = SessionParticipant
    extra = 0


@admin.register(ExpertSession)
class ExpertSessionAdmin(admin.ModelAdmin):
    list_display = ("title", "date_from", "date_to", "cluster")
    inlines = [ParticipantInline]


class AnswerInline(admin.TabularInline):
    model = ReviewAnswer
    extra = 0


class EventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("session_program", "expert", "status", "updated_at")
    list_filter = ("status",)
    inlines = [AnswerInline, EventInline]


admin.site.register(Criterion)
admin.site.register(SessionProgram)
