"""Excel import of specialties, programs, additional programs and admission targets: row errors, all or nothing."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from cluster_portal.core.imports import get_kind, run_import
from cluster_portal.core.roles import Role
from cluster_portal.core.testing import xlsx
from programs.models import AdditionalProgram, AdmissionTarget, Program, Specialty

from .factories import AdditionalProgramFactory


def workbook(kind_key, rows):
    """An upload of ``rows`` (dicts by header) in the columns of the import kind."""
    columns = get_kind(kind_key).columns
    return xlsx.workbook(columns, ([row.get(c.header) for c in columns] for row in rows), name="import.xlsx")


def program_row(**values):
    row = {
        "ПОО": "ОГБПОУ «ТЕСТ-1»",
        "Код специальности": "15.02.12",
        "Форма обучения": "Очная",
        "На базе": "Основное общее (9 классов)",
        "Квалификация": "Техник-механик",
        "Срок освоения": "3 г. 10 мес.",
        "Реализуется с": 2021,
        "Сетевая форма": "нет",
        "Дуальное обучение": "да",
        "Предприятия-партнёры": "ООО «Тестовый завод»",
        "В открытом каталоге": "да",
        "Актуальность": "Нужны механики",
    }
    row.update(values)
    return row


def errors_of(result):
    return [str(e) for e in result.errors]


@pytest.mark.django_db
def test_program_import_creates_then_updates_by_natural_key(users, bank):
    user = users[Role.COORDINATOR]
    kind = get_kind("programs")
    result = run_import(kind, workbook("programs", [program_row()]), user=user, dry_run=False)
    assert result.saved, errors_of(result)
    program = Program.objects.get(college=bank["org"], specialty=bank["other_specialty"])
    assert program.dual_training and program.relevance == "Нужны механики"
    assert list(program.partners.all()) == [bank["employer"]]
    result = run_import(
        kind, workbook("programs", [program_row(**{"Квалификация": "Техник"})]), user=user, dry_run=False
    )
    assert result.saved and (result.created, result.updated) == (0, 1)
    program.refresh_from_db()
    assert program.qualification == "Техник"
    assert Program.objects.filter(college=bank["org"], specialty=bank["other_specialty"]).count() == 1


@pytest.mark.django_db
def test_program_import_refuses_bad_rows_and_saves_nothing(users, bank):
    rows = [
        program_row(**{"Код специальности": "15.02.08"}),  # valid on its own
        program_row(**{"Код специальности": "99.99.99"}),  # unknown specialty
        program_row(**{"ПОО": "ОГБПОУ «НЕТ ТАКОГО»", "Код специальности": "15.02.32"}),  # unknown college
        program_row(),
        program_row(),  # duplicates the row before it
        program_row(**{"Код специальности": "15.02.32", "Форма обучения": "Вечерняя"}),
    ]
    from .factories import SpecialtyFactory

    SpecialtyFactory(code="15.02.08", group=bank["group"])
    before = Program.objects.count()
    result = run_import(get_kind("programs"), workbook("programs", rows), user=users[Role.COORDINATOR], dry_run=False)
    assert not result.saved
    messages = errors_of(result)
    assert (
        "Строка 3, «Код специальности» = «99.99.99»: Специальность (профессия) с таким кодом не найдена в портале."
        in messages
    )
    assert "Строка 4, «ПОО» = «ОГБПОУ «НЕТ ТАКОГО»»: ПОО не найдена в портале." in messages
    assert any(m.startswith("Строка 6: повторяет строку 5: та же запись («ПОО»") for m in messages)
    assert any(m.startswith("Строка 7, «Форма обучения» = «Вечерняя»: нет такого значения") for m in messages)
    assert Program.objects.count() == before


@pytest.mark.django_db
def test_college_imports_only_its_own_programs(users, bank):
    rows = [program_row(), program_row(**{"ПОО": "ОГБПОУ «ТЕСТ-2»", "Код специальности": "15.02.32"})]
    result = run_import(get_kind("programs"), workbook("programs", rows), user=users[Role.COLLEGE], dry_run=False)
    assert not result.saved
    assert errors_of(result) == [
        "Строка 3, «ПОО» = «ОГБПОУ «ТЕСТ-2»»: можно загружать только данные «ОГБПОУ «ТЕСТ-1»»."
    ]
    assert Program.objects.count() == 2


@pytest.mark.django_db
def test_program_export_reimports_unchanged(client_as, users, bank):
    response = client_as(Role.COORDINATOR).get("/programs/?export=xlsx")
    data = io.BytesIO(b"".join(response.streaming_content))
    data.name = "export.xlsx"
    result = run_import(get_kind("programs"), data, user=users[Role.COORDINATOR], dry_run=False)
    assert result.saved, errors_of(result)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


@pytest.mark.django_db
def test_specialty_import_checks_code_group_and_level(users, bank):
    rows = [
        {
            "Код": "15.01.32",
            "Наименование": "Оператор станков с программным управлением",
            "Уровень": "Квалифицированные рабочие, служащие (ППКРС)",
            "УГПС": "15.00.00",
            "ТОП-50": "да",
        },
        {"Код": "15.2.1", "Наименование": "Плохой код", "Уровень": "ППССЗ", "УГПС": "15.00.00"},
        {"Код": "13.02.11", "Наименование": "Не та группа", "Уровень": "ppssz", "УГПС": "15.00.00"},
        {"Код": "08.02.01", "Наименование": "Строительство", "Уровень": "ppssz", "УГПС": "08.00.00"},
    ]
    kind = get_kind("specialties")
    result = run_import(kind, workbook("specialties", rows), user=users[Role.COORDINATOR], dry_run=False)
    messages = errors_of(result)
    assert not result.saved
    assert "Строка 3, «Код» = «15.2.1»: Код специальности записывается как 15.02.32." in messages
    assert "Строка 4, «УГПС» = «15.00.00»: Код 13.02.11 относится к УГПС 13.00.00, а не к 15.00.00." in messages
    assert "Строка 5, «УГПС» = «08.00.00»: УГПС не найдена в портале." in messages
    assert not Specialty.objects.filter(code="15.01.32").exists()
    result = run_import(kind, workbook("specialties", rows[:1]), user=users[Role.COORDINATOR], dry_run=False)
    assert result.saved, errors_of(result)
    assert Specialty.objects.get(code="15.01.32").is_top50


@pytest.mark.django_db
def test_specialty_import_is_for_coordinators(users, bank):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run_import(get_kind("specialties"), workbook("specialties", []), user=users[Role.COLLEGE], dry_run=True)


def target_row(**values):
    row = {"ПОО": "ОГБПОУ «ТЕСТ-1»", "Код специальности": "15.02.12", "Год приёма": 2024, "Предложено ПОО": 30}
    row.update(values)
    return row


@pytest.mark.django_db
def test_target_import_college_proposes_coordinator_agrees(users, bank):
    kind = get_kind("admission-targets")
    result = run_import(
        kind,
        workbook("admission-targets", [target_row(**{"Согласовано": 99})]),
        user=users[Role.COLLEGE],
        dry_run=False,
    )
    assert result.saved, errors_of(result)
    target = AdmissionTarget.objects.get(year=2024)
    assert (target.proposed, target.agreed, target.status) == (30, None, "proposed")
    result = run_import(
        kind,
        workbook("admission-targets", [target_row(**{"Согласовано": 28})]),
        user=users[Role.COORDINATOR],
        dry_run=False,
    )
    assert result.saved and result.updated == 1
    target.refresh_from_db()
    assert (target.agreed, target.status) == (28, "agreed")
    # An agreed target is no longer the college's to change.
    result = run_import(
        kind,
        workbook("admission-targets", [target_row(**{"Предложено ПОО": 90})]),
        user=users[Role.COLLEGE],
        dry_run=False,
    )
    assert not result.saved
    assert errors_of(result) == ["Строка 2: КЦП уже согласованы координатором: изменить их может только координатор."]
    target.refresh_from_db()
    assert target.proposed == 30


@pytest.mark.django_db
def test_target_import_dates_the_coordinators_agreement_as_the_file_says(users, bank):
    """The council agreed the numbers in May; the coordinator loads them in June: the agreement is dated as
    decided (which year's report shows it depends on it). Left empty, it is today; a college's date is ignored."""
    from programs.models import AdmissionAgreement

    kind = get_kind("admission-targets")
    agreed_in_may = target_row(**{"Согласовано": 28, "Дата согласования": dt.date(2022, 5, 16)})
    agreed_today = target_row(**{"Код специальности": "15.02.32", "Согласовано": 20})
    result = run_import(
        kind, workbook("admission-targets", [agreed_in_may, agreed_today]), user=users[Role.COORDINATOR], dry_run=False
    )
    assert result.saved, errors_of(result)
    dates = dict(AdmissionAgreement.objects.values_list("target__specialty__code", "agreed_on"))
    assert dates == {"15.02.12": dt.date(2022, 5, 16), "15.02.32": timezone.localdate()}

    proposed = target_row(**{"Год приёма": 2025, "Дата согласования": dt.date(2022, 5, 16)})
    result = run_import(kind, workbook("admission-targets", [proposed]), user=users[Role.COLLEGE], dry_run=False)
    assert result.saved, errors_of(result)
    assert AdmissionTarget.objects.get(year=2025).agreed_on is None


@pytest.mark.django_db
def test_target_import_refuses_unknown_references(users, bank):
    rows = [target_row(), target_row(**{"Код специальности": "00.00.00"}), target_row(**{"ПОО": "Неизвестная"})]
    result = run_import(
        get_kind("admission-targets"), workbook("admission-targets", rows), user=users[Role.COORDINATOR], dry_run=False
    )
    assert not result.saved
    assert errors_of(result) == [
        "Строка 3, «Код специальности» = «00.00.00»: Специальность (профессия) с таким кодом не найдена в портале.",
        "Строка 4, «ПОО» = «Неизвестная»: ПОО не найдена в портале.",
    ]
    assert not AdmissionTarget.objects.filter(year=2024).exists()


def additional_row(**values):
    row = {
        "ПОО": "ОГБПОУ «ТЕСТ-1»",
        "Вид": "ДПО — повышение квалификации",
        "Наименование": "Наладка станков с ЧПУ",
        "УГПС": "15.00.00",
        "Часов": 72,
        "Год": 2022,
        "Опережающая подготовка": "да",
    }
    row.update(values)
    return row


@pytest.mark.django_db
def test_additional_program_import_checks_rows_then_creates_and_updates(users, bank):
    kind = get_kind("additional-programs")
    college = users[Role.COLLEGE]
    bad = [
        additional_row(),
        additional_row(**{"Вид": "Курсы", "Наименование": "Сварка"}),
        additional_row(**{"УГПС": "99.00.00", "Наименование": "Электромонтаж"}),
        additional_row(**{"ПОО": "ОГБПОУ «ТЕСТ-2»", "Наименование": "Токарь"}),
        additional_row(**{"Год": None, "Наименование": "Фрезеровщик"}),
    ]
    result = run_import(kind, workbook("additional-programs", bad), user=college, dry_run=False)
    errors = errors_of(result)
    assert any(e.startswith("Строка 3, «Вид» = «Курсы»: нет такого значения") for e in errors), errors
    assert "Строка 4, «УГПС» = «99.00.00»: УГПС не найдена в портале." in errors
    assert "Строка 5, «ПОО» = «ОГБПОУ «ТЕСТ-2»»: можно загружать только данные «ОГБПОУ «ТЕСТ-1»»." in errors
    assert "Строка 6, «Год»: не заполнено; ожидается целое число, например 2022." in errors
    before = AdditionalProgram.objects.count()
    assert not result.saved and not AdditionalProgram.objects.filter(title="Наладка станков с ЧПУ").exists()
    result = run_import(kind, workbook("additional-programs", bad[:1]), user=college, dry_run=False)
    assert result.saved and (result.created, result.updated) == (1, 0)
    assert AdditionalProgram.objects.count() == before + 1
    program = AdditionalProgram.objects.get(title="Наладка станков с ЧПУ")
    assert (program.college, program.kind, program.group.code, program.hours) == (bank["org"], "dpo_pk", "15.00.00", 72)
    assert program.is_advanced_competence
    # The same ПОО, title and year: the row updates the program.
    fixed = [additional_row(**{"Часов": 144, "УГПС": None, "Опережающая подготовка": "нет"})]
    result = run_import(kind, workbook("additional-programs", fixed), user=college, dry_run=False)
    assert (result.created, result.updated) == (0, 1)
    program.refresh_from_db()
    assert (program.hours, program.group, program.is_advanced_competence) == (144, None, False)


@pytest.mark.django_db
def test_additional_program_export_reimports_unchanged_from_the_list_page(client_as, users, bank):
    AdditionalProgramFactory(college=bank["org"], title="Оператор ЧПУ", year=2022)
    count = AdditionalProgram.objects.count()
    client = client_as(Role.COORDINATOR)
    page = client.get("/programs/additional/").content.decode()
    assert "/import/additional-programs/" in page  # «Загрузить из Excel»
    response = client.get("/programs/additional/?export=xlsx")
    data = io.BytesIO(b"".join(response.streaming_content))
    data.name = "export.xlsx"
    result = run_import(get_kind("additional-programs"), data, user=users[Role.COORDINATOR], dry_run=False)
    assert result.saved, errors_of(result)
    assert (result.created, result.unchanged) == (0, count) and AdditionalProgram.objects.count() == count
