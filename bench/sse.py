"""Case 1: SSE decoding of a ~20 MB Anthropic-style stream in chunks of 1, 64, 4096, 65536 bytes.

Competitors, each counting events and data characters so the bench can check they agree:

- httpx-sse 0.4: `EventSource(response).iter_sse()`, its own code end to end (line
  decoder, `SSEDecoder`), reading `response.iter_text()` computed exactly as httpx does
  (`_TextResponse`). The `httpx.Response` byte plumbing under `iter_text` is left out, as
  ours runs without it too; the row "via httpx.Response" keeps it in, as a user pays it.
- sseclient-py 1.9: `SSEClient(chunks).events()`.
- a bare `bytes.split` line splitter that ignores the spec (CR, BOM, fields): the pure
  Python floor, what "split on LF and count blank lines" costs.

One more row feeds the same events with CRLF line ends (as Gemini sends them) in 4 KiB chunks.

Target (issue 7): ours >= 3x httpx-sse at 4 KiB and at 64-byte chunks.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import ClassVar

from bench import inputs
from bench._harness import Row, measure, throughput
from conformance.framing.sse import SSEDecoder

Result = tuple[int, int]  # events, data characters


def ours(chunks: Iterable[bytes]) -> Result:
    decoder = SSEDecoder()
    events = size = 0
    for chunk in chunks:
        for event in decoder.feed(chunk):
            events += 1
            size += len(event.data)
    decoder.close()
    return events, size


class _TextResponse:
    """What `httpx_sse.EventSource` reads from an `httpx.Response`: its headers and
    `iter_text()`, here exactly as httpx computes it (httpx/_models.py `iter_text`: an
    incremental UTF-8 `TextDecoder` with `errors="replace"`, empty text skipped), over the
    chunks as they arrive, without httpx's byte-stream plumbing."""

    headers: ClassVar[dict[str, str]] = {"content-type": "text/event-stream"}

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = chunks

    def iter_text(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        for chunk in self._chunks:
            text = decoder.decode(chunk)
            if text:
                yield text
        text = decoder.decode(b"", True)
        if text:
            yield text


def httpx_sse(chunks: Iterable[bytes]) -> Result:
    from httpx_sse import EventSource

    events = size = 0
    for sse in EventSource(_TextResponse(chunks)).iter_sse():  # type: ignore[arg-type]
        events += 1
        size += len(sse.data)
    return events, size


def httpx_sse_response(chunks: list[bytes]) -> Result:
    import httpx
    from httpx_sse import EventSource

    response = httpx.Response(200, headers={"content-type": "text/event-stream"}, content=iter(chunks))
    events = size = 0
    for sse in EventSource(response).iter_sse():
        events += 1
        size += len(sse.data)
    return events, size


def sseclient_py(chunks: Iterable[bytes]) -> Result:
    from sseclient import SSEClient

    events = size = 0
    for event in SSEClient(iter(chunks)).events():
        events += 1
        size += len(event.data)
    return events, size


def bare_split(chunks: Iterable[bytes]) -> Result:
    """Split on LF, count blank lines: no CR, no fields, no UTF-8 (the floor)."""
    buffer = b""
    events = 0
    for chunk in chunks:
        buffer += chunk
        lines = buffer.split(b"\n")
        buffer = lines.pop()
        for line in lines:
            if not line:
                events += 1
    return events, -1


COMPETITORS: dict[str, Callable[[list[bytes]], Result]] = {
    "httpx-sse": httpx_sse,
    "httpx-sse via httpx.Response": httpx_sse_response,
    "sseclient-py": sseclient_py,
    "bytes.split floor": bare_split,
}
TARGETS = {64: 3.0, 4096: 3.0}


def run(
    *, size: int = 20_000_000, sizes: tuple[int, ...] = (1, 64, 4096, 65536), rounds: int = 5
) -> list[Row]:
    full = inputs.anthropic_stream(size)
    rows = []
    cases = [(chunk_size, False) for chunk_size in sizes] + [(4096, True)]
    for chunk_size, crlf in cases:
        # 1-byte chunks: a tenth of the body (20 million calls per competitor would take minutes;
        # every decoder here is linear, so MB/s do not depend on the size).
        body = full[: len(full) // 10 if chunk_size == 1 else len(full)]
        body = body[: body.rfind(b"\n\n") + 2]
        if crlf:  # the same events with CRLF line ends, as Gemini sends them
            body = body.replace(b"\n", b"\r\n")
        chunks = inputs.chunks(body, chunk_size)
        competitors = {"httpx-sse": httpx_sse} if crlf else COMPETITORS
        contenders: dict[str, Callable[[], object]] = {"ours": partial(ours, chunks)}
        contenders.update({name: partial(f, chunks) for name, f in competitors.items()})
        timings = measure(contenders, rounds=rounds, budget=30.0)
        mine = timings["ours"]
        expected = mine.result
        for name, timing in timings.items():
            if name == "ours":
                continue
            result = timing.result
            assert isinstance(result, tuple) and isinstance(expected, tuple)
            if result[0] != expected[0] or (result[1] >= 0 and result[1] != expected[1]):
                raise AssertionError(f"{name} decoded {result} where ours decoded {expected}")
            target = TARGETS.get(chunk_size) if name == "httpx-sse" and not crlf else None
            megabytes = f"{len(body) / 1e6:.0f} MB" if len(body) >= 10e6 else f"{len(body) / 1e6:.1f} MB"
            rows.append(
                Row(
                    case=f"SSE {megabytes}{' CRLF' if crlf else ''}, {_bytes(chunk_size)} chunks",
                    ours=throughput(len(body), mine.median),
                    theirs=throughput(len(body), timing.median),
                    competitor=name,
                    ratio=timing.median / mine.median,
                    target=target,
                )
            )
        del chunks
    return rows


def _bytes(n: int) -> str:
    return f"{n // 1024} KiB" if n >= 1024 else f"{n} B"
