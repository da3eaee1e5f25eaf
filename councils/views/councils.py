"""Councils and their members."""

from __future__ import annotations

from django.utils import timezone

from cluster_portal.core.views import (
    ChildDeleteView,
    ChildEditView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)

from .. import filters, forms, io, selectors, services, tables


class CouncilListView(ObjectListView):
    selector = selectors.council_list
    table_class = tables.CouncilTable
    filterset_class = filters.CouncilFilter
    export_columns = io.COUNCIL_COLUMNS
    export_name = "councils"


class CouncilDetailView(ObjectDetailView):
    selector = selectors.council_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["seats"] = (
            selectors.council_member_list(user=user)
            .filter(council=self.object)
            .order_by("order", "person__last_name", "person__first_name", "pk")
        )
        context["today"] = timezone.localdate()
        context["meetings"] = (
            selectors.meeting_list(user=user)
            .filter(council=self.object)
            .order_by("-academic_year", "-date", "-pk")[:20]
        )
        context["can_edit"] = bool(context["edit_url"])
        context["quorum_needed"] = self.object.quorum_needed(self.object.members_total)
        return context


class CouncilEditView(ObjectEditView):
    selector = selectors.council_list
    form_class = forms.CouncilForm

    def save(self, form):
        return services.council_save(council=form.instance)


class CouncilDeleteView(ObjectDeleteView):
    selector = selectors.council_list


class CouncilMemberListView(ObjectListView):
    list_reads = ("councils", "members")
    filter_reads = ("councils.Council", "members.Cluster")
    selector = selectors.council_member_list
    table_class = tables.CouncilMemberTable
    filterset_class = filters.CouncilMemberFilter
    export_columns = io.COUNCIL_MEMBER_COLUMNS
    export_name = "council-members"
    title = "Члены советов"


class CouncilMemberEditView(ChildEditView):
    selector = selectors.council_member_list
    form_class = forms.CouncilMemberForm
    parent_field = "council"

    def save(self, form):
        return services.council_member_save(member=form.instance)


class CouncilMemberDeleteView(ChildDeleteView):
    selector = selectors.council_member_list
    parent_field = "council"
