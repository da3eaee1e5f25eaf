"""The expertise tests' little world, reused by the «Мои задачи» tests."""

from expertise.tests.conftest import expert2_user, world  # noqa: F401 (fixtures)
