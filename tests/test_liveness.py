"""The liveness check: a parser whose snapshots show content while the stream goes on passes;
one that buffers to the terminator, or lags more than a chunk, fails with a message saying so;
causes other checks own (wrong content, a typed error) are not blamed here."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import pytest

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.message import Message
from conformance.suite import aio
from conformance.suite.checks import CHECKS_BY_ID, Case, CheckFailed, Target, applies, run_case
from conformance.suite.liveness import event_chunks
from tests._bundled import bundled, one_scenario


def target(vendor: str, incremental: Any) -> Target:
    return Target(
        label="t",
        vendor=vendor,
        parse=lambda chunks: conformance.parse(vendor, chunks),
        parse_incremental=incremental,
    )


def run(vendor: str, cassette: Cassette, incremental: Any) -> str | None:
    try:
        run_case(target(vendor, incremental), Case("liveness", cassette))
    except CheckFailed as exc:
        return str(exc)
    return None


def live(vendor: str) -> Any:
    return lambda chunks: conformance.snapshots(vendor, chunks)


def buffered(vendor: str) -> Any:
    def parse_incremental(chunks: Iterable[bytes]) -> Iterator[Message]:
        *_, last = conformance.snapshots(vendor, list(chunks))  # reads everything, then shows
        yield last

    return parse_incremental


def lagging(vendor: str, every: int) -> Any:
    """Shows the stream as it was `every` chunks ago (a batching buffer), the final message last."""

    def parse_incremental(chunks: Iterable[bytes]) -> Iterator[Message]:
        shown: list[Message] = []
        for snapshot in conformance.snapshots(vendor, chunks):
            shown.append(snapshot)
            if len(shown) > every:
                yield shown[-1 - every]
        yield shown[-1]

    return parse_incremental


LIVENESS = CHECKS_BY_ID["liveness"]
APPLICABLE = [pytest.param(c, id=c.id) for c in bundled() if applies(LIVENESS, c)]


def test_event_chunks_are_the_body_cut_at_event_ends() -> None:
    for c in bundled():
        chunks = event_chunks(c)
        assert b"".join(chunks) == c.body, c.id
        assert all(chunks), c.id


@pytest.mark.parametrize("cassette", APPLICABLE)
def test_the_kits_own_snapshots_are_live_on_every_bundled_cassette(cassette: Cassette) -> None:
    assert run(cassette.vendor, cassette, live(cassette.vendor)) is None


def test_a_parser_that_shows_everything_at_the_end_fails_saying_it_buffers() -> None:
    c = one_scenario(load_cassettes(vendor="anthropic"), "text")
    failure = run("anthropic", c, buffered("anthropic"))
    assert failure is not None
    assert failure.splitlines()[0] == (
        "liveness: anthropic/text: the parser showed no content before the terminator: it buffers to the end"
    )
    assert "text: 10 characters had arrived by chunk 4 of 12; 0 shown when chunk 6 was fed" in failure


def test_a_parser_two_chunks_behind_fails_as_late_and_one_chunk_behind_passes() -> None:
    c = one_scenario(load_cassettes(vendor="anthropic"), "text")
    failure = run("anthropic", c, lagging("anthropic", 2))
    assert failure is not None
    assert "content shown late: a snapshot lags the stream by more than one chunk" in failure
    assert run("anthropic", c, lagging("anthropic", 1)) is None


def test_a_tool_call_shown_only_at_the_end_is_named() -> None:
    c = one_scenario(load_cassettes(vendor="openai-chat"), "tool_call")
    failure = run("openai-chat", c, buffered("openai-chat"))
    assert failure is not None
    assert "tool call 0 ('get_weather') had started by chunk 1 of" in failure


def test_wrong_final_content_is_left_to_the_other_checks() -> None:
    c = one_scenario(load_cassettes(vendor="anthropic"), "text")

    def wrong(chunks: Iterable[bytes]) -> Iterator[Message]:
        *_, last = conformance.snapshots("anthropic", list(chunks))
        yield dataclasses.replace(last, text=last.text.upper())

    assert run("anthropic", c, wrong) is None


def test_masked_fields_are_not_judged() -> None:
    c = one_scenario(load_cassettes(vendor="anthropic"), "thinking")

    def reasoning_at_the_end(chunks: Iterable[bytes]) -> Iterator[Message]:
        held = None  # one snapshot held back, to know which is the last
        for snapshot in conformance.snapshots("anthropic", chunks):
            if held is not None:
                yield dataclasses.replace(held, reasoning="")
            held = snapshot
        assert held is not None
        yield held

    masked = dataclasses.replace(target("anthropic", reasoning_at_the_end), masked=frozenset({"reasoning"}))
    run_case(masked, Case("liveness", c))
    with pytest.raises(CheckFailed, match=r"reasoning: \d+ characters had arrived"):
        run_case(target("anthropic", reasoning_at_the_end), Case("liveness", c))


def test_async_generators_are_watched_as_they_yield() -> None:
    c = one_scenario(load_cassettes(vendor="anthropic"), "text")

    async def live_async(chunks: AsyncIterator[bytes]) -> AsyncIterator[Message]:
        assembler_chunks: list[bytes] = []
        async for chunk in chunks:
            assembler_chunks.append(chunk)
            *_, snapshot = conformance.snapshots("anthropic", assembler_chunks)
            yield snapshot
        yield conformance.parse("anthropic", assembler_chunks)

    async def buffered_async(chunks: AsyncIterator[bytes]) -> AsyncIterator[Message]:
        body = [chunk async for chunk in chunks]
        yield conformance.parse("anthropic", body)

    assert run("anthropic", c, aio.sync_incremental(live_async)) is None
    failure = run("anthropic", c, aio.sync_incremental(buffered_async))
    assert failure is not None and "it buffers to the end" in failure


def test_a_parser_that_drops_signatures_is_still_judged_on_liveness() -> None:
    c = one_scenario(load_cassettes(vendor="gemini"), "function_calls_across_events")
    assert c.expected is not None and c.expected.tool_calls[0].signature is not None

    def buffered_unsigned(chunks: Iterable[bytes]) -> Iterator[Message]:
        *_, last = conformance.snapshots("gemini", list(chunks))
        calls = tuple(dataclasses.replace(call, signature=None) for call in last.tool_calls)
        yield dataclasses.replace(last, tool_calls=calls)  # signatures are the signatures check's

    failure = run("gemini", c, buffered_unsigned)
    assert failure is not None and "it buffers to the end" in failure
