"""Role groups of the councils models' access policies."""

from cluster_portal.core.roles import Role

STAFF = (Role.COORDINATOR, Role.SECRETARY)
READERS = (Role.OBSERVER, Role.COLLEGE, Role.EMPLOYER, Role.EXPERT)
