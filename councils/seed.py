"""Demo data of the councils app: the councils, meetings and 2022 work plan of the seed report."""

from __future__ import annotations

import datetime as dt

from members.models import NormativeDocument, Organization, Person
from members.selectors import default_cluster

from .choices import CouncilKind, MeetingStatus, MemberRole, QuorumRule
from .deadlines import due_date_from_text
from .models import AgendaItem, Council, CouncilMember, Meeting, PlanItem, PlanReport, PlanSection, WorkPlan

EXPERT = "Экспертный Совет"
COORDINATION = "Координационный Совет"

# last, first, middle, position, organization short name (demo people made here, is_demo)
# The councils' invented members (the seed names none; ``is_demo``). An employer's member works at one of the
# invented employers, a college's member is named without a college (the seed names no one at its colleges but
# its coordinator), and members from employers' unions and the government sit for invented ones.
PEOPLE = [
    ("Промыслов", "Виктор", "Геннадьевич", "Директор ПОО кластера", None),
    ("Августов", "Павел", "Сергеевич", "Главный инженер", "ООО «Демо-Химпром»"),
    ("Пожарский", "Роман", "Олегович", "Руководитель учебного центра", "ООО «Демо-Станкозавод»"),
    ("Политехов", "Андрей", "Викторович", "Заместитель директора ПОО кластера по учебной работе", None),
    ("Индустриева", "Наталья", "Юрьевна", "Методист ПОО кластера", None),
    ("Гуманитарова", "Ольга", "Петровна", "Директор ПОО кластера", None),
    ("Работодателев", "Константин", "Игоревич", "Исполнительный директор", "Союз «Демо-объединение работодателей»"),
    (
        "Палатова",
        "Ирина",
        "Владимировна",
        "Руководитель центра развития кадров",
        "Союз «Демо-объединение работодателей»",
    ),
    ("Энергетиков", "Сергей", "Михайлович", "Начальник отдела по работе с персоналом", "АО «Демо-Электромаш»"),
    ("Отраслевой", "Михаил", "Юрьевич", "Консультант", "Демо-департамент промышленности"),
]

# Council: (kind, name, genitive, description, regulation title, members [(last name, role)])
COUNCILS = [
    (
        CouncilKind.EXPERT,
        EXPERT,
        "Экспертного Совета",
        "Экспертиза и согласование образовательных программ ПОО кластера с индустриальными партнёрами.",
        "",
        [
            ("Экспертов", MemberRole.CHAIR),
            ("Пояркова", MemberRole.DEPUTY),
            ("Секретарёва", MemberRole.SECRETARY),
            ("Сибирцев", MemberRole.MEMBER),
            ("Августов", MemberRole.MEMBER),
            ("Пожарский", MemberRole.MEMBER),
            ("Северова", MemberRole.MEMBER),
            ("Политехов", MemberRole.MEMBER),
            ("Индустриева", MemberRole.MEMBER),
        ],
    ),
    (
        CouncilKind.COORDINATION,
        COORDINATION,
        "Координационного Совета",
        "Координация деятельности участников кластера: контрольные цифры приёма, перечни программ и "
        "компетенций, трудоустройство выпускников.",
        "О Координационном совете Промышленно-образовательного кластера",
        [
            ("Промыслов", MemberRole.CHAIR),
            ("Пояркова", MemberRole.DEPUTY),
            ("Секретарёва", MemberRole.SECRETARY),
            ("Работодателев", MemberRole.MEMBER),
            ("Палатова", MemberRole.MEMBER),
            ("Энергетиков", MemberRole.MEMBER),
            ("Отраслевой", MemberRole.MEMBER),
            ("Наблюдаева", MemberRole.MEMBER),
            ("Заводов", MemberRole.MEMBER),
            ("Гуманитарова", MemberRole.MEMBER),
            ("Северова", MemberRole.MEMBER),
        ],
    ),
]

EXPERTISE = "Экспертиза образовательных программ, реализуемых в ПОО кластера"

# «Тематика заседаний … в 2021/2022 учебном году»: council, date, date as written, topics
HELD_2021 = [
    (
        EXPERT,
        dt.date(2021, 10, 7),
        "",
        "Обсуждение вопросов формата и процедуры представления образовательных программ для согласования "
        "программ с индустриальными партнёрами, разработаны рекомендации по представлению программ и "
        "структура презентации программы для индустриальных партнёров",
    ),
    (
        EXPERT,
        dt.date(2022, 3, 23),
        "",
        "Обсуждение формата и содержания представления образовательных программ для экспертизы, обсуждение "
        "показателей и критериев чек листа для проведения экспертизы основных профессиональных "
        "образовательных программ; Рассмотрены практики реализации наставничества В ПОО кластера и "
        "обсуждены подходы к реализации регионального проекта ««От точек роста» ООО до мастерских ПОО»",
    ),
    (EXPERT, dt.date(2022, 6, 23), "23.06.22", EXPERTISE),
    (EXPERT, dt.date(2022, 6, 28), "28.06.22", EXPERTISE),
    (EXPERT, dt.date(2022, 6, 30), "30.06.22", EXPERTISE),
    (
        COORDINATION,
        dt.date(2021, 10, 22),
        "",
        "Рассмотрение процедурных вопросов проведения экспертизы и согласования программ с партнерами, "
        "формирование единых подходов к освещению знаковых мероприятий и событий в рамках деятельности кластера",
    ),
    (
        COORDINATION,
        dt.date(2022, 5, 16),
        "",
        "Согласование контрольных цифр приема в ПОО кластера на 2023 год, перечня компетенций опережающей "
        "профессиональной подготовки, перечня актуальных образовательных программ",
    ),
    (
        COORDINATION,
        dt.date(2022, 5, 24),
        "",
        "Обсуждение результатов трудоустройства выпускников ПОО кластера в 2021 и обсуждение прогноза "
        "трудоустройства 2022 г.. Согласование чек-листа для проведения экспертизы основных профессиональных "
        "образовательных программ.",
    ),
]

# «Тематика заседаний … в 2022/2023 учебном году»: council, period, topics
PLANNED_2022 = [
    (
        EXPERT,
        "ноябрь",
        "Обсуждение подходов организации и проведения демонстрационного экзамена в ПОО в 2023 г. в формате "
        "государственной итоговой аттестации. Формирование предложений по формированию экспертного сообщества "
        "для обсуждения на заседании Координационного Совета",
    ),
    (
        EXPERT,
        "февраль",
        "Обсуждение лучших практик реализации профориентационных проектов, в том числе в рамках реализации "
        "регионального проекта ««От точек роста» ОО до мастерских ПОО»; лучших практик организации "
        "практического обучения на предприятиях партнеров",
    ),
    (EXPERT, "апрель-май", EXPERTISE),
    (
        COORDINATION,
        "декабрь",
        "Обсуждение вопросов проведения государственной итоговой аттестации в 2023 г. в ПОО кластера, вопросов "
        "по формированию экспертного сообщества из числа партнеров. Организация и проведение производственных "
        "практик на предприятиях-партнерах, наставничество и трудоустройство.",
    ),
    (
        COORDINATION,
        "март",
        "Согласование контрольных цифр приема в ПОО кластера на 2024 год, перечня компетенций опережающей "
        "профессиональной подготовки, перечня актуальных образовательных программ",
    ),
    (
        COORDINATION,
        "май",
        "Обсуждение результатов трудоустройства выпускников ПОО кластера в 2022 и обсуждение прогноза "
        "трудоустройства 2023 г.",
    ),
]

PLAN_TITLE = "Промышленного образовательно-отраслевого кластера на 2022 год"
SECTIONS = [
    (1, "Организационные вопросы деятельности Кластера"),
    (
        2,
        "Повышение качества обучения на основе интеграции образования и производства, экспертизы проектов, "
        "образовательных программ, учебных планов и методических документов",
    ),
    (
        3,
        "Повышение привлекательности областных государственных профессиональных организаций, входящих в "
        "кластер, для выпускников общеобразовательных организаций",
    ),
]
IN_YEAR = "В течение года"
MEMBERS = "участники Кластера"
# number, title, executors, deadline as written, result
ITEMS = [
    (
        "1.1",
        "Разработка и утверждение плана-графика работы Кластера на 2022 год, актуализация плана мероприятий с "
        "учетом текущей ситуации",
        "Председатель, зам. Председателя Координационного совета",
        "Январь 2022",
        "Утвержденный план. Внесение изменений в план.",
    ),
    (
        "1.2",
        "Проведение заседаний Экспертного совета Кластера",
        "Председатель Экспертного совета",
        "Не реже 1 раза в квартал",
        "Протоколы заседаний Экспертного совета",
    ),
    (
        "1.3",
        "Проведение заседаний Координационного совета Кластера",
        "Председатель Координационного совета",
        "Не реже 1 раза в квартал",
        "Протоколы заседаний Координационного совета",
    ),
    (
        "1.4",
        "Размещение новостей о деятельности Кластера на официальных страницах участников",
        "Участники Кластера",
        "Размещение новостей не позднее 3-х рабочих дней",
        "Интернет-страницы участников Кластера",
    ),
    (
        "2.1",
        "Модернизация образовательных программ в соответствии с запросами предприятий участников кластера",
        "Экспертный совет",
        "Июнь 2022",
        "Рассмотрены и согласованы на экспертных сессиях не менее 1 программы СПО от каждой профессиональной "
        "образовательной организации (ПОО) – членах Кластера",
    ),
    (
        "2.2",
        "Рассмотрение практики реализации дуального обучения на примере одной (нескольких) ПОО на заседании КС",
        "Координационный совет",
        "IV квартал 2022",
        "Протокол заседания КС",
    ),
    (
        "2.3",
        "Организация обучения специалистов предприятий Кластера по программам Академии WorldSkills Russia на "
        "право оценки демонстрационного экзамена",
        "Координационный совет",
        "Декабрь 2022",
        "Получены свидетельства, предоставляющие право оценки демонстрационного экзамена по стандартам "
        "Ворлдскиллс Россия",
    ),
    (
        "2.4",
        "Организация стажировок для преподавателей образовательных учреждений кластера на базе организаций-партнеров",
        "Координационный совет",
        IN_YEAR,
        "Прошли стажировки преподаватели и мастера производственного обучения на площадках предприятий-партнеров",
    ),
    (
        "2.5",
        "Организация обучения преподавателей по программам Академии Ворлдскиллс, экспертов по компетенциям "
        "Ворлдскиллс Россия",
        "ПОО - участники Кластера",
        IN_YEAR,
        "Документы о повышении квалификации",
    ),
    (
        "2.6",
        "Разработка методического обеспечения для проведения учебных и производственных практик на базе "
        "отраслевых предприятий",
        "ПОО - участники Кластера",
        IN_YEAR,
        "Программы практик, согласованные с работодателями",
    ),
    (
        "2.7",
        "Актуализация перечней образовательных программ среднего профессионального образования и перечня "
        "компетенций опережающей профессиональной подготовки, соответствующих приоритетам развития экономики "
        "Томской области, реализуемых профессиональными образовательными организациями, входящими в состав "
        "Промышленного образовательно-отраслевого кластера",
        MEMBERS,
        IN_YEAR,
        "Банк программ профессионального обучения и дополнительного профессионального образования",
    ),
    (
        "2.8",
        "Организация и проведение профессиональных конкурсов и олимпиад, в том числе по стандартам Ворлдскиллс, "
        "совместно с предприятиями, входящими в Кластер",
        MEMBERS,
        IN_YEAR,
        "Привлечены независимые эксперты на региональный чемпионат «Молодые профессионалы»",
    ),
    (
        "2.9",
        "Рассмотрение на заседаниях КС и ЭС результатов демонстрационных экзаменов, прошедших в ПОО с участием "
        "представителей работодателей – участников Кластера",
        MEMBERS,
        "III квартал 2022",
        "Протоколы заседаний КС и ЭС",
    ),
    (
        "3.1",
        "Реализация межведомственного регионального проекта от «Точек роста» до мастерских профессиональных "
        "образовательных организаций региона»",
        "Участники Кластера",
        "В соответствии с планом реализации проекта",
        "Отчёт о мероприятии",
    ),
    (
        "3.2",
        "Участие в реализации мероприятий проекта «Билет в будущее»",
        "Участники Кластера",
        "В соответствии с планом реализации проекта",
        "Отчёт о мероприятии Достижение показателей проекта",
    ),
    (
        "3.3",
        "Участие в организованных акциях «Неделя с работодателем», «Неделя без турникетов»",
        "Участники Кластера",
        "В соответствии с графиком мероприятий",
        "Отчёт о мероприятии для школьников. Результаты трудоустройства выпускников ПОО",
    ),
]
# What the seed report documents as done, by plan item: [(date, text)]. Each is a report that the
# item was done; the statuses are computed from these and the other records, never typed. Item 1.1 is
# shown done by the roadmap of 25.01.2022 itself (a normative document of the members seed).
DONE = {
    "2.1": [
        (
            dt.date(2022, 6, 30),
            "Подготовка, организация и проведение экспертных сессий для представления ПОО кластера "
            "образовательных программ членам Экспертного совета и индустриальным партнерам – 4 ОПОП из 3-х ПОО",
        )
    ],
}
# Plan items whose execution the meetings of a council show.
COUNCIL_ITEMS = {"1.2": EXPERT, "1.3": COORDINATION}
# Plan items that every record of a kind in the plan's year speaks for (``councils.evidence`` sources).
SOURCE_ITEMS = {"1.1": "councils.roadmaps", "2.1": "expertise.sessions", "2.4": "practice.internships"}


def _invented_organizations() -> dict[str, Organization]:
    """The invented organizations ``PEOPLE`` name, by short name."""
    from members.seed import DEMO_ORGANIZATIONS, demo_employers, demo_organization

    found = {org.short_name: org for org in demo_employers().values()}
    named = {org_short for *_names, org_short in PEOPLE}
    found.update((short, demo_organization(short)) for short in DEMO_ORGANIZATIONS if short in named)
    return found


def _people() -> dict[str, Person]:
    people = {}
    organizations = _invented_organizations()
    for last, first, middle, position, org_short in PEOPLE:
        org = organizations[org_short] if org_short else None
        people[last], _ = Person.objects.update_or_create(
            last_name=last,
            first_name=first,
            middle_name=middle,
            defaults={"organization": org, "position": position, "is_demo": True},
        )
    wanted = {last for *_rest, members in COUNCILS for last, _role in members} - set(people)
    for person in Person.objects.filter(last_name__in=wanted).order_by("pk"):
        people.setdefault(person.last_name, person)
    return people


def run() -> str:
    cluster = default_cluster()
    if cluster is None:
        return "нет кластера: сначала загрузите участников"
    councils = {}
    for order, (kind, name, genitive, description, regulation, _members) in enumerate(COUNCILS, start=1):
        document = NormativeDocument.objects.filter(cluster=cluster, title=regulation).first() if regulation else None
        council, _ = Council.objects.update_or_create(
            cluster=cluster,
            kind=kind,
            defaults={
                "name": name,
                "name_genitive": genitive,
                "description": description,
                "quorum_rule": QuorumRule.MAJORITY,
                "regulation": document,
                "order": order,
            },
        )
        councils[name] = council

    meetings = 0
    for council_name, date, date_text, topics in HELD_2021:
        meeting, _ = Meeting.objects.update_or_create(
            council=councils[council_name],
            date=date,
            defaults={
                "status": MeetingStatus.HELD,
                "academic_year": 2021,
                "date_text": date_text,
                "topics": topics,
                "is_demo": False,
            },
        )
        _agenda(meeting, topics)
        meetings += 1
    for council_name, period, topics in PLANNED_2022:
        Meeting.objects.update_or_create(
            council=councils[council_name],
            academic_year=2022,
            period=period,
            date=None,
            defaults={"status": MeetingStatus.PLANNED, "topics": topics},
        )
        meetings += 1

    plan, _ = WorkPlan.objects.update_or_create(cluster=cluster, year=2022, defaults={"title": PLAN_TITLE})
    sections = {
        number: PlanSection.objects.update_or_create(plan=plan, number=number, defaults={"title": title})[0]
        for number, title in SECTIONS
    }
    for number, title, executors, deadline, result in ITEMS:
        major, minor = (int(part) for part in number.split("."))
        reports = DONE.get(number, [])
        council = councils.get(COUNCIL_ITEMS.get(number, ""))
        item, _ = PlanItem.objects.update_or_create(
            plan=plan,
            number=number,
            defaults={
                "section": sections[major],
                "position": major * 1000 + minor,
                "title": title,
                "executors": executors,
                "deadline_text": deadline,
                "due_date": due_date_from_text(deadline, year=2022) or dt.date(2022, 12, 31),
                "expected_result": result,
                "council": council,
                "evidence_source": SOURCE_ITEMS.get(number, ""),
                "status_override": "",
                "status_override_reason": "",
            },
        )
        for date, text in reports:
            PlanReport.objects.update_or_create(item=item, text=text, defaults={"date": date, "completes": True})
    return f"советов {len(councils)}, заседаний {meetings}, пунктов плана на 2022 год {len(ITEMS)}"


def run_generated() -> str:
    """The councils' members: the seed names none, so they are invented people (``is_demo``) and demo users."""
    cluster = default_cluster()
    councils = {c.kind: c for c in Council.objects.filter(cluster=cluster)} if cluster else {}
    if not councils:
        return "нет советов: сначала шаг «Советы и план работы»"
    people = _people()
    members = 0
    for kind, *_rest, roster in COUNCILS:
        for position, (last, role) in enumerate(roster, start=1):
            if last in people:
                CouncilMember.objects.update_or_create(
                    council=councils[kind], person=people[last], defaults={"role": role, "order": position}
                )
                members += 1
    return f"членов советов {members}"


def _agenda(meeting: Meeting, topics: str) -> None:
    """One agenda question per «;»-separated topic, as the secretary would enter them."""
    for order, title in enumerate((part.strip() for part in topics.split(";") if part.strip()), start=1):
        AgendaItem.objects.update_or_create(meeting=meeting, order=order, defaults={"title": title})


# The demo IT cluster's council and plan (invented, marked demo; members.seed makes the cluster).
IT_COUNCIL = "Совет ИТ-кластера (демо)"
IT_ITEMS = [
    # number, title, deadline, due date, done on (None: not yet)
    (
        "1.1",
        "Заседание Совета ИТ-кластера по плану работы на год",
        "Апрель 2022",
        dt.date(2022, 4, 30),
        dt.date(2022, 4, 20),
    ),
    (
        "1.2",
        "Обновление программ по ИТ-специальностям с участием работодателей",
        "IV квартал 2022",
        dt.date(2022, 12, 31),
        None,
    ),
    ("1.3", "День открытых дверей ИТ-профессий для школьников", "Ноябрь 2022", dt.date(2022, 11, 30), None),
]


def run_it_cluster() -> str:
    from members.seed import DEMO_NOTE, it_cluster

    cluster = it_cluster()
    if cluster is None:
        return "нет демо ИТ-кластера: сначала шаг «Демо ИТ-кластер: участники»"
    council, _ = Council.objects.update_or_create(
        cluster=cluster,
        kind=CouncilKind.COORDINATION,
        defaults={
            "name": IT_COUNCIL,
            "name_genitive": "Совета ИТ-кластера (демо)",
            "description": DEMO_NOTE,
            "quorum_rule": QuorumRule.MAJORITY,
        },
    )
    meeting, _ = Meeting.objects.update_or_create(
        council=council,
        date=dt.date(2022, 4, 20),
        defaults={
            "status": MeetingStatus.HELD,
            "academic_year": 2021,
            "topics": "О плане работы ИТ-кластера на 2022 год; О составе участников",
            "is_demo": True,
        },
    )
    _agenda(meeting, meeting.topics)
    Meeting.objects.update_or_create(
        council=council,
        academic_year=2022,
        period="апрель–май",
        date=None,
        defaults={"status": MeetingStatus.PLANNED, "topics": "Об итогах года", "is_demo": True},
    )
    plan, _ = WorkPlan.objects.update_or_create(
        cluster=cluster, year=2022, defaults={"title": "План работы ИТ-кластера (демо) на 2022 год", "is_demo": True}
    )
    section, _ = PlanSection.objects.update_or_create(plan=plan, number=1, defaults={"title": "Организационная работа"})
    for number, title, deadline, due, done in IT_ITEMS:
        item, _ = PlanItem.objects.update_or_create(
            plan=plan,
            number=number,
            defaults={
                "section": section,
                "position": 1000 + int(number.split(".")[1]),
                "title": title,
                "deadline_text": deadline,
                "due_date": due,
                "council": council if number == "1.1" else None,
            },
        )
        if done:
            PlanReport.objects.update_or_create(
                item=item, text="Проведено (демонстрационные данные).", defaults={"date": done, "completes": True}
            )
    return f"«{council}»: заседаний 2, пунктов плана {len(IT_ITEMS)}"
