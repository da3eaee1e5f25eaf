"""Results of a session and of each program under review, on screen, in Excel and PDF."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from cluster_portal.core import demo
from cluster_portal.core.access import can, may, readable
from cluster_portal.core.pdf import pdf_response, render_pdf
from cluster_portal.core.roles import STAFF_ROLES, role_of
from cluster_portal.core.urls_helpers import url_for
from cluster_portal.core.views import PortalView
from cluster_portal.core.xlsx import export_filename, workbook_response

from .. import io, selectors
from ..models import Review, SessionProgram
from .sessions import SESSIONS_CRUMB, SessionPageMixin


class SessionResultsView(SessionPageMixin, TemplateView):
    """Summary of a session: each program's outcome; Excel and PDF."""

    template_name = "expertise/session_results.html"

    def check_access(self, user):
        if not may(user, SessionProgram, "view"):
            raise PermissionDenied

    def get_title(self):
        return f"Итоги: {self.session}"

    def results(self):
        results = selectors.session_results(session=self.session, user=self.request.user)
        for result in results:
            result.program_url = url_for(result.session_program.program, "detail")
        return results

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            results = self.results()
            names = readable(request.user, Review, "expert")
            return workbook_response(
                demo.noted(
                    [
                        ("Итоги", io.SUMMARY_COLUMNS, io.summary_rows(results, names=names)),
                        ("Оценки по критериям", io.result_columns(names=names), io.result_rows(results, names=names)),
                    ],
                    demo=self.session.is_demo,
                ),
                export_filename(f"expert-session-{self.session.pk}"),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session"] = self.session
        context["demo"] = self.session.is_demo
        context["results"] = self.results()
        context["show_names"] = readable(self.request.user, Review, "expert")
        return context


class SessionResultsPdfView(SessionResultsView):
    def get(self, request, *args, **kwargs):
        context = {
            "session": self.session,
            "results": self.results(),
            "show_names": readable(request.user, Review, "expert"),
            "title": f"Итоги экспертной сессии {self.session.period}",
            "demo": self.session.is_demo,
            "now": timezone.localtime(),
        }
        pdf = render_pdf("expertise/pdf/session_results.html", context, request=request)
        return pdf_response(pdf, f"itogi-ekspertnoj-sessii-{self.session.pk}.pdf")


class SessionProgramDetailView(PortalView, TemplateView):
    """Results for one program: every criterion with each expert's verdict and remark."""

    template_name = "expertise/sessionprogram_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.item = get_object_or_404(selectors.session_program_list(user=request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_title(self):
        return f"Результаты экспертизы: {self.item.program}"

    def get_breadcrumbs(self):
        session = self.item.participant.session
        label, name = SESSIONS_CRUMB
        crumbs = [(label, reverse(name))]
        if can(self.request.user, session, "view"):
            crumbs.append((str(session), session.get_absolute_url()))
        return crumbs

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            results = selectors.program_results(session_programs=[self.item])
            names = readable(request.user, Review, "expert")
            return workbook_response(
                demo.noted(
                    [("Результаты", io.result_columns(names=names), io.result_rows(results, names=names))],
                    demo=self.item.participant.session.is_demo,
                ),
                export_filename(f"expertise-program-{self.item.pk}"),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["item"] = self.item
        context["demo"] = self.item.participant.session.is_demo
        context["result"] = selectors.program_results(session_programs=[self.item])[0]
        context["program_url"] = url_for(self.item.program, "detail")
        context["show_names"] = readable(user, Review, "expert")
        context["reviews"] = (
            list(
                selectors.review_list(user=user).filter(session_program=self.item).order_by("expert__person__last_name")
            )
            if role_of(user) in STAFF_ROLES
            else []
        )
        return context
