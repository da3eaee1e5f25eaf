"""The notification centre: the list, opening one (it becomes read), mark all read, the e-mail choices."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import FormView, ListView, View

from cluster_portal.core.views.generic import PortalView

from . import services
from .forms import PreferencesForm
from .selectors import email_choices, notification_list


class NotificationListView(PortalView, ListView):
    """The user's notifications, newest first; unread ones stand out."""

    template_name = "notifications/notification_list.html"
    title = "Уведомления"
    paginate_by = 50

    def get_queryset(self):
        return notification_list(user=self.request.user)


class NotificationOpenView(View):
    """Open a notification's page; the notification becomes read."""

    def get(self, request, pk):
        notification = get_object_or_404(notification_list(user=request.user), pk=pk)
        services.notification_mark_read(notification=notification)
        return redirect(notification.url or reverse("notifications:list"))


class NotificationReadView(View):
    """Mark one notification read and come back to the list."""

    def post(self, request, pk):
        notification = get_object_or_404(notification_list(user=request.user), pk=pk)
        services.notification_mark_read(notification=notification)
        return redirect("notifications:list")


class NotificationReadAllView(View):
    """Mark every notification of the user read."""

    def post(self, request):
        count = services.notifications_mark_all_read(user=request.user)
        if count:
            messages.success(request, f"Отмечено прочитанными: {count}.")
        return redirect("notifications:list")


class PreferencesView(PortalView, FormView):
    """Which kinds of notification also come by e-mail."""

    template_name = "notifications/preferences.html"
    form_class = PreferencesForm
    title = "Настройка уведомлений"
    parent_crumbs = (("Уведомления", reverse_lazy("notifications:list")),)
    success_url = reverse_lazy("notifications:settings")

    def get_initial(self):
        return {"email_kinds": [kind for kind, on in email_choices(user=self.request.user).items() if on]}

    def form_valid(self, form):
        services.preferences_save(user=self.request.user, email_kinds=form.cleaned_data["email_kinds"])
        messages.success(self.request, "Настройка уведомлений сохранена.")
        return super().form_valid(form)
