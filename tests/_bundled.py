"""The bundled cassettes, loaded once for the tests that run over all of them."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pytest

from conformance.formats.cassettes import Cassette, load_cassettes


@cache
def bundled() -> tuple[Cassette, ...]:
    return tuple(load_cassettes())


def cassette_params() -> list[object]:
    """pytest params over every bundled cassette, with the cassette id as the test id."""
    return [pytest.param(c, id=c.id) for c in bundled()]


def one_scenario(cassettes: Iterable[Cassette], scenario: str) -> Cassette:
    """The one cassette of `scenario` among `cassettes` (ValueError if none or several)."""
    (found,) = [c for c in cassettes if c.scenario == scenario]
    return found
