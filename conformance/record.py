"""Re-recording cassettes against the live APIs (an IO edge: httpx, the clock, files).

Each bundled cassette is also its own *scenario*: its recorded request (method, URL,
headers, body) is what gets sent again, and its metadata says what it exercises. Streams
that cannot be provoked on purpose (a connection cut mid-stream, a vendor error event) are
marked synthetic by their features and are never re-recorded.

A recording is kept only if it is good: it is scrubbed of secrets, parsed by the reference
adapter (strictly), checked against the schemas, must end with the vendor's terminator,
and is then written atomically over the old cassette. Anything less leaves the old file
untouched and says why. Every recording is compared in shape with the one it replaces
(`drift.py`), and the drift is reported whether or not the new one was written.

Record modes follow vcrpy / pytest-recording:
- `none` (default): nothing touches the network; show the plan and the estimated cost.
- `once`: record only scenarios whose cassette does not exist yet in the output folder.
- `new_episodes`: record every scenario; write only those that are new or whose shape drifted.
- `all`: record every scenario and write every good recording.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from conformance.api import parse, vendor_events
from conformance.cassettes import Cassette, save_cassette
from conformance.drift import Drift, diff_shapes, stream_shape
from conformance.errors import ConformanceError, StreamError
from conformance.schemas import check_events
from conformance.scrub import looks_secret, scrub_cassette

RECORD_MODES = ("none", "once", "new_episodes", "all")

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 529})
"""Statuses worth another try: rate limits, overload (Anthropic's 529), transient 5xx."""

SYNTHETIC_FEATURES = frozenset({"truncated", "error"})
"""Cassettes with these features were cut or faked on purpose: they are not re-recorded."""


def _no_auth(key: str) -> dict[str, str]:
    return {}


def _bearer(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


# vendor -> (environment variables, in order of preference; how the key is sent).
# Sources: each vendor's API reference, "Authentication".
CREDENTIALS: dict[str, tuple[tuple[str, ...], Callable[[str], dict[str, str]]]] = {
    "anthropic": (("ANTHROPIC_API_KEY",), lambda key: {"x-api-key": key}),
    "openai-chat": (("OPENAI_API_KEY",), _bearer),
    "openai-responses": (("OPENAI_API_KEY",), _bearer),
    "gemini": (("GEMINI_API_KEY", "GOOGLE_API_KEY"), lambda key: {"x-goog-api-key": key}),
    "gemini-interactions": (("GEMINI_API_KEY", "GOOGLE_API_KEY"), lambda key: {"x-goog-api-key": key}),
    "mistral": (("MISTRAL_API_KEY",), _bearer),
    "cohere": (("CO_API_KEY", "COHERE_API_KEY"), _bearer),
    "groq": (("GROQ_API_KEY",), _bearer),
    "deepseek": (("DEEPSEEK_API_KEY",), _bearer),
    "openrouter": (("OPENROUTER_API_KEY",), _bearer),
    "xai": (("XAI_API_KEY",), _bearer),
    "azure-openai": (("AZURE_OPENAI_API_KEY",), lambda key: {"api-key": key}),
    "vllm": (("VLLM_API_KEY",), _bearer),
    "ollama": ((), _no_auth),
}

# Rough list prices in USD per million tokens (input, output) by model-name prefix, for
# the estimate shown before recording; unknown models use the last, pessimistic row.
PRICES_PER_MTOK: tuple[tuple[str, float, float], ...] = (
    ("claude-haiku", 1.0, 5.0),
    ("claude-sonnet", 3.0, 15.0),
    ("claude-opus", 15.0, 75.0),
    ("gpt-4o-mini", 0.15, 0.6),
    ("gpt-4.1-nano", 0.1, 0.4),
    ("gpt-5-nano", 0.05, 0.4),
    ("gpt-5-mini", 0.25, 2.0),
    ("gemini-2.5-flash-lite", 0.1, 0.4),
    ("gemini-2.5-flash", 0.3, 2.5),
    ("", 5.0, 20.0),
)


class MissingKeyError(ConformanceError):
    """The vendor's API key is not in the environment."""


@dataclass(frozen=True)
class Recording:
    """What came back from one live request, before any checks."""

    status: int
    headers: dict[str, list[str]]
    chunks: list[bytes]
    times_ms: list[float]


@dataclass
class Outcome:
    """The result for one scenario. `status`: written, unchanged, skipped or failed."""

    cassette_id: str
    status: str
    reason: str = ""
    drift: list[Drift] = field(default_factory=list)
    attempts: int = 0

    def __str__(self) -> str:
        return f"{self.cassette_id}: {self.status}" + (f" ({self.reason})" if self.reason else "")


def api_key(vendor: str, env: Mapping[str, str]) -> dict[str, str]:
    """The auth headers for `vendor`, or `MissingKeyError` naming the variable to set."""
    if vendor not in CREDENTIALS:  # e.g. bedrock-converse: AWS SigV4 signing is not implemented
        raise MissingKeyError(
            f"conformance record cannot authenticate {vendor} requests (no credentials scheme for it); "
            "its cassettes are written from the vendor's documentation"
        )
    names, headers = CREDENTIALS[vendor]
    if not names:
        return headers("")
    for name in names:
        if env.get(name):
            return headers(env[name])
    raise MissingKeyError(f"set {' or '.join(names)} to record {vendor} cassettes")


def is_synthetic(cassette: Cassette) -> bool:
    return bool(cassette.features & SYNTHETIC_FEATURES) or bool(cassette.metadata.get("synthetic"))


def estimate_cost_usd(cassettes: Iterable[Cassette]) -> float:
    """A rough upper estimate: input ≈ request bytes / 4 tokens, output = the request's max tokens."""
    total = 0.0
    for cassette in cassettes:
        try:
            request = json.loads(cassette.request_body or "{}")
        except ValueError:
            request = {}
        model = str(request.get("model", "")) if isinstance(request, dict) else ""
        out_tokens = 1024
        if isinstance(request, dict):
            for key in ("max_tokens", "max_completion_tokens", "max_output_tokens"):
                if isinstance(request.get(key), int):
                    out_tokens = request[key]
        in_tokens = len(cassette.request_body or "") / 4
        _, price_in, price_out = next(row for row in PRICES_PER_MTOK if model.startswith(row[0]))
        total += (in_tokens * price_in + out_tokens * price_out) / 1_000_000
    return total


def with_base_url(uri: str, base_url: str | None) -> str:
    """`uri` sent to another host (a local fake vendor, a proxy), path and query kept."""
    if not base_url:
        return uri
    base, parts = urlsplit(base_url), urlsplit(uri)
    return urlunsplit((base.scheme, base.netloc, base.path.rstrip("/") + parts.path, parts.query, ""))


class Recorder:
    """Records scenarios over httpx. `sleep` and `clock` are injectable for tests."""

    def __init__(
        self,
        *,
        mode: str = "none",
        env: Mapping[str, str] | None = None,
        base_url: str | None = None,
        client: httpx.Client | None = None,
        max_attempts: int = 4,
        backoff_s: float = 1.0,
        max_backoff_s: float = 30.0,
        timeout_s: float = 120.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        if mode not in RECORD_MODES:
            raise ValueError(f"record mode must be one of {', '.join(RECORD_MODES)}, not {mode!r}")
        self.mode = mode
        self.env = os.environ if env is None else env
        self.base_url = base_url
        self.client = client or httpx.Client(timeout=httpx.Timeout(timeout_s, connect=10.0))
        self.max_attempts = max_attempts
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.sleep = sleep
        self.clock = clock
        self.progress = progress or (lambda line: None)

    # -- planning ---------------------------------------------------------------------------

    def plan(self, cassettes: Sequence[Cassette], output_dir: Path | None = None) -> list[Cassette]:
        """The scenarios this mode would send (synthetic ones never)."""
        live = [c for c in cassettes if not is_synthetic(c)]
        if self.mode == "none":
            return []
        if self.mode == "once":
            return [c for c in live if not self.target(c, output_dir).exists()]
        return live

    def check_keys(self, cassettes: Iterable[Cassette]) -> None:
        """Raise `MissingKeyError` for the first vendor without a key, before anything is sent."""
        for vendor in sorted({c.vendor for c in cassettes}):
            api_key(vendor, self.env)

    @staticmethod
    def target(cassette: Cassette, output_dir: Path | None) -> Path:
        if output_dir is not None:
            return output_dir / cassette.vendor / f"{cassette.scenario}.yaml"
        if cassette.path is None:
            raise ValueError(f"{cassette.id}: no path to write to; give an output folder")
        return cassette.path

    # -- recording --------------------------------------------------------------------------

    def record_all(self, cassettes: Sequence[Cassette], output_dir: Path | None = None) -> list[Outcome]:
        planned = self.plan(cassettes, output_dir)
        outcomes = []
        for n, cassette in enumerate(planned, start=1):
            started = self.clock()
            outcome = self.record_one(cassette, output_dir)
            self.progress(f"[{n}/{len(planned)}] {outcome} in {self.clock() - started:.1f} s")
            outcomes.append(outcome)
        return outcomes

    def record_one(self, cassette: Cassette, output_dir: Path | None = None) -> Outcome:
        """Record one scenario; write it only if it is good (see the module docstring)."""
        target = self.target(cassette, output_dir)
        try:
            headers = api_key(cassette.vendor, self.env)
        except MissingKeyError as exc:
            return Outcome(cassette.id, "failed", str(exc))
        recording, attempts, reason = self._fetch(cassette, headers)
        if recording is None:
            return Outcome(cassette.id, "failed", f"old cassette kept: {reason}", attempts=attempts)
        fresh = self._cassette(cassette, recording)
        problems = self._validate(fresh)
        old_shape = stream_shape(vendor_events(cassette.vendor, [cassette.body]))
        try:
            new_events = vendor_events(fresh.vendor, [fresh.body])
        except StreamError:
            new_events = []
        drift = diff_shapes(
            old_shape, stream_shape(new_events), vendor=cassette.vendor, scenario=cassette.scenario
        )
        drift += [
            Drift("schema", v.event_type, v.path, "valid", v.message, cassette.vendor, cassette.scenario)
            for v in check_events(fresh.vendor, new_events)
        ]
        if problems:
            return Outcome(
                cassette.id, "failed", "old cassette kept: " + "; ".join(problems), drift, attempts
            )
        if self.mode == "new_episodes" and target.exists() and not drift:
            return Outcome(cassette.id, "unchanged", "same shape; old cassette kept", drift, attempts)
        save_cassette(fresh, target)
        return Outcome(cassette.id, "written", str(target), drift, attempts)

    def _fetch(self, cassette: Cassette, auth: dict[str, str]) -> tuple[Recording | None, int, str]:
        reason = "not attempted"
        for attempt in range(1, self.max_attempts + 1):
            try:
                recording = self._send(cassette, auth)
            except httpx.HTTPError as exc:
                reason = f"{type(exc).__name__}: {exc}"
            else:
                if recording.status not in RETRY_STATUSES:
                    return recording, attempt, ""
                reason = f"HTTP {recording.status}"
                retry_after = _retry_after(recording.headers)
                if attempt < self.max_attempts:
                    self.sleep(min(self.max_backoff_s, retry_after or self.backoff_s * 2 ** (attempt - 1)))
                continue
            if attempt < self.max_attempts:
                self.sleep(min(self.max_backoff_s, self.backoff_s * 2 ** (attempt - 1)))
        return None, self.max_attempts, f"gave up after {self.max_attempts} attempts: {reason}"

    def _send(self, cassette: Cassette, auth: dict[str, str]) -> Recording:
        headers = {k: v[0] for k, v in cassette.request_headers.items() if v}
        headers.update(auth)
        uri = with_base_url(cassette.uri, self.base_url)
        content = (cassette.request_body or "").encode("utf-8")
        started = self.clock()
        chunks: list[bytes] = []
        times: list[float] = []
        with self.client.stream(cassette.method, uri, headers=headers, content=content) as response:
            for chunk in response.iter_raw():
                if chunk:
                    chunks.append(chunk)
                    times.append(round((self.clock() - started) * 1000, 1))
            response_headers: dict[str, list[str]] = {}
            for name, value in response.headers.multi_items():
                response_headers.setdefault(name, []).append(value)
            return Recording(response.status_code, response_headers, chunks, times)

    def _cassette(self, old: Cassette, recording: Recording) -> Cassette:
        body = b"".join(recording.chunks)
        # Transfer framing is gone after iter_raw; the body is what the vendor sent.
        headers = {
            k: v
            for k, v in recording.headers.items()
            if k.lower() not in ("content-length", "transfer-encoding")
        }
        fresh = replace(
            old,
            status=recording.status,
            response_headers=headers,
            body=body,
            metadata={
                **old.metadata,
                "chunks": [len(c) for c in recording.chunks],
                "chunk_times_ms": recording.times_ms,
            },
        )
        fresh = scrub_cassette(fresh)
        try:
            message = parse(fresh.vendor, fresh.recorded_chunks())
        except StreamError:
            return fresh
        return replace(fresh, metadata={**fresh.metadata, "expected": message.to_dict()})

    @staticmethod
    def _validate(fresh: Cassette) -> list[str]:
        problems = []
        if fresh.status != 200:
            problems.append(f"HTTP {fresh.status}")
        try:
            message = parse(fresh.vendor, fresh.recorded_chunks())
        except StreamError as exc:
            problems.append(f"does not parse: {exc}")
        else:
            if not message.complete:
                problems.append("the stream ended before the vendor's terminator")
            if message.error:
                problems.append(f"the stream reported an error: {message.error}")
            try:
                violations = check_events(fresh.vendor, vendor_events(fresh.vendor, [fresh.body]))
            except StreamError:
                violations = []
            if violations:
                problems.append(f"{len(violations)} schema violation(s), first: {violations[0]}")
        text = json.dumps({"headers": fresh.response_headers, "uri": fresh.uri}) + fresh.body.decode(
            "utf-8", "replace"
        )
        if looks_secret(text):
            problems.append("something that looks like a credential survived scrubbing")
        return problems


def _retry_after(headers: Mapping[str, list[str]]) -> float | None:
    for name, values in headers.items():
        if name.lower() == "retry-after" and values:
            try:
                return float(values[0])
            except ValueError:
                return None
    return None
