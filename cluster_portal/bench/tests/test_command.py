import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cluster_portal.bench import registry as benchmark
from members.models import Organization, Person
from members.tests.factories import OrganizationFactory
from practice.models import EmploymentOutcome, Student


def test_load_collects_every_scenario_in_the_order_of_the_list():
    benchmark.load()
    assert [g.label for g in benchmark.generators()] == [
        "Участники",
        "Банк программ",
        "Практика и трудоустройство",
        "Советы и план работы",
        "Экспертиза программ",
    ]
    labels = {page.label for page in benchmark.pages()}
    assert {"Организации", "Годовой отчёт 2021/2022 (HTML)"} <= labels
    assert {"Импорт организаций", "PDF годового отчёта", "Загрузка в фоне"} <= set(benchmark.extras())


@pytest.mark.django_db
def test_bench_measures_every_page_and_leaves_the_data_as_it_found_it(tmp_path, settings):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    counts = {model: model.objects.count() for model in (Organization, EmploymentOutcome, Student)}
    output = tmp_path / "performance.md"
    output.write_text("# Performance\n\nWritten by hand.\n<!-- bench:begin -->\nold\n<!-- bench:end -->\nAnalysis.\n")
    out = io.StringIO()
    call_command("bench", scales="seed", measure_only=True, repeat=1, output=str(output), force=True, stdout=out)
    text = output.read_text(encoding="utf-8")
    assert "not regenerated" in text and "| Практики студентов | " in text
    assert "(HTTP" not in text, text  # every page answered 200
    rows = [line for line in text.splitlines() if line.startswith("| Организации |")]
    assert len(rows) == 2 and rows[0].count("—") == 0  # portal, admin and bare view all measured
    assert rows[1].endswith("| yes |")  # the verdict: the same number of queries (one scale here)
    assert "Met at seed: within 3× the bare view" in text
    # What people wrote around the measured block stays; the old figures are replaced.
    assert text.startswith("# Performance\n\nWritten by hand.\n") and text.endswith("Analysis.\n")
    assert "\nold\n" not in text
    # The imports of the extras are rolled back.
    assert {model: model.objects.count() for model in counts} == counts


def test_bare_view_renders_the_first_rows_with_related_columns_and_the_count(admin_client):
    organization = Organization.objects.create(kind="college", short_name="ОГБПОУ «Голый»", name="Полное")
    Person.objects.create(last_name="Иванов", first_name="Иван", organization=organization)
    with override_settings(ROOT_URLCONF="cluster_portal.bench.urls"):
        html = admin_client.get("/__bench__/bare/members.Person/last_name,organization__short_name/").content.decode()
    assert "<p>1</p>" in html and "<td>Иванов</td><td>ОГБПОУ «Голый»</td>" in html


def test_bare_view_lists_many_valued_columns_in_one_query_and_aggregates(admin_client):
    organization = Organization.objects.create(kind="college", short_name="ОГБПОУ «Голый»", name="Полное")
    for last_name in ("Петров", "Иванов"):
        Person.objects.create(last_name=last_name, first_name="Иван", organization=organization)
    url = "/__bench__/bare/members.Organization/short_name,people__last_name,people__first_name,count:people/"
    with override_settings(ROOT_URLCONF="cluster_portal.bench.urls"), CaptureQueriesContext(connection) as ctx:
        html = admin_client.get(url).content.decode()
    selects = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT")]
    assert len(selects) == 5  # session, user; the rows, the people of the page, the count
    row = html.split("<table>")[1]
    assert row.startswith("<tr><td>ОГБПОУ «Голый»</td><td>2</td><td>")
    assert "Петров Иван" in row and "Иванов Иван" in row


def test_measure_only_needs_exactly_one_scale():
    with pytest.raises(CommandError):
        call_command("bench", scales="seed,x10", measure_only=True, force=True)


def test_verdict_compares_the_largest_scale_with_the_targets():
    page = benchmark.BenchPage("Список", "/x/", "coordinator", "app.Model", ("name",))

    def result(portal_ms, queries, admin_ms, bare_ms, fresh_ms=None):
        def timing(ms, q=7):
            return benchmark.Timing(seconds=[ms / 1000], queries=q, status=200)

        fresh = timing(fresh_ms) if fresh_ms is not None else None
        return benchmark.PageResult(page, timing(portal_ms, queries), timing(admin_ms), timing(bare_ms), fresh)

    # Seed (an empty list: one query fewer), x10 and x100 with the same count: constant. The admin
    # is compared with the page after a change (rendered afresh), not with the kept page.
    good = {"seed": [result(10, 7, 12, 5)], "x10": [result(20, 8, 30, 9)], "x100": [result(25, 8, 100, 10, 40)]}
    row = next(line for line in benchmark.verdict_table(good) if line.startswith("| Список"))
    assert row == "| Список | 2.50 | yes | 0.40 | yes | yes | 7 / 8 / 8 | yes |"
    middling = {"x100": [result(25, 8, 100, 10, 70)]}
    row = next(line for line in benchmark.verdict_table(middling) if line.startswith("| Список"))
    assert row == "| Список | 2.50 | yes | 0.70 | yes | **no** | 8 | yes |"
    bad = {"seed": [result(10, 7, 12, 5)], "x10": [result(20, 8, 30, 9)], "x100": [result(50, 9, 40, 10, 60)]}
    lines = benchmark.verdict_table(bad)
    assert "| Список | 5.00 | **no** | 1.50 | **no** | **no** | 7 / 8 / 9 | **no** |" in lines
    assert lines[-1] == (
        "Met at x100: within 3× the bare view 0 of 1 list pages; faster than the admin after a change 0 of 1, "
        "at most 0.5× 0 of 1; constant queries 0 of 1."
    )


def test_scale_table_shows_the_page_kept_and_after_a_change():
    page = benchmark.BenchPage("Список", "/x/", "coordinator", "app.Model", ("name",))

    def timing(ms):
        return benchmark.Timing(seconds=[ms / 1000], queries=7, status=200)

    result = benchmark.PageResult(page, timing(20), timing(200), timing(10), timing(80))
    assert benchmark.scale_table([result])[-1] == "| Список | 20 | 7 | 200 | 7 | 10 | 2.00 | 0.10 | 80 | 0.40 |"


@pytest.mark.django_db
def test_time_calls_runs_the_preparation_before_each_call_untimed():
    order = []
    timings = benchmark.time_calls(
        {"page": lambda: order.append("page"), "bare": lambda: order.append("bare")},
        repeat=2,
        before={"page": lambda: order.append("touch")},
    )
    # A warm-up turn, then two timed turns; only the page is prepared.
    assert order == ["touch", "page", "bare"] * 3
    assert len(timings["page"].seconds) == len(timings["bare"].seconds) == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="data versions are kept on PostgreSQL")
def test_touch_changes_the_data_version_and_no_row():
    from cluster_portal.core.dataversion import tables_of, version

    OrganizationFactory()
    rows = list(Organization.objects.values_list("pk", "short_name"))
    before = version(tables_of([Organization]))
    benchmark.touch("members.Organization")()
    assert version(tables_of([Organization])) != before
    assert list(Organization.objects.values_list("pk", "short_name")) == rows


@pytest.mark.django_db
def test_extras_alone_measure_the_named_import_without_pages_or_the_file(tmp_path):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    outcomes = EmploymentOutcome.objects.count()
    output = tmp_path / "performance.md"
    out = io.StringIO()
    call_command(
        "bench",
        scales="seed",
        measure_only=True,
        extras="Импорт организаций",
        output=str(output),
        force=True,
        stdout=out,
    )
    text = out.getvalue()
    assert "Import of 500 organizations:" in text and "rows/s" in text
    assert "Практики студентов" not in text  # no page measured
    assert not output.exists()
    assert EmploymentOutcome.objects.count() == outcomes
    with pytest.raises(CommandError, match="Неизвестные замеры"):
        call_command("bench", scales="seed", measure_only=True, extras="Нет такого", force=True)
