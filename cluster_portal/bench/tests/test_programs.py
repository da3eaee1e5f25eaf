"""The benchmark generator of the program bank: proposals, and a share of them agreed for the annual report."""

import random

import pytest

from cluster_portal.bench.scenarios import members as members_bench
from cluster_portal.bench.scenarios import programs as bench
from cluster_portal.bench.tests.seeding import seed_the_report_cluster
from cluster_portal.core.reporting import AcademicYear
from members.selectors import default_cluster
from programs.choices import TargetStatus
from programs.models import AdmissionAgreement, AdmissionTarget
from programs.seed import AGREED_2023_ON
from programs.selectors import agreed_in


@pytest.fixture
def generated(db):
    seed_the_report_cluster()
    rng = random.Random(1)
    members_bench.generate(factor=3, rng=rng)
    bench.generate(factor=3, rng=rng)


def test_generated_targets_are_agreed_in_part_through_the_service_with_a_dated_decision(generated):
    targets = AdmissionTarget.objects.filter(college__in=bench.generated_colleges())
    for year, (agreed_on, _comment, share) in bench.AGREEMENT_ROUNDS.items():
        of_year = targets.filter(year=year)
        agreed = of_year.filter(status=TargetStatus.AGREED)
        assert 0.5 * share < agreed.count() / of_year.count() < min(1, 1.5 * share)
        proposed = of_year.filter(status=TargetStatus.PROPOSED, agreed__isnull=True)
        assert proposed.count() == of_year.count() - agreed.count()
        assert not agreed.filter(agreed_on__isnull=True).exists()
        decisions = AdmissionAgreement.objects.filter(target__in=agreed)
        assert decisions.count() == agreed.count()  # one decision per agreement, kept by the service
        assert set(decisions.values_list("agreed_on", flat=True)) == {agreed_on}
        assert all(d.agreed == d.target.agreed for d in decisions.select_related("target"))


def test_the_2021_2022_report_lists_the_generated_colleges_agreed_targets(generated):
    rounds = agreed_in(cluster=default_cluster(), year=AcademicYear(2021))
    (spring,) = [r for r in rounds if r.agreed_on == AGREED_2023_ON]
    generated_rows = [r for r in spring.rows if r.target.college in bench.generated_colleges()]
    agreed = AdmissionTarget.objects.filter(
        college__in=bench.generated_colleges(), year=2023, status=TargetStatus.AGREED
    )
    assert len(generated_rows) == agreed.count() > 0
    assert not [r for r in rounds if r.year == 2024]  # agreed in 2022/2023, not in this report
