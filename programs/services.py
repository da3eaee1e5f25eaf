"""Writes of the program bank: programs, their documents and the admission-target workflow."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cluster_portal.core.access import can, can_add
from cluster_portal.core.roles import Role, role_of

from .choices import TargetStatus
from .models import AdmissionTarget, Program, ProgramDocument

AGREED_LOCKED = "КЦП уже согласованы координатором: изменить их может только координатор."


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
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def admission_target_agree(*, target: AdmissionTarget, agreed: int, comment: str = "", user) -> AdmissionTarget:
    """The coordinator agrees a target with a number (the proposed one or another)."""
    if role_of(user) != Role.COORDINATOR:
        raise PermissionDenied
    target.agreed = agreed
    target.status = TargetStatus.AGREED
    target.comment = comment
    target.full_clean()
    target.save()
    return target


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
    target.full_clean()
    target.save()
    return target
