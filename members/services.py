"""Writes of the members app that do more than save one form."""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cluster_portal.core.roles import Role, role_of
from cluster_portal.notifications.mail import send_later

from .models import Cluster, Organization, OrganizationName, Person, User


@transaction.atomic
def organization_save(*, organization: Organization, renamed_on: dt.date | None = None) -> Organization:
    """Save an organization; a changed name keeps the former one, valid until the day before ``renamed_on``.

    Reports about a period before ``renamed_on`` (today by default) print the former name.
    """
    organization.full_clean()
    before = (
        Organization.objects.filter(pk=organization.pk).values("name", "short_name").first()
        if organization.pk
        else None
    )
    if before and (before["name"], before["short_name"]) != (organization.name, organization.short_name):
        _keep_former_name(organization, before, renamed_on or timezone.localdate())
    organization.save()
    return organization


def _keep_former_name(organization: Organization, before: dict, renamed_on: dt.date) -> None:
    until = renamed_on - dt.timedelta(days=1)
    last = OrganizationName.objects.filter(organization=organization).order_by("-valid_until").first()
    if last is not None and last.valid_until >= until:
        raise ValidationError(
            {
                "renamed_on": f"Наименование «{last.short_name}» действовало по {last.valid_until:%d.%m.%Y}: "
                f"новое не может действовать с {renamed_on:%d.%m.%Y}, укажите более позднюю дату."
            }
        )
    former = OrganizationName(organization=organization, valid_until=until, **before)
    former.full_clean()
    former.save()


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
    clusters: Iterable[Cluster] = (),
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
    user.clusters.set(clusters)
    if user.email:
        invitation_send(user=user)
    return user


def invitation_send(*, user: User) -> None:
    """Queue the e-mail with the link to set a password (a job sends it once the transaction commits)."""
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "base_url": settings.PORTAL_BASE_URL.rstrip("/"),
    }
    subject = "".join(render_to_string("registration/invitation_subject.txt", context).splitlines())
    send_later(subject=subject, body=render_to_string("registration/invitation_email.txt", context), to=[user.email])


def appoints_to_clusters(user) -> bool:
    """Whether ``user`` appoints users to clusters: the region's administrator, a coordinator of no one cluster."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return role_of(user) == Role.COORDINATOR and not user.clusters.exists()
