"""No code of the portal uses an underscore-prefixed name of Django, auditlog, django-tables2 or crispy-forms.

A library's ``_``-names are its internals: they change without notice between releases, so every
upgrade would mean re-checking the code that leans on them. This test reads every module of the
portal (apps, kernel, tests, scripts; not migrations, which Django writes) and fails on

- an attribute ``obj._name`` whose name the libraries use, unless the object is the portal's own
  (``self``/``cls`` in a class of ours that defines the name, or a module of ours);
- ``from <library> import _name``;
- ``getattr``/``hasattr``/``setattr`` with such a name on anything but ``self``;
- ``.__dict__``, which reaches past any object's interface.

Some underscore names are Django's *documented* API and stay allowed: ``ALLOWED`` below says where
each is documented.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from functools import cache
from pathlib import Path

from django.conf import settings

LIBRARIES = ("django", "auditlog", "django_tables2", "crispy_forms", "crispy_bootstrap5")

ALLOWED = {
    # «Model _meta API» (docs/ref/models/meta): the documented way to read a model's fields and options.
    "_meta",
    # «Managers» (docs/topics/db/managers): Model._default_manager and Model._base_manager are named there
    # for code that works with any model.
    "_default_manager",
    "_base_manager",
    # «Model instance reference», Model._state (docs/ref/models/instances): adding and db.
    "_state",
}
SKIPPED_PARTS = {".venv", "var", "migrations", "node_modules", "__pycache__", ".git"}
OWN_PACKAGES_ROOT = Path(settings.BASE_DIR)


@cache
def library_names() -> frozenset[str]:
    """Every ``_``-prefixed identifier in the libraries' sources (dunders aside)."""
    names = set()
    for library in LIBRARIES:
        spec = importlib.util.find_spec(library)
        for path in Path(next(iter(spec.submodule_search_locations))).rglob("*.py"):
            names.update(re.findall(r"\b(_[A-Za-z]\w*)", path.read_text(encoding="utf-8", errors="replace")))
    return frozenset(name for name in names if not name.endswith("__"))


def own_modules() -> list[Path]:
    return [
        path
        for path in sorted(OWN_PACKAGES_ROOT.rglob("*.py"))
        if not SKIPPED_PARTS & set(path.relative_to(OWN_PACKAGES_ROOT).parts)
    ]


def _own_module_names(tree: ast.Module) -> set[str]:
    """Names bound in this module to modules of the portal (``from cluster_portal.core import dataversion``)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or node.module.split(".")[0] not in LIBRARIES):
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _defined_here(tree: ast.Module) -> set[str]:
    """The ``_``-names this module defines: functions, classes, assignments, attributes it sets."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    return {name for name in names if name.startswith("_")}


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id in ("self", "cls")


def uses_of_private_names(path: Path) -> list[str]:
    """«line: what» for every use of a library's underscore name in the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    foreign = library_names() - ALLOWED
    own_modules_here, defined = _own_module_names(tree), _defined_here(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "__dict__":
            found.append(f"{node.lineno}: .__dict__")
        elif isinstance(node, ast.Attribute) and node.attr in foreign:
            ours = (_is_self(node.value) and node.attr in defined) or (
                isinstance(node.value, ast.Name) and node.value.id in own_modules_here
            )
            if not ours:
                found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in LIBRARIES:
            found += [f"{node.lineno}: import {a.name}" for a in node.names if a.name.startswith("_")]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr", "setattr")
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in foreign
            and not (_is_self(node.args[0]) and node.args[1].value in defined)
        ):
            found.append(f"{node.lineno}: {node.func.id}(…, {node.args[1].value!r})")
    return sorted(found, key=lambda use: int(use.split(":")[0]))


def test_no_module_uses_a_librarys_underscore_names():
    modules = own_modules()
    assert len(modules) > 100 and any(path.name == "dashboard.py" for path in modules)
    found = {
        str(path.relative_to(OWN_PACKAGES_ROOT)): uses for path in modules if (uses := uses_of_private_names(path))
    }
    assert found == {}


def test_the_reader_finds_each_kind_of_use(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        "from django.db.models.query import _nothing\n"
        "from cluster_portal.core import dataversion\n"
        "qs._result_cache = None\n"
        "rows = qs._prefetch_related_lookups\n"
        "lookups = getattr(qs, '_prefetch_related_lookups', ())\n"
        "fields = Model._meta.get_fields()\n"
        "vars_ = obj.__dict__\n"
        "dataversion._compact(cursor)\n"
        "class Ours:\n"
        "    def _result_cache(self):\n"
        "        return self._result_cache\n"
    )
    assert uses_of_private_names(module) == [
        "1: import _nothing",
        "3: ._result_cache",
        "4: ._prefetch_related_lookups",
        "5: getattr(…, '_prefetch_related_lookups')",
        "7: .__dict__",
    ]
