"""The first rule, for every bundled cassette: any split, same answer.

Checked three ways: Hypothesis chunkings (including 1-byte chunks and cuts inside UTF-8
characters, between CR and LF, inside JSON escapes), every 2-chunk split exhaustively,
and partial snapshots that never raise and end equal to the final message.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conformance
from conformance.cassettes import Cassette
from conformance.strategies import byte_by_byte, chunkings, two_chunk_splits
from tests._bundled import cassette_params


def events_of(cassette: Cassette, chunks: list[bytes]) -> list[conformance.Event]:
    return list(conformance.stream_events(cassette.vendor, chunks))


@pytest.mark.parametrize("cassette", cassette_params())
def test_whole_body_gives_the_expected_message(cassette: Cassette) -> None:
    assert conformance.parse(cassette.vendor, [cassette.body]) == cassette.expected


@pytest.mark.parametrize("cassette", cassette_params())
def test_byte_by_byte_gives_the_same_events(cassette: Cassette) -> None:
    assert events_of(cassette, byte_by_byte(cassette.body)) == events_of(cassette, [cassette.body])


@pytest.mark.parametrize("cassette", cassette_params())
def test_any_chunking_gives_the_same_events_and_message(cassette: Cassette) -> None:
    whole = events_of(cassette, [cassette.body])

    @given(chunkings(cassette.body))
    def check(chunks: list[bytes]) -> None:
        assert b"".join(chunks) == cassette.body
        assert events_of(cassette, chunks) == whole
        assert conformance.parse(cassette.vendor, chunks) == cassette.expected

    check()


@pytest.mark.parametrize("cassette", cassette_params())
def test_every_two_chunk_split_gives_the_same_message(cassette: Cassette) -> None:
    for chunks in two_chunk_splits(cassette.body):
        got = conformance.parse(cassette.vendor, chunks)
        assert got == cassette.expected, f"split at byte {len(chunks[0])}"


@pytest.mark.parametrize("cassette", cassette_params())
def test_snapshots_grow_and_end_at_the_final_message(cassette: Cassette) -> None:
    expected = cassette.expected
    assert expected is not None

    @given(chunkings(cassette.body), st.booleans())
    def check(chunks: list[bytes], _: bool) -> None:
        snaps = list(conformance.snapshots(cassette.vendor, chunks))
        assert snaps[-1] == expected
        for before, after in itertools.pairwise(snaps):
            assert after.text.startswith(before.text)
            assert after.reasoning.startswith(before.reasoning)
            assert len(after.tool_calls) >= len(before.tool_calls)
        final_args = [c.arguments for c in expected.tool_calls]
        assert [c.arguments for c in snaps[-1].tool_calls] == final_args

    check()
