"""The members app's sections of the annual report: title page, composition, bases, contacts."""

import copy

from cluster_portal.core.reporting import AcademicYear, ReportSection, Sheet
from cluster_portal.core.xlsx import Column

from .models import Cluster
from .selectors import composition, documents_in_force, lead_college_in, names_on


def sections(*, cluster: Cluster, year: AcademicYear) -> list[ReportSection]:
    """The year's members, documents in force and lead college, organizations named as the year ended."""
    groups = composition(cluster=cluster, year=year)
    documents = documents_in_force(cluster=cluster, first_day=year.first_day, last_day=year.last_day)
    composition_rows = [
        (title, m.organization.short_name + (" (с филиалами)" if m.with_branches else ""), m.get_role_display())
        for title, members in groups
        for m in members
    ]
    # Copies: the cluster's related instances serve the rest of the request under their names of today.
    lead = copy.copy(lead_college_in(cluster=cluster, year=year))
    department = copy.copy(cluster.department)
    names_on([lead, department], year.last_day)
    return [
        ReportSection(
            key="title",
            title="Титульный лист",
            template="reports/sections/members_title.html",
            context={
                "cluster": cluster,
                "genitive": cluster_genitive(cluster),
                "year": year,
                "department": department,
                "lead": lead,
            },
        ),
        ReportSection(
            key="composition",
            title=f"Состав {cluster_genitive(cluster)}",
            template="reports/sections/members_composition.html",
            context={"groups": [(title, members) for title, members in groups if members]},
            sheets=[
                Sheet(
                    "Состав",
                    [
                        Column("Группа", "g", width=40),
                        Column("Организация", "o", width=50),
                        Column("Роль", "r", width=30),
                    ],
                    composition_rows,
                )
            ],
            empty=not composition_rows,
        ),
        ReportSection(
            key="normative_bases",
            title=f"Нормативные основания деятельности {cluster_genitive(cluster)}",
            template="reports/sections/members_normative_bases.html",
            context={"documents": documents},
            sheets=[
                Sheet(
                    "Нормативные основания",
                    [Column("Вид", "k"), Column("Номер", "n"), Column("Дата", "d"), Column("Документ", "t", width=90)],
                    [(d.get_kind_display(), d.number, d.date, d.citation) for d in documents],
                )
            ],
            empty=not documents,
        ),
        ReportSection(
            key="contacts",
            title="Контакты ведущей ПОО",
            template="reports/sections/members_contacts.html",
            context={"cluster": cluster, "lead": lead, "person": cluster.contact_person, "year": year},
            empty=lead is None,
        ),
    ]


def cluster_genitive(cluster: Cluster) -> str:
    """«Промышленный образовательно-отраслевой кластер» → «Промышленного образовательно-отраслевого кластера»."""
    words = cluster.name.split()
    endings = (("ный", "ного"), ("ский", "ского"), ("вой", "вого"), ("ой", "ого"), ("ий", "его"), ("ый", "ого"))
    out = []
    for word in words:
        if word.lower() == "кластер":
            out.append(word + "а")
            continue
        for ending, replacement in endings:
            if word.endswith(ending):
                word = word[: -len(ending)] + replacement
                break
        out.append(word)
    return " ".join(out)
