"""The hand-written cassettes are their tables: `dev/build_cassettes.py` turns every entry of
`dev/cassette_tables/<vendor>.yaml` into the bundled file byte for byte, and no hand-written
cassette lives outside a table (an edit to a cassette alone, or to a table alone, fails here)."""

from __future__ import annotations

import base64
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conformance.formats.cassettes import dump_cassette, iter_cassette_paths, load_cassette
from conformance.framing.eventstream import EventStreamDecoder

ROOT = Path(__file__).resolve().parents[1]


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_cassettes", ROOT / "dev" / "build_cassettes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _builder()
VENDORS = sorted(p.stem for p in (ROOT / "dev" / "cassette_tables").glob("*.yaml"))


@pytest.mark.parametrize("vendor", VENDORS)
def test_every_table_entry_is_its_bundled_cassette_byte_for_byte(vendor: str) -> None:
    built, _ = builder.load_table(vendor)
    for cassette in built:
        path = ROOT / "cassettes" / vendor / f"{cassette.scenario}.yaml"
        assert path.exists(), f"{vendor}/{cassette.scenario}: in the table, not in cassettes/"
        on_disk = path.read_text(encoding="utf-8")
        assert dump_cassette(builder.with_timings_on_disk(cassette, path)) == on_disk, cassette.id


def test_every_hand_written_cassette_has_a_table_entry() -> None:
    in_tables = {c.id for vendor in VENDORS for c in builder.load_table(vendor)[0]}
    hand = {
        c.id
        for c in map(load_cassette, iter_cassette_paths(ROOT / "cassettes"))
        if c.metadata.get("provenance") == "hand"
    }
    assert hand - in_tables == set()


def test_a_run_fills_json_values_and_padding_in_order() -> None:
    run = {"each": ["event: delta", 'data: {"text":$$,"i":$$}$_}'], "of": [["Tide", 0, 3], ["é\n", 1, 0]]}
    assert builder.unroll(["data: [DONE]", run]) == [
        "data: [DONE]",
        'event: delta\ndata: {"text":"Tide","i":0}   }',
        'event: delta\ndata: {"text":"é\\n","i":1}}',
    ]


def test_a_run_with_too_few_values_names_its_template() -> None:
    with pytest.raises(SystemExit, match=r"1 values \['a'\] for the slots of 'data: \$\$ \$\$'"):
        builder.unroll([{"each": "data: $$ $$", "of": [["a"]]}])


def test_an_invoke_chunk_frame_wraps_the_model_event_as_bedrock_does() -> None:
    event = '{"type":"message_stop"}'
    (message,) = EventStreamDecoder().feed(builder.frame(f"chunk/4 {event}"))
    assert message.headers[":event-type"] == "chunk"
    wrapper = json.loads(message.payload)
    assert wrapper == {"bytes": base64.b64encode(event.encode()).decode(), "p": "abcd"}


def test_an_exception_frame_carries_the_exception_type() -> None:
    (message,) = EventStreamDecoder().feed(builder.frame('throttlingException {"message":"slow down"}'))
    assert message.headers[":message-type"] == "exception"
    assert message.headers[":exception-type"] == "throttlingException"


def test_a_misspelt_field_names_the_table_and_the_entry() -> None:
    entry: dict[str, Any] = {
        "name": "text",
        "descripton": "typo",
        "features": [],
        "source": [],
        "request": None,
        "expected": {},
    }
    with pytest.raises(
        SystemExit, match=r"groq\.yaml, entry 'text': unknown \['descripton'\], missing \['description'\]"
    ):
        builder.cassette_of("groq", builder.table_of("groq"), {**entry, "events": []})
