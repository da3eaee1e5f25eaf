"""The expertise tests' little world, reused by the notification tests."""

from expertise.tests.conftest import expert2_user, world  # noqa: F401 (fixtures)
