"""Writes of the members app that do more than save one form."""

import datetime as dt
from collections.abc import Iterable, Mapping

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
        kept, refused = organization_former_names(former={organization.pk: before}, renamed_on=renamed_on)
        if refused:
            raise refused[organization.pk]
        kept[0].save()
    organization.save()
    return organization


def organization_former_names(
    *, former: Mapping[int, Mapping[str, str]], renamed_on: dt.date | None = None
) -> tuple[list[OrganizationName], dict[int, ValidationError]]:
    """The former names to keep of organizations renamed on ``renamed_on`` (today by default), checked, unsaved.

    ``former`` gives each renamed organization's names before (``name``, ``short_name``) by its key; each is
    kept as valid until the day before ``renamed_on``. The organizations' earlier names are read in one
    query, so that an import renaming many at once keeps them in bulk. An organization whose last former
    name already runs to that day or later keeps nothing: it is in the errors, by its key.
    """
    renamed_on = renamed_on or timezone.localdate()
    until = renamed_on - dt.timedelta(days=1)
    last = {}  # organization → its last former name (an organization has a few)
    for name in OrganizationName.objects.filter(organization__in=list(former)).order_by("organization", "valid_until"):
        last[name.organization_id] = name
    kept, refused = [], {}
    for pk, names in former.items():
        if pk in last and last[pk].valid_until >= until:
            refused[pk] = ValidationError(
                {
                    "renamed_on": f"Наименование «{last[pk].short_name}» действовало по "
                    f"{last[pk].valid_until:%d.%m.%Y}: новое не может действовать с {renamed_on:%d.%m.%Y}, "
                    "укажите более позднюю дату."
                }
            )
            continue
        name = OrganizationName(
            organization_id=pk, valid_until=until, name=names["name"], short_name=names["short_name"]
        )
        name.full_clean(exclude=["organization"], validate_unique=False, validate_constraints=False)
        kept.append(name)
    return kept, refused


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
