"""Cassettes: vcrpy YAML files holding one recorded streaming exchange, plus our metadata.

A cassette is an ordinary vcrpy (format version 1) cassette with one interaction, so vcrpy
can replay it to any httpx/httpx2 client. The kit's own data sits in vcrpy's cassette-level
`metadata` mapping, under `conformance`:

    metadata:
      conformance:
        vendor: anthropic            # adapter id
        scenario: tool_use           # file stem; the cassette id is "<vendor>/<scenario>"
        description: one line on what this stream exercises
        features: [text, tool_calls] # what a parser must support for the checks to apply
        source: https://…            # the documentation the wire format follows (URL or list)
        provenance: hand             # where `expected` came from: hand | sdk:<pkg>==<ver> | reference
        expected: {…}                # the expected Message, as Message.to_dict() gives it
        chunk_times_ms: [0, 412, …]  # optional: arrival time of each chunk (see below)
        chunks: [120, 88, …]         # optional: byte length of each recorded chunk

Loading uses safe YAML only (no Python tags are constructed; a cassette is data, never
code) and refuses files over `MAX_CASSETTE_BYTES`.

The rooms: `model` (the `Cassette` value), `fields` (the closed field tables and `FEATURES`),
`finding` (bundled cassettes, ids, folders), `reading` (loading and validation), `writing`
(YAML that reads back exactly, saved atomically).
"""

from conformance.errors import CassetteError
from conformance.formats.cassettes.fields import (
    EXPECTED_FIELDS,
    FEATURES,
    METADATA_FIELDS,
    RECORD_LISTS,
    TOOL_CALL_FIELDS,
    TOOL_RESULT_FIELDS,
    Check,
    check_metadata,
)
from conformance.formats.cassettes.finding import (
    CASSETTE_ID,
    bundled_cassette_dir,
    is_cassette_id,
    iter_cassette_paths,
    resolve_cassette,
)
from conformance.formats.cassettes.model import Cassette
from conformance.formats.cassettes.reading import (
    MAX_CASSETTE_BYTES,
    MAX_EXPANDED_SIZE,
    cassette_from_dict,
    check_expansion,
    load_cassette,
    load_cassettes,
)
from conformance.formats.cassettes.writing import cassette_to_dict, dump_cassette, save_cassette

__all__ = [
    "CASSETTE_ID",
    "EXPECTED_FIELDS",
    "FEATURES",
    "MAX_CASSETTE_BYTES",
    "MAX_EXPANDED_SIZE",
    "METADATA_FIELDS",
    "RECORD_LISTS",
    "TOOL_CALL_FIELDS",
    "TOOL_RESULT_FIELDS",
    "Cassette",
    "CassetteError",
    "Check",
    "bundled_cassette_dir",
    "cassette_from_dict",
    "cassette_to_dict",
    "check_expansion",
    "check_metadata",
    "dump_cassette",
    "is_cassette_id",
    "iter_cassette_paths",
    "load_cassette",
    "load_cassettes",
    "resolve_cassette",
    "save_cassette",
]
