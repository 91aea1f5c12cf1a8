"""The `Recorder`: plans the scenarios a record mode asks for, fetches each with retries,
scrubs and validates the recording (strict parse, schemas, terminator, the official SDK's
verdict) and writes it only if good, reporting drift from the cassette it replaces."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import httpx

from conformance.api import parse, vendor_events
from conformance.errors import CassetteError, StreamError
from conformance.formats.cassettes import Cassette
from conformance.formats.provenance import REFERENCE, expected_for
from conformance.formats.schemas import check_events
from conformance.live.drift import Drift, diff_shapes, stream_shape
from conformance.live.record.credentials import (
    SIGNED_NOT_SECRET,
    Credentials,
    MissingKeyError,
    RecordTargetError,
    credentials,
    signature_parts,
)
from conformance.live.record.upstream import (
    RETRY_STATUSES,
    is_synthetic,
    retry_after_s,
    upstream_request,
)
from conformance.live.record.writing import sweep_temp_files, write_validated
from conformance.live.scrub import (
    MIN_SECRET_CHARS,
    SECRET_HEADERS,
    scrub_cassette,
    scrub_chunks,
    secrets_found,
    without_secret_params,
)
from conformance.options import RECORD_MODES


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
class RecordingOutcome:
    """The result for one scenario. `status`: written, unchanged, skipped or failed."""

    cassette_id: str
    status: str
    reason: str = ""
    drift: list[Drift] = field(default_factory=list)
    attempts: int = 0
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.cassette_id}: {self.status}" + (f" ({self.reason})" if self.reason else "")


_PACKAGE = Path(__file__).resolve().parents[2]  # conformance/


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

    def record_all(
        self, cassettes: Sequence[Cassette], output_dir: Path | None = None
    ) -> list[RecordingOutcome]:
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

    def record_one(self, cassette: Cassette, output_dir: Path | None = None) -> RecordingOutcome:
        """Record one scenario; write it only if it is good (see the module docstring)."""
        try:
            target = self.target(cassette, output_dir)
            creds = credentials(cassette.vendor, self.env)
        except (MissingKeyError, RecordTargetError) as exc:
            return RecordingOutcome(cassette.id, "failed", str(exc))
        recording, attempts, reason = self._fetch(cassette, creds)
        if recording is None:
            return RecordingOutcome(cassette.id, "failed", f"old cassette kept: {reason}", attempts=attempts)
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
            return RecordingOutcome(
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
            return RecordingOutcome(cassette.id, "failed", reason, drift, attempts)
        if secrets_found(json.dumps(verdict.expected), recording.secrets):
            # The parsed message holds a credential the body scrub did not find: the body
            # carries it in an encoding the scrubber does not know (a JSON `\u` escape…).
            reason = "old cassette kept: a credential sent is in the parsed message in a form not scrubbed"
            return RecordingOutcome(cassette.id, "failed", reason, drift, attempts)
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
            return RecordingOutcome(
                cassette.id, "unchanged", "same shape; old cassette kept", drift, attempts, warnings
            )
        try:
            write_validated(fresh, target, recording.secrets)
        except (CassetteError, OSError) as exc:
            return RecordingOutcome(
                cassette.id, "failed", f"old cassette kept: {exc}", drift, attempts, warnings
            )
        return RecordingOutcome(cassette.id, "written", str(target), drift, attempts, warnings)

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
                retry_after = retry_after_s(recording.headers)
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
                for label, part in signature_parts(value):
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
