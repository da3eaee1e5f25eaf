"""schemathesis against the served schema, with a college's token: no server error, no response that
breaks the schema. Bounded: a few examples per operation, deterministic, no shrinking (well under a minute)."""

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (requirements-dev.txt)")

pytestmark = pytest.mark.schemathesis  # an outside check: make test-checks (and CI), not make test

from django.core import signals  # noqa: E402
from django.db import close_old_connections  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402 (after the skip: hypothesis comes with schemathesis)
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

from cluster_portal.core.roles import Role  # noqa: E402
from cluster_portal.wsgi import application  # noqa: E402
from councils.tests.factories import MeetingFactory  # noqa: E402
from practice.tests.factories import (  # noqa: E402
    OutcomeFactory,
    PlacementFactory,
    PracticeBaseFactory,
    ProgramFactory,
    StudentFactory,
)

EXAMPLES = 3


@pytest.fixture
def wsgi_in_test_transaction():
    """Requests straight to the WSGI app keep the test's connection open (as Django's test client does)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, users, wsgi_in_test_transaction):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    schema.config.generation.update(
        modes=["positive", "negative"], max_examples=EXAMPLES, no_shrink=True, deterministic=True
    )
    # The coverage phase tries every boundary of every parameter: hundreds of requests, too many for the suite.
    schema.config.phases.coverage.enabled = False
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def college_token(make_token, college_org, other_college_org, employer_org):
    """A college's read-write token, with rows of its own and of another college for the lists to show."""
    for college in (college_org, other_college_org):
        program = ProgramFactory(college=college)
        student = StudentFactory(program=program)
        PlacementFactory(student=student, base=PracticeBaseFactory(enterprise=employer_org))
        OutcomeFactory(student=student)
    MeetingFactory(guests="Гостев Г. Г.")
    return make_token(Role.COLLEGE, scope="write")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_keeps_its_schema_for_a_colleges_token(case, college_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {college_token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
