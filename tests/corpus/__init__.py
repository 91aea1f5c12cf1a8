"""The corpus of broken streams: `manifest.yaml` read into `Entry` objects.

Each entry is a body, how to cut it, and the outcome it must give (see the comment at the
top of `manifest.yaml` for the format). Bodies are written as a list of segments so that
they stay readable and small: text, hex bytes, SSE events and NDJSON lines built from YAML
values, AWS event-stream frames, compressed segments, and `repeat` recipes for the big ones
(a 10 MB line, 100,000 events), which are generated here, never committed.
"""

from __future__ import annotations

import gzip
import itertools
import json
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from conformance.framing.eventstream import encode_message
from conformance.limits import DEFAULT_LIMITS, Limits

MANIFEST = Path(__file__).with_name("manifest.yaml")

Chunking = str | Mapping[str, Any]


@dataclass(frozen=True)
class Entry:
    id: str
    vendor: str
    description: str
    body: bytes
    outcome: Mapping[str, Any]
    chunkings: tuple[Chunking, ...] = ("whole", "bytes")
    limits: Limits = DEFAULT_LIMITS
    strict: bool = True
    xfail: str | None = None
    found_by: str | None = None


def load_corpus(path: Path = MANIFEST) -> list[Entry]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = [_entry(raw) for raw in document["entries"]]
    ids = [e.id for e in entries]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate corpus ids: {sorted(duplicates)}")
    return entries


_KEYS = frozenset(
    {"id", "vendor", "description", "body", "outcome", "chunkings", "limits", "strict", "xfail", "found_by"}
)


def _entry(raw: Mapping[str, Any]) -> Entry:
    unknown = set(raw) - _KEYS
    if unknown:
        raise ValueError(f"corpus entry {raw.get('id')!r}: unknown keys {sorted(unknown)}")
    body = build_body(raw["body"])
    default_chunkings = ("whole", "bytes") if len(body) <= 64 * 1024 else ("whole", {"every": 65536})
    return Entry(
        id=raw["id"],
        vendor=raw["vendor"],
        description=raw["description"],
        body=body,
        outcome=raw["outcome"],
        chunkings=tuple(raw.get("chunkings", default_chunkings)),
        limits=Limits(**raw.get("limits", {})),
        strict=raw.get("strict", True),
        xfail=raw.get("xfail"),
        found_by=raw.get("found_by"),
    )


# -- bodies ----------------------------------------------------------------------------------


def build_body(spec: Any) -> bytes:
    """Bytes from a segment or a list of segments (see manifest.yaml)."""
    if isinstance(spec, list):
        return b"".join(build_body(part) for part in spec)
    if isinstance(spec, str):
        return spec.encode("utf-8")
    if not isinstance(spec, dict) or len(spec.keys() - {"times", "eol"}) != 1:
        raise ValueError(f"not a body segment: {spec!r}")
    (kind,) = spec.keys() - {"times", "eol"}
    value = spec[kind]
    if kind == "hex":
        return bytes.fromhex(value)
    if kind == "repeat":
        return build_body(value) * int(spec["times"])
    if kind == "sse":
        eol = spec.get("eol", "\n").encode()
        lines = [] if "event" not in value else [b"event: " + str(value["event"]).encode()]
        lines.append(b"data: " + payload(value["data"]))
        return eol.join(lines) + eol + eol
    if kind == "ndjson":
        return payload(value) + b"\n"
    if kind == "frame":
        return encode_message(value["headers"], payload(value.get("payload", "")))
    if kind == "gzip":
        return gzip.compress(build_body(value), mtime=0)
    if kind == "zlib":
        return zlib.compress(build_body(value))
    if kind == "deflate":  # raw deflate: no zlib header, no checksum
        compressor = zlib.compressobj(wbits=-15)
        return compressor.compress(build_body(value)) + compressor.flush()
    raise ValueError(f"unknown body segment {kind!r}")


def payload(value: Any) -> bytes:
    """A payload: a string as it is (its UTF-8 bytes), anything else as compact JSON.

    Inside a JSON value, `{$repeat: s, times: n}` is the string `s * n` and `{$concat: [..]}`
    the strings joined, so that big strings (a tool argument 10,000 levels deep) stay recipes;
    a payload that is such a recipe is a string, so it is taken as it is too.
    """
    value = _expand(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _expand(value: Any) -> Any:
    if isinstance(value, dict):
        if "$repeat" in value:
            return str(value["$repeat"]) * int(value["times"])
        if "$concat" in value:
            return "".join(_expand(part) for part in value["$concat"])
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v) for v in value]
    return value


# -- chunkings -------------------------------------------------------------------------------


def chunks_of(body: bytes, chunking: Chunking) -> Iterator[bytes]:
    """`body` cut as `chunking` says: `whole`, `bytes` (one byte each), `{every: n}`, `{at: [..]}`."""
    if chunking == "whole":
        yield body
    elif chunking == "bytes":
        yield from (body[i : i + 1] for i in range(len(body)))
    elif isinstance(chunking, Mapping) and "every" in chunking:
        size = int(chunking["every"])
        yield from (body[i : i + size] for i in range(0, len(body), size))
    elif isinstance(chunking, Mapping) and "at" in chunking:
        edges = [0, *sorted(int(c) for c in chunking["at"]), len(body)]
        yield from (body[a:b] for a, b in itertools.pairwise(edges) if b > a)
    else:
        raise ValueError(f"unknown chunking {chunking!r}")


def chunking_id(chunking: Chunking) -> str:
    if isinstance(chunking, str):
        return chunking
    return ",".join(f"{k}={v}" for k, v in chunking.items())
