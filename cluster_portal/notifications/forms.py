from django import forms

from .choices import NotificationKind


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
