"""The structure of an ОПОП presentation (визитная карточка), as the seed report lists it.

One declaration serves the program page, the public catalog, the brochure and the annual report,
so the sections always come in the seed's order with the seed's wording.
"""

from __future__ import annotations

from dataclasses import dataclass

PRESENTATION_TITLE = "Структура презентации основной профессиональной образовательной программы (далее – ОПОП)"


@dataclass(frozen=True)
class CardSection:
    """One section of the presentation: its heading, the seed's note and the fields it shows."""

    key: str
    title: str
    note: str
    fields: tuple[str, ...]
    ending: str = ";"


CARD_SECTIONS: tuple[CardSection, ...] = (
    CardSection("card", "Визитная карточка ПОО", "", ("card",)),
    CardSection(
        "characteristic",
        "Характеристика ОПОП",
        "актуальность, цели, задачи ОПОП, востребованность выпускников на рынке труда; присваиваемая "
        "квалификация; нормативный срок освоения, характеристика возможностей (под заказ партнёров) "
        "вариативной части ОПОП, оценка качества ОПОП (вовлеченность работодателей в проведение "
        "промежуточной и государственной итоговой аттестации)",
        (
            "relevance",
            "goals",
            "tasks",
            "demand",
            "qualification",
            "duration",
            "variable_part",
            "quality_assessment",
        ),
    ),
    CardSection("results", "Ожидаемые результаты", "", ("expected_results",)),
    CardSection(
        "conditions",
        "Условия реализации программы",
        "материальная база, кадровое обеспечение",
        ("equipment", "staff"),
    ),
    CardSection(
        "prospects",
        "Перспективы развития ОПОП",
        "сетевая форма реализации программы, дуальное обучение",
        ("network_form", "prospects_network", "dual_training", "prospects_dual"),
        ending=".",
    ),
)

CARD_TEXT_FIELDS: tuple[str, ...] = tuple(
    name
    for section in CARD_SECTIONS
    for name in section.fields
    if name not in {"qualification", "duration", "network_form", "dual_training"}
)


def card_of(program) -> list[dict]:
    """The sections of one program's card: heading, note and (label, value) rows with content.

    The label is empty in a section of one field: the section's heading names it.
    """
    meta = program._meta
    sections = []
    for section in CARD_SECTIONS:
        rows = []
        for name in section.fields:
            value = getattr(program, name)
            if isinstance(value, bool):
                value = "да" if value else "нет"
            if value in ("", None):
                continue
            # A one-field section is titled by its heading already.
            label = "" if len(section.fields) == 1 else str(meta.get_field(name).verbose_name)
            rows.append((label, value))
        sections.append({"key": section.key, "title": section.title, "note": section.note, "rows": rows})
    return sections
