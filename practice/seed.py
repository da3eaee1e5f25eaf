"""Demo data of the practice app: the seed report's mentoring findings as practice bases and
agreements, plus generated students, placements and outcomes (``is_demo``) for the analytics."""

from __future__ import annotations

import datetime as dt
import random
import re

from members.models import Organization
from members.seed import demo_employers
from members.selectors import default_cluster
from programs.models import Program, Specialty

from .choices import (
    EMPLOYED_STATUSES,
    AgreementForm,
    CollectionTopic,
    MentoringFormat,
    OutcomeStatus,
    PlacementKind,
    SubmissionStatus,
)
from .models import (
    DataCollection,
    EmploymentOutcome,
    Placement,
    PracticeAgreement,
    PracticeBase,
    Student,
    Submission,
    TeacherInternship,
)
from .services import collection_open

# The seed report, «2022г. - Сотрудничество участников кластера …», verbatim.
CORPORATE_MODEL = (
    "Наличие модели и программы наставничества на предприятии (АО ТЭТЗ, ООО «СИМАКО») - Проведение мониторинга "
    "процесса наставничества со стороны администрации ПОО и предприятия (при наличии корпоративной системы "
    "наставничества)"
)
MEDICAL = (
    "Особые требования отдельных предприятий к прохождению медосмотров и предоставляемых студентом справок, "
    "мед. документов (ПЦР-тесты, прививочные карты,хождение медосмотра в мед. организациях, где проводится "
    "корпоративные медосмотры) – АО «НПЦ»ПОЛЮС»»"
)
SHIFTS = (
    "При сменном графике работы наставника от предприятия сложно назначить одного наставника для студента, так как "
    "графики практики и график работы наставника не совпадают (у студента может быть на период практики несколько "
    "наставников) - ООО «ТОМЗЭЛ»"
)
GROUP_ONLY = (
    "Отдельные работодатели охотно заключают договора на практику и организуют практику, но не организуют "
    "индивидуального наставничества (закрепляется руководитель практики за группой практикантов без оформления "
    "наставничества) – «ГЕОС»"
)
OWN_FORM = (
    "Наличие предприятий, которые отказываются заключать договор на практику по форме, действующей на предприятии, "
    "а не по региональной модели наставничества, и не назначают наставников по непонятным причинам"
)

# enterprise, has corporate program, usual format, notes, special requirements, УГПС codes, demo
BASES = [
    ("АО «ТЭТЗ»", True, MentoringFormat.INDIVIDUAL, CORPORATE_MODEL, "", ["13.00.00", "15.00.00"], False),
    ("ООО «СИМАКО»", True, MentoringFormat.INDIVIDUAL, CORPORATE_MODEL, "", ["15.00.00", "27.00.00"], False),
    ("АО «НПЦ «Полюс»", False, "", "", MEDICAL, ["11.00.00", "27.00.00"], False),
    ("ООО «ТОМЗЭЛ»", False, MentoringFormat.SHIFTS, SHIFTS, "", ["13.00.00", "15.00.00"], False),
    ("«ГЕОС»", False, MentoringFormat.GROUP, GROUP_ONLY, "", ["21.00.00", "18.00.00"], False),
    # Invented (members.seed.DEMO_EMPLOYERS): the generated practices, agreements and outcomes take place here.
    ("АО «Демо-Электромаш»", False, "", "", "", ["13.00.00", "15.00.00"], True),
    ("ООО «Демо-Станкозавод»", False, "", "", "", ["15.00.00", "27.00.00"], True),
    ("АО «Демо-Приборстрой»", False, "", "", "", ["11.00.00", "27.00.00"], True),
    ("ООО «Демо-Нефтесервис»", False, "", "", "", ["21.00.00", "18.00.00"], True),
    ("ООО «Демо-Химпром»", False, "", "", "", ["18.00.00", "22.00.00", "13.00.00"], True),
]
# college, enterprise, number, date, form, mentors assigned, comment
AGREEMENTS = [
    # Invented, with the invented employers: the seed states no agreement of a college with an enterprise.
    ("ОГБПОУ «ТЭПК»", "АО «Демо-Электромаш»", "П-01/2022", dt.date(2022, 1, 17), AgreementForm.REGIONAL, True, ""),
    ("ОГБПОУ «ТЭПК»", "ООО «Демо-Станкозавод»", "П-02/2022", dt.date(2022, 1, 24), AgreementForm.REGIONAL, True, ""),
    ("ОГБПОУ «ТЭПК»", "АО «Демо-Приборстрой»", "П-03/2022", dt.date(2022, 2, 7), AgreementForm.REGIONAL, True, ""),
    ("ОГБПОУ «ТПТ»", "АО «Демо-Электромаш»", "14/22", dt.date(2022, 2, 1), AgreementForm.REGIONAL, True, ""),
    ("ОГБПОУ «ТПГК»", "ООО «Демо-Нефтесервис»", "7-П", dt.date(2022, 3, 1), AgreementForm.REGIONAL, False, ""),
    # The seed names no enterprise refusing the regional form (OWN_FORM): generated agreements attribute it to none.
    ("ОГБПОУ «СПК»", "ООО «Демо-Химпром»", "Д-112", dt.date(2022, 1, 20), AgreementForm.REGIONAL, True, ""),
    ("ОГБПОУ «ТПТ»", "ООО «Демо-Станкозавод»", "35/22", dt.date(2022, 2, 14), AgreementForm.REGIONAL, True, ""),
    ("ОГБПОУ «СПК»", "АО «Демо-Приборстрой»", "22/04", dt.date(2022, 4, 4), AgreementForm.REGIONAL, True, ""),
]
INTERNSHIPS = [
    (
        "ОГБПОУ «ТЭПК»",
        "Демидова Н. А.",
        "Преподаватель",
        "АО «Демо-Электромаш»",
        "Наладка электротехнического оборудования",
        dt.date(2022, 3, 14),
        36,
    ),
    (
        "ОГБПОУ «ТПТ»",
        "Кузнецов П. В.",
        "Мастер п/о",
        "АО «Демо-Электромаш»",
        "Сборка электродвигателей",
        dt.date(2022, 4, 11),
        72,
    ),
    (
        "ОГБПОУ «СПК»",
        "Лебедева О. И.",
        "Преподаватель",
        "ООО «Демо-Станкозавод»",
        "Современные станки с ЧПУ",
        dt.date(2022, 5, 16),
        36,
    ),
]
SURNAMES = ["Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков"]
NAMES = ["Алексей", "Дмитрий", "Иван", "Кирилл", "Максим", "Никита", "Павел", "Роман", "Сергей", "Артём"]
TARGET_STUDENTS = 420
COHORTS = (2020, 2021, 2022, 2023)  # 2023: still studying in 2021/2022, practice only


def _bases(*, generated: bool) -> list[PracticeBase]:
    """The seed's practice bases (``generated=False``) or the invented ones (``is_demo``)."""
    bases = []
    orgs = {o.short_name: o for o in Organization.objects.filter(short_name__in=[b[0] for b in BASES])}
    for short, corporate, usual, notes, requirements, codes, demo in BASES:
        enterprise = orgs.get(short)
        if enterprise is None or demo != generated:
            continue
        base, _ = PracticeBase.objects.update_or_create(
            enterprise=enterprise,
            address=enterprise.address,
            defaults={
                "has_mentoring_program": corporate,
                "usual_format": usual,
                "mentoring_notes": notes,
                "special_requirements": requirements,
                "is_demo": demo,
            },
        )
        base.specialties.set(Specialty.objects.filter(group__code__in=codes).order_by("pk"))
        bases.append(base)
    return bases


def _agreements_and_internships() -> int:
    """Invented agreements and teacher internships (``is_demo``); returns the number of agreements."""
    agreements = 0
    orgs = {o.short_name: o for o in Organization.objects.filter(short_name__in=[b[0] for b in BASES])}
    colleges = {o.short_name: o for o in Organization.objects.filter(short_name__in=[a[0] for a in AGREEMENTS])}
    for college, enterprise, number, date, form, mentors, comment in AGREEMENTS:
        if college in colleges and enterprise in orgs:
            PracticeAgreement.objects.update_or_create(
                college=colleges[college],
                number=number,
                date=date,
                defaults={
                    "enterprise": orgs[enterprise],
                    "valid_until": date.replace(year=date.year + 3),
                    "form": form,
                    "mentors_assigned": mentors,
                    "comment": comment,
                    "is_demo": True,
                },
            )
            agreements += 1
    for college, teacher, position, enterprise, topic, start, hours in INTERNSHIPS:
        if college in colleges and enterprise in orgs:
            TeacherInternship.objects.update_or_create(
                college=colleges[college],
                teacher=teacher,
                date_start=start,
                defaults={
                    "position": position,
                    "enterprise": orgs[enterprise],
                    "topic": topic,
                    "date_end": start + dt.timedelta(days=hours // 6 + 4),
                    "hours": hours,
                    "mentor": "Наставник предприятия",
                    "is_demo": True,
                },
            )
    return agreements


def _college_code(short_name: str) -> str:
    return short_name.split("«", 1)[-1].rstrip("»") or short_name


def _generate(cluster, bases: list[PracticeBase]) -> tuple[int, int, int]:
    """Students of every program and cohort, their practice placements and (graduates') outcomes.

    Built in memory and written with one upsert per model, keyed as a re-run finds them (the record
    number, a placement's start, an outcome's year): running the seed again changes nothing.
    """
    programs = _cluster_programs(cluster)
    if not programs or not bases:
        return 0, 0, 0
    rng = random.Random(2022)
    per_cohort = max(3, TARGET_STUDENTS // (len(programs) * len(COHORTS)))
    base_specialties = {b.pk: {s.group_id for s in b.specialties.all()} for b in bases}
    counters: dict[int, int] = {}
    students, placements, outcomes = [], [], []
    for program in programs:
        fitting = [b for b in bases if program.specialty.group_id in base_specialties[b.pk]] or bases
        for graduation in COHORTS:
            admission = graduation - study_years(program.duration)
            if not runs_through(program, admission=admission, graduation=graduation):
                continue
            for _ in range(per_cohort):
                counters[program.college_id] = counters.get(program.college_id, 0) + 1
                student = _student(rng, program, graduation, admission, counters[program.college_id])
                track = [
                    _placement(rng, student, fitting, graduation, kind, year_offset, month)
                    for kind, year_offset, month in PRACTICE_TRACK
                    # 2023 graduates have not reached the pre-diploma practice yet
                    if not (kind == PlacementKind.PRE_DIPLOMA and graduation > 2022)
                ]
                students.append(student)
                placements += [placement for placement, _flags in track]
                if graduation <= 2022:
                    outcomes.append(_outcome(rng, student, fitting, graduation, [flags for _p, flags in track]))
    _upsert(Student, students, ("college", "record_number"))
    _upsert(Placement, placements, ("student", "date_start"))
    _upsert(EmploymentOutcome, outcomes, ("student", "year"))
    return len(students), len(placements), len(outcomes)


def _upsert(model, rows: list, keys: tuple[str, ...]) -> None:
    """Insert ``rows``, or update every other field of the row a re-run finds under ``keys``."""
    fields = [
        f.name
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in keys and not getattr(f, "auto_now_add", False)
    ]
    model.objects.bulk_create(rows, batch_size=500, update_conflicts=True, unique_fields=keys, update_fields=fields)


# A student's practices: the kind, years before graduation and the month it starts.
PRACTICE_TRACK = ((PlacementKind.INDUSTRIAL, 1, 6), (PlacementKind.PRE_DIPLOMA, 0, 4))
OTHER_OUTCOMES = [
    OutcomeStatus.NOT_BY_SPECIALTY,
    OutcomeStatus.ARMY,
    OutcomeStatus.EDUCATION,
    OutcomeStatus.NOT_EMPLOYED,
    OutcomeStatus.SELF_EMPLOYED,
    OutcomeStatus.PARENTAL_LEAVE,
    OutcomeStatus.ARMY,
]


def _cluster_programs(cluster) -> list[Program]:
    return list(
        Program.objects.filter(college__memberships__cluster=cluster)
        .select_related("college", "specialty__group")
        .distinct()
        .order_by("college__short_name", "specialty__code", "pk")
    )


def study_years(duration: str) -> int:
    """Academic years a cohort studies: «3 г. 10 мес.» is 4, «2 г. 10 мес.» is 3, «10 мес.» is 1."""
    years = re.search(r"(\d+)\s*г", duration or "")
    months = re.search(r"(\d+)\s*мес", duration or "")
    total = (int(years[1]) if years else 0) + (1 if months and int(months[1]) else 0)
    return max(total, 1)


def runs_through(program: Program, *, admission: int, graduation: int) -> bool:
    """Whether the program ran every academic year of a cohort admitted in ``admission``.

    No cohort graduates before the program's first cohort could, nor from a program closed
    before the cohort's last year.
    """
    return program.first_year <= admission and (program.last_year is None or program.last_year >= graduation - 1)


def _student(rng: random.Random, program: Program, graduation: int, admission: int, serial: int) -> Student:
    """A student of the cohort (not saved: ``_generate`` writes them all at once)."""
    number = f"{_college_code(program.college.short_name)}-{serial:04d}"
    return Student(
        college=program.college,
        record_number=number,
        program=program,
        full_name=f"{rng.choice(SURNAMES)} {rng.choice(NAMES)}",
        group_name=f"{program.specialty.code[:2]}-{graduation % 100:02d}",
        admission_year=admission,
        graduation_year=graduation,
        is_demo=True,
    )


def _placement(
    rng: random.Random, student: Student, fitting: list[PracticeBase], graduation: int, kind, year_offset, month
) -> tuple[Placement, tuple[bool, bool, bool]]:
    """One practice of the student (not saved) and whether it had a mentor, a real assignment and a job offer."""
    base = rng.choice(fitting)
    fmt = (
        base.usual_format
        or rng.choices([MentoringFormat.INDIVIDUAL, MentoringFormat.SHIFTS, MentoringFormat.GROUP], [5, 2, 3])[0]
    )
    has_mentor = fmt != MentoringFormat.GROUP
    is_real = rng.random() < (0.6 if has_mentor else 0.3)
    is_paid = rng.random() < (0.35 if is_real else 0.1)
    offer = rng.random() < (0.3 if has_mentor else 0.1) + (0.15 if is_real else 0)
    start = dt.date(graduation - year_offset, month, 1 + rng.randint(0, 10))
    placement = Placement(
        student=student,
        date_start=start,
        base=base,
        kind=kind,
        date_end=start + dt.timedelta(days=27),
        mentoring_format=fmt,
        mentor_names="" if not has_mentor else "Наставник предприятия",
        real_assignment=is_real,
        paid_employment=is_paid,
        job_offer=offer,
        grade=rng.choice([3, 4, 4, 5, 5]),
        is_demo=True,
    )
    return placement, (has_mentor, is_real, offer)


def _outcome(rng: random.Random, student: Student, fitting, graduation: int, track) -> EmploymentOutcome:
    """The graduate's outcome (not saved): more often by specialty after a mentored, real practice with an offer."""
    mentored, real, offered = (any(flags) for flags in zip(*track, strict=True)) if track else (False,) * 3
    chance = 0.3 + (0.2 if mentored else 0) + (0.1 if real else 0) + (0.2 if offered else 0)
    status = OutcomeStatus.BY_SPECIALTY if rng.random() < chance else rng.choice(OTHER_OUTCOMES)
    employer = rng.choice(fitting).enterprise if status in EMPLOYED_STATUSES[:1] else None
    return EmploymentOutcome(
        student=student,
        year=graduation,
        status=status,
        date=dt.date(graduation, 7, 1) + dt.timedelta(days=rng.randint(0, 300)),
        employer=employer,
        employer_name="" if employer or status not in EMPLOYED_STATUSES else "ООО «Другое предприятие»",
        is_demo=True,
    )


RETURN_COMMENT = (
    "Уточните сведения о выпускниках, трудоустроенных не по специальности: по данным предприятий "
    "часть из них работает по полученной специальности."
)


def _collection(cluster) -> DataCollection:
    collection = DataCollection.objects.filter(cluster=cluster, topic=CollectionTopic.EMPLOYMENT, year=2022).first()
    if collection is None:
        collection = collection_open(
            cluster=cluster,
            title="Трудоустройство выпускников 2022",
            topic=CollectionTopic.EMPLOYMENT,
            year=2022,
            deadline=dt.date(2022, 12, 1),
            instructions="Внесите сведения о трудоустройстве выпускников 2022 года: формой или загрузкой шаблона Excel.",
            is_demo=True,
        )
    # One answer in each state a coordinator meets: accepted (its rows locked for the college),
    # under review, and returned to ТЭПК — the demo college user's, so that it has data to correct.
    submitted_at = dt.datetime(2022, 11, 25, 12, 0, tzinfo=dt.UTC)
    reviewed_at = dt.datetime(2022, 11, 28, 10, 0, tzinfo=dt.UTC)
    answers = Submission.objects.filter(collection=collection)
    answers.filter(college__short_name="ОГБПОУ «ТПГК»").update(
        status=SubmissionStatus.ACCEPTED, submitted_at=submitted_at, reviewed_at=reviewed_at
    )
    answers.filter(college__short_name="ОГБПОУ «ТПТ»").update(
        status=SubmissionStatus.SUBMITTED, submitted_at=submitted_at
    )
    answers.filter(college__short_name="ОГБПОУ «ТЭПК»").update(
        status=SubmissionStatus.RETURNED,
        submitted_at=submitted_at,
        reviewed_at=reviewed_at,
        review_comment=RETURN_COMMENT,
    )
    return collection


def run() -> str:
    """What the seed report states: the practice bases its mentoring findings name."""
    if default_cluster() is None:
        return "кластер не найден — пропущено"
    return f"баз практики из отчёта {len(_bases(generated=False))}"


def run_generated() -> str:
    """Invented rows for the analytics (``is_demo``): bases, agreements, students, placements, outcomes."""
    cluster = default_cluster()
    if cluster is None:
        return "кластер не найден — пропущено"
    demo_employers()
    bases = _bases(generated=True)
    agreements = _agreements_and_internships()
    students, placements, outcomes = _generate(cluster, bases)
    collection = _collection(cluster)
    generated = (
        f"демо-студентов {students}, практик {placements}, записей о трудоустройстве {outcomes}"
        if students
        else "в банке программ кластера нет программ — демо-студенты не созданы"
    )
    return (
        f"баз практики {len(bases)}, договоров {agreements}, {generated}; сбор данных «{collection.title}» "
        f"({Submission.objects.filter(collection=collection).count()} ПОО)"
    )
