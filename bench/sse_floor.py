"""How far 3x httpx-sse is from what pure Python can do at all: `python -m bench.sse_floor`.

Two sketches, cut to the shape of the bench's stream and to nothing else, build the same
`ServerSentEvent` tuples as ours (type, data, offset, index) but keep *no* rule of the spec:
no CR or CRLF, no BOM, no limits, no comments, `id:`, `retry:` or multi-line data, no error
offsets. They are not decoders; they bound what any decoder returning these events can reach.

- `OneEventSketch` (for small chunks): append the chunk; if it completes an event, decode
  it and cut it with one `partition`, as ours does.
- `RunSketch` (for big chunks): split each region on `\\n\\n` + the run's lead, as ours does,
  but leave each `ping` inside the value before it: that is *wrong* (the counts show it), and
  it is what makes this a floor: ours must find and cut the pings out.

Both have ours' API (`feed(chunk)` returns a list of events) and are consumed by the same loop,
so the per-call cost every such decoder pays is in their times too.

It prints ours, the sketches and httpx-sse, timed interleaved in one process, as ratios to
httpx-sse. Nothing here is a target; docs/performance.md quotes it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import partial
from itertools import accumulate, count, repeat
from operator import add

from bench import inputs
from bench._harness import measure, throughput
from bench.sse import Result, httpx_sse, ours
from conformance.framing.sse import ServerSentEvent

_new = tuple.__new__
_LEAD = b"event: content_block_delta\ndata: "
_SEP, _TEXT_SEP = b"\n\n" + _LEAD, "\n\n" + _LEAD.decode()


class OneEventSketch:
    """For small chunks: append the chunk; if it completes an event, decode it and cut it
    with one `partition`, as ours does (the few regions of two events are cut in a loop)."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._offset = self._index = 0

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        buf = self._buf
        if 10 not in chunk:
            buf += chunk
            return []
        old = len(buf)
        buf += chunk
        end = buf.rfind(b"\n\n", old - 1 if old else 0) + 2
        if end < 2:
            return []
        text = buf[:end].decode()
        del buf[:end]
        base, index = self._offset, self._index
        self._offset = base + end
        head, _, rest = text.partition("\ndata: ")
        if "\n" not in rest[:-2]:  # one event, as most regions of small chunks are
            self._index = index + 1
            return [_new(ServerSentEvent, (head[7:], rest[:-2], "", None, base, index))]
        events = []
        for block in text[:-2].split("\n\n"):
            head, _, data = block.partition("\ndata: ")
            events.append(_new(ServerSentEvent, (head[7:], data, "", None, base, index)))
            base += len(block.encode()) + 2
            index += 1
        self._index = index
        return events


class RunSketch:
    """For big chunks: split each region on `\\n\\n` + the run's lead, as ours does, but leave
    each `ping` inside the value before it (wrong: the event counts show it)."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._offset = self._index = 0

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        buf = self._buf
        buf += chunk
        end = buf.rfind(b"\n\n") + 2
        if end < 2:
            return []
        region = buf[:end]
        del buf[:end]
        base, index = self._offset, self._index
        self._offset = base + end
        if not region.startswith(_LEAD):  # the stream's first and last events: not counted
            return []
        if region.isascii():
            values = pieces = region.decode()[len(_LEAD) : -2].split(_TEXT_SEP)
        else:
            pieces = bytes(region)[len(_LEAD) : -2].split(_SEP)  # type: ignore[assignment]
            values = list(map(bytes.decode, pieces))  # type: ignore[arg-type]
        self._index = index + len(values)
        offsets = map(add, accumulate(map(len, pieces), initial=base), count(0, len(_LEAD) + 2))
        fields = zip(repeat("content_block_delta"), values, repeat(""), repeat(None), offsets, count(index))
        return list(map(_new, repeat(ServerSentEvent), fields))


def _consume(sketch: type[OneEventSketch | RunSketch], chunks: Iterable[bytes]) -> Result:
    decoder = sketch()  # consumed as bench.sse.ours consumes ours
    events = size = 0
    for chunk in chunks:
        for event in decoder.feed(chunk):
            events += 1
            size += len(event.data)
    return events, size


def one_event_sketch(chunks: Iterable[bytes]) -> Result:
    return _consume(OneEventSketch, chunks)


def run_sketch(chunks: Iterable[bytes]) -> Result:
    return _consume(RunSketch, chunks)


def main(argv: list[str]) -> int:
    megabytes = int(argv[0]) if argv else 20
    body = inputs.anthropic_stream(megabytes * 1_000_000)
    body = body[: body.rfind(b"\n\n") + 2]
    rounds = 9
    for chunk_size, sketch in ((64, one_event_sketch), (4096, run_sketch)):
        chunks = inputs.chunks(body, chunk_size)
        contenders = {name: partial(f, chunks) for name, f in (("ours", ours), (sketch.__name__, sketch))}
        timings = measure({**contenders, "httpx-sse": partial(httpx_sse, chunks)}, rounds=rounds, budget=60)
        theirs = timings["httpx-sse"].median
        print(f"{megabytes} MB, {chunk_size}-byte chunks (median of {rounds} interleaved runs):")
        for name, timing in timings.items():
            result = timing.result
            assert isinstance(result, tuple)
            print(
                f"  {name:18} {throughput(len(body), timing.median):>9}  {theirs / timing.median:4.2f}x"
                f" httpx-sse  ({result[0]} events)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
