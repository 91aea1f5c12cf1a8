"""`conformance import`: turn the recordings a project already keeps into kit cassettes.

An edge (it reads and writes files). It reads vcrpy / pytest-recording cassettes (YAML or
JSON, either of them gzip-compressed) and HAR files, takes each interaction whose response
is a streamed vendor response (`vendor_of`: the request's host and path, `ROUTES`; then the
body must read as that vendor's stream), and writes one kit cassette per interaction into
`<out>/<vendor>/<scenario>.yaml`:

- `scenario` from the source file's name (and the interaction's number when a file holds
  several streams), `source` naming the file and the interaction;
- the body decoded as the client saw it (a `Content-Encoding: gzip`/`deflate` body that
  vcrpy kept compressed is decompressed), request and response scrubbed as the recorder
  scrubs them (`conformance.live.scrub`: credential headers dropped, response headers kept by
  allowlist, anything shaped like a key replaced), then checked for surviving secrets;
- `features` detected from the message and the body;
- `expected` from the kit's reference parser *confirmed by the vendor's official SDK*
  where its oracle is installed (`provenance.expected_for`): `provenance: sdk:<pkg>==<ver>`;
  with no SDK to ask, `provenance: reference` and a warning; when the two disagree, the
  disagreement is reported and the cassette is written without `expected` (the checks that
  compare a parser with itself still run on it), never with a disputed one.

Nothing is overwritten unless `force`; a file that cannot be read is reported, not fatal.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from conformance.api import parse
from conformance.errors import CassetteError, ConformanceError, StreamError
from conformance.formats.cassettes import FEATURES, MAX_CASSETTE_BYTES, Cassette
from conformance.formats.provenance import REFERENCE, ExpectedVerdict, expected_for
from conformance.live.record import write_validated
from conformance.live.scrub import scrub_cassette
from conformance.message import Message
from conformance.oracles._sdk import sdk_error

# (vendor, host pattern, path pattern, query must contain) — the first match wins, so the
# specific routes come before the generic OpenAI-compatible ones. Sources: each vendor's API
# reference (the adapters' module docs name them).
_AWS = r"bedrock-runtime\.[a-z0-9-]+\.amazonaws\.com"
ROUTES: tuple[tuple[str, str, str, str], ...] = (
    ("anthropic", r"api\.anthropic\.com", r"/v1/messages$", ""),
    ("bedrock-converse", _AWS, r"/model/[^/]+/converse-stream$", ""),
    ("bedrock-invoke", _AWS, r"/model/[^/]+/invoke-with-response-stream$", ""),
    ("vertex", r"aiplatform\.googleapis\.com", r":streamGenerateContent$", ""),
    ("gemini", r"generativelanguage\.googleapis\.com", r":streamGenerateContent$", "alt=sse"),
    ("gemini-array", r"generativelanguage\.googleapis\.com", r":streamGenerateContent$", ""),
    ("gemini-interactions", r"generativelanguage\.googleapis\.com", r"/interactions(/[^/]+)?$", ""),
    ("azure-openai", r"\.openai\.azure\.com|\.cognitiveservices\.azure\.com", r"/chat/completions$", ""),
    ("openrouter", r"openrouter\.ai", r"/chat/completions$", ""),
    ("groq", r"api\.groq\.com", r"/chat/completions$", ""),
    ("deepseek", r"api\.deepseek\.com", r"/chat/completions$", ""),
    ("xai", r"api\.x\.ai", r"/chat/completions$", ""),
    ("mistral", r"api\.mistral\.ai", r"/v1/chat/completions$", ""),
    ("cohere", r"api\.cohere\.(com|ai)", r"/v2/chat$", ""),
    ("cohere-v1", r"api\.cohere\.(com|ai)", r"/v1/chat$", ""),
    ("ollama-generate", r".*", r"/api/generate$", ""),
    ("ollama", r".*", r"/api/chat$", ""),
    ("openai-responses", r".*", r"/responses$", ""),
    ("openai-chat", r".*", r"/chat/completions$", ""),
)  # fmt: skip

STREAM_TYPES = (
    "text/event-stream",
    "application/x-ndjson",
    "application/stream+json",  # Cohere v1
    "application/vnd.amazon.eventstream",
)
"""Response content types of a streamed response (Gemini's JSON array is `application/json`)."""


@dataclass(frozen=True)
class Recording:
    """One interaction read from a source file."""

    source: str
    interaction: int
    method: str
    uri: str
    request_headers: Mapping[str, list[str]]
    request_body: str | None
    status: int
    response_headers: Mapping[str, list[str]]
    body: bytes


@dataclass
class Imported:
    """What happened to one recording: written (`path`), or skipped, and why."""

    recording: Recording
    vendor: str | None = None
    path: Path | None = None
    provenance: str | None = None
    skipped: str = ""
    warnings: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)


# -- reading source files ------------------------------------------------------------------


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


def _header(headers: Mapping[str, list[str]], name: str) -> str:
    for key, values in headers.items():
        if key.lower() == name and values:
            return values[0]
    return ""


def _decoded(body: bytes, headers: Mapping[str, list[str]]) -> bytes:
    """The body as the client read it: a gzip/deflate body kept compressed is decompressed
    (vcrpy keeps it so unless `decode_compressed_response`); HAR holds it decoded already."""
    encoding = _header(headers, "content-encoding").lower()
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


# -- finding streams -------------------------------------------------------------------------


def vendor_of(recording: Recording) -> str | None:
    """The vendor whose streaming endpoint the request went to (`ROUTES`), or None."""
    parts = urlsplit(recording.uri)
    host, path = parts.hostname or "", parts.path.rstrip("/")
    for vendor, host_pattern, path_pattern, query in ROUTES:
        if re.fullmatch(host_pattern, host) and re.search(path_pattern, path):
            if query and query not in parts.query:
                continue
            return vendor
    return None


def looks_streamed(recording: Recording, vendor: str) -> bool:
    """The response is a stream: a streaming content type, or (Gemini's array, servers that
    send no type) a body that opens like one."""
    kind = _header(recording.response_headers, "content-type").lower()
    if any(t in kind for t in STREAM_TYPES):
        return True
    head = recording.body.lstrip()[:16]
    if vendor == "gemini-array":
        return head.startswith(b"[")
    return head.startswith((b"data:", b"event:", b":"))


# -- writing kit cassettes ---------------------------------------------------------------------


def scenario_name(recording: Recording, several: bool) -> str:
    """`<source file stem>` (`-<interaction>` when the file holds several streams), as a file stem."""
    stem = Path(recording.source).name
    for suffix in (".gz", ".yaml", ".yml", ".json", ".har"):
        stem = stem.removesuffix(suffix)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("._-") or "recording"
    return f"{name}-{recording.interaction}" if several else name


def features_of(message: Message, body: bytes, vendor: str) -> list[str]:
    """The cassette features (`cassettes.FEATURES`) the stream exercises, read off its message and body."""
    found = set()
    found |= {"text"} if message.text else set()
    found |= {"reasoning"} if message.reasoning else set()
    found |= {"refusal"} if message.refusal else set()
    if message.tool_calls:
        found |= {"tool_calls", "parallel_tool_calls"} if len(message.tool_calls) > 1 else {"tool_calls"}
    found |= {"usage"} if message.usage else set()
    found |= {"error"} if message.error else set()
    found |= {"truncated"} if not message.complete and not message.error else set()
    found |= {"content_filter"} if message.stop_reason == "content_filter" else set()
    found |= {"server_tools"} if message.server_tool_calls or message.server_tool_results else set()
    found |= {"citations"} if message.citations else set()
    try:
        body.decode("ascii")
    except UnicodeDecodeError:
        if not vendor.startswith("bedrock"):  # binary frames are not text
            found.add("non_ascii")
    if re.search(rb"(^|\n):|event: ping", body):
        found.add("keepalive")
    return sorted(found & FEATURES)


def to_cassette(recording: Recording, vendor: str, scenario: str) -> Cassette:
    """The recording as a kit cassette (not yet scrubbed, no expected)."""
    headers = {
        k: v
        for k, v in recording.response_headers.items()
        if k.lower() not in ("content-length", "content-encoding")
    }
    return Cassette(
        path=None,
        vendor=vendor,
        scenario=scenario,
        method=recording.method,
        uri=recording.uri,
        request_headers=dict(recording.request_headers),
        request_body=recording.request_body,
        status=recording.status,
        response_headers=headers,
        body=recording.body,
        metadata={
            "description": f"imported from {recording.source}, interaction {recording.interaction}",
            "source": f"{recording.source}#interaction={recording.interaction}",
        },
    )


def import_paths(paths: Iterable[Path], out: Path, *, force: bool = False) -> list[Imported]:
    """Import every streamed vendor response in `paths` into `out` (see the module docstring).

    A source file that cannot be read is reported as a skipped entry with its reason.
    """
    results: list[Imported] = []
    for path in paths:
        try:
            recordings = read_recordings(path)
        except (CassetteError, OSError) as exc:
            empty = Recording(str(path), -1, "", "", {}, None, 0, {}, b"")
            results.append(Imported(empty, skipped=f"not read: {exc}"))
            continue
        streamed = [(r, v) for r in recordings if (v := vendor_of(r)) is not None and looks_streamed(r, v)]
        for recording in recordings:
            if not any(r is recording for r, _ in streamed):
                results.append(
                    Imported(recording, skipped="not a streamed response of a known vendor endpoint")
                )
        for recording, vendor in streamed:
            results.append(_import_one(recording, vendor, out, several=len(streamed) > 1, force=force))
    return results


def _import_one(recording: Recording, vendor: str, out: Path, *, several: bool, force: bool) -> Imported:
    result = Imported(recording, vendor)
    scenario = scenario_name(recording, several)
    target = out / vendor / f"{scenario}.yaml"
    if target.exists() and not force:
        result.skipped = f"{target} exists (use --force to overwrite)"
        return result
    cassette = scrub_cassette(to_cassette(recording, vendor, scenario))
    try:
        message = parse(vendor, [cassette.body])
    except StreamError as exc:
        result.skipped = f"the body does not read as a {vendor} stream: {exc}"
        return result
    try:
        verdict = expected_for(vendor, [cassette.body])
    except Exception as exc:  # an SDK that crashes on a body has not vouched for it
        verdict = ExpectedVerdict(
            message.to_dict(), REFERENCE, disagreements=[f"the SDK oracle raised {sdk_error(exc)}"]
        )
    metadata = dict(cassette.metadata)
    metadata["features"] = features_of(message, cassette.body, vendor)
    if same_error(verdict, message):
        result.warnings.append(f"{verdict.disagreements[0]}, with the error the reference parser reports")
        verdict = replace(verdict, disagreements=[])
    if verdict.disagreements:
        result.disagreements = list(verdict.disagreements)
        result.warnings.append(
            "the official SDK disagrees with the reference parser: written without expected"
        )
    else:
        metadata["expected"] = verdict.expected
        metadata["provenance"] = result.provenance = verdict.provenance
        if verdict.warning:
            result.warnings.append(verdict.warning)
    cassette = replace(cassette, metadata=metadata)
    try:
        write_validated(cassette, target)
    except ConformanceError as exc:
        result.skipped = f"not written: {exc}"
        return result
    result.path = target
    return result


def same_error(verdict: ExpectedVerdict, message: Message) -> bool:
    """The SDK raised on an error stream, and the error it carried is the one we report: it
    agrees (the recorder refuses error streams; a project's recordings often hold them)."""
    raised = [d for d in verdict.disagreements if d.startswith("the SDK raised ")]
    others = [d for d in verdict.disagreements if d not in raised]
    error = verdict.sdk_answer.get("error")
    return bool(raised) and not others and message.error is not None and error == dict(message.error)


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
