"""Writes of the members app that do more than save one form."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cluster_portal.core.roles import Role, role_of
from cluster_portal.notifications.mail import send_later

from .models import Cluster, Organization, Person, User


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
