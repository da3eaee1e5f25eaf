"""What an import works on and hands back: rows, their errors, the result (plain values only)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

MAX_REPORTED_ERRORS = 500
PREVIEW_ROWS = 100

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
STATUS_LABELS = {NEW: "новая", CHANGED: "изменение", UNCHANGED: "без изменений"}


@dataclass(frozen=True)
class RowError:
    """One problem: the sheet row (0 for the file), the column header, the value as typed, what is wrong."""

    row: int
    column: str
    message: str
    value: str = ""

    def __str__(self):
        where = f"Строка {self.row}" if self.row else "Файл"
        if self.column:
            where += f", «{self.column}»"
        if self.value:
            where += f" = «{self.value}»"
        return f"{where}: {self.message}"


@dataclass(slots=True)
class Row:
    """One data row on its way through the stages (slots: a batch holds thousands, each for the batch only)."""

    number: int
    cells: dict[str, object]  # field → the cell as stored in the file
    values: dict[str, object] = field(default_factory=dict)  # field → the value read
    notes: dict[str, str] = field(default_factory=dict)  # field → how a cell was re-read
    shown: dict[str, str] = field(default_factory=dict)  # field → the target of the reference whose row it shows
    refs: dict[str, object] = field(default_factory=dict)  # reference target → the row(s) found
    attrs: dict[str, object] = field(default_factory=dict)  # model attribute → value to save
    # Made with the row's first error: most rows have none, and a list per row would be one more object
    # for the garbage collector to walk for as long as its batch lives.
    error_list: list[RowError] | None = None
    key: tuple | None = None
    old: dict | None = None  # the existing row's values by attribute name (``student_id``), or None for a new row
    before: object = None  # the existing row as a model instance: built only for a row that changes it
    instance: object = None
    status: str = ""
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)  # field → (old, new)

    @property
    def errors(self) -> Sequence[RowError]:
        return self.error_list or ()

    def add_error(self, error: RowError) -> None:
        if self.error_list is None:
            self.error_list = []
        self.error_list.append(error)

    @property
    def ok(self) -> bool:
        return not self.error_list


@dataclass
class PreviewCell:
    text: str
    old: str | None = None  # the value it replaces, when the row changes it
    note: str = ""


@dataclass
class PreviewRow:
    number: int
    status: str
    cells: list[PreviewCell]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class ImportResult:
    """The outcome of one run: counts, errors, the first rows as they will be saved (plain values)."""

    kind: str
    filename: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    preview: list[PreviewRow] = field(default_factory=list)
    saved: bool = False
    dry_run: bool = True
    cid: str = ""  # the correlation id of the history entries it wrote

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add_error(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(error)

    def count(self, status: str) -> None:
        if status == NEW:
            self.created += 1
        elif status == CHANGED:
            self.updated += 1
        else:
            self.unchanged += 1

    def as_dict(self) -> dict:
        """JSON-ready (a background job's return value)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ImportResult:
        data = dict(data)
        data["errors"] = [RowError(**e) for e in data.get("errors", ())]
        data["preview"] = [
            PreviewRow(p["number"], p["status"], [PreviewCell(**c) for c in p["cells"]])
            for p in data.get("preview", ())
        ]
        return cls(**data)
