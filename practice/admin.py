from django.contrib import admin

from cluster_portal.core.admin_scale import PortalModelAdmin, PortalTabularInline

from .models import (
    DataCollection,
    EmploymentOutcome,
    Placement,
    PracticeAgreement,
    PracticeBase,
    Student,
    StudentDataAccess,
    Submission,
    TeacherInternship,
)


@admin.register(PracticeBase)
class PracticeBaseAdmin(PortalModelAdmin):
    list_display = ("enterprise", "address", "has_mentoring_program", "usual_format")
    list_select_related = ("enterprise",)


@admin.register(PracticeAgreement)
class PracticeAgreementAdmin(PortalModelAdmin):
    list_display = ("number", "date", "college", "enterprise", "form")
    list_select_related = ("college", "enterprise")


@admin.register(Student)
class StudentAdmin(PortalModelAdmin):
    list_display = ("record_number", "college", "group_name", "graduation_year")
    list_select_related = ("college",)
    search_fields = ("record_number",)


@admin.register(Placement)
class PlacementAdmin(PortalModelAdmin):
    list_display = ("student", "base", "kind", "date_start", "mentoring_format", "job_offer")
    list_select_related = ("student", "base__enterprise")


@admin.register(EmploymentOutcome)
class EmploymentOutcomeAdmin(PortalModelAdmin):
    list_display = ("student", "year", "status", "date")
    list_select_related = ("student",)


class SubmissionInline(PortalTabularInline):
    model = Submission
    extra = 0


@admin.register(DataCollection)
class DataCollectionAdmin(PortalModelAdmin):
    list_display = ("title", "topic", "year", "deadline", "is_closed")
    inlines = [SubmissionInline]


@admin.register(StudentDataAccess)
class StudentDataAccessAdmin(PortalModelAdmin):
    list_display = ("at", "user", "page", "exported")
    list_select_related = ("user",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


admin.site.register(TeacherInternship, PortalModelAdmin)
