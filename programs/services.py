"""Writes of the program bank: programs, their documents and the admission-target workflow."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cluster_portal.core.access import can, can_add
from cluster_portal.core.roles import Role, role_of

from .choices import TargetStatus
from .models import AdmissionAgreement, AdmissionTarget, Program, ProgramDocument

AGREED_LOCKED = "КЦП уже согласованы координатором: изменить их может только координатор."
AGREED_IDENTITY = (
    "По этим КЦП уже было согласование: ПОО, специальность и год приёма не меняются "
    "(согласование остаётся в отчёте своего года). Внесите новые КЦП."
)


def _identity(target: AdmissionTarget) -> tuple:
    return (target.college_id, target.specialty_id, target.year)


def _check_college(user, college) -> None:
    """A college representative writes only for their own college."""
    if role_of(user) == Role.COLLEGE and college.pk != user.organization_id:
        raise PermissionDenied


@transaction.atomic
def program_save(*, program: Program, partners=None, user) -> Program:
    """Create or update a program (with its partner enterprises) for a college the user may write for."""
    if program.pk is None and not can_add(user, Program):
        raise PermissionDenied
    if program.pk is not None and not can(user, Program.objects.get(pk=program.pk), "change"):
        raise PermissionDenied
    _check_college(user, program.college)
    program.full_clean()
    program.save()
    if partners is not None:
        program.partners.set(partners)
    return program


@transaction.atomic
def program_document_attach(*, program: Program, title: str, file, user) -> ProgramDocument:
    """Attach a checked document (type, content, size: the kernel's validator) to a program."""
    if not can(user, program, "change"):
        raise PermissionDenied
    document = ProgramDocument(program=program, title=title, file=file)
    document.full_clean()
    document.save()
    return document


def _date_agreement(target: AdmissionTarget, stored: AdmissionTarget | None) -> None:
    """A new agreed number carries its date: one given without a date, or still dated as the previous
    agreement, is dated today (a new decision never rewrites the year of an earlier one)."""
    if target.agreed is None:
        target.agreed_on = None
        return
    changed = stored is None or stored.agreed != target.agreed
    if changed and (target.agreed_on is None or (stored is not None and target.agreed_on == stored.agreed_on)):
        target.agreed_on = timezone.localdate()


def _record_agreement(target: AdmissionTarget, stored: AdmissionTarget | None, user) -> None:
    """Add the decision to the target's history when the agreed number or its date changed (an agreement
    withdrawn is a row without a number, dated today)."""
    before = (stored.agreed, stored.agreed_on) if stored is not None else (None, None)
    if (target.agreed, target.agreed_on) == before:
        return
    AdmissionAgreement.objects.create(
        target=target,
        agreed=target.agreed,
        agreed_on=target.agreed_on or timezone.localdate(),
        recorded_by=user if getattr(user, "pk", None) else None,
        is_demo=target.is_demo,
    )


def _save_target(target: AdmissionTarget, user) -> AdmissionTarget:
    """Date the agreement, check and save the target, and keep the decision in its history."""
    stored = AdmissionTarget.objects.select_for_update().filter(pk=target.pk).first() if target.pk else None
    if stored is not None and stored.agreements.exists() and _identity(stored) != _identity(target):
        raise ValidationError(AGREED_IDENTITY)
    _date_agreement(target, stored)
    target.full_clean()
    target.save()
    _record_agreement(target, stored, user)
    return target


@transaction.atomic
def admission_target_propose(*, target: AdmissionTarget, user) -> AdmissionTarget:
    """A college's proposal (new or revised): back to «Предложено ПОО» until the coordinator agrees.

    The coordinator's own edits keep the agreed number and the status as they set them.
    """
    _check_college(user, target.college)
    if role_of(user) != Role.COORDINATOR:
        if target.pk is not None:
            stored = AdmissionTarget.objects.select_for_update().get(pk=target.pk)
            if stored.status == TargetStatus.AGREED:
                raise ValidationError(AGREED_LOCKED)
        target.status = TargetStatus.PROPOSED
        target.agreed = None
    elif target.agreed is not None:
        target.status = TargetStatus.AGREED
    elif target.status == TargetStatus.AGREED:  # the coordinator cleared the agreed number
        target.status = TargetStatus.PROPOSED
    return _save_target(target, user)


@transaction.atomic
def admission_target_agree(
    *, target: AdmissionTarget, agreed: int, agreed_on=None, comment: str = "", user
) -> AdmissionTarget:
    """The coordinator agrees a target with a number (the proposed one or another) on a date (today by default)."""
    if role_of(user) != Role.COORDINATOR:
        raise PermissionDenied
    target.agreed = agreed
    target.agreed_on = agreed_on
    target.status = TargetStatus.AGREED
    target.comment = comment
    return _save_target(target, user)


@transaction.atomic
def admission_target_return(*, target: AdmissionTarget, comment: str, user) -> AdmissionTarget:
    """The coordinator returns a proposal to the college with a comment on what to revise."""
    if role_of(user) != Role.COORDINATOR:
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError({"comment": "Укажите, что нужно доработать."})
    target.agreed = None
    target.status = TargetStatus.RETURNED
    target.comment = comment.strip()
    return _save_target(target, user)
