"""``in_fresh_chunk`` calls through a frame larger than a chunk of CPython's frame stack."""

import pytest

from cluster_portal.core.framestack import in_fresh_chunk
from cluster_portal.core.middleware import FreshFrameStackMiddleware

CHUNK_BYTES = 16 * 1024  # CPython's data stack chunk (DATA_STACK_CHUNK_SIZE)


def test_it_calls_the_function_with_its_arguments():
    assert in_fresh_chunk(lambda a, b=0, *, c: (a, b, c), 1, b=2, c=3) == (1, 2, 3)
    assert in_fresh_chunk(dict, function=1) == {"function": 1}  # a keyword named like its own parameter


def test_an_exception_goes_through():
    def fails():
        raise LookupError("нет")

    with pytest.raises(LookupError, match="нет"):
        in_fresh_chunk(fails)


def test_its_frame_does_not_fit_a_default_chunk():
    code = in_fresh_chunk.__code__
    assert (code.co_nlocals + code.co_stacksize) * 8 > 2 * CHUNK_BYTES


def test_the_middleware_passes_the_request_and_the_response():
    middleware = FreshFrameStackMiddleware(lambda request: ("ответ", request))
    assert middleware("запрос") == ("ответ", "запрос")
