"""Assemble the annual report from the apps' report sections and the secretary's texts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cluster_portal.core.reporting import AcademicYear, ReportSection, Sheet, section_providers
from cluster_portal.core.xlsx import Column

from .models import AnnualReport

# The seed report's order; the secretary may reorder or hide sections per year.
DEFAULT_ORDER = (
    "title",
    "composition",
    "normative_bases",
    "programs_sectors",
    "work_plan",
    "meetings",
    "admission_targets",
    "results",
    "events_results",
    "expert_sessions",
    "presentation_structure",
    "checklist",
    "practice",
    "mentoring",
    "next_meetings",
    "next_directions",
    "contacts",
)
NARRATIVE_TITLES = {
    "admission_targets": "Контрольные цифры приёма, согласованные в {year} учебном году",
    "results": "Основные направления и результаты деятельности кластера за {year} учебный год",
    "mentoring": "Наставничество: особенности, сложности и предложения",
    "next_directions": "Предложения по основным направлениям деятельности кластера на {next} учебный год",
}
NARRATIVE_SHEETS = {
    "admission_targets": "КЦП: текст",
    "results": "Основные результаты",
    "mentoring": "Наставничество",
    "next_directions": "Предложения",
}
MARKER = re.compile(r"^\s*(?:\d+[.)]|[-•✓❑*])\s*")


def text_items(text: str) -> list[str]:
    """A narrative text as list items: one per non-empty line, typed markers («1.», «-», «✓») removed."""
    return [MARKER.sub("", line).strip() for line in (text or "").splitlines() if line.strip()]


def text_paragraphs(text: str) -> list[str]:
    """A narrative text as paragraphs: one per non-empty line, as typed («16.05.2022 …» keeps its date)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class SectionTitle:
    """A section as the layout form lists it: its key and title."""

    key: str
    title: str


@dataclass
class AssembledReport:
    cluster: object
    year: AcademicYear
    sections: list[ReportSection]
    texts: AnnualReport

    @property
    def contents(self) -> list[ReportSection]:
        """Sections listed in the table of contents (all but the title page)."""
        return [s for s in self.sections if s.key != "title"]

    @property
    def sheets(self) -> list[Sheet]:
        return [sheet for section in self.sections for sheet in section.sheets]


def _app_sections(cluster, year: AcademicYear) -> dict[str, ReportSection]:
    found: dict[str, ReportSection] = {}
    for provider in section_providers():
        for section in provider(cluster=cluster, year=year):
            found[section.key] = section
    return found


def _on_top(narrative: ReportSection, computed: ReportSection | None) -> ReportSection:
    """The secretary's narrative above the part an app computes under the same key, never instead of it."""
    if computed is None:
        return narrative
    return ReportSection(
        key=narrative.key,
        title=narrative.title,
        template=narrative.template,
        context={**narrative.context, "computed": computed},
        sheets=[*narrative.sheets, *computed.sheets],
        empty=narrative.empty and computed.empty,
    )


def _narrative_sections(texts: AnnualReport, year: AcademicYear) -> dict[str, ReportSection]:
    label = {"year": year.label, "next": year.next().label}
    items = {
        "admission_targets": {"paragraphs": text_paragraphs(texts.admission_text)},
        "results": {"items": text_items(texts.results_text)},
        "mentoring": {
            "heading": texts.mentoring_title,
            "intro": texts.mentoring_features_intro,
            "features": text_items(texts.mentoring_features),
            "difficulties": text_items(texts.mentoring_difficulties),
            "proposals": text_items(texts.mentoring_proposals),
        },
        "next_directions": {"items": text_items(texts.next_directions)},
    }
    sections = {}
    for key, context in items.items():
        lists = [v for v in context.values() if isinstance(v, list)]
        rows = [(i + 1, item) for values in lists for i, item in enumerate(values)]
        title = NARRATIVE_TITLES[key].format(**label)
        sections[key] = ReportSection(
            key=key,
            title=texts.mentoring_title if key == "mentoring" and texts.mentoring_title else title,
            template=f"reports/sections/narrative_{key}.html",
            context=context,
            sheets=[Sheet(NARRATIVE_SHEETS[key], [Column("№", "n", width=6), Column("Текст", "t", width=120)], rows)],
            empty=not rows,
        )
    return sections


def report_texts(*, cluster, year: AcademicYear) -> AnnualReport:
    """The stored texts of the year, or blank unsaved ones."""
    texts = AnnualReport.objects.filter(cluster=cluster, year=year.start).first()
    return texts or AnnualReport(cluster=cluster, year=year.start)


def ordered_keys(texts: AnnualReport, available: set[str]) -> list[str]:
    order = [key for key in texts.section_order if key in available]
    order += [key for key in DEFAULT_ORDER if key in available and key not in order]
    order += sorted(available - set(order))
    return order


def assemble(*, cluster, year: AcademicYear, include_hidden: bool = False) -> AssembledReport:
    """Every section of the report, computed now from the data, in the secretary's order."""
    texts = report_texts(cluster=cluster, year=year)
    computed = _app_sections(cluster, year)
    narrative = {key: _on_top(s, computed.get(key)) for key, s in _narrative_sections(texts, year).items()}
    available = {**computed, **narrative}
    hidden = set(texts.hidden_sections)
    sections = [available[key] for key in ordered_keys(texts, set(available)) if include_hidden or key not in hidden]
    return AssembledReport(cluster=cluster, year=year, sections=sections, texts=texts)
