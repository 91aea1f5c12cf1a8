"""Hypothesis strategies for stream bodies, and the kit's Hypothesis settings profiles.

`chunkings(body)` draws ways to cut a body into chunks. It favours the places where stream
parsers break: inside a multi-byte UTF-8 character, between CR and LF, just after a
backslash (inside a JSON escape), at field colons and at event boundaries; it also draws
fixed chunk sizes down to one byte. It shrinks towards fewer, larger chunks, so a
failure reads as "this one split breaks it".

Profiles, registered on import (the table is `conformance.options.PROFILES`):
`conformance-dev` (quick), `conformance-ci` (derandomized, so runs on different machines
and under xdist agree), `conformance-fuzz` (long). They carry the kit's prefix and apply to
the kit's checks only: `suite_settings()` is what a check passes to Hypothesis explicitly,
so a project's own `@given` tests, and Hypothesis's own `ci` profile, stay as they were.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from conformance.options import PROFILES, suite_profile_name

if TYPE_CHECKING:
    from conformance.generate.fragments import Fragmentation
    from conformance.message import Message

_SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]

for _name, _values in PROFILES.items():
    settings.register_profile(_name, deadline=None, suppress_health_check=_SUPPRESS, **_values)  # type: ignore[arg-type]


def suite_settings() -> settings:
    """The settings the kit's checks run under (`conformance.options.suite_profile_name`)."""
    return settings.get_profile(suite_profile_name(settings.get_current_profile_name()))


def split_at(body: bytes, cuts: Sequence[int]) -> list[bytes]:
    """`body` cut at the given offsets (any order, duplicates and out-of-range ignored)."""
    points = sorted({c for c in cuts if 0 < c < len(body)})
    edges = [0, *points, len(body)]
    return [body[a:b] for a, b in itertools.pairwise(edges)]


_INTERESTING = re.compile(
    rb"[\\:]"  # a backslash (the cut after it is inside a JSON escape) or a field colon
    rb"|\r(?=\n)"  # the CR of a CRLF
    rb"|\n(?=[\n\r])"  # the first line end of a blank line
    rb"|(?=[\x80-\xbf])"  # (empty) before a byte inside a UTF-8 sequence
)
"""Where each match ends is a place `interesting_offsets` finds. A regular expression rather
than a loop over the bytes: the `generated` check cuts a new body in every example, and the
loop cost three times as much (`tests/test_strategies.py` compares the two on random bodies)."""


def interesting_offsets(body: bytes) -> list[int]:
    """Offsets where a cut tests a classic parser bug (see the module docstring)."""
    end = len(body)
    # Match ends never decrease; a backslash before a UTF-8 continuation byte gives one twice.
    return [i for i in dict.fromkeys(m.end() for m in _INTERESTING.finditer(body)) if 0 < i < end]


def chunkings(body: bytes, *, max_cuts: int = 64) -> st.SearchStrategy[list[bytes]]:
    """A list of non-empty chunks whose concatenation is `body`.

    The interesting offsets are found, and the strategies drawn from built, once here, not
    in every draw: a suite draws hundreds of chunkings per cassette, and the scan cost more
    than parsing the chunks did (building the strategies, `sampled_from` copying the offsets
    each time, cost another 7-23% of the suite's CPU time, by vendor).
    """
    n = len(body)
    if n < 2:
        return st.builds(lambda: [body] if body else [])  # a fresh list each draw
    interesting = interesting_offsets(body)
    any_cut = st.integers(1, n - 1)
    if interesting:
        among = st.sampled_from(interesting)
        mixed, only = st.one_of(any_cut, among), among
    else:
        mixed = only = any_cut
    max_size = min(n - 1, max_cuts)
    return _chunkings(
        body,
        st.integers(0, n - 1),
        st.lists(mixed, max_size=max_size, unique=True),
        st.lists(only, max_size=max_size, unique=True),
    )


_KINDS = st.integers(0, 2)


@st.composite
def _chunkings(
    draw: st.DrawFn,
    body: bytes,
    size_less: st.SearchStrategy[int],
    mixed_cuts: st.SearchStrategy[list[int]],
    interesting_cuts: st.SearchStrategy[list[int]],
) -> list[bytes]:
    kind = draw(_KINDS)  # shrinks to 0: a few chosen cut points
    if kind == 1:  # fixed-size chunks; shrinks towards one chunk, reaches 1-byte chunks
        size = len(body) - draw(size_less)
        return [body[i : i + size] for i in range(0, len(body), size)]
    # 0: anywhere, with the interesting places mixed in; 2: only the interesting places
    return split_at(body, draw(mixed_cuts if kind == 0 else interesting_cuts))


def two_chunk_splits(body: bytes) -> Iterator[list[bytes]]:
    """Every way to cut `body` into two non-empty chunks (for exhaustive checks)."""
    for i in range(1, len(body)):
        yield [body[:i], body[i:]]


def byte_by_byte(body: bytes) -> list[bytes]:
    return [body[i : i + 1] for i in range(len(body))]


def messages(vendor: str, without: Collection[str] = frozenset()) -> st.SearchStrategy[Message]:
    """Messages `vendor`'s stream can carry (see `conformance.generate.strategies.messages`)."""
    from conformance.generate.strategies import messages as generated_messages

    return generated_messages(vendor, without)


def fragmentations(message: Message) -> st.SearchStrategy[Fragmentation]:
    """Cuts of every string a message streams (see `conformance.generate.strategies`)."""
    from conformance.generate.strategies import fragmentations as generated_fragmentations

    return generated_fragmentations(message)
