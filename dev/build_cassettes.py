"""Build the bundled hand-written cassettes (cassettes/<vendor>/<scenario>.yaml) from their
tables, one per vendor: `dev/cassette_tables/<vendor>.yaml`.

    python dev/build_cassettes.py [VENDOR ...] [--check]

A cassette is data: its request, the response headers that differ from the vendor's set,
the expected `Message` and the body's events as the vendor writes them. One builder turns
any table into cassettes, so a new cassette is one table entry and the builder code is
shared by every vendor.

A table holds `uri` (the default request URI), `check` (the vendor's line-end rule, one of
`CHECKS`), `framing: lines` for NDJSON vendors (an event is one line), `eol` (the line
end, LF by default), `request_headers`
and `response_headers` (the header sets every cassette starts from; `{length}` is the
request body's byte length), and `cassettes`, a list of entries:

- `name`, `description`, `features` (from the kit's vocabulary), `source` (URLs);
- `request`: the request body, verbatim (null for a GET); optional `uri`, `method`, `status`;
- `request_headers`, `response_headers` (optional): header overrides; a null value drops one;
- `expected`: the `Message` fields that are not empty;
- the body, in one of these forms: `events` (SSE events, or NDJSON lines: a string is one
  event, a list its lines; `eol` overrides the table's, and `tail` is what follows the last
  event, such as a cut-off event: a string as it is, a list of lines); `frames` (AWS
  event-stream frames, `<event type> <payload>`; a type ending in `Exception` is an exception
  frame, and `chunk/<n>` wraps the payload as Bedrock InvokeModel does: base64 in `bytes`
  with `n` padding characters in `p`; `cut: n` keeps the first n bytes of the last frame);
  `array` (the elements of a JSON-array stream, written as Gemini does), or `array_of:
  vendor/name` (the `data:` payloads of that SSE cassette as such an array); or `text` (the
  body as it is).

In `events` and `frames`, `{each: TEMPLATE, of: [...]}` is a run of events that differ only
in a few values: each `$$` in the template takes one JSON value (a string or number, written
as compact JSON) and each `$_` that many spaces (Anthropic's padding); an `of` item is the
value, or a list of values when the template has several slots. The `long_*` entries are
long on purpose (56 text deltas, 34 argument fragments): cancel points for docs/cancellation.md.

To add a cassette: append an entry to the vendor's table and run the builder. Nothing is
written unless every cassette of the vendor passes `verify`: the expected Message
round-trips through `Message.from_dict`; the body parses to it whole, byte by byte and in
fixed-seed random splits; every event of a 200 body validates against `schemas/<vendor>/`;
the features are in the kit's vocabulary; neither side carries credentials; and the
vendor's `check` holds. `--check` writes nothing and also says whether each file on disk
is what the table makes; `--check-real DIR` also validates every real recorded body of the
vendors (`../shared/real-streams`) against the schemas. Chunk timings (`chunks`, `chunk_times_ms`, added by
`dev/add_timings.py`) are carried over from a file on disk with the same body.
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import functools
import json
import random
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

import conformance
from conformance.errors import StreamError
from conformance.formats.cassettes import FEATURES, Cassette, dump_cassette, load_cassette, save_cassette
from conformance.formats.schemas import check_body, describe
from conformance.framing.eventstream import encode_message
from conformance.message import Message
from conformance.suite.strategies import split_at

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "dev" / "cassette_tables"
SECRET_HEADERS = {
    "authorization", "x-api-key", "x-goog-api-key", "x-amz-security-token", "x-amz-date",
    "x-amz-content-sha256", "cookie", "api-key",
}  # fmt: skip
TIMING_KEYS = ("chunks", "chunk_times_ms")
INVOKE_PAD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
SLOT = re.compile(r"\$\$|\$_")


def _crlf(body: bytes) -> list[str]:
    if b"\r\n" not in body or any(c in body.replace(b"\r\n", b"") for c in (b"\r", b"\n")):
        return ["this vendor ends every line with CRLF"]
    return []


CHECKS: dict[str, Callable[[Cassette], list[str]]] = {
    "lf_only": lambda c: ["this vendor ends lines with LF only"] if b"\r" in c.body else [],
    "crlf": lambda c: _crlf(c.body),
    "lines": lambda c: (
        ["every NDJSON line ends with LF"]
        if c.status == 200 and c.scenario != "truncated" and not c.body.endswith(b"}\n")
        else []
    ),
    "binary": lambda c: (
        ["a 200 body should be event-stream frames"] if c.status == 200 and c.body[:1] == b"{" else []
    ),
}
"""The vendor's framing rule a table names as `check`, beside the checks every cassette gets."""


# -- a table entry -> a cassette -----------------------------------------------------------------


def unroll(entries: list[Any]) -> list[str]:
    """The events of `events` or `frames`, runs expanded; an event's lines joined by LF."""
    out = []
    for entry in entries:
        if not isinstance(entry, dict):
            out.append(entry if isinstance(entry, str) else "\n".join(entry))
            continue
        each = entry["each"] if isinstance(entry["each"], str) else "\n".join(entry["each"])
        out += [fill(each, item if isinstance(item, list) else [item]) for item in entry["of"]]
    return out


def fill(template: str, values: list[Any]) -> str:
    """The template with its `$$` and `$_` slots filled in order (see the module docstring)."""
    if len(SLOT.findall(template)) != len(values):
        raise SystemExit(f"{len(values)} values {values!r} for the slots of {template!r}")
    given = iter(values)
    return SLOT.sub(
        lambda m: json.dumps(next(given), ensure_ascii=False) if m[0] == "$$" else " " * next(given), template
    )


def frame(text: str) -> bytes:
    """One event-stream frame from `<event type> <payload>` (see the module docstring)."""
    kind, payload = text.split(" ", 1)
    json.loads(payload)  # a typo in a payload stops the build here
    if kind.endswith("Exception"):
        headers = {":exception-type": kind, ":content-type": "application/json", ":message-type": "exception"}
    else:
        if kind.startswith("chunk/"):
            kind, pad = "chunk", int(kind.removeprefix("chunk/"))
            wrapper = {"bytes": base64.b64encode(payload.encode()).decode("ascii"), "p": INVOKE_PAD[:pad]}
            payload = json.dumps(wrapper, separators=(",", ":"))
        headers = {":event-type": kind, ":content-type": "application/json", ":message-type": "event"}
    return encode_message(headers, payload.encode("utf-8"))


def body_of(entry: Mapping[str, Any], eol: str, lines_only: bool) -> bytes:
    """The response body an entry describes, in whichever of the body forms it uses."""
    if "text" in entry:
        return str(entry["text"]).encode("utf-8")
    if "array" in entry or "array_of" in entry:
        elements = entry["array"] if "array" in entry else array_of(entry["array_of"])
        items = [json.dumps(r, indent=2, ensure_ascii=False).replace("\n", "\r\n") for r in elements]
        return ("[" + "\r\n,\r\n".join(items) + "\r\n]").encode("utf-8")
    if "frames" in entry:
        frames = [frame(t) for t in unroll(entry["frames"])]
        if "cut" in entry:  # the body ends `cut` bytes into its last frame
            frames[-1] = frames[-1][: entry["cut"]]
        return b"".join(frames)
    eol = str(entry.get("eol", eol))
    end = eol if lines_only else eol * 2
    events = "".join(e.replace("\n", eol) + end for e in unroll(entry["events"]))
    tail = entry.get("tail", "")
    return (events + (tail if isinstance(tail, str) else eol.join(tail))).encode("utf-8")


def headers_of(base: Mapping[str, Any], overrides: Mapping[str, Any], body: str) -> dict[str, list[str]]:
    """`base` with `overrides` in place (new names last, null drops one), as lists of values."""
    merged = {k: overrides.get(k, v) for k, v in base.items()}
    merged |= {k: v for k, v in overrides.items() if k not in base}
    length = str(len(body.encode("utf-8")))
    return {
        k: [str(x).replace("{length}", length) for x in (v if isinstance(v, list) else [v])]
        for k, v in merged.items()
        if v is not None
    }


REQUIRED = {"name", "description", "features", "source", "request", "expected"}
OPTIONAL = {"uri", "method", "status", "request_headers", "response_headers", "eol", "tail", "cut"}
BODIES = {"events", "frames", "array", "array_of", "text"}


def cassette_of(vendor: str, table: Mapping[str, Any], entry: Mapping[str, Any]) -> Cassette:
    """One table entry as the cassette it stands for; a misspelt or missing field stops the build."""
    where = f"dev/cassette_tables/{vendor}.yaml, entry {entry.get('name')!r}"
    unknown, missing = set(entry) - REQUIRED - OPTIONAL - BODIES, REQUIRED - set(entry)
    if unknown or missing or len(BODIES & set(entry)) != 1:
        raise SystemExit(
            f"{where}: unknown {sorted(unknown)}, missing {sorted(missing)}, one body of {sorted(BODIES)}"
        )
    request = entry["request"]
    expected = Message(vendor=vendor).to_dict()
    unknown = set(entry["expected"]) - {f.name for f in dataclasses.fields(Message)}
    if unknown:
        raise SystemExit(f"{where}: unknown Message fields {sorted(unknown)}")
    return Cassette(
        path=None,
        vendor=vendor,
        scenario=entry["name"],
        method=entry.get("method", "POST"),
        uri=entry.get("uri", table["uri"]),
        request_headers=headers_of(table["request_headers"], entry.get("request_headers", {}), request or ""),
        request_body=request,
        status=entry.get("status", 200),
        response_headers=headers_of(table["response_headers"], entry.get("response_headers", {}), ""),
        body=body_of(entry, table.get("eol", "\n"), table.get("framing") == "lines"),
        metadata={
            "vendor": vendor,
            "scenario": entry["name"],
            "description": entry["description"],
            "features": entry["features"],
            "source": entry["source"],
            "provenance": "hand",
            "expected": {**expected, **entry["expected"]},
        },
    )


@functools.cache
def table_of(vendor: str) -> dict[str, Any]:
    path = TABLES / f"{vendor}.yaml"
    if not path.is_file():
        raise SystemExit(f"no table {path.relative_to(ROOT)}")
    table: dict[str, Any] = yaml.load(
        path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    return table


def array_of(ref: str) -> list[Any]:
    """The `data:` payloads of the SSE cassette `ref` (`vendor/name`): the same answer as an array."""
    vendor, name = ref.split("/")
    entries = [e for e in table_of(vendor)["cassettes"] if e["name"] == name]
    if not entries:
        raise SystemExit(f"array_of: no cassette {ref!r} in {vendor}'s table")
    lines = "\n".join(unroll(entries[0]["events"])).split("\n")
    return [json.loads(line.removeprefix("data: ")) for line in lines if line.startswith("data: ")]


def load_table(vendor: str) -> tuple[list[Cassette], str | None]:
    """A vendor's cassettes and the name of its `check`."""
    table = table_of(vendor)
    return [cassette_of(vendor, table, e) for e in table["cassettes"]], table.get("check")


# -- checks and writing --------------------------------------------------------------------------


def verify(cassette: Cassette, check: str | None = None) -> list[str]:
    """Everything wrong with a built cassette (empty: fine to write)."""
    vendor, body = cassette.vendor, cassette.body
    expected = Message.from_dict(cassette.metadata["expected"])
    problems = []
    if expected.to_dict() != cassette.metadata["expected"]:
        problems.append("the expected Message does not round-trip through Message.from_dict")
    rng = random.Random(len(body))
    splits = [("whole", [body]), ("byte by byte", [body[i : i + 1] for i in range(len(body))])]
    for n in range(3):
        cuts = rng.sample(range(1, max(len(body), 2)), k=min(len(body) - 1, 12))
        splits.append((f"random split {n}", split_at(body, cuts)))
    for label, chunks in splits:
        try:
            got = conformance.parse(vendor, chunks)
        except StreamError as exc:
            problems.append(f"{label}: {type(exc).__name__}: {exc}")
            continue
        if got != expected:
            mine, theirs = got.to_dict(), expected.to_dict()
            diffs = [
                f"{k}: parsed {mine[k]!r} != expected {theirs[k]!r}" for k in mine if mine[k] != theirs[k]
            ]
            problems.append(f"{label}: " + "; ".join(diffs))
    if cassette.status == 200:  # an error status's body is the vendor's error document, not a stream
        try:
            violations = check_body(vendor, body)
        except StreamError as exc:
            violations = []
            problems.append(f"schema check: {type(exc).__name__}: {exc}")
        if violations:
            problems.append(describe(violations))
    unknown = set(cassette.metadata["features"]) - FEATURES
    if unknown:
        problems.append(f"unknown features {sorted(unknown)}")
    sent = {
        h for h in cassette.request_headers if h.lower() in SECRET_HEADERS or h.lower().startswith("x-amz-")
    }
    if sent:
        problems.append(f"credential headers in the request: {sorted(sent)}")
    leaked = {h for h in cassette.response_headers if h.lower() in SECRET_HEADERS}
    if leaked:
        problems.append(f"credential headers in the response: {sorted(leaked)}")
    return problems + (CHECKS[check](cassette) if check else [])


def with_timings_on_disk(built: Cassette, path: Path) -> Cassette:
    """`built` plus the chunk timings of the file at `path`, when it holds the same body."""
    if not path.exists():
        return built
    on_disk = load_cassette(path)
    timings = {k: v for k, v in on_disk.metadata.items() if k in TIMING_KEYS}
    if on_disk.body != built.body or not timings:
        return built
    return dataclasses.replace(built, metadata={**built.metadata, **timings})


def build(vendor: str, *, check_only: bool) -> bool:
    """Verify a vendor's table, then write its cassettes (or compare them); True when all is well."""
    cassettes, check = load_table(vendor)
    names = [c.scenario for c in cassettes]
    if len(set(names)) != len(names):
        raise SystemExit(f"duplicate scenario names in {vendor}")
    found = {c.scenario: verify(c, check) for c in cassettes}
    failed = any(found.values())
    for built in cassettes:
        path = ROOT / "cassettes" / vendor / f"{built.scenario}.yaml"
        if found[built.scenario]:
            print(f"FAIL {built.id}:", *found[built.scenario], sep="\n  ", file=sys.stderr)
            continue
        built = with_timings_on_disk(built, path)
        if check_only:
            same = path.exists() and path.read_text(encoding="utf-8") == dump_cassette(built)
            failed |= not same
            print(f"{'ok  ' if same else 'STALE'} {path.relative_to(ROOT)}")
        elif not failed:
            save_cassette(built, path)
            print(f"wrote {path.relative_to(ROOT)} ({len(built.body)} byte body)")
    if failed:
        print(f"some {vendor} cassettes are wrong or stale; nothing was written", file=sys.stderr)
    return not failed


def check_real(vendors: list[str], real: Path) -> bool:
    """Every real recorded body of these vendors validates against their schemas (dev only:
    the folder is not shipped), so a schema the tables pass is not narrower than the wire."""
    from real_streams import vendor_of  # beside this script; only this option needs it

    folders = [f for f in sorted(real.iterdir()) if f.is_dir() and vendor_of(f.name) in vendors]
    bad = 0
    for folder in folders:
        vendor, paths = vendor_of(folder.name), sorted(p for p in folder.rglob("*") if p.is_file())
        for path in paths:
            violations = check_body(str(vendor), path.read_bytes())
            bad += bool(violations)
            if violations:
                print(f"{path.relative_to(real)}:\n{describe(violations[:5])}")
        print(f"real streams: {folder.name}: {len(paths)} bodies checked against schemas/{vendor}")
    print(f"real streams: {bad} bodies with schema violations")
    return bad == 0


def main() -> int:
    vendors = sorted(p.stem for p in TABLES.glob("*.yaml"))
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument(
        "vendors", nargs="*", metavar="VENDOR", help=f"default: every table ({', '.join(vendors)})"
    )
    ap.add_argument("--check", action="store_true", help="verify the tables and the files; write nothing")
    ap.add_argument("--check-real", type=Path, metavar="DIR", help="schema-check real bodies too")
    args = ap.parse_args()
    unknown = set(args.vendors) - set(vendors)
    if unknown:
        ap.error(f"no table for {sorted(unknown)} in {TABLES.relative_to(ROOT)}")
    results = [build(v, check_only=args.check) for v in args.vendors or vendors]
    if args.check_real:
        results.append(check_real(args.vendors or vendors, args.check_real))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
