"""Re-recording cassettes against the live APIs (an IO edge: httpx, the clock, files).

Each bundled cassette is also its own *scenario*: its method, path, query and body (and its
protocol headers, `SCENARIO_HEADERS`) are what gets sent again, with this run's
credentials (`CREDENTIALS`); nothing else stored in it is ever sent. Streams that cannot be
provoked on purpose (a connection cut mid-stream, a vendor error event) are marked
synthetic by their features and are never re-recorded.

A recording is kept only if it is good: it is scrubbed of every credential sent, by value,
and of anything key-like (`scrub.py`); parsed by the reference adapter (strictly), checked
against the schemas, and must end with the vendor's terminator; its expected message must
be vouched for by the vendor's official SDK when installed (`provenance.py`: agreement
gives `sdk:<package>==<version>`, disagreement refuses the recording, no SDK gives
`reference` and a warning). It is then written to a temporary file, loaded back exactly as
`load_cassette` will (size limit included) and renamed over the old cassette. Anything
less leaves the old file untouched and says why. Every recording is compared in shape with
the one it replaces (`drift.py`), and the drift is reported whether or not it was written.

Record modes follow vcrpy / pytest-recording:
- `none` (default): nothing touches the network; show the plan and the estimated cost.
- `once`: record only scenarios whose cassette does not exist yet in the output folder.
- `new_episodes`: record every scenario; write only those that are new or whose shape drifted.
- `all`: record every scenario and write every good recording.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from secrets import token_hex
from urllib.parse import urlsplit, urlunsplit

import httpx

from conformance.api import parse, vendor_events
from conformance.errors import CassetteError, ConformanceError, StreamError
from conformance.formats.cassettes import Cassette, cassette_to_dict, dump_cassette, load_cassette
from conformance.formats.provenance import REFERENCE, expected_for
from conformance.formats.schemas import check_events
from conformance.live.drift import Drift, diff_shapes, stream_shape
from conformance.live.scrub import (
    MIN_SECRET_CHARS,
    SECRET_HEADERS,
    Secrets,
    scrub_cassette,
    scrub_chunks,
    searchable_text,
    secrets_found,
    without_secret_params,
)
from conformance.options import RECORD_MODES

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 529})
"""Statuses worth another try: rate limits, overload (Anthropic's 529), transient 5xx."""

SYNTHETIC_FEATURES = frozenset({"truncated", "error"})
"""Cassettes with these features were cut or faked on purpose: they are not re-recorded."""


class RecordTargetError(ConformanceError):
    """A recording has nowhere it may be written (no path, or inside the installed package)."""


class MissingKeyError(ConformanceError):
    """The vendor's credentials are not in the environment (or cannot be used safely)."""


SignRequest = Callable[[str, str, Mapping[str, str], bytes], dict[str, str]]
"""(method, url, headers, body) -> the auth headers to add for this request."""


@dataclass(frozen=True)
class Credentials:
    """This run's credentials for one vendor: how to authenticate a request, and every
    secret value (labelled by its source) that must never be written."""

    vendor: str
    secrets: dict[str, str]
    sign: SignRequest


def _usable(name: str, value: str) -> str:
    if len(value) < MIN_SECRET_CHARS:
        raise MissingKeyError(
            f"{name} is {len(value)} characters long: too short to be scrubbed by value from "
            f"what is written (at least {MIN_SECRET_CHARS})"
        )
    return value


@dataclass(frozen=True)
class ApiKey:
    """A key from the first set variable of `env`, sent as `header: <prefix><key>`."""

    env: tuple[str, ...]
    header: str
    prefix: str = ""

    def load(self, vendor: str, env: Mapping[str, str]) -> Credentials:
        for name in self.env:
            if env.get(name):
                key = _usable(name, env[name])
                headers = {self.header: self.prefix + key}
                return Credentials(vendor, {name: key}, lambda *_, sent=headers: dict(sent))
        raise MissingKeyError(f"set {' or '.join(self.env)} to record {vendor} cassettes")


@dataclass(frozen=True)
class NoAuth:
    """A server that takes no credentials (a local Ollama)."""

    def load(self, vendor: str, env: Mapping[str, str]) -> Credentials:
        return Credentials(vendor, {}, lambda *_: {})


@dataclass(frozen=True)
class AwsSigV4:
    """AWS Signature Version 4 (botocore's signer), from `AWS_ACCESS_KEY_ID` and
    `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`) or the profile `AWS_PROFILE` names.
    The region is the scenario host's (`bedrock-runtime.<region>.amazonaws.com`), else
    `AWS_REGION` / `AWS_DEFAULT_REGION`."""

    service: str = "bedrock"

    def load(self, vendor: str, env: Mapping[str, str]) -> Credentials:
        access, secret, token = (
            env.get("AWS_ACCESS_KEY_ID"),
            env.get("AWS_SECRET_ACCESS_KEY"),
            env.get("AWS_SESSION_TOKEN"),
        )
        if not (access and secret) and env.get("AWS_PROFILE"):
            access, secret, token = _profile_credentials(env["AWS_PROFILE"])
        if not (access and secret):
            raise MissingKeyError(
                "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) "
                f"to record {vendor} cassettes"
            )
        try:
            from botocore.auth import SigV4Auth  # type: ignore[import-untyped]
            from botocore.awsrequest import AWSRequest  # type: ignore[import-untyped]
            from botocore.credentials import Credentials as AwsCredentials  # type: ignore[import-untyped]
        except ImportError:
            raise MissingKeyError(
                f"recording {vendor} signs requests with botocore: pip install botocore"
            ) from None
        secrets = {"AWS_ACCESS_KEY_ID": _usable("AWS_ACCESS_KEY_ID", access)}
        secrets["AWS_SECRET_ACCESS_KEY"] = _usable("AWS_SECRET_ACCESS_KEY", secret)
        if token:
            secrets["AWS_SESSION_TOKEN"] = _usable("AWS_SESSION_TOKEN", token)
        signer_credentials = AwsCredentials(access, secret, token)
        default_region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1"
        service = self.service

        def sign(method: str, url: str, headers: Mapping[str, str], body: bytes) -> dict[str, str]:
            match = _AWS_REGION_IN_HOST.search(urlsplit(url).netloc)
            region = match.group(1) if match else default_region
            request = AWSRequest(method=method, url=url, data=body, headers=dict(headers))
            SigV4Auth(signer_credentials, service, region).add_auth(request)
            return {k.lower(): v for k, v in request.headers.items() if k.lower() not in headers}

        return Credentials(vendor, secrets, sign)


_AWS_REGION_IN_HOST = re.compile(r"^bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com")


def _profile_credentials(profile: str) -> tuple[str | None, str | None, str | None]:
    try:
        import botocore.session  # type: ignore[import-untyped]
    except ImportError:
        return None, None, None
    try:
        found = botocore.session.Session(profile=profile).get_credentials()
    except Exception:  # botocore raises its own ProfileNotFound & co: all mean "none here"
        return None, None, None
    if found is None:
        return None, None, None
    frozen = found.get_frozen_credentials()
    return frozen.access_key, frozen.secret_key, frozen.token


# vendor -> how its requests are authenticated. Sources: each vendor's API reference,
# "Authentication"; Bedrock: AWS Signature Version 4. Vendors not listed send no credentials.
CREDENTIALS: dict[str, ApiKey | AwsSigV4 | NoAuth] = {
    "anthropic": ApiKey(("ANTHROPIC_API_KEY",), "x-api-key"),
    "openai-chat": ApiKey(("OPENAI_API_KEY",), "authorization", "Bearer "),
    "openai-responses": ApiKey(("OPENAI_API_KEY",), "authorization", "Bearer "),
    "gemini": ApiKey(("GEMINI_API_KEY", "GOOGLE_API_KEY"), "x-goog-api-key"),
    "gemini-interactions": ApiKey(("GEMINI_API_KEY", "GOOGLE_API_KEY"), "x-goog-api-key"),
    "gemini-array": ApiKey(("GEMINI_API_KEY", "GOOGLE_API_KEY"), "x-goog-api-key"),
    "mistral": ApiKey(("MISTRAL_API_KEY",), "authorization", "Bearer "),
    "cohere": ApiKey(("CO_API_KEY", "COHERE_API_KEY"), "authorization", "Bearer "),
    "cohere-v1": ApiKey(("CO_API_KEY", "COHERE_API_KEY"), "authorization", "Bearer "),
    "groq": ApiKey(("GROQ_API_KEY",), "authorization", "Bearer "),
    "deepseek": ApiKey(("DEEPSEEK_API_KEY",), "authorization", "Bearer "),
    "openrouter": ApiKey(("OPENROUTER_API_KEY",), "authorization", "Bearer "),
    "xai": ApiKey(("XAI_API_KEY",), "authorization", "Bearer "),
    "azure-openai": ApiKey(("AZURE_OPENAI_API_KEY",), "api-key"),
    "vllm": ApiKey(("VLLM_API_KEY",), "authorization", "Bearer "),
    # Vertex AI takes an OAuth 2.0 access token, as its REST docs send it:
    # `export VERTEX_ACCESS_TOKEN=$(gcloud auth print-access-token)`.
    "vertex": ApiKey(("VERTEX_ACCESS_TOKEN",), "authorization", "Bearer "),
    "bedrock-converse": AwsSigV4(),
    "bedrock-invoke": AwsSigV4(),
    "ollama": NoAuth(),
    "ollama-generate": NoAuth(),
}

SCENARIO_HEADERS = frozenset({"content-type", "accept", "anthropic-version", "anthropic-beta", "openai-beta"})
"""The only request headers taken from a scenario: the protocol it speaks. Everything else
stored there (an old authorization, cookies, organization ids, `host`) is never sent."""

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


@dataclass(frozen=True)
class Recording:
    """What came back from one live request, before any checks."""

    status: int
    headers: dict[str, list[str]]
    chunks: list[bytes]
    times_ms: list[float]
    sent_headers: dict[str, str] = field(default_factory=dict)
    """The request headers sent, without the credentials."""
    secrets: dict[str, str] = field(default_factory=dict)
    """Every credential value sent (see `scrub.Secrets`)."""


@dataclass
class Outcome:
    """The result for one scenario. `status`: written, unchanged, skipped or failed."""

    cassette_id: str
    status: str
    reason: str = ""
    drift: list[Drift] = field(default_factory=list)
    attempts: int = 0
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.cassette_id}: {self.status}" + (f" ({self.reason})" if self.reason else "")


def credentials(vendor: str, env: Mapping[str, str]) -> Credentials:
    """This run's credentials for `vendor`, or `MissingKeyError` naming what to set."""
    return CREDENTIALS.get(vendor, NoAuth()).load(vendor, env)


def key_headers(vendor: str, key: str) -> dict[str, str]:
    """The header carrying an API `key` the way `vendor` takes one (a bearer token for vendors
    that take no plain key: a server speaking their protocol, such as a probed gateway)."""
    auth = CREDENTIALS.get(vendor)
    if isinstance(auth, ApiKey):
        return {auth.header: auth.prefix + key}
    if isinstance(auth, NoAuth):
        return {}
    return {"authorization": f"Bearer {key}"}


def upstream_request(cassette: Cassette, base_url: str | None) -> tuple[str, str, dict[str, str], bytes]:
    """(method, url, headers, body) to send for a scenario, before credentials: its method,
    path, query (minus credential parameters) and body, and only its `SCENARIO_HEADERS`."""
    headers = {
        k.lower(): v[0] for k, v in cassette.request_headers.items() if v and k.lower() in SCENARIO_HEADERS
    }
    body = (cassette.request_body or "").encode("utf-8")
    if body:
        headers.setdefault("content-type", "application/json")
    return cassette.method, with_base_url(without_secret_params(cassette.uri), base_url), headers, body


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


SIGNED_NOT_SECRET = frozenset({"x-amz-date", "x-amz-content-sha256"})
"""SigV4 headers that are signed but secret to no one (a timestamp, the body's hash)."""

TEMP_PREFIX = ".conformance-recording-"
"""Temporary files are `<TEMP_PREFIX><pid>-<random>.<cassette>.tmp` beside the target; a
file whose process is gone (killed mid-write) is swept by the next run."""

_PACKAGE = Path(__file__).resolve().parents[1]  # conformance/


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
        """Raise `MissingKeyError` for the first vendor without credentials, before anything is sent."""
        for vendor in sorted({c.vendor for c in cassettes}):
            credentials(vendor, self.env)

    @staticmethod
    def target(cassette: Cassette, output_dir: Path | None) -> Path:
        """Where the recording goes; never inside the installed package (`RecordTargetError`)."""
        if output_dir is not None:
            path = output_dir / cassette.vendor / f"{cassette.scenario}.yaml"
        elif cassette.path is None:
            raise RecordTargetError(f"{cassette.id}: no path to write to; give an output folder")
        else:
            path = cassette.path
        if path.resolve().is_relative_to(_PACKAGE):
            raise RecordTargetError(
                f"{cassette.id}: refusing to write inside the installed package ({path}); "
                "record into a folder of your own (--output)"
            )
        return path

    # -- recording --------------------------------------------------------------------------

    def record_all(self, cassettes: Sequence[Cassette], output_dir: Path | None = None) -> list[Outcome]:
        planned = self.plan(cassettes, output_dir)
        for folder in sorted({self.target(c, output_dir).parent for c in planned}):
            sweep_temp_files(folder)
        outcomes = []
        for n, cassette in enumerate(planned, start=1):
            started = self.clock()
            outcome = self.record_one(cassette, output_dir)
            self.progress(f"[{n}/{len(planned)}] {outcome} in {self.clock() - started:.1f} s")
            outcomes.append(outcome)
        return outcomes

    def record_one(self, cassette: Cassette, output_dir: Path | None = None) -> Outcome:
        """Record one scenario; write it only if it is good (see the module docstring)."""
        try:
            target = self.target(cassette, output_dir)
            creds = credentials(cassette.vendor, self.env)
        except (MissingKeyError, RecordTargetError) as exc:
            return Outcome(cassette.id, "failed", str(exc))
        recording, attempts, reason = self._fetch(cassette, creds)
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
        shape_drifted = bool(drift)
        if problems:
            return Outcome(
                cassette.id, "failed", "old cassette kept: " + "; ".join(problems), drift, attempts
            )
        verdict = expected_for(fresh.vendor, fresh.recorded_chunks())
        if verdict.disagreements:
            lines = "\n".join(f"  {line}" for line in verdict.disagreements)
            reason = (
                f"old cassette kept: the official SDK ({verdict.provenance[len('sdk:') :]}) and the "
                f"kit's reference parser read this stream differently, field by field:\n{lines}\n"
                f"  the SDK's answer: {json.dumps(verdict.sdk_answer, sort_keys=True)}"
            )
            return Outcome(cassette.id, "failed", reason, drift, attempts)
        if secrets_found(json.dumps(verdict.expected), recording.secrets):
            # The parsed message holds a credential the body scrub did not find: the body
            # carries it in an encoding the scrubber does not know (a JSON `\u` escape…).
            reason = "old cassette kept: a credential sent is in the parsed message in a form not scrubbed"
            return Outcome(cassette.id, "failed", reason, drift, attempts)
        warnings = [verdict.warning] if verdict.warning else []
        if verdict.provenance == REFERENCE:
            drift.append(
                Drift(
                    "expected from reference",
                    "-",
                    "$",
                    str(cassette.metadata.get("provenance", "unknown")),
                    REFERENCE,
                    cassette.vendor,
                    cassette.scenario,
                )
            )
        fresh = replace(
            fresh,
            metadata={
                **fresh.metadata,
                "provenance": verdict.provenance,
                "expected": verdict.expected,
            },
        )
        if self.mode == "new_episodes" and target.exists() and not shape_drifted:
            return Outcome(
                cassette.id, "unchanged", "same shape; old cassette kept", drift, attempts, warnings
            )
        try:
            write_validated(fresh, target, recording.secrets)
        except (CassetteError, OSError) as exc:
            return Outcome(cassette.id, "failed", f"old cassette kept: {exc}", drift, attempts, warnings)
        return Outcome(cassette.id, "written", str(target), drift, attempts, warnings)

    def _fetch(self, cassette: Cassette, creds: Credentials) -> tuple[Recording | None, int, str]:
        reason = "not attempted"
        for attempt in range(1, self.max_attempts + 1):
            try:
                recording = self._send(cassette, creds)
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

    def _send(self, cassette: Cassette, creds: Credentials) -> Recording:
        method, url, headers, content = upstream_request(cassette, self.base_url)
        auth = creds.sign(method, url, headers, content)
        secrets = dict(creds.secrets)
        for name, value in auth.items():  # the values as sent: a signature is a secret too
            if name in SECRET_HEADERS - SIGNED_NOT_SECRET and len(value) >= MIN_SECRET_CHARS:
                secrets[f"the {name} header sent"] = value
                for label, part in _signature_parts(value):
                    secrets[f"the {label} in the {name} header sent"] = part
        sent = {**headers, **auth}
        started = self.clock()
        chunks: list[bytes] = []
        times: list[float] = []
        with self.client.stream(method, url, headers=sent, content=content) as response:
            for chunk in response.iter_raw():
                if chunk:
                    chunks.append(chunk)
                    times.append(round((self.clock() - started) * 1000, 1))
            response_headers: dict[str, list[str]] = {}
            for name, value in response.headers.multi_items():
                response_headers.setdefault(name, []).append(value)
            return Recording(response.status_code, response_headers, chunks, times, headers, secrets)

    def _cassette(self, old: Cassette, recording: Recording) -> Cassette:
        """The new cassette, scrubbed: the request as sent (without credentials), the response."""
        chunks = scrub_chunks(recording.chunks, recording.secrets)
        times = recording.times_ms if len(chunks) == len(recording.chunks) else recording.times_ms[-1:]
        # Transfer framing is gone after iter_raw; the body is what the vendor sent.
        headers = {
            k: v
            for k, v in recording.headers.items()
            if k.lower() not in ("content-length", "transfer-encoding")
        }
        metadata = {k: v for k, v in old.metadata.items() if k not in ("expected", "provenance")}
        fresh = replace(
            old,
            uri=without_secret_params(old.uri),
            request_headers={k: [v] for k, v in recording.sent_headers.items()},
            status=recording.status,
            response_headers=headers,
            body=b"".join(chunks),
            metadata={**metadata, "chunks": [len(c) for c in chunks], "chunk_times_ms": times},
        )
        return scrub_cassette(fresh, recording.secrets)

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
        return problems


def _signature_parts(value: str) -> list[tuple[str, str]]:
    """Secret parts of a credential header: the bearer token, a SigV4 signature."""
    parts = []
    if value.lower().startswith("bearer "):
        parts.append(("bearer token", value[7:].strip()))
    match = re.search(r"Signature=([0-9a-f]{16,})", value)
    if match:
        parts.append(("signature", match.group(1)))
    return [(label, part) for label, part in parts if len(part) >= MIN_SECRET_CHARS]


def write_validated(fresh: Cassette, target: Path, secrets: Secrets | None = None) -> None:
    """Write `fresh` over `target` only once it is known good: the exact text to be written
    holds no secret, and a temporary copy loads with `load_cassette` (the size limit
    included) back to the same cassette. The temporary file is removed on any failure."""
    text = dump_cassette(fresh)
    # A binary body is base64 in the YAML text: look for secrets in its bytes as well.
    leaks = secrets_found(text + "\n" + searchable_text(fresh.body), secrets)
    if leaks:
        raise CassetteError(f"{fresh.id}: {', '.join(leaks)} survived scrubbing; nothing written")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f"{TEMP_PREFIX}{os.getpid()}-{token_hex(4)}.{target.name}.tmp"
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())
        loaded = load_cassette(tmp)
        if cassette_to_dict(replace(loaded, path=None)) != cassette_to_dict(replace(fresh, path=None)):
            raise CassetteError(f"{fresh.id}: the cassette does not read back as it was recorded")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def sweep_temp_files(folder: Path) -> list[Path]:
    """Remove the recorder's temporary files in `folder` whose process is gone."""
    removed = []
    for path in folder.glob(f"{TEMP_PREFIX}*.tmp"):
        pid_text = path.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if pid_text.isdigit() and int(pid_text) != os.getpid() and _alive(int(pid_text)):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    except OSError:
        return False
    return True


def _retry_after(headers: Mapping[str, list[str]]) -> float | None:
    for name, values in headers.items():
        if name.lower() == "retry-after" and values:
            try:
                return float(values[0])
            except ValueError:
                return None
    return None
