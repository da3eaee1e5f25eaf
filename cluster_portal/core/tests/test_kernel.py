"""The kernel knows no app by name: apps register what they offer from their AppConfig.ready()."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from cluster_portal.core import admin_scale, backup, dataversion, reporting
from members.models import Membership
from members.tests.factories import OrganizationFactory

ROOT = Path(settings.BASE_DIR)
KERNEL = ROOT / "cluster_portal" / "core"
# The kernel part of the reports app: it assembles whatever sections are registered.
KERNEL_FILES = [ROOT / "cluster_portal" / "reports" / "assembly.py"]


def portal_apps() -> set[str]:
    """The domain apps: the top-level packages of the repository (the kernel lives in cluster_portal)."""
    return {config.name for config in apps.get_app_configs() if Path(config.path) == ROOT / config.name}


def kernel_modules() -> list[Path]:
    files = [p for p in KERNEL.rglob("*.py") if "tests" not in p.relative_to(KERNEL).parts]
    return [*files, *KERNEL_FILES]


def names_in(path: Path, app_names: set[str]) -> list[str]:
    """Imports of an app module and strings naming apps in one file.

    A string names an app when it is an app's module, model or URL name («members.cluster»,
    «practice:student_list»), or when it stands in a list of app labels («members», «programs»);
    a lone word such as a report section's key «practice» is not taken for the app.
    """
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            modules = [node.module or ""]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            head, _, rest = node.value.replace(":", ".").partition(".")
            modules = [node.value] if head in app_names and rest[:1].isalpha() else []
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            labels = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in app_names]
            modules = labels if len(labels) > 1 else []
        else:
            continue
        found += [
            f"{path.relative_to(ROOT)}:{node.lineno}: {module}"
            for module in modules
            if module.replace(":", ".").split(".")[0] in app_names
        ]
    return found


def test_the_domain_apps_are_known():
    assert {"members", "programs", "councils", "practice", "expertise", "events"} <= portal_apps()


def test_the_kernel_imports_and_names_no_app():
    app_names = portal_apps()
    found = [hit for path in kernel_modules() for hit in names_in(path, app_names)]
    assert found == [], "the kernel names apps; let them register from AppConfig.ready():\n" + "\n".join(found)


def test_every_domain_app_registers_its_tables_and_report_sections():
    app_names = portal_apps()
    tables = {
        model._meta.db_table
        for name in app_names
        for model in apps.get_app_config(name).get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    assert tables <= set(dataversion.watched_tables())
    providers = {provider.__module__ for provider in reporting.section_providers()}
    with_sections = {f"{name}.report" for name in app_names if (ROOT / name / "report.py").exists()}
    assert with_sections and with_sections <= providers


def test_small_tables_registered_by_their_apps_stay_selects():
    assert not admin_scale.grows(Membership._meta.get_field("cluster"))
    assert admin_scale.grows(Membership._meta.get_field("organization"))


@pytest.mark.django_db
def test_the_installation_is_in_use_once_an_app_says_so():
    assert not backup.installation_in_use()
    OrganizationFactory()
    assert backup.installation_in_use()


# Import cycles ---------------------------------------------------------------------------------
CYCLE_CHECKED = ("cluster_portal/core", "cluster_portal/reports")


def project_modules() -> dict[str, Path]:
    """Module name → file of the domain apps, the kernel and the reports app (tests and migrations aside)."""
    places = [ROOT / name for name in sorted(portal_apps())] + [ROOT / place for place in CYCLE_CHECKED]
    modules = {}
    for place in places:
        for path in place.rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if {"tests", "migrations"} & set(parts) or path.name == "apps.py":  # ready() imports late by design
                continue
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``name`` imports anywhere in its body (inside functions too)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found.update({target, *(f"{target}.{alias.name}" for alias in node.names)})
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return (found & set(modules)) - {name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a loop (Tarjan's algorithm)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def test_cycle_finder_finds_a_loop():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_itself_round_a_loop():
    """Not even from inside a function: a query a model needs lives in a selector, not behind a late import."""
    modules = project_modules()
    graph = {name: imported_modules(name, path, modules) for name, path in modules.items()}
    assert cycles(graph) == []
