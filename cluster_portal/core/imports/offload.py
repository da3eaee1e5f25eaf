"""Where a large upload goes instead of being checked inside the request.

An app that runs background jobs registers a hand-off in ``AppConfig.ready()``; it takes the request,
the import kind and the uploaded file and returns a response (the job's page) or None to keep the
upload in the request.
"""

from __future__ import annotations

from collections.abc import Callable

HandOff = Callable[..., object]
_hand_offs: list[HandOff] = []


def register(hand_off: HandOff) -> HandOff:
    if hand_off not in _hand_offs:
        _hand_offs.append(hand_off)
    return hand_off


def hand_off(*, request, kind, upload):
    """The response of the first registered hand-off that takes the upload, or None."""
    for offer in _hand_offs:
        response = offer(request=request, kind=kind, upload=upload)
        if response is not None:
            return response
    return None
