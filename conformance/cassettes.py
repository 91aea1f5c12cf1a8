"""Cassettes: vcrpy YAML files holding one recorded streaming exchange, plus our metadata.

A cassette is an ordinary vcrpy (format version 1) cassette with one interaction, so vcrpy
can replay it to any httpx/httpx2 client. The kit's own data sits in vcrpy's cassette-level
`metadata` mapping, under `conformance`:

    metadata:
      conformance:
        vendor: anthropic            # adapter id
        scenario: tool_use           # file stem; the cassette id is "<vendor>/<scenario>"
        description: one line on what this stream exercises
        features: [text, tool_calls] # what a parser must support for the checks to apply
        source: https://…            # the documentation the wire format follows (URL or list)
        expected: {…}                # the expected Message, as Message.to_dict() gives it
        chunk_times_ms: [0, 412, …]  # optional: arrival time of each chunk (see below)
        chunks: [120, 88, …]         # optional: byte length of each recorded chunk

Loading uses safe YAML only (no Python tags are constructed; a cassette is data, never
code) and refuses files over `MAX_CASSETTE_BYTES`.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from conformance.errors import CassetteError
from conformance.message import Message

MAX_CASSETTE_BYTES = 32 * 1024 * 1024
"""Cassettes larger than this are refused before parsing."""

_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    def features(self) -> frozenset[str]:
        return frozenset(self.metadata.get("features", ()))

    @property
    def description(self) -> str:
        return str(self.metadata.get("description", ""))

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


CASSETTE_ID = re.compile(r"[a-z0-9][a-z0-9-]*/[A-Za-z0-9_][A-Za-z0-9_.-]*")
"""A bundled cassette's id: `<vendor>/<scenario>`, e.g. `anthropic/tool_use`."""


def is_cassette_id(ref: str | os.PathLike[str]) -> bool:
    """Whether `ref` names a bundled cassette by id rather than a file: it looks like
    `vendor/scenario`, has no `.yaml` suffix and is no existing file."""
    text = os.fspath(ref)
    return (
        bool(CASSETTE_ID.fullmatch(text))
        and Path(text).suffix not in (".yaml", ".yml")
        and not Path(text).exists()
    )


def resolve_cassette(ref: str | os.PathLike[str]) -> Path:
    """A cassette file, from its path or a bundled cassette's id (`anthropic/text`): wherever a
    path is accepted, so that examples work from a `pip install` as from a checkout."""
    if not is_cassette_id(ref):
        return Path(ref)
    text = os.fspath(ref)
    found = bundled_cassette_dir() / f"{text}.yaml"
    if found.is_file():
        return found
    vendor = text.partition("/")[0]
    known = (
        sorted(f"{p.parent.name}/{p.stem}" for p in iter_cassette_paths(vendor=vendor))
        if (bundled_cassette_dir() / vendor).is_dir()
        else []
    )
    hint = (
        f"bundled {vendor} cassettes: {', '.join(known)}"
        if known
        else "`conformance vendors` lists the vendors"
    )
    raise CassetteError(f"{text}: no such file, and no bundled cassette of that id ({hint})")


def load_cassette(path: str | os.PathLike[str]) -> Cassette:
    """Read one cassette file, or a bundled cassette by id (`anthropic/text`). Raises
    `CassetteError` with the path and the reason."""
    path = resolve_cassette(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CassetteError(f"{path}: cannot read cassette: {exc.strerror}") from None
    if size > MAX_CASSETTE_BYTES:
        raise CassetteError(f"{path}: cassette of {size} bytes is over the {MAX_CASSETTE_BYTES}-byte limit")
    try:
        document = yaml.load(path.read_bytes(), Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise CassetteError(f"{path}: not a loadable YAML cassette (safe YAML only): {exc}") from None
    return cassette_from_dict(document, path=path)


def cassette_from_dict(document: Any, *, path: Path | None = None) -> Cassette:
    """Build a `Cassette` from a loaded vcrpy document (one interaction)."""
    where = str(path) if path is not None else "<cassette>"
    if not isinstance(document, dict) or not isinstance(document.get("interactions"), list):
        raise CassetteError(f"{where}: not a vcrpy cassette (no 'interactions' list)")
    interactions = document["interactions"]
    if len(interactions) != 1:
        raise CassetteError(f"{where}: expected one interaction, found {len(interactions)}")
    try:
        request = interactions[0]["request"]
        response = interactions[0]["response"]
        body = response["body"]["string"]
        status = int(response["status"]["code"])
    except (KeyError, TypeError, ValueError) as exc:
        raise CassetteError(f"{where}: interaction is missing {exc}") from None
    if not isinstance(request, dict) or not isinstance(response, dict):
        raise CassetteError(f"{where}: the interaction's request and response must be mappings")
    if isinstance(body, str):
        try:
            body = body.encode("utf-8")  # as vcrpy does (vcr/serializers/compat.py)
        except UnicodeEncodeError as exc:
            reason = f"response body holds text that is not UTF-8: {exc.reason}"
            raise CassetteError(f"{where}: {reason}") from None
    if not isinstance(body, bytes):
        raise CassetteError(f"{where}: response body is neither text nor binary")
    metadata = document.get("metadata") or {}
    meta = metadata.get("conformance") if isinstance(metadata, dict) else None
    meta = meta or {}
    if not isinstance(meta, dict):
        raise CassetteError(f"{where}: metadata.conformance is not a mapping")
    vendor = meta.get("vendor") or (path.parent.name if path is not None else None)
    scenario = meta.get("scenario") or (path.stem if path is not None else None)
    if not vendor or not scenario:
        raise CassetteError(f"{where}: metadata.conformance needs 'vendor' and 'scenario'")
    return Cassette(
        path=path,
        vendor=str(vendor),
        scenario=str(scenario),
        method=str(request.get("method", "POST")),
        uri=str(request.get("uri", "")),
        request_headers=_headers(request.get("headers"), where),
        request_body=request.get("body"),
        status=status,
        response_headers=_headers(response.get("headers"), where),
        body=body,
        metadata=meta,
    )


def _headers(raw: Any, where: str) -> dict[str, list[str]]:
    """Header values must be scalars (or lists of them): stringifying a nested structure would
    expand YAML aliases exponentially (an "alias bomb" far past the file-size limit)."""
    if not isinstance(raw, dict):
        return {}
    out: dict[str, list[str]] = {}
    for name, values in raw.items():
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, (dict, list)):
                raise CassetteError(f"{where}: header {name!r} has a nested value; headers hold text")
            out.setdefault(str(name), []).append(str(value))
    return out


# -- finding cassettes ----------------------------------------------------------------------


def bundled_cassette_dir() -> Path:
    """Where the bundled cassettes are: the checkout's `cassettes/`, or the installed copy."""
    from conformance._bundled import bundled_path

    return bundled_path("cassettes")


def iter_cassette_paths(
    directory: str | os.PathLike[str] | None = None, *, vendor: str | None = None
) -> Iterator[Path]:
    """Cassette files under `directory` (default: the bundled ones), sorted, for `vendor` if given."""
    root = Path(directory) if directory is not None else bundled_cassette_dir()
    pattern = f"{vendor}/*.yaml" if vendor else "*/*.yaml"
    yield from sorted(root.glob(pattern))


def load_cassettes(
    directory: str | os.PathLike[str] | None = None, *, vendor: str | None = None
) -> list[Cassette]:
    """Every cassette under `directory` (default: bundled), sorted by id."""
    return [load_cassette(p) for p in iter_cassette_paths(directory, vendor=vendor)]


# -- writing ---------------------------------------------------------------------------------


class _BlockDumper(yaml.SafeDumper):
    """Writes multi-line text (SSE bodies) as literal block scalars: readable in review."""


class _QuotedDumper(yaml.SafeDumper):
    """Writes multi-line text double-quoted, with escapes: exact for any text."""


def _block_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _quoted_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "\n" in value else None)


_BlockDumper.add_representer(str, _block_str)
_QuotedDumper.add_representer(str, _quoted_str)


def cassette_to_dict(cassette: Cassette) -> dict[str, Any]:
    try:
        body: str | bytes = cassette.body.decode("utf-8")
    except UnicodeDecodeError:
        body = cassette.body  # binary framings (AWS event-stream) stay bytes: YAML !!binary
    return {
        "interactions": [
            {
                "request": {
                    "body": cassette.request_body,
                    "headers": dict(cassette.request_headers),
                    "method": cassette.method,
                    "uri": cassette.uri,
                },
                "response": {
                    "status": {"code": cassette.status, "message": _REASONS.get(cassette.status, "")},
                    "headers": dict(cassette.response_headers),
                    "body": {"string": body},
                },
            }
        ],
        "metadata": {
            "conformance": {"vendor": cassette.vendor, "scenario": cassette.scenario, **cassette.metadata}
        },
        "version": 1,
    }


def dump_cassette(cassette: Cassette) -> str:
    """The cassette as YAML text (what `save_cassette` writes).

    Block scalars are tried first; YAML folds CR, NEL and U+2028/9 inside them and strips
    some trailing white space, so when the body does not read back byte for byte, the
    double-quoted style (exact, with escapes) is used instead.
    """
    data = cassette_to_dict(cassette)
    for dumper in (_BlockDumper, _QuotedDumper):
        text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=4096)
        if cassette_from_dict(yaml.load(text, Loader=_SAFE_LOADER)).body == cassette.body:
            return text
    raise CassetteError(f"{cassette.id}: body does not survive a YAML round trip")


def save_cassette(cassette: Cassette, path: str | os.PathLike[str]) -> None:
    """Write atomically: a temporary file in the same folder, then a rename over `path`.

    A failure at any point leaves an existing cassette at `path` untouched.
    """
    path = Path(path)
    text = dump_cassette(cassette)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a cassette is shared data
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    429: "Too Many Requests",
    500: "Internal Server Error",
    529: "Overloaded",
}
