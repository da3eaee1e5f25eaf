from django.urls import path

from cluster_portal.core.routing import object_urls

from . import views

app_name = "events"

urlpatterns = [
    path("calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("open/<int:pk>/", views.public_event, name="public_event"),
    path("<int:pk>/publish/", views.EventPublishView.as_view(), name="event_publish"),
    path("<int:pk>/return/", views.EventReturnView.as_view(), name="event_return"),
    *object_urls(
        "event",
        "",
        list=views.EventListView,
        detail=views.EventDetailView,
        edit=views.EventEditView,
        delete=views.EventDeleteView,
    ),
    *object_urls(
        "eventkind",
        "kinds/",
        list=views.EventKindListView,
        detail=views.EventKindDetailView,
        edit=views.EventKindEditView,
        delete=views.EventKindDeleteView,
    ),
    *object_urls("eventfile", "files/", edit=views.EventFileEditView, delete=views.EventFileDeleteView),
    *object_urls(
        "participant",
        "participants/",
        list=views.ParticipantListView,
        edit=views.ParticipantEditView,
        delete=views.ParticipantDeleteView,
    ),
    *object_urls(
        "competitionexpert",
        "competition-experts/",
        list=views.CompetitionExpertListView,
        edit=views.CompetitionExpertEditView,
        delete=views.CompetitionExpertDeleteView,
    ),
    *object_urls(
        "examsession",
        "exams/",
        list=views.ExamSessionListView,
        detail=views.ExamSessionDetailView,
        edit=views.ExamSessionEditView,
        delete=views.ExamSessionDeleteView,
    ),
    *object_urls(
        "exampanelmember", "exams/panel/", edit=views.ExamPanelMemberEditView, delete=views.ExamPanelMemberDeleteView
    ),
    *object_urls(
        "examresult",
        "exams/results/",
        list=views.ExamResultListView,
        edit=views.ExamResultEditView,
        delete=views.ExamResultDeleteView,
    ),
]
