"""The public entry points: bytes of a vendor stream in, normalized events or a `Message` out.

Pure functions over any iterable of `bytes` (a list, a generator, `response.iter_bytes()`),
so the caller owns the IO.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from conformance.adapters import ADAPTERS, VendorEvent, make_adapter
from conformance.assembler import Assembler
from conformance.events import Event
from conformance.limits import DEFAULT_LIMITS, Limits
from conformance.message import Message


def vendors() -> list[str]:
    """The vendor ids that `parse` and `stream_events` accept, sorted."""
    return sorted(ADAPTERS)


def stream_events(
    vendor: str, chunks: Iterable[bytes], *, limits: Limits = DEFAULT_LIMITS, strict: bool = True
) -> Iterator[Event]:
    """Normalized events of one stream, yielded as soon as the chunk completing them is read."""
    adapter = make_adapter(vendor, limits=limits, strict=strict)
    for chunk in chunks:
        yield from adapter.feed(bytes(chunk))
    yield from adapter.close()


def parse(
    vendor: str, chunks: Iterable[bytes], *, limits: Limits = DEFAULT_LIMITS, strict: bool = True
) -> Message:
    """The `Message` of one stream.

    Raises a `StreamError` subclass for input the vendor's protocol does not allow; a body
    cut before the vendor's terminator gives `complete=False` instead.
    """
    # `stream_events` without its generator: the events of each chunk go to the assembler
    # as one list, rather than through a generator frame each (the same events in the same
    # order, and the same errors, since an adapter completes a chunk before any of its events
    # is read). The assembler shares the adapter's tool-call ledger, which has checked and kept
    # every argument fragment by the time the assembler sees it.
    adapter = make_adapter(vendor, limits=limits, strict=strict)
    assembler = Assembler(vendor, limits, ledger=adapter.ledger)
    for chunk in chunks:
        assembler.extend(adapter.feed(bytes(chunk)))
    assembler.extend(adapter.close())
    return assembler.message()


def snapshots(
    vendor: str, chunks: Iterable[bytes], *, limits: Limits = DEFAULT_LIMITS, strict: bool = True
) -> Iterator[Message]:
    """A partial `Message` after every chunk, then the final one (what a live UI shows)."""
    adapter = make_adapter(vendor, limits=limits, strict=strict)
    assembler = Assembler(vendor, limits, ledger=adapter.ledger)
    for chunk in chunks:
        assembler.extend(adapter.feed(bytes(chunk)))
        yield assembler.snapshot()
    assembler.extend(adapter.close())
    yield assembler.message()


def vendor_events(
    vendor: str, chunks: Iterable[bytes], *, limits: Limits = DEFAULT_LIMITS
) -> list[VendorEvent]:
    """Every vendor event of one stream, decoded but not interpreted (for schema checks).

    Decoding is lenient about unknown event types, so that a schema check can report them.
    """
    adapter = make_adapter(vendor, limits=limits, strict=False)
    adapter.vendor_events = []
    for chunk in chunks:
        adapter.feed(bytes(chunk))
    adapter.close()
    return adapter.vendor_events
