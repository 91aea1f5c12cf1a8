"""Async parsers: `async def parse`, async-generator `parse_incremental`, driven on the suite's loop."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from hypothesis import settings

import conformance
from conformance.message import Message
from conformance.suite import aio
from conformance.suite.checks import Case, CheckFailed, Target, run_case
from tests.test_plugin import write_cassettes
from tests.test_suite import TEXT_BODY, make_cassette

pytest_plugins = ["pytester"]


@pytest.fixture(autouse=True)
def _no_step_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runs below must not append their matrix to a real CI job's summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


CHUNKS = [TEXT_BODY[:20], TEXT_BODY[20:70], TEXT_BODY[70:]]


# -- the driver -----------------------------------------------------------------------------------


async def parse_async(chunks: AsyncIterator[bytes]) -> Message:
    adapter = conformance.adapters.make_adapter("openai-chat")
    assembler = conformance.Assembler("openai-chat")
    async for chunk in chunks:
        assembler.extend(adapter.feed(chunk))
    assembler.extend(adapter.close())
    return assembler.message()


def test_an_async_def_parse_is_awaited_with_an_async_iterator_of_the_chunks() -> None:
    seen: list[bytes] = []

    async def parse(chunks: AsyncIterator[bytes]) -> Message:
        assert not isinstance(chunks, list) and hasattr(chunks, "__anext__")
        async for chunk in chunks:
            seen.append(chunk)
        return conformance.parse("openai-chat", seen)

    message = aio.sync_parse(parse)(iter(CHUNKS))
    assert seen == CHUNKS
    assert message.text == "Grüße"


def test_an_async_generator_parse_gives_its_last_item() -> None:
    async def parse(chunks: AsyncIterator[bytes]) -> AsyncIterator[str]:
        async for chunk in chunks:
            yield chunk.decode("latin-1")

    assert aio.sync_parse(parse)(CHUNKS) == CHUNKS[-1].decode("latin-1")


def test_other_tasks_run_between_chunks() -> None:
    async def parse(chunks: AsyncIterator[bytes]) -> list[int]:
        ticks = [0]

        async def ticker() -> None:
            while True:
                ticks[0] += 1
                await asyncio.sleep(0)

        task = asyncio.ensure_future(ticker())
        seen = []
        async for _ in chunks:
            seen.append(ticks[0])
        task.cancel()
        return seen

    seen = aio.sync_parse(parse)(CHUNKS)
    assert len(seen) == 3 and seen[0] < seen[1] < seen[2]  # the ticker ran before each chunk


def test_an_async_generator_of_snapshots_gives_them_all_then_what_it_raised() -> None:
    async def snapshots(chunks: AsyncIterator[bytes]) -> AsyncIterator[int]:
        n = 0
        async for _ in chunks:
            n += 1
            yield n
        raise conformance.ProtocolError("cut", vendor="openai-chat")

    out: list[Any] = []
    with pytest.raises(conformance.ProtocolError):
        for snapshot in aio.sync_incremental(snapshots)(CHUNKS):
            out.append(snapshot)
    assert out == [1, 2, 3]


def test_a_parser_awaiting_forever_is_reported_hung_not_waited_for() -> None:
    async def parse(chunks: AsyncIterator[bytes]) -> None:
        await asyncio.Event().wait()  # a chunk after the last one that never comes

    with pytest.raises(aio.ParserHung, match=r"did not finish within 0\.05 s"):
        aio.sync_parse(parse, timeout=0.05)(CHUNKS)


def test_it_also_runs_from_inside_a_running_event_loop() -> None:
    async def main() -> str:
        return str(aio.sync_parse(parse_async)(CHUNKS).text)

    assert asyncio.run(main()) == "Grüße"


def test_an_async_parsers_exception_carries_no_no_running_event_loop_context() -> None:
    async def broken(chunks: AsyncIterator[bytes]) -> Message:
        raise ValueError("bad chunk")

    with pytest.raises(ValueError) as info:
        aio.sync_parse(broken)(CHUNKS)
    assert info.value.__context__ is None  # no "During handling of ... no running event loop"


def test_sync_parsers_are_passed_through_untouched() -> None:
    def parse(chunks: Iterator[bytes]) -> str:
        return "sync"

    assert aio.sync_parse(parse) is parse and aio.sync_incremental(parse) is parse


def test_a_split_failure_of_an_async_parser_reads_as_a_sync_ones() -> None:
    async def decodes_each_chunk(chunks: AsyncIterator[bytes]) -> Message:
        async def repaired() -> AsyncIterator[bytes]:
            async for chunk in chunks:
                yield chunk.decode("utf-8", "replace").encode("utf-8")

        return await parse_async(repaired())

    target = Target("async", "openai-chat", aio.sync_parse(decodes_each_chunk))
    with pytest.raises(CheckFailed, match=r"(?s)split: openai-chat/case: a split into 2 chunks.*text"):
        run_case(target, Case("split", make_cassette(TEXT_BODY, ["text", "non_ascii"])))


# -- AdapterSuite, end to end ---------------------------------------------------------------------

ASYNC_SUITE = """
import conformance
from conformance import AdapterSuite
from conformance.adapters import make_adapter


async def events(chunks, decode_each_chunk):
    adapter = make_adapter("openai-chat")
    async for chunk in chunks:
        if decode_each_chunk:  # the bug: a character cut between two chunks is lost
            chunk = chunk.decode("utf-8", "replace").encode("utf-8")
        for event in adapter.feed(chunk):
            yield event
    for event in adapter.close():
        yield event


class TestAsyncParser(AdapterSuite):
    vendor = "openai-chat"
    bundled_cassettes = False
    cassette_dirs = ["cassettes"]
    decode_each_chunk = {bug}

    async def parse(self, chunks):
        assembler = conformance.Assembler("openai-chat")
        async for event in events(chunks, self.decode_each_chunk):
            assembler.add(event)
        return assembler.message()

    async def parse_incremental(self, chunks):
        assembler = conformance.Assembler("openai-chat")
        async for event in events(chunks, self.decode_each_chunk):
            assembler.add(event)
            yield assembler.snapshot()
        yield assembler.message()
"""


@pytest.fixture
def repo(pytester: pytest.Pytester) -> Iterator[pytest.Pytester]:
    write_cassettes(pytester.path / "cassettes")
    profile = settings.get_current_profile_name()
    yield pytester
    settings.load_profile(profile)


# Three cassettes (multi-byte text, interleaved tool calls, an error event) keep the cost down:
# an async parse yields to the loop before each chunk, and Hypothesis draws 1-byte chunkings.
SOME = "text_non_ascii or tool_calls_interleaved or error_mid_stream"


def test_an_async_parser_is_green(repo: pytest.Pytester) -> None:
    repo.makepyfile(test_async=ASYNC_SUITE.format(bug=False))
    result = repo.runpytest("-p", "no:cacheprovider", "--conformance-profile=conformance-ci", "-k", SOME)
    outcomes = result.parseoutcomes()
    assert outcomes["passed"] >= 12 and "failed" not in outcomes
    assert re.search(r"^TestAsyncParser \(openai-chat\)\s+ok", result.stdout.str(), re.MULTILINE)
    assert "incremental" in result.stdout.str()  # the async generator was checked too


def test_an_async_parser_decoding_each_chunk_separately_is_red(repo: pytest.Pytester) -> None:
    repo.makepyfile(test_async=ASYNC_SUITE.format(bug=True))
    result = repo.runpytest(
        "-p", "no:cacheprovider", "--conformance-profile=conformance-ci", "-rf", "-k", SOME
    )
    failed = set(re.findall(r"^FAILED \S+::TestAsyncParser::(\S+\])", result.stdout.str(), re.MULTILINE))
    assert {
        "test_split_invariance[openai-chat/text_non_ascii]",
        "test_snapshots_grow[openai-chat/text_non_ascii]",
    } <= failed
    assert all("non_ascii" in test for test in failed)
    result.stdout.fnmatch_lines(
        [
            "*split: openai-chat/text_non_ascii: a split into 2 chunks gives a different result*",
            "*cut at byte *",
            "*first difference: text (at character *",
        ]
    )
