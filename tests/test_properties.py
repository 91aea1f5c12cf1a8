"""The first rule, for every bundled cassette: any split, same answer.

Checked three ways: Hypothesis chunkings (including 1-byte chunks and cuts inside UTF-8
characters, between CR and LF, inside JSON escapes), with the partial snapshots of each
growing to the final message; every byte offset as a cut, exhaustively; and byte by byte.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conformance
from conformance.formats.cassettes import Cassette
from conformance.suite.strategies import byte_by_byte, chunkings, split_at, two_chunk_splits
from tests._bundled import bundled, cassette_params, one_scenario

EventsOf = Callable[[str, list[bytes]], list[conformance.Event]]
ParseOf = Callable[[str, list[bytes]], conformance.Message]


def reference_events(vendor: str, chunks: Iterable[bytes]) -> list[conformance.Event]:
    return list(conformance.stream_events(vendor, chunks))


def events_of(cassette: Cassette, chunks: list[bytes]) -> list[conformance.Event]:
    return reference_events(cassette.vendor, chunks)


@pytest.mark.parametrize("cassette", cassette_params())
def test_whole_body_gives_the_expected_message(cassette: Cassette) -> None:
    assert conformance.parse(cassette.vendor, [cassette.body]) == cassette.expected


@pytest.mark.parametrize("cassette", cassette_params())
def test_byte_by_byte_gives_the_same_events(cassette: Cassette) -> None:
    assert events_of(cassette, byte_by_byte(cassette.body)) == events_of(cassette, [cassette.body])


def assert_any_chunking_gives_the_same_answer(
    cassette: Cassette, events: EventsOf, parse: ParseOf, *, snapshots: bool = False
) -> None:
    """Under every Hypothesis chunking, `events` gives the whole body's events and `parse`
    the expected message (a property of the parser: `tests/test_strategies.py` pins that
    chunkings add up to the body); with `snapshots`, the kit's partial messages also grow to
    the expected one. The properties share each drawn chunking: one draw, three judgements,
    so the suite pays Hypothesis's per-example cost once (docs/performance.md)."""
    whole = events(cassette.vendor, [cassette.body])
    expected = cassette.expected
    assert expected is not None

    @given(chunkings(cassette.body))
    def check(chunks: list[bytes]) -> None:
        assert events(cassette.vendor, chunks) == whole
        assert parse(cassette.vendor, chunks) == expected
        if snapshots:
            assert_snapshots_grow_to(list(conformance.snapshots(cassette.vendor, chunks)), expected)

    check()


@pytest.mark.parametrize("cassette", cassette_params())
def test_any_chunking_gives_the_same_events_and_message_and_growing_snapshots(cassette: Cassette) -> None:
    assert_any_chunking_gives_the_same_answer(cassette, reference_events, conformance.parse, snapshots=True)


def test_the_chunking_property_catches_a_parser_that_decodes_each_chunk_alone() -> None:
    # The classic bug: each chunk decoded as UTF-8 on its own, so a character split across
    # two chunks is lost. A split inside a character is one Hypothesis looks for.
    def lossy(chunks: Iterable[bytes]) -> list[bytes]:
        return [c.decode("utf-8", "ignore").encode("utf-8") for c in chunks]

    cassette = one_scenario([c for c in bundled() if c.vendor == "anthropic"], "non_ascii")
    with pytest.raises(AssertionError):
        assert_any_chunking_gives_the_same_answer(
            cassette,
            lambda vendor, chunks: reference_events(vendor, lossy(chunks)),
            lambda vendor, chunks: conformance.parse(vendor, lossy(chunks)),
        )


CUT_STRIDE = 512
"""Bytes between the cuts of one `every_cut_chunkings` chunking (see there)."""


def every_cut_chunkings(body: bytes, stride: int = CUT_STRIDE) -> Iterator[list[bytes]]:
    """Chunkings of `body` that together cut it at every offset, each offset exactly once:
    the chunking of phase `p` (1 to `stride`) cuts at `p, p + stride, p + 2 * stride, ...`.

    A body of at most `stride` bytes gets exactly its two-chunk splits. A longer one would
    need one parse per offset, quadratic in the body (the long cassettes took ~10 s each, a
    sixth of the whole suite); `stride` parses of it put a cut at every offset too, between
    chunks of `stride` bytes that still hold several whole events and a cut one on each side.
    """
    for phase in range(1, min(stride + 1, len(body))):
        yield split_at(body, range(phase, len(body), stride))


def assert_every_cut_gives_the_expected_message(cassette: Cassette, parse: ParseOf) -> None:
    for chunks in every_cut_chunkings(cassette.body):
        got = parse(cassette.vendor, chunks)
        assert got == cassette.expected, f"cut at bytes {list(itertools.accumulate(map(len, chunks[:-1])))}"


@pytest.mark.parametrize("cassette", cassette_params())
def test_every_offset_as_a_cut_gives_the_same_message(cassette: Cassette) -> None:
    assert_every_cut_gives_the_expected_message(cassette, conformance.parse)


def test_every_offset_as_a_cut_catches_a_parser_that_decodes_each_chunk_alone() -> None:
    """On a body longer than the stride (the strided chunkings, not the two-chunk splits)."""
    cassette = next(
        c for c in bundled() if len(c.body) > CUT_STRIDE and max(c.body) > 0x7F and c.vendor == "anthropic"
    )

    def lossy_parse(vendor: str, chunks: list[bytes]) -> conformance.Message:
        return conformance.parse(vendor, [c.decode("utf-8", "ignore").encode("utf-8") for c in chunks])

    assert lossy_parse(cassette.vendor, [cassette.body]) == cassette.expected  # whole, it reads right
    with pytest.raises(AssertionError, match="cut at bytes"):
        assert_every_cut_gives_the_expected_message(cassette, lossy_parse)


@given(st.binary(max_size=64), st.integers(1, 8))
def test_every_cut_chunkings_cut_every_offset_once_and_add_up_to_the_body(body: bytes, stride: int) -> None:
    cuts: list[int] = []
    for chunks in every_cut_chunkings(body, stride):
        assert b"".join(chunks) == body and all(chunks)
        cuts.extend(itertools.accumulate(map(len, chunks[:-1])))
    assert sorted(cuts) == list(range(1, len(body)))
    if len(body) <= stride:  # a short body: exactly its two-chunk splits
        assert list(every_cut_chunkings(body, stride)) == list(two_chunk_splits(body))


def assert_snapshots_grow_to(snaps: list[conformance.Message], expected: conformance.Message) -> None:
    """Partial messages only grow (text and reasoning extend, tool calls are added and keep
    their names, a complete stream stays complete) and the last is the final message."""
    assert snaps[-1] == expected
    for before, after in itertools.pairwise(snaps):
        assert after.text.startswith(before.text)
        assert after.reasoning.startswith(before.reasoning)
        assert len(after.tool_calls) >= len(before.tool_calls)
        for old, new in zip(before.tool_calls, after.tool_calls, strict=False):  # new calls may follow
            assert not old.name or new.name == old.name
        assert after.complete or not before.complete


def _reference_snapshots(scenario: str) -> tuple[list[conformance.Message], conformance.Message]:
    cassette = one_scenario([c for c in bundled() if c.vendor == "anthropic"], scenario)
    assert cassette.expected is not None
    chunks = [cassette.body[i : i + 64] for i in range(0, len(cassette.body), 64)]
    snaps = list(conformance.snapshots("anthropic", chunks))
    assert_snapshots_grow_to(snaps, cassette.expected)  # the reference passes
    return snaps, cassette.expected


def test_the_snapshot_property_catches_text_that_goes_back() -> None:
    snaps, expected = _reference_snapshots("text")
    middle = len(snaps) // 2
    assert snaps[middle].text
    snaps[middle] = dataclasses.replace(snaps[middle], text=snaps[middle].text + " (draft)")
    with pytest.raises(AssertionError):
        assert_snapshots_grow_to(snaps, expected)


def test_the_snapshot_property_catches_a_tool_call_that_changes_its_name() -> None:
    snaps, expected = _reference_snapshots("tool_use")
    named = next(n for n, s in enumerate(snaps) if s.tool_calls and s.tool_calls[0].name)
    call = dataclasses.replace(snaps[named].tool_calls[0], name="a_different_tool")
    snaps[named] = dataclasses.replace(snaps[named], tool_calls=(call, *snaps[named].tool_calls[1:]))
    with pytest.raises(AssertionError):
        assert_snapshots_grow_to(snaps, expected)


def test_the_snapshot_property_catches_a_stream_complete_too_early() -> None:
    snaps, expected = _reference_snapshots("text")
    snaps[0] = dataclasses.replace(snaps[0], complete=True)
    with pytest.raises(AssertionError):
        assert_snapshots_grow_to(snaps, expected)
