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
        provenance: hand             # where `expected` came from: hand | sdk:<pkg>==<ver> | reference
        expected: {…}                # the expected Message, as Message.to_dict() gives it
        chunk_times_ms: [0, 412, …]  # optional: arrival time of each chunk (see below)
        chunks: [120, 88, …]         # optional: byte length of each recorded chunk

Loading uses safe YAML only (no Python tags are constructed; a cassette is data, never
code) and refuses files over `MAX_CASSETTE_BYTES`.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from conformance.errors import CassetteError
from conformance.formats.provenance import is_valid as is_valid_provenance
from conformance.message import Message

FEATURES = frozenset(
    {
        "text",
        "reasoning",
        "tool_calls",
        "parallel_tool_calls",
        "usage",
        "error",
        "truncated",
        "keepalive",
        "non_ascii",
        "refusal",
        "content_filter",
        "server_tools",
        "citations",
    }
)
"""What a cassette's `features` may name: what a parser must support for it."""


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
    `CassetteError` with the path and the reason.

    Whatever the file holds, the outcome is a `Cassette` or a `CassetteError`, in time
    and memory bounded by `MAX_CASSETTE_BYTES`: only a regular file is read (a directory, a
    FIFO or a device is refused before reading), at most the limit plus one byte of it;
    YAML that does not construct (an integer over Python's digit limit, a bad date, nesting
    past the recursion limit) names its line; aliases may share a value but not expand
    the document past `MAX_EXPANDED_SIZE` or make a value contain itself; every field
    the kit reads must have its documented type (that `chunks` and `chunk_times_ms` add up
    to the body is `timing.validate_timings`' to say, when they are used for pacing).
    """
    path = resolve_cassette(path)
    text = _read_regular_file(path)
    try:
        document = yaml.load(text, Loader=_CassetteLoader)
    except yaml.YAMLError as exc:
        reason = re.sub(r"\s*\n\s*", "; ", str(exc).strip())  # one line: the YAML mark included
        raise CassetteError(f"{path}: not a loadable YAML cassette (safe YAML only): {reason}") from None
    except RecursionError:
        raise CassetteError(f"{path}: not a loadable YAML cassette: nested too deeply") from None
    except ValueError as exc:  # a scalar the safe constructor cannot build (a date like 2024-13-45)
        raise CassetteError(f"{path}: not a loadable YAML cassette: {exc}") from None
    check_expansion(document, str(path))
    return cassette_from_dict(document, path=path)


_FILE_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def _read_regular_file(path: Path) -> bytes:
    """At most `MAX_CASSETTE_BYTES` + 1 bytes of `path`, which must be a regular file.

    Opened non-blocking, so that a FIFO does not wait for a writer, and checked with
    `fstat` on the open file (a symlink to /dev/zero reports size 0: its size says nothing).
    """
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise CassetteError(f"{path}: cannot read cassette: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _FILE_KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise CassetteError(f"{path}: cannot read cassette: {kind}, not a regular file")
        if info.st_size > MAX_CASSETTE_BYTES:
            raise CassetteError(
                f"{path}: cassette of {info.st_size} bytes is over the {MAX_CASSETTE_BYTES}-byte limit"
            )
        # Reads ask for what fstat promised plus one byte (then 64 KiB at a time), never for
        # the whole limit: `os.read(fd, n)` allocates n bytes before it reads.
        pieces: list[bytes] = []
        read = 0
        while read <= MAX_CASSETTE_BYTES:
            want = min(MAX_CASSETTE_BYTES + 1 - read, max(info.st_size + 1 - read, 64 * 1024))
            piece = os.read(fd, want)
            if not piece:
                break
            pieces.append(piece)
            read += len(piece)
    except OSError as exc:
        raise CassetteError(f"{path}: cannot read cassette: {exc.strerror}") from None
    finally:
        os.close(fd)
    if read > MAX_CASSETTE_BYTES:  # a file that grew since fstat, or whose size says nothing
        raise CassetteError(f"{path}: cassette is over the {MAX_CASSETTE_BYTES}-byte limit")
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


class _CassetteLoader(_SAFE_LOADER):  # type: ignore[misc,valid-type]
    """Safe YAML, with an integer Python will not convert reported at its line and column."""


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    try:
        return int(yaml.constructor.SafeConstructor.construct_yaml_int(loader, node))
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"an integer of more than {sys.get_int_max_str_digits()} digits, over Python's limit "
            "(sys.set_int_max_str_digits)",
            node.start_mark,
        ) from None


_CassetteLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)

MAX_EXPANDED_SIZE = 2 * MAX_CASSETTE_BYTES
"""How large a loaded cassette may be with its YAML aliases expanded (characters of text and
bytes, plus one per value). Without aliases a document is no larger than its file; an alias
may share a value (PyYAML's dumper writes one wherever one object appears twice), but a few
lines of aliases of aliases expand exponentially (an "alias bomb"), which anything that
walks or prints the value would pay for."""


def check_expansion(document: Any, where: str) -> None:
    """Raise `CassetteError` if `document`, aliases expanded, is over `MAX_EXPANDED_SIZE` or
    contains itself, naming the field. Linear in the loaded values: each container's
    expanded size is computed once, by identity."""
    sizes: dict[int, int] = {}
    entered: set[int] = set()  # containers being sized: the path from the root to here
    stack: list[tuple[Any, _Path, bool]] = [(document, None, False)]
    while stack:
        value, path, done = stack.pop()
        if not isinstance(value, _CONTAINERS):
            continue
        key = id(value)
        if done:
            entered.discard(key)
            sizes[key] = 1 + sum(_size(child, sizes) for _, child in _items(value))
        elif key in entered:
            raise CassetteError(f"{where}: {_field(path)}: a YAML alias makes this value contain itself")
        elif key not in sizes:
            entered.add(key)
            stack.append((value, path, True))
            stack.extend((child, (label, path), False) for label, child in _items(value))
    if _size(document, sizes) <= MAX_EXPANDED_SIZE:
        return
    path, value = None, document  # descend to the deepest value over the bound by itself
    while True:
        over = [(label, child) for label, child in _items(value) if _size(child, sizes) > MAX_EXPANDED_SIZE]
        if not over:
            break
        label, value = over[0]
        path = (label, path)
    raise CassetteError(
        f"{where}: {_field(path)}: YAML aliases expand this value to {_size(value, sizes)} "
        f"characters, over {MAX_EXPANDED_SIZE}"
    )


_CONTAINERS = (dict, list, tuple, set, frozenset)
_Path = tuple[str, Any] | None  # (label, parent path): shared, so each push costs O(1)


def _items(value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [(f"<key {i}>", k) for i, k in enumerate(value)] + [(str(k), v) for k, v in value.items()]
    if isinstance(value, _CONTAINERS):
        return [(f"[{i}]", v) for i, v in enumerate(value)]
    return []


def _size(value: Any, sizes: dict[int, int]) -> int:
    if isinstance(value, _CONTAINERS):
        return sizes[id(value)]
    return len(value) if isinstance(value, (str, bytes)) else 1


def _field(path: _Path) -> str:
    labels: list[str] = []
    while path is not None:
        label, path = path
        labels.append(label if label.startswith("[") else f".{label}")
    return "".join(reversed(labels)).lstrip(".") or "the document"


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
        code = response["status"]["code"]
    except (KeyError, TypeError) as exc:
        raise CassetteError(f"{where}: interaction is missing {exc}") from None
    if not isinstance(request, dict) or not isinstance(response, dict):
        raise CassetteError(f"{where}: the interaction's request and response must be mappings")
    try:
        status = int(code) if isinstance(code, (int, str)) and not isinstance(code, bool) else 0
    except ValueError:
        status = 0
    if not 100 <= status <= 599:
        raise CassetteError(f"{where}: response.status.code is {_short(code)}, not an HTTP status (100-599)")
    for name, kinds in (("method", (str,)), ("uri", (str,)), ("body", (str, bytes, type(None)))):
        if not isinstance(request.get(name, ""), kinds):
            raise CassetteError(f"{where}: request.{name} must be text, not {_kind(request.get(name))}")
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
    check_metadata(meta, where)
    if "provenance" in meta and not is_valid_provenance(meta["provenance"]):
        raise CassetteError(
            f"{where}: metadata.conformance.formats.provenance must be hand, reference or "
            f"sdk:<package>==<version>, not {str(meta['provenance'])[:80]!r}"
        )
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


# -- metadata types ----------------------------------------------------------------------------
# What each field of `metadata.conformance` the kit reads may hold, as (test, description);
# absent is always fine, and fields not named here (added by newer kits) are kept unread.


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _scalar_name(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def _text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number_list(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
    )


def _json_value(value: Any) -> bool:
    """A value JSON can hold: what tool-call arguments are (no dates, sets or binary)."""
    stack = [value]
    while stack:  # a loop, not recursion: nesting depth is the YAML's
        item = stack.pop()
        if isinstance(item, dict):
            if not all(isinstance(key, str) for key in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif not (item is None or isinstance(item, (str, int, float))):
            return False
    return True


Check = tuple[Callable[[Any], bool], str]


def _mapping_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


METADATA_FIELDS: dict[str, Check] = {
    "vendor": (_scalar_name, "text"),
    "scenario": (_scalar_name, "text"),
    "description": (_optional_text, "text"),
    "features": (lambda v: v is None or _text_list(v), "a list of feature names"),
    "source": (lambda v: v is None or _text(v) or _text_list(v), "a URL or a list of URLs"),
    "expected": (lambda v: v is None or isinstance(v, dict), "a Message mapping (Message.to_dict())"),
    "chunks": (
        lambda v: v is None or (isinstance(v, list) and all(_int(n) and n > 0 for n in v)),
        "a list of positive byte lengths",
    ),
    "chunk_times_ms": (lambda v: v is None or _number_list(v), "a list of times in ms"),
}
EXPECTED_FIELDS: dict[str, Check] = {
    "vendor": (_text, "text"),
    "text": (_text, "text"),
    "reasoning": (_text, "text"),
    "refusal": (_text, "text"),
    "tool_calls": (lambda v: isinstance(v, list), "a list of tool calls"),
    "stop_reason": (_optional_text, "text or null"),
    "vendor_stop_reason": (_optional_text, "text or null"),
    "usage": (
        lambda v: v is None or (isinstance(v, dict) and all(_text(k) and _int(n) for k, n in v.items())),
        "null or a mapping of names to integers",
    ),
    "error": (
        lambda v: v is None or (isinstance(v, dict) and all(_text(k) and _text(t) for k, t in v.items())),
        "null or a mapping of names to text",
    ),
    "complete": (lambda v: isinstance(v, bool), "true or false"),
    "server_tool_calls": (_mapping_list, "a list of server tool calls"),
    "server_tool_results": (_mapping_list, "a list of server tool results"),
    "citations": (lambda v: _mapping_list(v) and _json_value(v), "a list of JSON objects (citations)"),
    "signatures": (
        lambda v: isinstance(v, list) and all(isinstance(s, dict) and set(s) == {"kind", "value"} for s in v),
        "a list of {kind, value} signatures",
    ),
}
TOOL_CALL_FIELDS: dict[str, Check] = {
    "id": (_optional_text, "text or null"),
    "name": (_text, "text"),
    "arguments": (_json_value, "a JSON value"),
    "arguments_json": (_optional_text, "text or null"),
    "signature": (_optional_text, "text or null"),
}
TOOL_RESULT_FIELDS: dict[str, Check] = {
    "tool_use_id": (_optional_text, "text or null"),
    "type": (_text, "text"),
    "content": (_json_value, "a JSON value"),
}
# The lists of records in `expected`: field -> (each record's fields, the one it must have).
RECORD_LISTS: dict[str, tuple[Mapping[str, Check], str]] = {
    "tool_calls": (TOOL_CALL_FIELDS, "name"),
    "server_tool_calls": (TOOL_CALL_FIELDS, "name"),
    "server_tool_results": (TOOL_RESULT_FIELDS, "type"),
}


def check_metadata(meta: Mapping[str, Any], where: str) -> None:
    """Raise `CassetteError` naming the field and the file if a field of `metadata.conformance`
    the kit reads has the wrong type, so that no later use of it ends in a traceback."""
    _check_fields(meta, METADATA_FIELDS, "metadata.conformance", where, closed=False)
    expected = meta.get("expected")
    if expected is None:
        return
    _check_fields(expected, EXPECTED_FIELDS, "metadata.conformance.expected", where, closed=True)
    if "vendor" not in expected:
        raise CassetteError(f"{where}: metadata.conformance.expected needs a 'vendor'")
    for list_name, (table, required) in RECORD_LISTS.items():
        for i, record in enumerate(expected.get(list_name) or ()):
            field_path = f"metadata.conformance.expected.{list_name}[{i}]"
            if not isinstance(record, dict):
                raise CassetteError(f"{where}: {field_path} must be a mapping, not {_kind(record)}")
            _check_fields(record, table, field_path, where, closed=True)
            if required not in record:
                raise CassetteError(f"{where}: {field_path} needs a {required!r}")


def _check_fields(
    data: Mapping[str, Any], table: Mapping[str, Check], prefix: str, where: str, *, closed: bool
) -> None:
    for name, value in data.items():
        check = table.get(name) if isinstance(name, str) else None
        if check is None:
            if closed:
                raise CassetteError(f"{where}: {prefix} has an unknown field {_short(name)}")
            continue
        test, kind = check
        if not test(value):
            raise CassetteError(f"{where}: {prefix}.{name} must be {kind}, not {_short(value)}")


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _short(value: Any) -> str:
    """A value for an error message: its repr if short, else its type (never expanded)."""
    if isinstance(value, (str, bytes, int, float, bool)) or value is None:
        text = repr(value) if not isinstance(value, int) or value.bit_length() < 64 else "a long integer"
        return text if len(text) <= 40 else f"{text[:37]}..."
    return f"a {type(value).__name__}"


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
    from conformance.formats.bundled import bundled_path

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
