"""Row-level access: every selector scopes its queryset here, by role and organization.

A model declares ``access_policy = Policy(...)``; ``restrict(queryset, user, action)`` applies
it. Actions are ``view``, ``add``, ``change`` and ``delete``. A role missing from a rule set gets
nothing. Superusers get everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from .roles import ALL_ROLES, role_of

ACTIONS = ("view", "add", "change", "delete")


class Rule:
    """Turns a user into a filter on a queryset."""

    def apply(self, queryset: QuerySet, user) -> QuerySet:
        raise NotImplementedError


class _All(Rule):
    def apply(self, queryset, user):
        return queryset

    def __repr__(self):
        return "ALL"


ALL = _All()


class OwnOrganization(Rule):
    """Rows whose ``path`` (a lookup ending at an organization id) is the user's organization."""

    def __init__(self, path: str, distinct: bool = False):
        self.path = path
        self.distinct = distinct

    def apply(self, queryset, user):
        if not user.organization_id:
            return queryset.none()
        queryset = queryset.filter(**{self.path: user.organization_id})
        return queryset.distinct() if self.distinct else queryset


class Where(Rule):
    """Rows matching a Q object built from the user: ``Where(lambda u: Q(expert__user=u))``."""

    def __init__(self, build: Callable[[object], Q], distinct: bool = False):
        self.build = build
        self.distinct = distinct

    def apply(self, queryset, user):
        queryset = queryset.filter(self.build(user))
        return queryset.distinct() if self.distinct else queryset


def own(path: str, distinct: bool = False) -> Rule:
    """Shorthand for ``OwnOrganization(path)``; ``distinct`` for paths through many-to-many."""
    return OwnOrganization(path, distinct)


def everyone(rule: Rule = ALL) -> dict[str, Rule]:
    """The same rule for every role."""
    return {role: rule for role in ALL_ROLES}


def roles(names: Iterable[str], rule: Rule = ALL) -> dict[str, Rule]:
    """The same rule for the given roles."""
    return {role: rule for role in names}


class Policy:
    """Who may do what with the rows of one model."""

    def __init__(
        self,
        *,
        view: Mapping[str, Rule],
        change: Mapping[str, Rule] | None = None,
        add: Iterable[str] = (),
        delete: Mapping[str, Rule] | None = None,
    ):
        self.rules = {
            "view": dict(view),
            "change": dict(change or {}),
            "delete": dict(delete if delete is not None else (change or {})),
        }
        self.add_roles = frozenset(add)


def policy_of(model: type[Model]) -> Policy:
    try:
        return model.access_policy
    except AttributeError as exc:  # a model without a policy is a programming error
        raise TypeError(f"{model.__name__} declares no access_policy") from exc


def restrict(queryset: QuerySet, user, action: str = "view") -> QuerySet:
    """The rows of ``queryset`` that ``user`` may ``action``."""
    if action not in ACTIONS or action == "add":
        raise ValueError(f"unknown row action {action!r}")
    if getattr(user, "is_superuser", False) and user.is_active:
        return queryset
    role = role_of(user)
    rule = policy_of(queryset.model).rules[action].get(role)
    if rule is None:
        return queryset.none()
    return rule.apply(queryset, user)


def can_add(user, model: type[Model]) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return role_of(user) in policy_of(model).add_roles


def can(user, obj: Model, action: str) -> bool:
    """Whether ``user`` may ``action`` this object (one query)."""
    if action == "add":
        return can_add(user, type(obj))
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()


def may(user, model: type[Model], action: str) -> bool:
    """Whether the user's role has any rule for ``action`` on the model (no query)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    if action == "add":
        return can_add(user, model)
    return role_of(user) in policy_of(model).rules[action]


def require(user, obj: Model, action: str) -> None:
    """Raise PermissionDenied unless ``user`` may ``action`` ``obj``."""
    if not can(user, obj, action):
        raise PermissionDenied


def require_role(user, allowed: Iterable[str]) -> None:
    if getattr(user, "is_superuser", False):
        return
    if role_of(user) not in set(allowed):
        raise PermissionDenied
