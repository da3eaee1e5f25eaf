"""Forms of the notifications app: the user's choice of kinds, and a password reset mailed by a job."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.template.loader import render_to_string

from .choices import NotificationKind
from .mail import send_later


class PreferencesForm(forms.Form):
    """Per kind: in the portal only (unchecked) or also by e-mail (checked)."""

    email_kinds = forms.MultipleChoiceField(
        label="Присылать также по электронной почте",
        choices=NotificationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=(
            "Уведомления всех видов всегда видны в портале, под колокольчиком; отмеченные виды приходят ещё и письмом."
        ),
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset whose letter a job sends, with the link on ``PORTAL_BASE_URL``.

    The request's own host is never used in the link: the letter points where the portal really lives.
    """

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        context = {**context, "base_url": settings.PORTAL_BASE_URL.rstrip("/"), "site_name": settings.PORTAL_TITLE}
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        html = render_to_string(html_email_template_name, context) if html_email_template_name else ""
        send_later(subject=subject, body=render_to_string(email_template_name, context), to=[to_email], html=html)
