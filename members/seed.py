"""Demo data of the members app: the composition of the Tomsk industrial cluster (seed report)."""

import datetime as dt

from cluster_portal.core.roles import Role
from cluster_portal.core.seeding import DEMO_PASSWORD

from .choices import DocumentKind, MembershipRole, OrganizationKind
from .models import (
    Cluster,
    EnlargedGroup,
    Membership,
    NormativeDocument,
    Organization,
    Person,
    Sector,
    SectorCollege,
    User,
)

CLUSTER_NAME = "Промышленный образовательно-отраслевой кластер"
DEPARTMENT = "Департамент профессионального образования Томской области"

# short name, full name, town, with branches
COLLEGES = [
    ("ОГБПОУ «ТЭПК»", "ОГБПОУ «Томский экономико-промышленный колледж»", "Томск", False),
    ("ОГБПОУ «ТПТ»", "ОГБПОУ «Томский политехнический техникум»", "Томск", True),
    ("ОГБПОУ «СПК»", "ОГБПОУ «Северский промышленный колледж»", "Северск", False),
    ("ОГБПОУ «ТПГК»", "ОГБПОУ «Томский промышленно-гуманитарный колледж»", "Томск", False),
    ("ОГБПОУ «ТомИнТех»", "ОГБПОУ «Томский индустриальный техникум»", "Томск", False),
    ("ОГБПОУ «КСПК»", "ОГБПОУ «Колпашевский социально-промышленный колледж»", "Колпашево", False),
    ("ОГБПОУ «КТАБ»", "ОГБПОУ «Кожевниковский техникум агробизнеса»", "Кожевниково", False),
    ("ОГБПОУ «ТАК»", "ОГБПОУ «Томский аграрный колледж»", "Томск", False),
    ("ОГБПОУ «АТПромИС»", "ОГБПОУ «Асиновский техникум промышленной индустрии и сервиса»", "Асино", False),
]
# short name, full name, kind, membership role (None: not a member, named elsewhere in the report)
OTHERS = [
    (
        "Союз «МПО работодателей Томской области»",
        "Союз «Межотраслевое промышленное объединение работодателей Томской области»",
        OrganizationKind.EMPLOYERS_UNION,
        MembershipRole.EMPLOYER,
    ),
    (
        "Союз «Томская торгово-промышленная палата»",
        "Союз «Томская торгово-промышленная палата»",
        OrganizationKind.EMPLOYERS_UNION,
        MembershipRole.EMPLOYER,
    ),
    ("ПАО ТРК", "ПАО «Томская распределительная компания»", OrganizationKind.EMPLOYER, MembershipRole.EMPLOYER),
    (
        "Департамент промышленности и энергетики Администрации Томской области",
        "Департамент промышленности и энергетики Администрации Томской области",
        OrganizationKind.GOVERNMENT,
        MembershipRole.GOVERNMENT,
    ),
    (
        "ООО «Гарантийный фонд Томской области»",
        "ООО «Гарантийный фонд Томской области»",
        OrganizationKind.OTHER,
        MembershipRole.GOVERNMENT,
    ),
    (
        "МБОУ СОШ № 33 г. Томска",
        "МБОУ «Средняя общеобразовательная школа № 33 г. Томска»",
        OrganizationKind.SCHOOL,
        MembershipRole.SCHOOL,
    ),
    (DEPARTMENT, DEPARTMENT, OrganizationKind.GOVERNMENT, None),
    # Enterprises the report names in its expert sessions and mentoring findings.
    ("ООО «Томский инструментальный завод»", "ООО «Томский инструментальный завод»", OrganizationKind.EMPLOYER, None),
    ("АО «СХК»", "АО «Сибирский химический комбинат»", OrganizationKind.EMPLOYER, None),
    ("ООО «Август»", "ООО «Август»", OrganizationKind.EMPLOYER, None),
    ("ООО «Брандмейстер»", "ООО «Брандмейстер»", OrganizationKind.EMPLOYER, None),
    ("АО «ТЭТЗ»", "АО «Томский электротехнический завод»", OrganizationKind.EMPLOYER, None),
    ("ООО «СИМАКО»", "ООО «СИМАКО»", OrganizationKind.EMPLOYER, None),
    ("АО «НПЦ «Полюс»", "АО «Научно-производственный центр «Полюс»", OrganizationKind.EMPLOYER, None),
    ("ООО «ТОМЗЭЛ»", "ООО «ТОМЗЭЛ»", OrganizationKind.EMPLOYER, None),
    ("«ГЕОС»", "«ГЕОС»", OrganizationKind.EMPLOYER, None),
]
GROUPS = [
    ("11.00.00", "Электроника, радиотехника и системы связи"),
    ("13.00.00", "Электро- и теплоэнергетика"),
    ("15.00.00", "Машиностроение"),
    ("18.00.00", "Химические технологии"),
    ("21.00.00", "Прикладная геология, горное дело, нефтегазовое дело и геодезия"),
    ("22.00.00", "Технологии материалов"),
    ("27.00.00", "Управление в технических системах"),
]
# The sector ↔ college table of Распоряжение № 370, in the report's order.
SECTORS = [
    ("Добыча нефти/газа", "21.00.00", ["ТПГК", "ТПТ", "КСПК"]),
    ("Машиностроение", "15.00.00", ["ТЭПК", "ТомИнТех", "ТПТ", "СПК", "ТПГК", "АТПромИС", "КТАБ"]),
    ("Энерго-теплоэнергетика", "13.00.00", ["ТПТ", "СПК", "ТомИнТех", "ТАК", "АТПромИС", "КТАБ"]),
    ("Электроника, радиотехника, системы связи", "11.00.00", ["ТЭПК"]),
    ("Химические технологии", "18.00.00", ["ТПГК"]),
    ("Технологии материалов", "22.00.00", ["ТПГК"]),
    ("Управление в технических системах", "27.00.00", ["ТЭПК"]),
]
ISSUER = "Департамента профессионального образования"
DOCUMENTS = [
    (DocumentKind.ORDER, "О составе о образовательно-отраслевых кластеров", "370", dt.date(2021, 8, 21), "", ISSUER),
    (
        DocumentKind.ORDER,
        "Об утверждении Положения об образовательно-отраслевом кластере",
        "465",
        dt.date(2020, 10, 26),
        "",
        ISSUER,
    ),
    (
        DocumentKind.ORDER,
        "О Координационном совете Промышленно-образовательного кластера",
        "147",
        dt.date(2021, 3, 15),
        "",
        ISSUER,
    ),
    (
        DocumentKind.AGREEMENT,
        "Соглашения о сотрудничестве в Промышленном образовательно-отраслевом кластере",
        "36.70.1118.21",
        dt.date(2021, 4, 30),
        "",
        "",
    ),
    (
        DocumentKind.AGREEMENT,
        "Соглашения о сотрудничестве в Промышленном образовательном кластере",
        "",
        dt.date(2021, 5, 4),
        "04 мая 2021",
        "",
    ),
    (
        DocumentKind.ROADMAP,
        "Дорожная карта Промышленного образовательного отраслевого кластера на 2022 год",
        "",
        dt.date(2022, 1, 25),
        "",
        "",
    ),
]
# username, role, organization short name, (last, first, middle, position)
USERS = [
    (
        "coordinator",
        Role.COORDINATOR,
        "ОГБПОУ «ТЭПК»",
        ("Пояркова", "Ольга", "Николаевна", "Заместитель директора по образовательной деятельности"),
    ),
    ("secretary", Role.SECRETARY, "ОГБПОУ «ТЭПК»", ("Секретарёва", "Анна", "Викторовна", "Секретарь кластера")),
    (
        "expert",
        Role.EXPERT,
        "ООО «Томский инструментальный завод»",
        ("Экспертов", "Игорь", "Петрович", "Главный технолог"),
    ),
    ("expert2", Role.EXPERT, "АО «СХК»", ("Сибирцев", "Дмитрий", "Андреевич", "Начальник отдела подготовки кадров")),
    ("college", Role.COLLEGE, "ОГБПОУ «ТЭПК»", ("Колледжева", "Марина", "Сергеевна", "Руководитель центра карьеры")),
    (
        "college2",
        Role.COLLEGE,
        "ОГБПОУ «СПК»",
        ("Северова", "Елена", "Игоревна", "Заместитель директора по учебно-производственной работе"),
    ),
    (
        "employer",
        Role.EMPLOYER,
        "ООО «Томский инструментальный завод»",
        ("Заводов", "Алексей", "Николаевич", "Начальник отдела кадров"),
    ),
    ("observer", Role.OBSERVER, DEPARTMENT, ("Наблюдаева", "Татьяна", "Олеговна", "Консультант департамента")),
]


# An invented college that belongs to both clusters (the seed states no college of another cluster). It joins
# the industrial cluster after the seed's year, so the seed's 2021/2022 composition stays as the seed states it.
SHARED_COLLEGE = "ПОО «Демо-политехникум»"
SHARED_SINCE = {"it": dt.date(2021, 9, 1), "industry": dt.date(2023, 9, 1)}


# Invented employers (``is_demo``): a generated row that needs an enterprise (a demo program's partner, a practice
# base, agreement, internship or a graduate's employer) names one of these, never an organization of the seed,
# which states no such link. Each stands in for the seed's employers of one trade.
DEMO_EMPLOYERS = {
    "АО «Демо-Электромаш»": ("АО «ТЭТЗ»", "ПАО ТРК", "ООО «ТОМЗЭЛ»"),
    "ООО «Демо-Станкозавод»": ("ООО «СИМАКО»", "ООО «Томский инструментальный завод»", "ООО «Брандмейстер»"),
    "АО «Демо-Приборстрой»": ("АО «НПЦ «Полюс»",),
    "ООО «Демо-Нефтесервис»": ("«ГЕОС»",),
    "ООО «Демо-Химпром»": ("АО «СХК»", "ООО «Август»"),
}


# Invented organizations (``is_demo``) of invented people who are not employers' staff: council members of
# colleges, employers' unions and the regional government, the college of both clusters. The seed names no
# member of its councils, so none is placed at an organization it names.
DEMO_ORGANIZATIONS = {
    SHARED_COLLEGE: (
        "Профессиональная образовательная организация «Демо-политехникум» (демо)",
        OrganizationKind.COLLEGE,
    ),
    "Союз «Демо-объединение работодателей»": (
        "Союз «Демо-объединение работодателей Томской области» (демо)",
        OrganizationKind.EMPLOYERS_UNION,
    ),
    "Демо-департамент промышленности": (
        "Демо-департамент промышленности Томской области (демо)",
        OrganizationKind.GOVERNMENT,
    ),
}


def demo_organization(short_name: str) -> Organization:
    """One of ``DEMO_ORGANIZATIONS`` (created on first use)."""
    name, kind = DEMO_ORGANIZATIONS[short_name]
    return _org(short_name, name=name, kind=kind, town="Томск", is_demo=True)


def demo_employers() -> dict[str, Organization]:
    """The invented employers, by the seed employer each stands in for (created on first use)."""
    found = {}
    for short_name, stands_for in DEMO_EMPLOYERS.items():
        title = short_name.split("«", 1)[1].rstrip("»")
        org = _org(
            short_name,
            name=f"{'Акционерное общество' if short_name.startswith('АО') else 'Общество с ограниченной ответственностью'}"
            f" «{title}» (демо)",
            kind=OrganizationKind.EMPLOYER,
            town="Томск",
            is_demo=True,
        )
        found.update(dict.fromkeys(stands_for, org))
    return found


def _org(short_name, **fields):
    org, _ = Organization.objects.update_or_create(short_name=short_name, defaults=fields)
    return org


def run() -> str:
    colleges = {}
    for short, full, town, _branches in COLLEGES:
        colleges[short.split("«")[1].rstrip("»")] = _org(short, name=full, kind=OrganizationKind.COLLEGE, town=town)
    tepk = colleges["ТЭПК"]
    Organization.objects.filter(pk=tepk.pk).update(
        address="г. Томск, Иркутский тракт, 175", phone="(3822) 645-700", email="tept@tept.edu.ru"
    )
    tepk.refresh_from_db()
    others = {short: _org(short, name=full, kind=kind) for short, full, kind, _role in OTHERS}

    contact, _ = Person.objects.update_or_create(
        last_name="Пояркова",
        first_name="Ольга",
        middle_name="Николаевна",
        defaults={"organization": tepk, "position": "Заместитель директора по образовательной деятельности"},
    )
    cluster, _ = Cluster.objects.update_or_create(
        name=CLUSTER_NAME,
        defaults={
            "short_name": "Промышленный кластер",
            "region": "Томская область",
            "region_genitive": "Томской области",
            "town": "Томск",
            "department": others[DEPARTMENT],
            "lead_college": tepk,
            "contact_person": contact,
        },
    )
    order = 0
    for short, _full, _town, branches in COLLEGES:
        order += 1
        college = colleges[short.split("«")[1].rstrip("»")]
        role = MembershipRole.LEAD_COLLEGE if college == tepk else MembershipRole.COLLEGE
        Membership.objects.update_or_create(
            cluster=cluster,
            organization=college,
            defaults={"role": role, "with_branches": branches, "order": order, "date_from": dt.date(2021, 8, 21)},
        )
    for short, _full, _kind, role in OTHERS:
        if role is None:
            continue
        order += 1
        Membership.objects.update_or_create(
            cluster=cluster,
            organization=others[short],
            defaults={"role": role, "order": order, "date_from": dt.date(2021, 8, 21)},
        )
    groups = {
        code: EnlargedGroup.objects.update_or_create(code=code, defaults={"name": name})[0] for code, name in GROUPS
    }
    for position, (name, code, college_keys) in enumerate(SECTORS, start=1):
        sector, _ = Sector.objects.update_or_create(cluster=cluster, name=name, defaults={"order": position})
        sector.groups.set([groups[code]])
        for index, key in enumerate(college_keys, start=1):
            SectorCollege.objects.update_or_create(sector=sector, college=colleges[key], defaults={"order": index})
    for kind, title, number, date, date_text, issuer in DOCUMENTS:
        NormativeDocument.objects.update_or_create(
            cluster=cluster,
            kind=kind,
            title=title,
            defaults={"number": number, "date": date, "date_text": date_text, "issuer": issuer},
        )
    cluster.composition_order = NormativeDocument.objects.get(cluster=cluster, kind=DocumentKind.ORDER, number="370")
    cluster.save(update_fields=["composition_order"])
    # The seed's contact person is its coordinator; the other demo users are invented (``run_users``).
    demo_user(
        "coordinator",
        Role.COORDINATOR,
        tepk,
        (contact.last_name, contact.first_name, contact.middle_name, ""),
        person=contact,
    )
    return f"кластер «{cluster.short_name}», организаций {Organization.objects.count()}, пользователь: coordinator"


def run_users() -> str:
    """The other demo users, invented people (``is_demo``) at the seed's organizations."""
    organizations = {o.short_name: o for o in Organization.objects.filter(short_name__in=[u[2] for u in USERS])}
    for username, role, org_short, names in USERS:
        if username != "coordinator":
            demo_user(username, role, organizations[org_short], names)
    return f"пользователи: {', '.join(u[0] for u in USERS if u[0] != 'coordinator')}"


# A second, invented cluster of the same region, so that the scoping of clusters shows (not in the seed report).
IT_CLUSTER_NAME = "ИТ-кластер (демонстрационные данные)"
IT_COLLEGE = "ПОО «Демо-колледж ИТ»"
IT_EMPLOYER = "ООО «Демо-Софт»"
DEMO_NOTE = "Демонстрационные данные: кластер, его участники и их сведения вымышлены."
# username, role, organization short name, (last, first, middle, position), clusters ("industry", "it"; none: all)
CLUSTER_USERS = [
    (
        "coordinator_it",
        Role.COORDINATOR,
        IT_COLLEGE,
        ("Цифрова", "Алина", "Романовна", "Координатор ИТ-кластера"),
        ("it",),
    ),
    ("secretary_it", Role.SECRETARY, IT_COLLEGE, ("Сетевой", "Глеб", "Олегович", "Секретарь ИТ-кластера"), ("it",)),
    ("region_admin", Role.COORDINATOR, DEPARTMENT, ("Регионова", "Вера", "Павловна", "Администратор портала"), ()),
]


def it_cluster() -> Cluster | None:
    """The demo IT cluster, when the generated demo data is loaded."""
    return Cluster.objects.filter(name=IT_CLUSTER_NAME).first()


def run_it_cluster() -> str:
    industry = Cluster.objects.filter(name=CLUSTER_NAME).first()
    if industry is None:
        return "нет промышленного кластера: сначала шаг «Участники кластера»"
    college = _org(
        IT_COLLEGE,
        name="Профессиональная образовательная организация «Демо-колледж цифровых технологий» (демо)",
        kind=OrganizationKind.COLLEGE,
        town="Томск",
        is_demo=True,
    )
    employer = _org(
        IT_EMPLOYER,
        name="Общество с ограниченной ответственностью «Демо-Софт»",
        kind=OrganizationKind.EMPLOYER,
        is_demo=True,
    )
    cluster, _ = Cluster.objects.update_or_create(
        name=IT_CLUSTER_NAME,
        defaults={
            "short_name": "ИТ-кластер (демо)",
            "region": industry.region,
            "region_genitive": industry.region_genitive,
            "town": industry.town,
            "lead_college": college,
            "description": DEMO_NOTE,
        },
    )
    shared = demo_organization(SHARED_COLLEGE)
    for order, (organization, role) in enumerate(
        ((college, MembershipRole.LEAD_COLLEGE), (shared, MembershipRole.COLLEGE), (employer, MembershipRole.EMPLOYER)),
        start=1,
    ):
        Membership.objects.update_or_create(
            cluster=cluster,
            organization=organization,
            defaults={"role": role, "order": order, "date_from": SHARED_SINCE["it"], "agreement": DEMO_NOTE},
        )
    last = Membership.objects.filter(cluster=industry).exclude(organization=shared).order_by("-order").first()
    Membership.objects.update_or_create(
        cluster=industry,
        organization=shared,
        defaults={
            "role": MembershipRole.COLLEGE,
            "order": (last.order if last else 0) + 1,
            "date_from": SHARED_SINCE["industry"],
            "agreement": DEMO_NOTE,
        },
    )
    spaces = {"industry": industry, "it": cluster}
    organizations = {o.short_name: o for o in Organization.objects.filter(short_name__in=[IT_COLLEGE, DEPARTMENT])}
    for username, role, org_short, names, clusters in CLUSTER_USERS:
        user = demo_user(username, role, organizations[org_short], names)
        user.clusters.set([spaces[key] for key in clusters])
    # The seed's own staff work in the industrial cluster once another cluster exists.
    for user in User.objects.filter(username__in=["coordinator", "secretary"]):
        user.clusters.set([industry])
    return f"кластер «{cluster.short_name}»: {college}, {shared}, {employer}; пользователи: coordinator_it, secretary_it, region_admin"


def demo_user(username, role, organization, names, *, person: Person | None = None) -> User:
    """A demo login (password ``DEMO_PASSWORD``) with its person: ``person`` when the seed names them, else invented."""
    last, first, middle, position = names
    if person is None:
        person, _ = Person.objects.update_or_create(
            last_name=last,
            first_name=first,
            middle_name=middle,
            defaults={
                "organization": organization,
                "position": position,
                "email": f"{username}@cluster.local",
                "is_demo": True,
            },
        )
    user, created = User.objects.update_or_create(
        username=username,
        defaults={
            "role": role,
            "organization": organization,
            "person": person,
            "first_name": first,
            "last_name": last,
            "email": f"{username}@cluster.local",
            "is_staff": role == Role.COORDINATOR,
        },
    )
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user
