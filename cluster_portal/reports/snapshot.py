"""The data a report was built from, as JSON (the sections' tables), its digest, and what differs between two."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder

from .assembly import AssembledReport

ROWS_SHOWN = 10  # rows listed per table and direction; the rest is counted


class PrintedJSONEncoder(DjangoJSONEncoder):
    """Dates, numbers and UUIDs as Django writes them; any other value as the report prints it («< 5»)."""

    def default(self, o):
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def report_data(report: AssembledReport) -> dict:
    """Every section in order with its title and tables (columns and rows): what the report says, as plain JSON."""
    sections = [
        {
            "key": section.key,
            "title": section.title,
            "sheets": [
                {"title": sheet.title, "columns": [c.header for c in sheet.columns], "rows": sheet.rows}
                for sheet in section.sheets
            ],
        }
        for section in report.sections
    ]
    return json.loads(json.dumps({"year": report.year.start, "sections": sections}, cls=PrintedJSONEncoder))


def data_sha256(data: dict) -> str:
    """The digest of the data in a canonical spelling (sorted keys, no spaces): printed in the approved PDF."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass
class TableChange:
    title: str
    added: list[list] = field(default_factory=list)
    removed: list[list] = field(default_factory=list)
    added_count: int = 0
    removed_count: int = 0


@dataclass
class SectionChange:
    title: str
    change: str  # «добавлен», «убран», «изменён»
    tables: list[TableChange] = field(default_factory=list)


def _table_change(title: str, old: list[list], new: list[list]) -> TableChange | None:
    before = Counter(json.dumps(row, ensure_ascii=False) for row in old)
    after = Counter(json.dumps(row, ensure_ascii=False) for row in new)
    added, removed = list((after - before).elements()), list((before - after).elements())
    if not added and not removed:
        return None
    return TableChange(
        title=title,
        added=[json.loads(row) for row in added[:ROWS_SHOWN]],
        removed=[json.loads(row) for row in removed[:ROWS_SHOWN]],
        added_count=len(added),
        removed_count=len(removed),
    )


def _section_change(old: dict, new: dict) -> SectionChange | None:
    old_sheets = {sheet["title"]: sheet["rows"] for sheet in old["sheets"]}
    new_sheets = {sheet["title"]: sheet["rows"] for sheet in new["sheets"]}
    tables = [
        change
        for title in [*old_sheets, *(t for t in new_sheets if t not in old_sheets)]
        if (change := _table_change(title, old_sheets.get(title, []), new_sheets.get(title, [])))
    ]
    if not tables and old["title"] == new["title"]:
        return None
    return SectionChange(title=new["title"], change="изменён", tables=tables)


def differences(approved: dict, live: dict) -> list[SectionChange]:
    """The sections (and their table rows) in which ``live`` data differ from the ``approved`` data, in report order."""
    old = {section["key"]: section for section in approved["sections"]}
    new = {section["key"]: section for section in live["sections"]}
    found = []
    for key, section in new.items():
        if key not in old:
            found.append(SectionChange(title=section["title"], change="добавлен"))
        elif change := _section_change(old[key], section):
            found.append(change)
    found += [SectionChange(title=s["title"], change="убран") for key, s in old.items() if key not in new]
    if [k for k in new if k in old] != [k for k in old if k in new]:
        found.append(SectionChange(title="Порядок разделов", change="изменён"))
    return found
