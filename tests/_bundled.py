"""The bundled cassettes, loaded once for the tests that run over all of them."""

from __future__ import annotations

from functools import cache

import pytest

from conformance.cassettes import Cassette, load_cassettes


@cache
def bundled() -> tuple[Cassette, ...]:
    return tuple(load_cassettes())


def cassette_params() -> list[object]:
    """pytest params over every bundled cassette, with the cassette id as the test id."""
    return [pytest.param(c, id=c.id) for c in bundled()]
