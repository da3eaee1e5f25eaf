"""One role vocabulary: the role groups the rules name live in core.roles, nowhere else."""

import re
from pathlib import Path

from django.conf import settings

from cluster_portal.core.roles import (
    ALL_ROLES,
    NON_STAFF_ROLES,
    ORGANIZATION_ROLES,
    PERSONAL_DATA_ROLES,
    PROPOSER_ROLES,
    REPORT_READERS,
    STAFF_ROLES,
    Role,
)

# A name bound to a literal collection of two or more roles: ``X = (Role.A, Role.B)``, ``frozenset({Role.A, …})``.
GROUP_LITERAL = re.compile(r"^\s*\w+ = (?:frozenset\(|set\()?[(\[{]\s*Role\.\w+\s*,\s*Role\.\w+")
SKIPPED_PARTS = {"migrations", "tests", "testing", ".venv", "var", "node_modules"}


def test_groups_partition_the_roles():
    assert STAFF_ROLES | NON_STAFF_ROLES == ALL_ROLES and not STAFF_ROLES & NON_STAFF_ROLES
    assert ORGANIZATION_ROLES <= NON_STAFF_ROLES and PROPOSER_ROLES <= ORGANIZATION_ROLES
    assert STAFF_ROLES | {Role.OBSERVER} == REPORT_READERS
    assert {Role.COORDINATOR, Role.COLLEGE} == PERSONAL_DATA_ROLES


def test_no_module_spells_a_role_group_of_its_own():
    root = Path(settings.BASE_DIR)
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if not SKIPPED_PARTS & set(path.relative_to(root).parts) and path.name != "roles.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if GROUP_LITERAL.search(line)
    ]
    assert offenders == [], "role groups belong in cluster_portal/core/roles.py"
