"""Writes of the members app that do more than save one form."""

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Organization, Person, User


@transaction.atomic
def user_create(
    *,
    username: str,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    organization: Organization | None = None,
    person: Person | None = None,
    is_active: bool = True,
) -> User:
    """Create a user without a password and e-mail a link to set one."""
    user = User(
        username=username,
        email=email,
        role=role,
        first_name=first_name,
        last_name=last_name,
        organization=organization,
        person=person,
        is_active=is_active,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    if user.email:
        reset = PasswordResetForm({"email": user.email})
        if reset.is_valid():
            # Unusable passwords are skipped by PasswordResetForm.get_users(); send explicitly.
            transaction.on_commit(lambda: _send_invitation(reset, user))
    return user


def _send_invitation(reset: PasswordResetForm, user: User) -> None:
    reset.send_mail(
        "registration/invitation_subject.txt",
        "registration/invitation_email.txt",
        {
            "user": user,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
            "base_url": settings.PORTAL_BASE_URL,
        },
        settings.DEFAULT_FROM_EMAIL,
        user.email,
    )
