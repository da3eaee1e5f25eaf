from django.urls import path

from cluster_portal.core.routing import object_urls

from . import views

app_name = "councils"

urlpatterns = [
    *object_urls(
        "council",
        "",
        list=views.CouncilListView,
        detail=views.CouncilDetailView,
        edit=views.CouncilEditView,
        delete=views.CouncilDeleteView,
    ),
    *object_urls(
        "councilmember",
        "members/",
        list=views.CouncilMemberListView,
        edit=views.CouncilMemberEditView,
        delete=views.CouncilMemberDeleteView,
    ),
    *object_urls(
        "meeting",
        "meetings/",
        list=views.MeetingListView,
        detail=views.MeetingDetailView,
        edit=views.MeetingEditView,
        delete=views.MeetingDeleteView,
    ),
    path("meetings/<int:pk>/attendance/", views.MeetingAttendanceView.as_view(), name="meeting_attendance"),
    path("meetings/<int:pk>/minutes/", views.MeetingMinutesView.as_view(), name="meeting_minutes"),
    path("meetings/<int:pk>/minutes/delete/", views.MinutesDeleteView.as_view(), name="minutes_delete"),
    path("meetings/<int:pk>/minutes/amend/", views.MinutesAmendView.as_view(), name="minutes_amend"),
    path("meetings/<int:pk>/minutes/decision-row/", views.DecisionRowView.as_view(), name="minutes_decision_row"),
    path("meetings/<int:pk>/held/", views.MeetingHeldView.as_view(), name="meeting_held"),
    path("meetings/<int:pk>/invite/", views.MeetingInviteView.as_view(), name="meeting_invite"),
    path("meetings/<int:pk>/ics/", views.MeetingIcsView.as_view(), name="meeting_ics"),
    path("meetings/<int:pk>/protocol.pdf", views.ProtocolPdfView.as_view(), name="meeting_protocol_pdf"),
    *object_urls("agendaitem", "agenda/", edit=views.AgendaItemEditView, delete=views.AgendaItemDeleteView),
    path("agenda/<int:pk>/move/<slug:direction>/", views.AgendaItemMoveView.as_view(), name="agendaitem_move"),
    *object_urls(
        "decision",
        "decisions/",
        list=views.DecisionListView,
        detail=views.DecisionDetailView,
        edit=views.DecisionEditView,
        delete=views.DecisionDeleteView,
    ),
    path("decisions/<int:pk>/plan/", views.DecisionPlanView.as_view(), name="decision_plan"),
    path("plans/execution/", views.CurrentPlanExecutionView.as_view(), name="plan_execution_current"),
    path("plans/<int:pk>/execution/", views.PlanExecutionView.as_view(), name="workplan_execution"),
    path("plans/items/<int:pk>/status/", views.PlanItemStatusView.as_view(), name="planitem_status"),
    *object_urls(
        "workplan",
        "plans/",
        list=views.WorkPlanListView,
        detail=views.WorkPlanDetailView,
        edit=views.WorkPlanEditView,
        delete=views.WorkPlanDeleteView,
    ),
    *object_urls("plansection", "plans/sections/", edit=views.PlanSectionEditView, delete=views.PlanSectionDeleteView),
    *object_urls(
        "planitem",
        "plans/items/",
        list=views.PlanItemListView,
        detail=views.PlanItemDetailView,
        edit=views.PlanItemEditView,
        delete=views.PlanItemDeleteView,
    ),
    *object_urls("planreport", "plans/reports/", edit=views.PlanReportEditView, delete=views.PlanReportDeleteView),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar/subscribe/", views.CalendarSubscribeView.as_view(), name="calendar_subscribe"),
    path("calendar/feed/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
