"""Names sort as a Russian reader expects: Ё with Е, regardless of case, quotes and spaces not counted.

Name fields declare ``db_collation=NAME_COLLATION``; then every ORDER BY on them (default orderings,
sortable table columns, searchable selects) sorts the same way. On PostgreSQL the collation is an ICU
one created by a migration (members' first use of it); on SQLite the same name is registered on each
connection with a Python comparison that follows the same rules.
"""

NAME_COLLATION = "ru_names"
# ICU: Russian, punctuation and spaces «shifted» (ignored unless all else is equal); deterministic, so
# equality, unique constraints and LIKE behave as before.
ICU_LOCALE = "ru-RU-u-ka-shifted"


def sort_key(text: str) -> tuple[str, str]:
    """Letters and digits only, case folded, Ё as Е; the text itself breaks ties."""
    folded = text.casefold().replace("ё", "е")
    return "".join(ch for ch in folded if ch.isalnum()), text


def _compare(left: str, right: str) -> int:
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def register_for_sqlite(sender, connection, **kwargs):
    """``connection_created`` receiver: SQLite learns the collation the name columns declare."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(NAME_COLLATION, _compare)
