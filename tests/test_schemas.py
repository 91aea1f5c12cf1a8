"""Every event of every bundled cassette matches its vendor's JSON Schema, and a wrong event
is rejected with a message that names the field."""

from __future__ import annotations

import copy
import json

import pytest

import conformance
from conformance.adapters import VendorEvent
from conformance.formats.cassettes import Cassette
from conformance.formats.schemas import (
    check_body,
    check_event,
    event_types_with_schemas,
    registry,
    schema_dir,
)
from tests._bundled import bundled, cassette_params


@pytest.mark.parametrize("cassette", cassette_params())
def test_every_event_of_the_cassette_matches_the_schemas(cassette: Cassette) -> None:
    violations = check_body(cassette.vendor, cassette.body)
    assert not violations, "\n".join(map(str, violations))


def test_every_adapter_event_type_has_a_schema() -> None:
    for vendor in conformance.vendors():
        adapter = conformance.adapters.make_adapter(vendor)
        missing = adapter.event_types - event_types_with_schemas(vendor)
        assert not missing, f"{vendor}: no schema for {sorted(missing)}"


def test_all_schemas_load_into_one_registry_and_are_valid_2020_12() -> None:
    from jsonschema import Draft202012Validator

    paths = sorted(schema_dir().glob("*/*.json"))
    assert paths
    reg = registry()
    for path in paths:
        schema = json.loads(path.read_text())
        Draft202012Validator.check_schema(schema)
        assert reg.contents(schema["$id"]) == schema


def _events_with_required_fields() -> list[object]:
    params = []
    for cassette in bundled():
        for event in conformance.vendor_events(cassette.vendor, [cassette.body]):
            if isinstance(event.data, dict):
                params.append(pytest.param(cassette.vendor, event, id=f"{cassette.id}#{event.index}"))
    # One event per (vendor, type) is enough to show the schema rejects wrong shapes.
    seen, unique = set(), []
    for p in params:
        vendor, event = p.values  # type: ignore[attr-defined]
        if (vendor, event.type) not in seen:
            seen.add((vendor, event.type))
            unique.append(p)
    return unique


def _required(vendor: str, event: VendorEvent) -> list[str]:
    from conformance.formats.schemas import validator

    check = validator(vendor, event.type)
    assert check is not None
    schema = check.schema
    required = list(schema.get("required", []))
    return [r for r in required if r in event.data]


@pytest.mark.parametrize(("vendor", "event"), _events_with_required_fields())
def test_missing_required_field_is_rejected_naming_it(vendor: str, event: VendorEvent) -> None:
    required = _required(vendor, event)
    if not required:
        pytest.skip(f"{event.type} has no required top-level field")
    broken = copy.deepcopy(event.data)
    del broken[required[0]]
    violations = check_event(vendor, VendorEvent(event.type, broken, event.index, event.offset))
    assert violations
    assert any(required[0] in v.message for v in violations), violations


@pytest.mark.parametrize(("vendor", "event"), _events_with_required_fields())
def test_wrong_type_of_a_required_field_is_rejected_naming_its_path(vendor: str, event: VendorEvent) -> None:
    required = _required(vendor, event)
    if not required:
        pytest.skip(f"{event.type} has no required top-level field")
    broken = copy.deepcopy(event.data)
    field = required[0]
    broken[field] = [] if not isinstance(broken[field], list) else "not a list"
    violations = check_event(vendor, VendorEvent(event.type, broken, event.index, event.offset))
    assert violations
    assert any(field in v.path or field in v.message for v in violations), violations


def test_unknown_event_type_is_reported() -> None:
    violations = check_event("anthropic", VendorEvent("content_block_explode", {}, 3, 120))
    assert [(v.event_index, v.offset, v.message) for v in violations] == [
        (3, 120, "no schema for this event type")
    ]


def test_wrong_type_discriminator_is_rejected() -> None:
    event = VendorEvent("ping", {"type": "pong"}, 0, 0)
    violations = check_event("anthropic", event)
    assert violations and "type" in violations[0].path + violations[0].message
