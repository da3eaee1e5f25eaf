"""Form fields for import rows: choices and references written as people write them in Excel."""

from __future__ import annotations

import operator
from functools import partial

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import CheckConstraint, F, Model, Q, UniqueConstraint


class LabelChoiceField(forms.ChoiceField):
    """Accepts a choice by its Russian label (as exported) or by its code, case-insensitively."""

    def __init__(self, *, choices, **kwargs):
        super().__init__(choices=choices, **kwargs)
        self._by_word = {}
        for value, label in choices:
            self._by_word[str(value).lower()] = value
            self._by_word[str(label).lower()] = value

    def to_python(self, value):
        value = super().to_python(value)
        return self._by_word.get(" ".join(value.split()).lower(), value) if value else value

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if value and value not in {str(v) for v, _ in self.choices}:
            allowed = "; ".join(str(label) for _, label in self.choices if _)
            raise forms.ValidationError(
                f"Недопустимое значение «{value}». Допустимо: {allowed}.", code="invalid_choice"
            )


def reference_field(queryset, to_field: str, what: str, *, required=True, label=None) -> forms.ModelChoiceField:
    """A reference by a natural value (a short name, a code) with a clear Russian error."""
    return forms.ModelChoiceField(
        queryset=queryset,
        to_field_name=to_field,
        required=required,
        label=label,
        error_messages={"invalid_choice": f"{what} «%(value)s» не найдена в портале."},
    )


class ImportForm(forms.ModelForm):
    """Validates one import row; knows the importing user to scope its choices.

    Inside an import run (``cache`` given) uniqueness is not queried row by row: the runner matched
    existing rows by the natural key and refuses a key repeated in the file, and the database
    constraint guards the save (its message names the row). Check constraints are evaluated in
    Python where they are simple comparisons, by the database otherwise.
    """

    def __init__(self, *args, user=None, cache=None, **kwargs):
        self.user = user
        self.cache = cache
        if cache is not None:
            # Thousands of rows, one set of fields: the per-form deepcopy would dominate validation.
            self.base_fields = cache.form_fields(type(self))
        super().__init__(*args, **kwargs)

    def validate_unique(self):
        if self.cache is None:
            super().validate_unique()

    def _post_clean(self):
        if self.cache is None:
            return super()._post_clean()
        instance = self.instance
        instance.validate_constraints = partial(validate_row_constraints, instance)
        instance.clean_fields = partial(clean_fields_once, instance, self.cache.once("verified references", set))
        try:
            return super()._post_clean()
        finally:
            # construct_instance() keeps the same object; never leave the overrides on a saved row.
            for obj in (instance, self.instance):
                obj.__dict__.pop("validate_constraints", None)
                obj.__dict__.pop("clean_fields", None)


def clean_fields_once(instance: Model, verified: set, exclude=None) -> None:
    """``Model.clean_fields`` asking the database once per file whether a referenced row exists."""
    exclude = set(exclude or ())
    references = {
        f.name: (f, getattr(instance, f.attname))
        for f in instance._meta.fields
        if f.many_to_one and f.name not in exclude and getattr(instance, f.attname) is not None
    }
    known = {name for name, key in references.items() if key in verified}
    try:
        Model.clean_fields(instance, exclude=exclude | known)
    except ValidationError as exc:
        failed = set(getattr(exc, "error_dict", {}))
        verified.update(key for name, key in references.items() if name not in failed)
        raise
    verified.update(references.values())


# Row constraints ---------------------------------------------------------------------------------
class _NotPython(Exception):
    """A condition this evaluator does not handle: the database checks it instead."""


class _Excluded(Exception):
    """The condition reads a field that failed validation or is not on the form: skipped, like Django does."""


_COMPARE = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
    "in": lambda a, b: a in b,
}


def _value_of(instance: Model, name: str, exclude: set):
    if name in exclude:
        raise _Excluded
    meta = instance._meta
    field = meta.pk if name == "pk" else meta.get_field(name)
    if field.many_to_many or field.one_to_many:
        raise _NotPython
    return getattr(instance, field.attname)


def _condition(node, instance: Model, exclude: set) -> bool | None:
    """SQL's three-valued result of a check condition on one unsaved row (``None``: unknown)."""
    if isinstance(node, Q):
        results = [_condition(child, instance, exclude) for child in node.children]
        if node.connector == Q.AND:
            value = False if False in results else None if None in results else True
        elif node.connector == Q.OR:
            value = True if True in results else None if None in results else False
        else:
            raise _NotPython
        if value is None:
            return None
        return not value if node.negated else value
    if not isinstance(node, tuple):
        raise _NotPython
    path, expected = node
    name, _, lookup = path.partition("__")
    lookup = lookup or "exact"
    try:
        left = _value_of(instance, name, exclude)
    except FieldDoesNotExist:
        raise _NotPython from None
    if lookup == "isnull":
        return (left is None) == bool(expected)
    if lookup not in _COMPARE or "__" in lookup:
        raise _NotPython
    if isinstance(expected, F):
        if "__" in expected.name:
            raise _NotPython
        expected = _value_of(instance, expected.name, exclude)
    elif isinstance(expected, Model):
        expected = expected.pk
    elif hasattr(expected, "resolve_expression"):
        raise _NotPython
    if left is None or expected is None:
        return None
    return bool(_COMPARE[lookup](left, expected))


def validate_row_constraints(instance: Model, exclude=None, using=None) -> None:
    """``Model.validate_constraints`` for an import row: check constraints only, in Python when possible."""
    errors: dict = {}
    exclude = set(exclude or ())
    for model_class, constraints in instance.get_constraints():
        for constraint in constraints:
            if isinstance(constraint, UniqueConstraint) or not isinstance(constraint, CheckConstraint):
                continue
            try:
                passed = _condition(constraint.condition, instance, exclude) is not False
            except _Excluded:
                continue
            except _NotPython:
                try:
                    constraint.validate(model_class, instance, exclude=exclude, using=using or "default")
                except ValidationError as exc:
                    errors = exc.update_error_dict(errors)
                continue
            if not passed:
                exc = ValidationError(constraint.get_violation_error_message(), code=constraint.violation_error_code)
                errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
