from cluster_portal.core import benchmark


def test_autodiscover_collects_every_apps_bench_module():
    benchmark.autodiscover()
    assert [g.label for g in benchmark.generators()] == ["Участники", "Банк программ", "Практика и трудоустройство"]
    labels = {page.label for page in benchmark.pages()}
    assert {"Организации", "Годовой отчёт 2021/2022 (HTML)"} <= labels
    assert {"Импорт организаций", "PDF годового отчёта"} <= set(benchmark.extras())
