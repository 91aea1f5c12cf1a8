"""JSON Schemas (Draft 2020-12) of every vendor event, and validation of streams against them.

Layout: `schemas/<vendor>/<event type>.json`, one schema per vendor event type as the
adapter names it (`VendorEvent.type`); shared pieces sit in `schemas/<vendor>/defs.json`
(or any other file) and are reached with relative `$ref`s. Every schema's `$id` is
`https://stream-conformance.invalid/schemas/<vendor>/<file>`, and all of them are loaded
into one `referencing.Registry`, so `$ref` resolution never touches the network.

Schemas pin what the vendor documents (required fields, types, enums); they allow extra
properties, since every vendor adds fields over time. Drift in those shows up in the
recorder's drift report, not as a schema failure.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conformance.adapters import VendorEvent
from conformance.formats.bundled import bundled_path

BASE_URI = "https://stream-conformance.invalid/schemas/"


@dataclass(frozen=True)
class SchemaViolation:
    """One event that does not match its schema (or has no schema)."""

    vendor: str
    event_index: int
    event_type: str
    offset: int
    path: str
    """JSON path of the offending value inside the event, e.g. `$.delta.text`."""
    message: str

    def __str__(self) -> str:
        return (
            f"{self.vendor} event #{self.event_index} ({self.event_type}) at byte offset "
            f"{self.offset}: {self.path}: {self.message}"
        )


def schema_dir() -> Path:
    return bundled_path("schemas")


@lru_cache(maxsize=1)
def registry() -> Registry:
    """Every bundled schema, by `$id`."""
    resources = []
    for path in sorted(schema_dir().glob("*/*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        expected = f"{BASE_URI}{path.parent.name}/{path.name}"
        if contents.get("$id") != expected:
            raise ValueError(f"{path}: $id must be {expected!r}, found {contents.get('$id')!r}")
        resources.append((expected, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def _schema_vendors(vendor: str) -> list[str]:
    """Where `vendor`'s schemas are looked up: its own folder, then its profile's base."""
    from conformance.adapters import ADAPTERS

    cls = ADAPTERS.get(vendor)
    base = cls.schemas_from if cls is not None else None
    return [vendor, base] if base else [vendor]


def event_types_with_schemas(vendor: str) -> set[str]:
    """The vendor event types that have a schema file (own or inherited from its base)."""
    return {
        p.stem for v in _schema_vendors(vendor) for p in (schema_dir() / v).glob("*.json") if p.stem != "defs"
    }


@cache
def validator(vendor: str, event_type: str) -> Draft202012Validator | None:
    """The validator for one vendor event type, or None if it has no schema."""
    for folder in _schema_vendors(vendor):
        try:
            schema = registry().contents(f"{BASE_URI}{folder}/{event_type}.json")
        except LookupError:
            continue
        return Draft202012Validator(schema, registry=registry())
    return None


def check_event(vendor: str, event: VendorEvent) -> list[SchemaViolation]:
    """Violations of one vendor event against its schema (an unknown type is one)."""
    check = validator(vendor, event.type)
    if check is None:
        return [
            SchemaViolation(
                vendor, event.index, event.type, event.offset, "$", "no schema for this event type"
            )
        ]
    errors = list(check.iter_errors(event.data))
    if not errors:
        return []
    found = []
    for error in [best_match(errors), *(e for e in errors if e is not best_match(errors))]:
        found.append(
            SchemaViolation(vendor, event.index, event.type, event.offset, error.json_path, error.message)
        )
    return found


def check_events(vendor: str, events: Iterable[VendorEvent]) -> list[SchemaViolation]:
    """Violations of a whole stream's events, in stream order."""
    out: list[SchemaViolation] = []
    for event in events:
        out.extend(check_event(vendor, event))
    return out


def check_body(vendor: str, body: bytes) -> list[SchemaViolation]:
    """Decode a body (any vendor framing) and check every event against the schemas."""
    from conformance.api import vendor_events

    return check_events(vendor, vendor_events(vendor, [body]))


def describe(violations: Iterable[SchemaViolation]) -> str:
    return "\n".join(str(v) for v in violations)


def check_response(vendor: str, response: object) -> list[str]:
    """Violations of a non-streaming response body against `schemas/responses/<vendor>.json`."""
    check = validator("responses", vendor)
    if check is None:
        raise LookupError(f"no schema of {vendor!r} non-streaming responses")
    return [f"{e.json_path}: {e.message}" for e in check.iter_errors(response)]
