"""The calendar of meetings and the user's subscription feed."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from cluster_portal.core.access import can_add
from cluster_portal.core.views import PortalView

from .. import ics, selectors, services
from ..deadlines import MONTH_NAMES
from ..models import Meeting


class CalendarView(PortalView, TemplateView):
    """A month of meetings; planned ones without a date appear in the months of their period."""

    template_name = "councils/calendar.html"

    def month(self) -> tuple[int, int]:
        raw = self.request.GET.get("month", "")
        try:
            year, month = (int(part) for part in raw.split("-"))
            dt.date(year, month, 1)
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            today = timezone.localdate()
            return today.year, today.month
        return year, month

    def get_title(self):
        year, month = self.month()
        return f"Календарь заседаний: {MONTH_NAMES[month]} {year}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, month = self.month()
        dated, undated = selectors.meetings_of_month(user=self.request.user, year=year, month=month)
        by_day: dict[dt.date, list[Meeting]] = {}
        for meeting in dated:
            by_day.setdefault(meeting.date, []).append(meeting)
        weeks = [
            [(day, day.month == month, by_day.get(day, [])) for day in week]
            for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        first = dt.date(year, month, 1)
        last = dt.date(year, month, pycalendar.monthrange(year, month)[1])
        previous = first - dt.timedelta(days=1)
        following = last + dt.timedelta(days=1)
        context.update(
            weeks=weeks,
            weekdays=["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"],
            dated=dated,
            undated=undated,
            today=timezone.localdate(),
            prev_month=f"{previous:%Y-%m}",
            next_month=f"{following:%Y-%m}",
            this_month=f"{timezone.localdate():%Y-%m}",
            list_url=reverse("councils:meeting_list") + f"?date_after={first:%Y-%m-%d}&date_before={last:%Y-%m-%d}",
            add_url=reverse("councils:meeting_add") if can_add(self.request.user, Meeting) else "",
        )
        return context


class CalendarSubscribeView(PortalView, TemplateView):
    """The user's secret calendar address: create, renew or revoke it."""

    template_name = "councils/calendar_subscribe.html"
    title = "Подписка на календарь заседаний"

    def get_breadcrumbs(self):
        return [("Календарь", reverse("councils:calendar"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        feed = selectors.feed_of(user=self.request.user)
        context["feed"] = feed
        if feed is not None:
            path = reverse("councils:calendar_feed", args=[feed.token])
            context["feed_url"] = self.request.build_absolute_uri(path)
            context["webcal_url"] = "webcal://" + context["feed_url"].split("://", 1)[1]
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "renew":
            services.calendar_feed_renew(user=request.user)
            messages.success(request, "Создан новый адрес календаря. Прежний адрес, если был, больше не работает.")
        elif action == "revoke":
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, "Адрес календаря отозван: подписки по нему больше не обновляются.")
        else:
            raise PermissionDenied
        return HttpResponseRedirect(reverse("councils:calendar_subscribe"))


@login_not_required
def calendar_feed(request, token: str):
    """The .ics feed a calendar app polls; the secret token stands for the user's login."""
    feed = selectors.feed_by_token(token)
    if feed is None:
        raise Http404
    meetings = selectors.feed_meetings(user=feed.user)
    body = ics.calendar(meetings, name="Заседания советов кластера")
    services.calendar_feed_touch(feed=feed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
