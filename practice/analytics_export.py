"""The analytics page as an Excel workbook: the same figures, one sheet per table, every row; built by a job."""

from __future__ import annotations

from cluster_portal.core import demo
from cluster_portal.core.disclosure import Small
from cluster_portal.core.xlsx import XLSX_CONTENT_TYPE, Column, workbook_file

from .selectors import Analytics, analytics, shown

KIND = "practice_analytics_xlsx"

RATE_COLUMNS = [
    Column("Выпускников", "graduates", width=12),
    Column("Есть сведения", "with_outcome", width=12),
    Column("Трудоустроено", "employed", width=14),
    Column("Трудоустроено, %", "employed_rate", width=14),
    Column("По специальности", "by_specialty", width=14),
    Column("По специальности, %", "by_specialty_rate", width=14),
]


def _rates(rows: list, *, extra: bool = False) -> list[tuple]:
    return [
        (
            r.label,
            *([r.extra] if extra else []),
            r.graduates,
            r.with_outcome,
            r.employed,
            r.employed_rate,
            r.by_specialty,
            r.by_specialty_rate,
        )
        for r in rows
    ]


def _fmt(value, digits=3):
    if value is None or isinstance(value, Small):
        return value
    return round(value, digits)


def sheets(result: Analytics) -> list[tuple[str, list[Column], list[tuple]]]:
    """(title, columns, rows) of every table of the analytics page."""
    factor_rows = []
    for f in result.factors:
        c = f.comparison
        factor_rows.append(
            (
                f.factor.label,
                f.label,
                c.a,
                c.b,
                c.c,
                c.d,
                _fmt(c.exposed_rate, 1),
                _fmt(c.unexposed_rate, 1),
                _fmt(c.odds.value) if c.odds else None,
                _fmt(c.odds.low) if c.odds else None,
                _fmt(c.odds.high) if c.odds else None,
                _fmt(c.p_value, 4),
                "да" if c.significant else ("недостаточно данных" if not c.enough_data else "нет"),
            )
        )
    tables = [
        ("По годам выпуска", [Column("Год выпуска", "label", width=12), *RATE_COLUMNS], _rates(result.by_year)),
        ("По ПОО", [Column("ПОО", "label", width=30), *RATE_COLUMNS], _rates(result.by_college)),
        (
            "По отраслям",
            [Column("Отрасль", "label", width=40), Column("УГПС", "extra", width=20), *RATE_COLUMNS],
            _rates(result.by_sector, extra=True),
        ),
        ("По специальностям", [Column("Специальность", "label", width=60), *RATE_COLUMNS], _rates(result.by_specialty)),
        (
            "По программам",
            [Column("Специальность", "label", width=60), Column("ПОО", "extra", width=25), *RATE_COLUMNS],
            _rates(result.by_program, extra=True),
        ),
        (
            "Формат наставничества",
            [
                Column("Формат", "label", width=40),
                Column("Практик", "placements", width=10),
                Column("Выпускников с таким форматом", "graduates", width=16),
                Column("Из них по специальности", "employed", width=16),
                Column("По специальности, %", "rate", width=14),
            ],
            [(f["label"], f["placements"], f["graduates"], f["employed"], f["rate"]) for f in result.formats],
        ),
        (
            "Приглашения на работу",
            [
                Column("ПОО", "label", width=30),
                Column("Выпускников с практикой", "practiced", width=14),
                Column("Получили приглашение", "offered", width=14),
                Column("Доля, %", "offer_share", width=10),
                Column("Из них работают по специальности", "offered_employed", width=16),
                Column("Доля, %", "offered_employed_share", width=10),
            ],
            [
                (
                    o["label"],
                    o["practiced"],
                    o["offered"],
                    o["offer_share"],
                    o["offered_employed"],
                    o["offered_employed_share"],
                )
                for o in result.offers
            ],
        ),
        (
            "Наставничество и трудоустр.",
            [
                Column("Фактор", "factor", width=36),
                Column("Специальность", "label", width=50),
                Column("С фактором: по специальности", "a", width=14),
                Column("С фактором: нет", "b", width=12),
                Column("Без фактора: по специальности", "c", width=14),
                Column("Без фактора: нет", "d", width=12),
                Column("С фактором, %", "re", width=12),
                Column("Без фактора, %", "ru", width=12),
                Column("Отношение шансов", "or", width=12),
                Column("95% ДИ, от", "lo", width=10),
                Column("95% ДИ, до", "hi", width=10),
                Column("p (точный тест Фишера)", "p", width=14),
                Column("Значимо (p < 0,05)", "sig", width=20),
            ],
            factor_rows,
        ),
    ]
    return demo.noted(tables, demo=result.demo)


def build(job, progress) -> tuple[bytes, str, str]:
    """The job «Экспорт в Excel» of the analytics page (``jobs.files.document_kind``): two steps."""
    from .analytics_summary import scope_of

    progress(0, 2)
    result = shown(analytics(scope_of(job.params)))  # small groups hidden, as on the page
    progress(1, 2)
    with workbook_file(sheets(result)) as spool:
        content = spool.read()
    progress(2, 2)
    return content, job.params["filename"], XLSX_CONTENT_TYPE
