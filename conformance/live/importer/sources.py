"""Reading the recordings a project keeps: vcrpy / pytest-recording cassettes (YAML or JSON,
either gzip-compressed, bounded in size) and HAR files, each interaction as a `Recording`
with the body as the client read it (a gzip/deflate body vcrpy kept compressed is
decompressed); `expand` finds them in folders."""

from __future__ import annotations

import base64
import gzip
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from conformance.errors import CassetteError
from conformance.formats.cassettes import MAX_CASSETTE_BYTES


@dataclass(frozen=True)
class Recording:
    """One interaction read from a source file."""

    source: str
    """The file it was read from."""
    interaction: int
    """Its index among the file's interactions (-1: the file could not be read)."""
    method: str
    uri: str
    """The request URL (vcrpy's `uri`, HAR's `url`)."""
    request_headers: Mapping[str, list[str]]
    request_body: str | None
    status: int
    response_headers: Mapping[str, list[str]]
    body: bytes
    """The response body as the client read it (a compressed one decompressed)."""


def read_recordings(path: Path) -> list[Recording]:
    """Every interaction in a vcrpy/pytest-recording cassette (YAML or JSON, maybe gzipped)
    or a HAR file; `CassetteError` naming the file when it is none of these."""
    raw = path.read_bytes()
    if len(raw) > MAX_CASSETTE_BYTES:
        raise CassetteError(f"{path}: over {MAX_CASSETTE_BYTES} bytes; not read")
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = _bounded_gunzip(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise CassetteError(f"{path}: a gzip file that does not decompress: {exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CassetteError(f"{path}: neither UTF-8 text nor gzip") from None
    data = _load(text, path)
    if isinstance(data, dict) and isinstance(data.get("log"), dict):
        return list(_har(data["log"], str(path)))
    if isinstance(data, dict) and isinstance(data.get("interactions"), list):
        return list(_vcr(data["interactions"], str(path)))
    raise CassetteError(f"{path}: not a vcrpy cassette (no 'interactions') nor a HAR file (no 'log')")


def _bounded_gunzip(raw: bytes) -> bytes:
    decompressor = zlib.decompressobj(wbits=31)
    out = decompressor.decompress(raw, MAX_CASSETTE_BYTES + 1)
    if len(out) > MAX_CASSETTE_BYTES:
        raise OSError(f"decompresses to over {MAX_CASSETTE_BYTES} bytes")
    return out


def _load(text: str, path: Path) -> Any:
    if text.lstrip()[:1] in ("{", "["):
        try:
            return json.loads(text)
        except ValueError as exc:
            raise CassetteError(f"{path}: invalid JSON: {exc}") from None
    try:
        return yaml.safe_load(text)  # safe: a recording is data, never code
    except yaml.YAMLError as exc:
        raise CassetteError(f"{path}: invalid YAML: {exc}") from None


def _vcr(interactions: list[Any], source: str) -> Iterator[Recording]:
    for n, entry in enumerate(interactions):
        request, response = entry.get("request") or {}, entry.get("response") or {}
        status = response.get("status")
        code = status.get("code") if isinstance(status, dict) else status
        headers = _headers_map(response.get("headers"))
        body = _vcr_body(response.get("body"))
        yield Recording(
            source=source,
            interaction=n,
            method=str(request.get("method", "POST")).upper(),
            uri=str(request.get("uri", "")),
            request_headers=_headers_map(request.get("headers")),
            request_body=_text(_vcr_body(request.get("body"))) if request.get("body") else None,
            status=int(code) if isinstance(code, int) else 200,
            response_headers=headers,
            body=_decoded(body, headers),
        )


def _vcr_body(body: Any) -> bytes:
    if isinstance(body, dict):
        body = body.get("string", b"")
    if isinstance(body, str):
        return body.encode("utf-8")
    return body if isinstance(body, bytes) else b""


def _har(log: Mapping[str, Any], source: str) -> Iterator[Recording]:
    for n, entry in enumerate(log.get("entries") or []):
        request, response = entry.get("request") or {}, entry.get("response") or {}
        content = response.get("content") or {}
        text = content.get("text") or ""
        body = base64.b64decode(text) if content.get("encoding") == "base64" else text.encode("utf-8")
        headers = _headers_list(response.get("headers"))
        post = request.get("postData") or {}
        yield Recording(
            source=source,
            interaction=n,
            method=str(request.get("method", "POST")).upper(),
            uri=str(request.get("url", "")),
            request_headers=_headers_list(request.get("headers")),
            request_body=post.get("text"),
            status=int(response.get("status") or 200),
            response_headers=headers,
            body=_decoded(body, headers),
        )


def _headers_map(headers: Any) -> dict[str, list[str]]:
    if not isinstance(headers, dict):
        return {}
    return {str(k): [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in headers.items()}


def _headers_list(headers: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in headers or []:
        if isinstance(entry, dict) and "name" in entry:
            out.setdefault(str(entry["name"]), []).append(str(entry.get("value", "")))
    return out


def header_value(headers: Mapping[str, list[str]], name: str) -> str:
    for key, values in headers.items():
        if key.lower() == name and values:
            return values[0]
    return ""


def _decoded(body: bytes, headers: Mapping[str, list[str]]) -> bytes:
    """The body as the client read it: a gzip/deflate body kept compressed is decompressed
    (vcrpy keeps it so unless `decode_compressed_response`); HAR holds it decoded already."""
    encoding = header_value(headers, "content-encoding").lower()
    try:
        if encoding == "gzip" and body[:2] == b"\x1f\x8b":
            return gzip.decompress(body)
        if encoding == "deflate" and body:
            try:
                return zlib.decompress(body)
            except zlib.error:
                return zlib.decompress(body, -zlib.MAX_WBITS)  # raw deflate, as some servers send
    except (OSError, EOFError, zlib.error):
        return body  # not compressed after all (decoded on recording): the parser will say
    return body


def _text(body: bytes) -> str:
    return body.decode("utf-8", "replace")


def expand(paths: Iterable[Path]) -> list[Path]:
    """The files named, with directories searched for `*.yaml`, `*.yml`, `*.json`, `*.har` and
    their `.gz` forms."""
    out: list[Path] = []
    patterns = ("*.yaml", "*.yml", "*.json", "*.har", "*.yaml.gz", "*.yml.gz", "*.json.gz", "*.har.gz")
    for path in paths:
        if path.is_dir():
            out.extend(sorted({p for pattern in patterns for p in path.rglob(pattern)}))
        else:
            out.append(path)
    return out
