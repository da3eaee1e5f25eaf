"""The profile page's form: a new personal token."""

import datetime as dt

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone

from .models import TokenScope

DEFAULT_DAYS = 90


class TokenForm(forms.Form):
    name = forms.CharField(label="Название", max_length=100, help_text="Для чего токен, например «Выгрузка из 1С».")
    scope = forms.ChoiceField(
        label="Права",
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text="«Чтение и загрузка данных» — для программ, которые присылают данные в портал.",
    )
    expires_on = forms.DateField(
        label="Действует до",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Последний день действия, не более чем через год.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = timezone.localdate() + dt.timedelta(days=DEFAULT_DAYS)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
