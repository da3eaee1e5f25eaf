"""Queues on a name rather than on a row: PostgreSQL advisory locks held to the end of a transaction."""

from __future__ import annotations

import hashlib

from django.db import connection


def lock_key(name: str, *keys: int) -> int:
    """The lock's 64-bit key: ``name`` and ``keys`` hashed (a collision only makes two queues one)."""
    digest = hashlib.blake2b(repr((name, *keys)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def wait_for_turn(name: str, *keys: int) -> None:
    """Wait until no other transaction holds the lock ``name`` for ``keys``, then hold it until this one ends.

    Unlike ``select_for_update`` on a row, nothing that merely writes that row waits. SQLite runs one writing
    transaction at a time, so there it has nothing to queue.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("wait_for_turn() holds its lock to the end of a transaction: call it inside atomic()")
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(name, *keys)])
