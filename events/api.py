"""The events app's lists in the API (registered from ``EventsConfig.ready``).

Reads of students' results are logged in the practice journal, as the pages' are.
"""

from cluster_portal.api.registry import ReadEndpoint

from . import views
from .views.personal import log_personal


def logged(label: str):
    """``on_read``: the read goes into the journal of student-data views, named as an API read."""

    def on_read(request) -> None:
        log_personal(request, f"API: {label}", shown=True)

    return on_read


ENDPOINTS = (
    ReadEndpoint("events/events", views.EventListView),
    ReadEndpoint("events/kinds", views.EventKindListView),
    ReadEndpoint("events/participants", views.ParticipantListView, on_read=logged(views.ParticipantListView.log_label)),
    ReadEndpoint("events/competition-experts", views.CompetitionExpertListView),
    ReadEndpoint("events/exams", views.ExamSessionListView),
    ReadEndpoint("events/exam-results", views.ExamResultListView, on_read=logged(views.ExamResultListView.log_label)),
)
