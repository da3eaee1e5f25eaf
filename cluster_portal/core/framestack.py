"""Run a function at the start of a fresh chunk of CPython's frame stack.

CPython (3.11 to 3.13) keeps the frames of Python calls in chunks of 16 KB, and frees a chunk as
soon as the frame at its start returns. A loop whose calls land just past the end of a chunk
therefore allocates and frees a chunk (two system calls) on every call: measured on this server,
the same loop of 20,000 calls took 2.6 ms at most stack depths and 150–290 ms at the few depths
where that happens, and a list page's cells took 18 ms instead of 3 ms when the page was rendered
a few frames deeper (see docs/performance.md). Which depths those are depends on everything above
the loop — middleware, template nesting, the server — so a page may be fast under one caller and
slow under another.

``in_fresh_chunk(function, ...)`` calls ``function`` from a frame larger than a chunk (34 KB):
CPython gives that frame a chunk of its own (64 KB), so the calls made under it have 30 KB of
stack — a hundred frames or more — that stays allocated while they run. It costs one chunk
allocation per call of ``in_fresh_chunk`` itself, so it wraps a whole loop (a request, a table),
not each step of it.
"""

from __future__ import annotations

from collections.abc import Callable

# Local variables, each a slot of 8 bytes, and as many on the value stack to unpack them: 34 KB.
_SLOTS = 2100


def _compile() -> Callable[..., object]:
    names = ", ".join(f"_{i}" for i in range(_SLOTS))
    source = (
        "def in_fresh_chunk(function, /, *args, **kwargs):\n"
        f"    ({names},) = _NOTHING  # local variables that make the frame larger than a chunk\n"
        "    return function(*args, **kwargs)\n"
    )
    namespace = {"_NOTHING": (None,) * _SLOTS}
    # Generated (2,100 names), under a name of its own: a traceback does not point into this file's lines.
    exec(compile(source, "<cluster_portal.core.framestack>", "exec"), namespace)
    return namespace["in_fresh_chunk"]


in_fresh_chunk: Callable[..., object] = _compile()
