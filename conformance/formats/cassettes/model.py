"""The `Cassette` value: one recorded exchange and the kit's metadata, with the properties
the suite reads (`id`, `expected`, `features`, `recorded_chunks()`…)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.message import Message


@dataclass(frozen=True)
class Cassette:
    """One recorded exchange: the request, the response status, headers and body bytes."""

    path: Path | None
    vendor: str
    scenario: str
    method: str
    uri: str
    request_headers: Mapping[str, list[str]]
    request_body: str | None
    status: int
    response_headers: Mapping[str, list[str]]
    body: bytes
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """`<vendor>/<scenario>`, the name checks and reports use."""
        return f"{self.vendor}/{self.scenario}"

    @property
    def expected(self) -> Message | None:
        raw = self.metadata.get("expected")
        return Message.from_dict(raw) if raw is not None else None

    @property
    def provenance(self) -> str | None:
        """Where `expected` came from (`conformance.formats.provenance`); None when not recorded."""
        raw = self.metadata.get("provenance")
        return str(raw) if raw is not None else None

    @property
    def features(self) -> frozenset[str]:
        return frozenset(self.metadata.get("features") or ())

    @property
    def description(self) -> str:
        return str(self.metadata.get("description") or "")

    @property
    def chunk_times_ms(self) -> list[float] | None:
        times = self.metadata.get("chunk_times_ms")
        return [float(t) for t in times] if times is not None else None

    def recorded_chunks(self) -> list[bytes]:
        """The body split as it was recorded (`chunks` lengths), or whole if not recorded."""
        lengths = self.metadata.get("chunks")
        if not lengths:
            return [self.body]
        out, pos = [], 0
        for n in lengths:
            out.append(self.body[pos : pos + int(n)])
            pos += int(n)
        if pos < len(self.body):
            out.append(self.body[pos:])
        return out
