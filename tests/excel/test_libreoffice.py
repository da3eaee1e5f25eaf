"""Templates filled the way colleges fill them: typed into LibreOffice with a Russian locale.

Each kind's row is typed as a person types it («15.02.32», «1.1», «01.09.2022», «да», 7017000000) into
a CSV that LibreOffice opens with the Russian locale — which turns codes into dates and numbers, as it
does in a column not formatted as text — and saves as .xlsx, and also through .ods and .xls back to
.xlsx. Every file imports without an error. Needs ``soffice`` (Debian's libreoffice-calc-nogui).
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from cluster_portal.core.imports import get_kind, run_import
from cluster_portal.core.roles import Role
from councils.tests.factories import PlanItemFactory, PlanSectionFactory, WorkPlanFactory
from events.tests.factories import EventKindFactory, ExamSessionFactory
from expertise.tests.factories import ExpertFactory
from members.models import Cluster
from members.tests.factories import ClusterFactory, EnlargedGroupFactory
from practice.tests.factories import PracticeBaseFactory, ProgramFactory, SpecialtyFactory, StudentFactory

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed"),
]

COLLEGE, ENTERPRISE, CLUSTER = "ОГБПОУ «ТЕСТ-1»", "ООО «Тестовый завод»", "Кластер ЛО"
RU_CSV = "CSV:59,34,76,1,,1049"  # «;»-separated, UTF-8, from row 1, Russian (1049) number and date recognition

TYPED = {
    "organizations": ["Работодатель (предприятие)", "ООО «Из Calc» полное", "ООО «Из Calc»", "", "Томск",
                      "пр. Ленина, 1", "8 3822 000000", "info@example.ru", "https://example.ru", "7017000000",
                      "1027000000000"],
    "persons": ["Иванов", "Иван", "Иванович", "Мастер", ENTERPRISE, "ivanov@example.ru", "8 900 000 00 00"],
    "specialties": ["15.02.40", "Мехатроника", "Специалисты среднего звена (ППССЗ)", "15.00.00", "да", "нет", "нет"],
    "programs": [COLLEGE, "15.02.32", "", "Очная", "Основное общее (9 классов)", "Техник-мехатроник",
                 "3 г. 10 мес.", "2022", "", "нет", "да", ENTERPRISE, "да"],
    "additional-programs": [COLLEGE, "ДПО — повышение квалификации", "Наладка станков с ЧПУ", "15.00.00", "72",
                            "2022", "да", "Для наладчиков"],
    "admission-targets": [COLLEGE, "15.02.32", "", "2024", "25", "", "", "", ""],
    "work-plan": [CLUSTER, "2022", "1. Организационные вопросы", "1.1", "Заседание совета", "Координатор",
                  "IV квартал 2022", "01.12.2022", "Протокол"],
    "expert-certificates": ["lo-expert", "Право оценки демонстрационного экзамена", "Мехатроника", "123456",
                            "Агентство", "15.03.2022", "15.03.2025"],
    "students": [COLLEGE, "2022-0457", "Петров П. П.", "15.02.32", "Очная", "531", "2022", "2026"],
    "placements": [COLLEGE, "A-4", ENTERPRISE, "", "Производственная", "04.05.2022", "31.05.2022",
                   "Индивидуальный наставник", "Сидоров С. С.", "да", "нет", "да", "5"],
    "outcomes": [COLLEGE, "A-4", "2022", "Трудоустроен по специальности", "01.09.2022", ENTERPRISE, "оператор", ""],
    "events": ["День открытых дверей", "День открытых дверей ЛО", "15.04.2022", "16.04.2022", "", "Главный корпус",
               COLLEGE, "", ENTERPRISE, "15.02.32", "12", "120", "5", "3", "2022: 2.8", "Экскурсии по мастерским",
               "https://example.ru/news/1", "да"],
    "exam-results": [COLLEGE, "A-4", "15.02.32", "ДЭ базового уровня (ГИА)", "14.06.2022", "78,5", "хорошо", "да"],
}  # fmt: skip


def convert(sources: list[Path], to: str, outdir: Path, profile: Path, infilter: str | None = None) -> None:
    """One soffice run for every file (its start-up is the slow part), with a profile of its own."""
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", to, "--outdir", str(outdir), *map(str, sources)]
    subprocess.run(command, check=True, capture_output=True, timeout=240)


@pytest.fixture
def world(db, college_org, employer_org):
    group = EnlargedGroupFactory(code="15.00.00", name="Машиностроение")
    specialty = SpecialtyFactory(code="15.02.32", name="Оператор станков с программным управлением", group=group)
    program = ProgramFactory(college=college_org, specialty=specialty, study_form="full")
    StudentFactory(program=program, record_number="A-4", admission_year=2018, graduation_year=2022)
    PracticeBaseFactory(enterprise=employer_org, address="")
    ClusterFactory(short_name=CLUSTER)
    expert = ExpertFactory()
    expert.user.username = "lo-expert"
    expert.user.save()
    cluster = Cluster.objects.get(short_name=CLUSTER)
    PlanItemFactory(
        section=PlanSectionFactory(plan=WorkPlanFactory(cluster=cluster, year=2022), number=2), number="2.8"
    )
    EventKindFactory(name="День открытых дверей")
    ExamSessionFactory(cluster=cluster, college=college_org, specialty=specialty, date_from=dt.date(2022, 6, 14))


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Each kind's typed row as .xlsx made by LibreOffice directly, through .ods and through .xls."""
    root = tmp_path_factory.mktemp("calc")
    profile = root / "profile"
    typed = root / "typed"
    typed.mkdir()
    sources = []
    for key, row in TYPED.items():
        path = typed / f"{key}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow([c.header for c in get_kind(key).bound_columns])
            writer.writerow(row)
        sources.append(path)
    direct, ods, xls, from_ods, from_xls = (root / name for name in ("xlsx", "ods", "xls", "from-ods", "from-xls"))
    convert(sources, "xlsx", direct, profile, RU_CSV)
    convert(sources, "ods", ods, profile, RU_CSV)
    convert(sources, "xls", xls, profile, RU_CSV)
    convert(sorted(ods.glob("*.ods")), "xlsx", from_ods, profile)
    convert(sorted(xls.glob("*.xls")), "xlsx", from_xls, profile)
    return {
        key: {"xlsx": direct / f"{key}.xlsx", "ods": from_ods / f"{key}.xlsx", "xls": from_xls / f"{key}.xlsx"}
        for key in TYPED
    }


@pytest.mark.parametrize("key", list(TYPED))
def test_a_template_filled_in_libreoffice_imports(key, converted, world, users):
    for route, path in converted[key].items():
        assert path.exists(), f"{route}: LibreOffice did not write {path.name}"
        with path.open("rb") as handle:
            result = run_import(get_kind(key), handle, user=users[Role.COORDINATOR], dry_run=True, filename=path.name)
        assert result.ok, (route, [str(e) for e in result.errors])
        assert result.rows == 1 and result.created + result.updated == 1, (route, result)
