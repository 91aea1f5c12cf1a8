"""Memory: the peak stays flat as the stream grows (issue 7: "100 MB stream, small peak").

Peaks are `tracemalloc`'s (every Python allocation, traced), over a stream generated lazily
in 64 KiB chunks (`inputs.anthropic_stream_chunks`), so the body is never whole in memory
and what is measured is the parser's own buffers (plus one chunk being generated).

- The SSE decoder over a text stream of 1, 10 and 100 MB (httpx-sse's decoder alongside).
- `conformance.stream_events` + `Assembler` (what `parse()` runs) over a stream whose events
  add nothing to the message (thinking-signature deltas): the adapter and the assembler
  hold at most one event besides the message being built.
- `parse()` over the 100 MB text stream: the message's text is kept (in a `TextBuffer`
  until the end), so the peak follows the text, not the bytes. The row compares the peak
  with the returned message's own size in memory (`sys.getsizeof` of its text and
  reasoning): the text holds an emoji, so CPython stores every character at 4 bytes, and
  the characters alone would understate what any parser must end up holding.
"""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable, Iterator

from bench import inputs
from bench.sse import httpx_sse
from bench.sse import ours as ours_decoder
from conformance.api import stream_events
from conformance.assembler import Assembler

CHUNK = 64 * 1024
MB = 1_000_000


def peak(run: Callable[[Iterator[bytes]], object], size: int, *, quiet: bool = False) -> tuple[int, object]:
    """Peak traced bytes while `run` reads a `size`-byte stream (allocations before are not counted)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        result = run(inputs.anthropic_stream_chunks(size, CHUNK, quiet=quiet))
        return tracemalloc.get_traced_memory()[1] - base, result
    finally:
        tracemalloc.stop()


def assemble(chunks: Iterator[bytes]) -> tuple[int, int]:
    """What `parse()` runs; returns the message's (characters, bytes in memory) of text and reasoning."""
    assembler = Assembler("anthropic")
    for event in stream_events("anthropic", chunks):
        assembler.add(event)
    message = assembler.message()
    texts = (message.text, message.reasoning)
    return sum(len(t) for t in texts), sum(sys.getsizeof(t) for t in texts)


FLAT = 1.25
"""A peak is flat when the largest stream's is at most this times the smallest's (issue 7)."""


def flat(peaks: list[int]) -> str:
    """The verdict on peaks measured at growing stream sizes."""
    growth = max(peaks) / max(min(peaks), 1)
    return f"flat (<= {FLAT:g}x): {'met' if growth <= FLAT else 'missed'}, {growth:.2f}x"


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.0f} MB"


def run(*, sizes: tuple[int, ...] = (1 * MB, 10 * MB, 100 * MB)) -> list[tuple[str, str]]:
    """(case, result) lines; memory is not a ratio against a competitor, so it has its own lines."""
    lines = []
    for warm_up in (ours_decoder, httpx_sse, assemble):  # imports and caches are not the parser's
        warm_up(inputs.anthropic_stream_chunks(10_000, CHUNK))
    decoder = [peak(ours_decoder, n)[0] for n in sizes]
    theirs = peak(httpx_sse, sizes[-1])[0]
    lines.append(
        (
            "peak memory, SSE decoder, " + " / ".join(f"{n // MB} MB" for n in sizes),
            " / ".join(_kb(p) for p in decoder)
            + f"  (httpx-sse at {sizes[-1] // MB} MB: {_kb(theirs)}); {flat(decoder)}",
        )
    )
    quiet = [peak(assemble, n, quiet=True)[0] for n in sizes]
    lines.append(
        (
            "peak memory, adapter + assembler, events adding nothing, "
            + " / ".join(f"{n // MB} MB" for n in sizes),
            " / ".join(_kb(p) for p in quiet) + f"; {flat(quiet)}",
        )
    )
    top, result = peak(assemble, sizes[-1])
    assert isinstance(result, tuple)
    chars, size = result
    lines.append(
        (
            f"peak memory, parse() of the {sizes[-1] // MB} MB text stream",
            f"{_kb(top)}, {top / size:.2f}x the returned message's text in memory ({_kb(size)} "
            f"by sys.getsizeof: {chars / MB:.1f}M characters at {size / max(chars, 1):.1f} bytes each)",
        )
    )
    return lines
