"""The councils app's lists in the API (registered from ``CouncilsConfig.ready``)."""

from cluster_portal.api.registry import ReadEndpoint

from . import views

ENDPOINTS = (
    ReadEndpoint("councils/councils", views.CouncilListView),
    ReadEndpoint("councils/members", views.CouncilMemberListView),
    ReadEndpoint("councils/meetings", views.MeetingListView),
    ReadEndpoint("councils/decisions", views.DecisionListView),
    ReadEndpoint("councils/plans", views.WorkPlanListView),
    ReadEndpoint("councils/plan-items", views.PlanItemListView),
)
