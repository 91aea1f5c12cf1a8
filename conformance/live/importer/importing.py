"""Turning one streamed recording into a kit cassette: its scenario name and features, scrubbed
as the recorder scrubs, `expected` only where the vendor's official SDK does not dispute the
reference parser, written only if it validates and nothing is overwritten unless `force`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from conformance.api import parse
from conformance.errors import CassetteError, ConformanceError, StreamError
from conformance.formats.cassettes import FEATURES, Cassette
from conformance.formats.provenance import REFERENCE, ExpectedVerdict, expected_for
from conformance.live.importer.sources import Recording, read_recordings
from conformance.live.importer.streams import looks_streamed, vendor_of
from conformance.live.record import write_validated
from conformance.live.scrub import scrub_cassette
from conformance.message import Message
from conformance.oracles._sdk import sdk_error


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
