"""Demo data of the program bank: reference groups and specialties, the programs the seed report
names (ТЭПК 15.02.32 and 27.02.07, СПК 15.02.12, ТПТ 13.02.11) and plausible programs of the sector
colleges (``is_demo``) such that 2021/2022 counts the seed's 29 programs, 5 of them at several
colleges (УГПС 13.00.00, 15.00.00, 21.00.00). Idempotent: rows are keyed by their natural keys.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from cluster_portal.core.reporting import AcademicYear
from members.models import EnlargedGroup, Organization
from members.seed import demo_employers
from members.selectors import default_cluster

from .choices import AdditionalKind, BaseEducation, Level, StudyForm, TargetStatus
from .models import AdditionalProgram, AdmissionAgreement, AdmissionTarget, Program, Specialty
from .reference import ENLARGED_GROUPS, QUALIFICATIONS, SPECIALTIES, group_code
from .selectors import program_counts

FULL, PART = StudyForm.FULL_TIME, StudyForm.PART_TIME
BASIC, SECONDARY = BaseEducation.BASIC, BaseEducation.SECONDARY
TIZ = "ООО «Томский инструментальный завод»"

# The four programs of the seed's expert sessions. The seed states their college, specialty, that they
# ran in 2021/2022 and the enterprise whose experts reviewed them; their cards and first years here are
# invented, so the generated step writes them and marks the programs demo (``is_demo``).
NAMED_FACTS = ("college", "code", "partners")
NAMED_FIRST_YEAR = 2021  # all the seed states: the program ran in 2021/2022
NAMED = [
    {
        "college": "ТЭПК",
        "code": "15.02.32",
        "first_year": 2019,
        "partners": [TIZ],
        "dual_training": True,
        "card": "ОГБПОУ «Томский экономико-промышленный колледж» — ведущая ПОО Промышленного "
        "образовательно-отраслевого кластера. г. Томск, Иркутский тракт, 175.",
        "relevance": "Машиностроительные предприятия Томской области переходят на станки с числовым "
        "программным управлением; операторов и наладчиков таких станков не хватает.",
        "goals": "Подготовка операторов станков с программным управлением, владеющих программированием, "
        "наладкой и обслуживанием оборудования с ЧПУ.",
        "tasks": "Освоение технологии механической обработки; разработка управляющих программ; "
        "выполнение производственных заданий предприятия-партнёра в период практики.",
        "demand": "Выпускники востребованы на машиностроительных предприятиях региона.",
        "variable_part": "Модули вариативной части: обработка на многоосевых обрабатывающих центрах, "
        "контроль качества деталей.",
        "quality_assessment": "Специалисты предприятия-партнёра участвуют в промежуточной аттестации и "
        "в демонстрационном экзамене в составе государственной итоговой аттестации.",
        "expected_results": "Выпускник программирует, налаживает станки с ЧПУ и обрабатывает детали по "
        "чертежам предприятия.",
        "equipment": "Мастерская «Токарные и фрезерные работы на станках с ЧПУ».",
        "staff": "Преподаватели и мастера производственного обучения, прошедшие стажировку на профильных предприятиях.",
        "prospects_dual": "Расширение дуального обучения на площадке предприятия-партнёра.",
    },
    {
        "college": "ТЭПК",
        "code": "27.02.07",
        "first_year": 2018,
        "partners": [TIZ],
        "card": "ОГБПОУ «Томский экономико-промышленный колледж» — ведущая ПОО Промышленного "
        "образовательно-отраслевого кластера. г. Томск, Иркутский тракт, 175.",
        "relevance": "Предприятиям нужны специалисты по управлению качеством продукции, процессов и услуг.",
        "goals": "Подготовка техников по управлению качеством для промышленных предприятий.",
        "tasks": "Освоение методов контроля и оценки качества, работы с системами менеджмента качества.",
        "demand": "Отделы технического контроля и службы качества машиностроительных предприятий.",
        "variable_part": "Модуль «Измерительный контроль деталей машиностроения» по заказу партнёра.",
        "quality_assessment": "Представители работодателя входят в состав аттестационных комиссий.",
        "expected_results": "Выпускник организует контроль качества продукции и процессов на участке.",
        "equipment": "Лаборатория метрологии и стандартизации.",
        "staff": "Преподаватели профессионального цикла с опытом работы в службах качества предприятий.",
        "prospects_network": "Сетевая форма с предприятием-партнёром по модулю измерительного контроля.",
    },
    {
        "college": "СПК",
        "code": "15.02.12",
        "first_year": 2017,
        "partners": ["АО «СХК»"],
        "network_form": True,
        "card": "ОГБПОУ «Северский промышленный колледж», г. Северск.",
        "relevance": "Предприятиям атомной отрасли и машиностроения требуются специалисты по монтажу, "
        "эксплуатации и ремонту промышленного оборудования.",
        "goals": "Подготовка техников-механиков для предприятий региона.",
        "tasks": "Освоение монтажа, наладки, технического обслуживания и ремонта промышленного оборудования.",
        "demand": "Выпускники трудоустраиваются на предприятия ЗАТО Северск и региона.",
        "variable_part": "Дисциплины по оборудованию предприятий атомной отрасли.",
        "quality_assessment": "Специалисты предприятия-партнёра участвуют в государственной итоговой аттестации.",
        "expected_results": "Выпускник выполняет монтаж, наладку и ремонт промышленного оборудования.",
        "equipment": "Мастерская «Ремонт и обслуживание промышленного оборудования».",
        "staff": "Преподаватели-совместители из числа специалистов профильных предприятий.",
        "prospects_network": "Реализация части практической подготовки на площадках предприятия-партнёра.",
    },
    {
        "college": "ТПТ",
        "code": "13.02.11",
        "first_year": 2016,
        "partners": ["ООО «Август»"],
        "card": "ОГБПОУ «Томский политехнический техникум» (с филиалами), г. Томск.",
        "relevance": "Эксплуатация электрического и электромеханического оборудования — массовая потребность "
        "предприятий энергетики и промышленности региона.",
        "goals": "Подготовка техников по эксплуатации и обслуживанию электрооборудования.",
        "tasks": "Освоение монтажа, наладки, эксплуатации и ремонта электрического и электромеханического "
        "оборудования.",
        "demand": "Выпускники востребованы энергослужбами предприятий региона.",
        "variable_part": "Модуль по обслуживанию электрооборудования предприятия-партнёра.",
        "quality_assessment": "Работодатели участвуют в демонстрационном экзамене.",
        "expected_results": "Выпускник обслуживает и ремонтирует электрическое и электромеханическое оборудование.",
        "equipment": "Лаборатории электрических машин и электроснабжения.",
        "staff": "Преподаватели, прошедшие стажировку в профильных организациях.",
        "prospects_dual": "Дуальное обучение с предприятием-партнёром.",
    },
]

# Demo programs of the sector colleges: college, code, first year, partners; optional form/base/last year.
DEMO = [
    # Run by several colleges.
    ("СПК", "13.02.11", 2017, ["АО «СХК»"]),
    ("ТАК", "13.01.10", 2015, ["ПАО ТРК"]),
    ("КТАБ", "13.01.10", 2016, ["ПАО ТРК"]),
    ("АТПромИС", "13.01.10", 2014, ["ПАО ТРК"]),
    ("ТомИнТех", "15.01.05", 2015, ["ООО «СИМАКО»"]),
    ("АТПромИС", "15.01.05", 2016, []),
    ("КТАБ", "15.01.05", 2018, []),
    ("ТПТ", "15.02.12", 2018, ["АО «ТЭТЗ»"]),
    ("ТПГК", "21.02.01", 2014, ["«ГЕОС»"]),
    ("КСПК", "21.02.01", 2016, ["«ГЕОС»"]),
    # Run by one college.
    ("ТЭПК", "11.02.16", 2019, ["АО «НПЦ «Полюс»"]),
    ("ТЭПК", "11.02.02", 2014, ["АО «НПЦ «Полюс»"]),
    ("ТомИнТех", "13.02.07", 2015, ["ПАО ТРК"]),
    ("ТПТ", "13.02.02", 2014, []),
    ("СПК", "13.02.03", 2016, ["АО «СХК»"]),
    ("ТПТ", "13.02.06", 2019, ["ПАО ТРК"]),
    ("ТЭПК", "15.02.08", 2014, [TIZ]),
    ("ТомИнТех", "15.02.15", 2018, ["ООО «Брандмейстер»"]),
    ("ТПТ", "15.01.35", 2018, ["АО «ТЭТЗ»"]),
    ("СПК", "15.02.10", 2019, ["АО «СХК»"]),
    ("ТПГК", "15.01.31", 2017, []),
    ("АТПромИС", "15.01.25", 2014, []),
    ("ТомИнТех", "15.02.11", 2020, ["ООО «ТОМЗЭЛ»"]),
    ("ТПГК", "18.02.06", 2014, []),
    ("ТПГК", "18.02.12", 2016, ["АО «СХК»"]),
    ("ТПГК", "18.01.02", 2018, []),
    ("ТПТ", "21.02.03", 2015, []),
    ("ТПГК", "21.02.02", 2015, ["«ГЕОС»"]),
    ("КСПК", "21.01.01", 2017, ["«ГЕОС»"]),
    ("ТПГК", "22.02.06", 2014, []),
    ("ТПГК", "22.02.05", 2017, []),
    ("ТЭПК", "27.02.04", 2016, [TIZ]),
    # Another form of a specialty already counted: still one program of the count.
    ("ТЭПК", "15.02.08", 2019, [TIZ], {"study_form": PART, "base_education": SECONDARY}),
    # Not running in 2021/2022: closed before it, and opened after it.
    ("СПК", "15.02.01", 2012, [], {"last_year": 2020, "is_published": False}),
    ("ТЭПК", "15.02.16", 2022, [TIZ]),
]

ADDITIONAL = [
    ("ТЭПК", AdditionalKind.VOCATIONAL, "Оператор станков с программным управлением", "15.00.00", 160, True),
    (
        "ТЭПК",
        AdditionalKind.ADVANCED_TRAINING,
        "Инструменты бережливого производства в управлении качеством",
        "27.00.00",
        72,
        False,
    ),
    ("СПК", AdditionalKind.VOCATIONAL, "Слесарь-ремонтник", "15.00.00", 320, False),
    (
        "ТПТ",
        AdditionalKind.VOCATIONAL,
        "Электромонтер по ремонту и обслуживанию электрооборудования",
        "13.00.00",
        480,
        False,
    ),
    ("ТПГК", AdditionalKind.VOCATIONAL, "Оператор по добыче нефти и газа", "21.00.00", 320, False),
    (
        "ТомИнТех",
        AdditionalKind.VOCATIONAL,
        "Сварщик ручной дуговой сварки плавящимся покрытым электродом",
        "15.00.00",
        240,
        True,
    ),
    ("ТомИнТех", AdditionalKind.ADVANCED_TRAINING, "Программирование станков с ЧПУ", "15.00.00", 72, True),
    ("АТПромИС", AdditionalKind.RETRAINING, "Техническая эксплуатация электрооборудования", "13.00.00", 256, False),
]

AGREED_2023 = "Согласовано на заседании Координационного совета 16.05.2022."
AGREED_2023_ON = dt.date(2022, 5, 16)


def _duration(level: str, base: str) -> str:
    if level == Level.MID_LEVEL:
        return "3 г. 10 мес." if base == BASIC else "2 г. 10 мес."
    return "2 г. 10 мес." if base == BASIC else "10 мес."


def _demo_card(college: Organization, specialty: Specialty, partners: list[Organization]) -> dict:
    what = "специальности" if specialty.level == Level.MID_LEVEL else "профессии"
    partner_names = ", ".join(p.short_name for p in partners)
    return {
        "card": f"{college.name}, {college.town}.",
        "relevance": f"Программа готовит кадры по {what} {specialty.code} «{specialty.name}» для "
        f"предприятий Томской области (УГПС {specialty.group.code} «{specialty.group.name}»).",
        "goals": f"Подготовка выпускников по {what} «{specialty.name}» с учётом запросов работодателей.",
        "demand": f"Выпускники востребованы на предприятиях-партнёрах: {partner_names}."
        if partners
        else "Выпускники востребованы на предприятиях отрасли.",
        "expected_results": "Выпускник готов к профессиональной деятельности по программе без "
        "дополнительного обучения на рабочем месте.",
        "quality_assessment": "Представители работодателей участвуют в демонстрационном экзамене.",
    }


@transaction.atomic
def run() -> str:
    groups = {
        code: EnlargedGroup.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in ENLARGED_GROUPS
    }
    specialties = {}
    for code, name, level, _qualification, top50, priority, advanced in SPECIALTIES:
        specialties[code], _ = Specialty.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "level": level,
                "group": groups[group_code(code)],
                "is_top50": top50,
                "is_regional_priority": priority,
                "is_advanced_competence": advanced,
            },
        )
    colleges = {o.short_name.split("«", 1)[1].rstrip("»"): o for o in Organization.objects.filter(kind="college")}
    employers = {o.short_name: o for o in Organization.objects.exclude(kind="college")}

    programs = []
    for spec in NAMED:
        college, specialty = colleges[spec["college"]], specialties[spec["code"]]
        program = Program.objects.filter(
            college=college, specialty=specialty, study_form=FULL, base_education=BASIC
        ).first() or _program(college, specialty, [], is_demo=False, first_year=NAMED_FIRST_YEAR)
        program.partners.add(*(employers[name] for name in spec["partners"]))
        programs.append(program)
    return f"специальностей {Specialty.objects.count()}, программ из отчёта {len(programs)}"


@transaction.atomic
def run_generated() -> str:
    """Invented programs (``is_demo``) so that 2021/2022 counts the seed's 29, the cards of the seed's four
    programs (which makes them demo), additional programs and КЦП."""
    groups = {group.code: group for group in EnlargedGroup.objects.all()}
    specialties = {specialty.code: specialty for specialty in Specialty.objects.all()}
    colleges = {o.short_name.split("«", 1)[1].rstrip("»"): o for o in Organization.objects.filter(kind="college")}
    employers = {o.short_name: o for o in Organization.objects.exclude(kind="college")}
    programs = []
    for spec in NAMED:
        card = {key: value for key, value in spec.items() if key not in NAMED_FACTS}
        college, specialty = colleges[spec["college"]], specialties[spec["code"]]
        partners = [employers[name] for name in spec["partners"]]
        programs.append(_program(college, specialty, partners, is_demo=True, **card))
    stand_ins = demo_employers()  # the seed names no partner of an invented program: invented employers stand in
    for college_key, code, first_year, partner_names, *extra in DEMO:
        college, specialty = colleges[college_key], specialties[code]
        partners = list(dict.fromkeys(stand_ins[name] for name in partner_names))
        options = {"first_year": first_year, **(extra[0] if extra else {})}
        programs.append(
            _program(college, specialty, partners, is_demo=True, **_demo_card(college, specialty, partners), **options)
        )

    for college_key, kind, title, group, hours, advanced in ADDITIONAL:
        AdditionalProgram.objects.update_or_create(
            college=colleges[college_key],
            title=title,
            year=2021,
            defaults={
                "kind": kind,
                "group": groups[group],
                "hours": hours,
                "is_advanced_competence": advanced,
                "is_demo": True,
            },
        )
    every = Program.objects.select_related("college", "specialty").order_by("pk")
    targets = _targets([p for p in every if p.runs_in(2021) and p.study_form == FULL])
    cluster = default_cluster()
    counts = program_counts(cluster=cluster, year=AcademicYear(2021)) if cluster else None
    summary = f"специальностей {Specialty.objects.count()}, программ {Program.objects.count()}, КЦП {targets}"
    if counts:
        summary += f"; 2021/2022: {counts.total} программ, из них {counts.multi_college} — несколькими ПОО"
    return summary


def _program(college, specialty, partners, *, is_demo: bool, **fields) -> Program:
    study_form = fields.pop("study_form", FULL)
    base = fields.pop("base_education", BASIC)
    defaults = {
        "qualification": QUALIFICATIONS[specialty.code],
        "duration": _duration(specialty.level, base),
        "last_year": None,
        "is_demo": is_demo,
        **fields,
    }
    program, _ = Program.objects.update_or_create(
        college=college, specialty=specialty, study_form=study_form, base_education=base, defaults=defaults
    )
    program.partners.set(partners)
    return program


def _targets(programs: list[Program]) -> int:
    """Invented numbers (``is_demo``): КЦП 2022 agreed on a date the seed does not give (none recorded), КЦП 2023
    agreed on 16.05.2022 (the seed's Координационный совет), proposals for 2024 from the lead college."""
    count = 0
    for index, program in enumerate(sorted(programs, key=lambda p: (p.college.short_name, p.specialty.code))):
        base = 15 + 5 * (sum(int(c) for c in program.specialty.code if c.isdigit()) % 3)
        plan = {2022: base, 2023: base + (-5, 0, 5)[index % 3] if base > 15 else base + 5}
        for year, number in plan.items():
            target, _created = AdmissionTarget.objects.update_or_create(
                college=program.college,
                specialty=program.specialty,
                year=year,
                defaults={
                    "proposed": number,
                    "agreed": number,
                    "agreed_on": AGREED_2023_ON if year == 2023 else None,
                    "status": TargetStatus.AGREED,
                    "comment": AGREED_2023 if year == 2023 else "",
                    "is_demo": True,
                },
            )
            if target.agreed_on is not None:
                AdmissionAgreement.objects.update_or_create(
                    target=target, agreed_on=target.agreed_on, defaults={"agreed": number, "is_demo": True}
                )
            count += 1
        if program.college.short_name == "ОГБПОУ «ТЭПК»":
            AdmissionTarget.objects.update_or_create(
                college=program.college,
                specialty=program.specialty,
                year=2024,
                defaults={
                    "proposed": plan[2023] + 5,
                    "agreed": None,
                    "status": TargetStatus.PROPOSED,
                    "comment": "",
                    "is_demo": True,
                },
            )
            count += 1
    return count


def run_it_cluster() -> str:
    """The demo IT college's program (invented, ``is_demo``), for the demo IT cluster's session."""
    from members.seed import IT_COLLEGE, IT_EMPLOYER

    college = Organization.objects.filter(short_name=IT_COLLEGE).first()
    if college is None:
        return "нет демо ИТ-колледжа: сначала шаг «Демо ИТ-кластер: участники»"
    group, _ = EnlargedGroup.objects.get_or_create(
        code="09.00.00", defaults={"name": "Информатика и вычислительная техника"}
    )
    specialty, _ = Specialty.objects.get_or_create(
        code="09.02.07",
        defaults={"name": "Информационные системы и программирование", "level": Level.MID_LEVEL, "group": group},
    )
    partners = list(Organization.objects.filter(short_name=IT_EMPLOYER))
    program, _ = Program.objects.update_or_create(
        college=college,
        specialty=specialty,
        study_form=FULL,
        base_education=BASIC,
        defaults={
            "qualification": "Программист",
            "duration": "3 г. 10 мес.",
            "first_year": 2021,
            "is_demo": True,
            **_demo_card(college, specialty, partners),
        },
    )
    program.partners.set(partners)
    return f"программа {specialty.code} «{specialty.name}» ({college})"
