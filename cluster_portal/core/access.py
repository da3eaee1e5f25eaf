"""Row-level and field-level access: every selector scopes its queryset here, by role and organization.

A model declares ``access_policy = Policy(...)``; ``restrict(queryset, user, action)`` applies
it. Actions are ``view``, ``add``, ``change`` and ``delete``. A role missing from a rule set gets
nothing. Superusers get everything.

A policy's ``cluster`` names the lookup from a row to its cluster: the row then belongs to that
cluster's space, and a user of a role held per cluster (``roles.CLUSTER_ROLES``) assigned to some
clusters reaches only the rows of those clusters, for every action; a user assigned to none acts in
every cluster of the region (a single-cluster deployment assigns nobody).

A policy's ``fields`` names the fields some readers of a row may not read (the experts' names of a
review, the attendance of a meeting whose minutes are a draft): ``readable(user, obj, field)`` is the
one answer pages, PDFs, exports and the history panel ask; ``with_readable(queryset, user, field)``
answers it for a whole list in the list's own query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Exists, F, Model, Q, QuerySet, Value, When

from .roles import ALL_ROLES, CLUSTER_ROLES, role_of

ACTIONS = ("view", "add", "change", "delete")


class Rule:
    """Turns a user into a filter on a queryset."""

    def apply(self, queryset: QuerySet, user) -> QuerySet:
        raise NotImplementedError

    def condition(self, user) -> Q:
        """The rule as a condition on one row (for an annotation of a list)."""
        raise NotImplementedError


class _All(Rule):
    def apply(self, queryset, user):
        return queryset

    def condition(self, user):
        return Q()

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

    def condition(self, user):
        return Q(**{self.path: user.organization_id}) if user.organization_id else Q(pk__in=[])


class Where(Rule):
    """Rows matching a Q object built from the user: ``Where(lambda u: Q(expert__user=u))``."""

    def __init__(self, build: Callable[[object], Q], distinct: bool = False):
        self.build = build
        self.distinct = distinct

    def apply(self, queryset, user):
        queryset = queryset.filter(self.build(user))
        return queryset.distinct() if self.distinct else queryset

    def condition(self, user):
        return self.build(user)


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
        fields: Mapping[str | tuple[str, ...], Mapping[str, Rule]] | None = None,
        writable: Mapping[str, Iterable[str]] | None = None,
        cluster: str | None = None,
    ):
        # The lookup from a row to its cluster ("cluster", "council__cluster"): the cluster's space it belongs to.
        self.cluster = cluster
        self.rules = {
            "view": dict(view),
            "change": dict(change or {}),
            "delete": dict(delete if delete is not None else (change or {})),
        }
        self.add_roles = frozenset(add)
        # Field name -> {role: rule}: who of the row's readers reads the field. A field not named here
        # is read by everyone who reads the row; a role missing from a field's rules never reads it.
        # Role -> the only fields it changes of the rows it may change (a role not named changes every field).
        self.writable = {role: frozenset(names) for role, names in (writable or {}).items()}
        self.field_rules: dict[str, dict[str, Rule]] = {}
        for names, rules in (fields or {}).items():
            for name in (names,) if isinstance(names, str) else names:
                self.field_rules[name] = dict(rules)


def policy_of(model: type[Model]) -> Policy:
    try:
        return model.access_policy
    except AttributeError as exc:  # a model without a policy is a programming error
        raise TypeError(f"{model.__name__} declares no access_policy") from exc


def in_own_clusters(queryset: QuerySet, user) -> QuerySet:
    """The rows of ``queryset`` in the clusters ``user`` acts in (no query of its own: a subquery).

    Only a role held per cluster is bounded, and only once the user is assigned to a cluster; rows of a
    model whose policy names no cluster are not a cluster's.
    """
    path = getattr(getattr(queryset.model, "access_policy", None), "cluster", None)
    if path is None or role_of(user) not in CLUSTER_ROLES or user.is_superuser:
        return queryset
    assigned = user.clusters.values("pk")
    return queryset.filter(Q(**{f"{path}__in": assigned}) | ~Exists(assigned))


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
    return in_own_clusters(rule.apply(queryset, user), user)


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


def writable_fields(user, model: type[Model]) -> frozenset[str] | None:
    """The only fields of ``model`` the user changes, or None for every field (forms disable the others)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    policy = getattr(model, "access_policy", None)
    return policy.writable.get(role_of(user)) if policy is not None else None


def readable_fields(model: type[Model]) -> frozenset[str]:
    """The fields of ``model`` whose reading the policy rules (the others go with the row)."""
    return frozenset(policy_of(model).field_rules)


def _field_rule(user, model: type[Model], field: str) -> Rule | None:
    """The rule by which ``user`` reads ``field`` of ``model`` rows; ALL for a field the policy leaves free."""
    rules = getattr(model, "access_policy", None)
    if rules is None or field not in rules.field_rules:
        return ALL
    if getattr(user, "is_superuser", False) and user.is_active:
        return ALL
    return rules.field_rules[field].get(role_of(user))


def _annotation(field: str) -> str:
    return f"{field}_readable"


def readable(user, obj: Model | type[Model], field: str) -> bool:
    """Whether ``user`` may read ``field`` of ``obj`` (a row they may view).

    Given a model rather than a row, only a field every row of which the role reads counts as readable.
    A row read through ``with_readable`` carries the answer; another row costs one query when the rule
    depends on the row.
    """
    model = obj if isinstance(obj, type) else type(obj)
    rule = _field_rule(user, model, field)
    if rule is None:
        return False
    if rule is ALL:
        return True
    if isinstance(obj, type):
        return False
    known = getattr(obj, _annotation(field), None)
    if known is not None:
        return bool(known)
    return model._default_manager.filter(Q(pk=obj.pk) & rule.condition(user)).exists()


def with_readable(queryset: QuerySet, user, *fields: str) -> QuerySet:
    """``queryset`` with ``<field>_readable`` on each row, so ``readable`` asks no more queries.

    Fields under one rule share one computed condition.
    """
    computed, same = {}, {}
    first_of: dict[int, str] = {}
    for field in fields:
        rule = _field_rule(user, queryset.model, field)
        name = _annotation(field)
        if rule is None or rule is ALL:
            computed[name] = Value(rule is ALL)
        elif id(rule) in first_of:
            same[name] = F(first_of[id(rule)])
        else:
            first_of[id(rule)] = name
            computed[name] = Case(
                When(rule.condition(user), then=Value(True)), default=Value(False), output_field=BooleanField()
            )
    queryset = queryset.annotate(**computed)
    return queryset.annotate(**same) if same else queryset


def require(user, obj: Model, action: str) -> None:
    """Raise PermissionDenied unless ``user`` may ``action`` ``obj``."""
    if not can(user, obj, action):
        raise PermissionDenied


def require_role(user, allowed: Iterable[str]) -> None:
    if getattr(user, "is_superuser", False):
        return
    if role_of(user) not in set(allowed):
        raise PermissionDenied
