"""The practice app's lists in the API (registered from ``PracticeConfig.ready``).

Reads of student-level rows are logged in the coordinator's journal, as the pages' are.
"""

from cluster_portal.api.registry import ReadEndpoint

from . import services, views


def logged(label: str):
    """``on_read``: the read goes into the journal of student-data views, named as an API read."""

    def on_read(request) -> None:
        services.student_data_access_record(user=request.user, page=f"API: {label}", path=request.get_full_path())

    return on_read


ENDPOINTS = (
    ReadEndpoint("practice/bases", views.PracticeBaseListView),
    ReadEndpoint("practice/agreements", views.AgreementListView),
    ReadEndpoint("practice/students", views.StudentListView, on_read=logged(views.StudentListView.log_label)),
    ReadEndpoint("practice/placements", views.PlacementListView, on_read=logged(views.PlacementListView.log_label)),
    ReadEndpoint("practice/outcomes", views.OutcomeListView, on_read=logged(views.OutcomeListView.log_label)),
    ReadEndpoint("practice/internships", views.InternshipListView),
    ReadEndpoint("practice/collections", views.CollectionListView),
    ReadEndpoint("practice/submissions", views.SubmissionListView),
    ReadEndpoint("practice/access-log", views.AccessLogListView),
)
