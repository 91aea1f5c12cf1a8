"""The tool-call ledger: one set of rules for adapters and the assembler, and the fragments
kept once when `parse()` hands the adapter's ledger to the assembler."""

from __future__ import annotations

import json

import pytest

import conformance
from conformance.adapters import make_adapter
from conformance.assembler import Assembler
from conformance.errors import LimitExceededError, ProtocolError
from conformance.events import ToolCallArguments, ToolCallDelta, ToolCallEnd, ToolCallStart
from conformance.formats.cassettes import Cassette
from conformance.limits import Limits
from conformance.tool_calls import ToolCallLedger
from tests._bundled import cassette_params


def _split(body: bytes, size: int) -> list[bytes]:
    return [body[i : i + size] for i in range(0, len(body), size)]


@pytest.mark.parametrize("cassette", cassette_params())
def test_sharing_the_adapters_ledger_changes_no_message_or_snapshot(cassette: Cassette) -> None:
    # What `parse()`/`snapshots()` give with the shared ledger equals a standalone assembler
    # fed the same events (which keeps and checks the fragments itself), at every chunk.
    chunks = _split(cassette.body, 7)
    alone = Assembler(cassette.vendor)
    standalone = []
    adapter = make_adapter(cassette.vendor)
    for chunk in chunks:
        alone.extend(adapter.feed(chunk))
        standalone.append(alone.snapshot())
    alone.extend(adapter.close())
    standalone.append(alone.message())
    assert list(conformance.snapshots(cassette.vendor, chunks)) == standalone
    assert conformance.parse(cassette.vendor, chunks) == standalone[-1]


def test_the_ledger_rules() -> None:
    ledger = ToolCallLedger(Limits(max_tool_arguments_bytes=8))
    with pytest.raises(ProtocolError, match=r"^arguments delta for tool call 0, which was never started$"):
        ledger.add(0, "{}")
    ledger.start(0)
    with pytest.raises(ProtocolError, match=r"^tool call 0 started twice$"):
        ledger.start(0)
    ledger.add(0, '{"a":')
    with pytest.raises(LimitExceededError, match=r"^tool call 0 arguments over 8 bytes$"):
        ledger.add(0, "1234}")
    with pytest.raises(ProtocolError, match=r"^end for tool call 1, which was never started$"):
        ledger.require(1, "end")


def test_an_assembler_alone_applies_the_ledgers_rules() -> None:
    assembler = Assembler("anthropic", Limits(max_tool_arguments_bytes=8))
    with pytest.raises(ProtocolError, match=r"^arguments for tool call 3, which was never started$"):
        assembler.add(ToolCallArguments(3, {}))
    assembler.add(ToolCallStart(0, "id", "f"))
    with pytest.raises(ProtocolError, match=r"^tool call 0 started twice$"):
        assembler.add(ToolCallStart(0, "id", "f"))
    assembler.add(ToolCallDelta(0, '{"a":1}'))
    assembler.add(ToolCallEnd(0))
    assert assembler.message().tool_calls[0].arguments == {"a": 1}
    with pytest.raises(LimitExceededError):
        assembler.add(ToolCallDelta(0, "12"))


def test_the_depth_check_keeps_the_fragments_the_partial_parser_reads() -> None:
    # The adapter's ledger checks a call's text at its end; snapshots taken after that (which
    # read the same fragments through the shared ledger) still give the whole value.
    def delta(text: str) -> dict[str, object]:
        return {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "input_json_delta", "partial_json": text},
        }

    block = {"type": "tool_use", "id": "t", "name": "f", "input": {}}
    events = [
        {"type": "message_start", "message": {"id": "m", "model": "x", "usage": {}}},
        {"type": "content_block_start", "index": 0, "content_block": block},
        delta('{"a":'),
        delta("[1, 2]}"),
        {"type": "content_block_stop", "index": 0},
        {"type": "message_stop"},
    ]
    body = "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events).encode()
    snapshots = list(conformance.snapshots("anthropic", _split(body, 40)))
    assert snapshots[-1].tool_calls[0].arguments == {"a": [1, 2]}
    assert snapshots[-2].tool_calls[0].arguments == {"a": [1, 2]}
