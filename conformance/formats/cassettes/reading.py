"""Loading and validating a cassette: a regular file of bounded size, safe YAML only (a
cassette is data, never code), aliases bounded (no "alias bomb" expands it exponentially),
every field the kit reads of its documented type; the outcome is a `Cassette` or a
`CassetteError` naming the file and the reason."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import yaml

from conformance.errors import CassetteError
from conformance.formats.cassettes.fields import check_metadata, kind_of, short
from conformance.formats.cassettes.finding import iter_cassette_paths, resolve_cassette
from conformance.formats.cassettes.model import Cassette
from conformance.formats.provenance import is_valid as is_valid_provenance

MAX_CASSETTE_BYTES = 32 * 1024 * 1024
"""Cassettes larger than this are refused before parsing."""

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    return _PARSED.get(path, text)


class _ParsedCassettes:
    """The cassettes parsed last, by path and content: a suite class, each pytest module and
    `load_cassettes` of a directory all load the bundled cassettes, and YAML parsing is most
    of a load. Keyed by a digest of the bytes, not the modification time (which a rewrite
    within the clock's tick leaves unchanged), so an edited file is parsed again. Bounded:
    `MAX_ENTRIES` cassettes of at most `MAX_BYTES` each (a larger one is parsed every time).
    The `Cassette` is frozen; callers share it."""

    MAX_ENTRIES = 256
    MAX_BYTES = 256 * 1024

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple[Path, bytes], Cassette] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, path: Path, text: bytes) -> Cassette:
        if len(text) > self.MAX_BYTES:
            return _parse_cassette(path, text)
        key = (path, hashlib.blake2b(text, digest_size=16).digest())
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        cassette = _parse_cassette(path, text)  # outside the lock: errors propagate, uncached
        with self._lock:
            self._entries[key] = cassette
            if len(self._entries) > self.MAX_ENTRIES:
                self._entries.popitem(last=False)
        return cassette


_PARSED = _ParsedCassettes()


def _parse_cassette(path: Path, text: bytes) -> Cassette:
    """The cassette `text` (read from `path`) holds, or `CassetteError`."""
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


class _CassetteLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]
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
        raise CassetteError(f"{where}: response.status.code is {short(code)}, not an HTTP status (100-599)")
    for name, kinds in (("method", (str,)), ("uri", (str,)), ("body", (str, bytes, type(None)))):
        if not isinstance(request.get(name, ""), kinds):
            raise CassetteError(f"{where}: request.{name} must be text, not {kind_of(request.get(name))}")
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


def load_cassettes(
    directory: str | os.PathLike[str] | None = None, *, vendor: str | None = None
) -> list[Cassette]:
    """Every cassette under `directory` (default: bundled), sorted by id."""
    return [load_cassette(p) for p in iter_cassette_paths(directory, vendor=vendor)]
