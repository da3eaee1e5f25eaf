"""Pages of demonstration exams and independent assessment: sessions, panels, results."""

from __future__ import annotations

from django.urls import reverse, reverse_lazy

from cluster_portal.core.access import can, can_add
from cluster_portal.core.views import (
    ChildDeleteView,
    ChildEditView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)

from .. import filters, forms, io, selectors, services, tables
from ..models import ExamPanelMember, ExamResult
from .personal import PersonalListMixin, log_personal

EXAMS_CRUMB = ("Демонстрационные экзамены и НОК", reverse_lazy("events:examsession_list"))


class ExamSessionListView(ObjectListView):
    selector = selectors.exam_session_list
    table_class = tables.ExamSessionTable
    filterset_class = filters.ExamSessionFilter
    export_columns = io.EXAM_SESSION_COLUMNS
    export_name = "exams"


class ExamSessionDetailView(ObjectDetailView):
    selector = selectors.exam_session_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session, user = self.object, self.request.user
        results = list(
            selectors.exam_result_list(user=user).filter(session=session).order_by("student__record_number", "pk")
        )
        log_personal(self.request, "Результаты экзамена", shown=bool(results))
        may_change = can(user, session, "change")
        context.update(
            panel=selectors.exam_panel(session),
            results=results,
            plan_items=list(session.plan_items.select_related("plan").order_by("plan__year", "position")),
            meetings=list(session.review_meetings.select_related("council").order_by("date", "pk")),
            panel_add_url=(
                reverse("events:exampanelmember_add") + f"?session={session.pk}"
                if can_add(user, ExamPanelMember) and may_change
                else ""
            ),
            result_add_url=(
                reverse("events:examresult_add") + f"?session={session.pk}"
                if can_add(user, ExamResult) and may_change
                else ""
            ),
            can_remove_panel=can_add(user, ExamPanelMember) and may_change,
        )
        return context


class ExamSessionEditView(ObjectEditView):
    selector = selectors.exam_session_list
    form_class = forms.ExamSessionForm

    def save(self, form):
        relations = {name: form.cleaned_data[name] for name in ("plan_items", "review_meetings")}
        return services.exam_session_save(session=form.instance, relations=relations)


class ExamSessionDeleteView(ObjectDeleteView):
    selector = selectors.exam_session_list


class ExamPanelMemberEditView(ChildEditView):
    selector = selectors.exam_panel_member_list
    form_class = forms.ExamPanelMemberForm
    parent_field = "session"
    parent_crumbs = [EXAMS_CRUMB]


class ExamPanelMemberDeleteView(ChildDeleteView):
    selector = selectors.exam_panel_member_list
    parent_field = "session"


class ExamResultListView(PersonalListMixin, ObjectListView):
    selector = selectors.exam_result_list
    table_class = tables.ExamResultTable
    filterset_class = filters.ExamResultFilter
    export_columns = io.EXAM_RESULT_COLUMNS
    export_name = "exam-results"
    import_kind = "exam-results"
    log_label = "Результаты экзаменов"
    parent_crumbs = [EXAMS_CRUMB]


class ExamResultEditView(ChildEditView):
    selector = selectors.exam_result_list
    form_class = forms.ExamResultForm
    parent_field = "session"
    parent_crumbs = [EXAMS_CRUMB]


class ExamResultDeleteView(ChildDeleteView):
    selector = selectors.exam_result_list
    parent_field = "session"
