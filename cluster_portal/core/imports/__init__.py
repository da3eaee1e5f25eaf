"""Excel import: kinds registered by the apps, and the pipeline shared by the web, the CLI and jobs.

read → map headers → parse cells → match references → validate → diff → save → record
(``pipeline``, ``stages``, ``saving``, ``history``); cells are read by ``cells``; the template and the
error workbook are in ``template`` and ``errorbook``.
"""

from .cells import Cell, Choice, Code, Date, Integer, Name, Names, Number, Shown, YesNo
from .kinds import (
    ByName,
    Found,
    ImportContext,
    ImportKind,
    ManyByName,
    Reference,
    Saving,
    all_kinds,
    found_rows,
    get_kind,
    own_college,
    register,
)
from .pipeline import import_file, run_import, run_rows
from .rows import ImportResult, Row, RowError
from .saving import integrity_message

__all__ = [
    "ByName",
    "Cell",
    "Choice",
    "Code",
    "Date",
    "Found",
    "ImportContext",
    "ImportKind",
    "ImportResult",
    "Integer",
    "ManyByName",
    "Name",
    "Names",
    "Number",
    "Reference",
    "Row",
    "RowError",
    "Saving",
    "Shown",
    "YesNo",
    "all_kinds",
    "found_rows",
    "get_kind",
    "import_file",
    "integrity_message",
    "own_college",
    "register",
    "run_import",
    "run_rows",
]
