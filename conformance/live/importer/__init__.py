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

The rooms: `sources` (reading vcrpy and HAR files into `Recording`s), `streams` (which
recordings are a vendor's stream), `importing` (each one to a checked kit cassette).
"""

from conformance.live.importer.importing import (
    Imported,
    features_of,
    import_paths,
    same_error,
    scenario_name,
    to_cassette,
)
from conformance.live.importer.sources import Recording, expand, read_recordings
from conformance.live.importer.streams import ROUTES, STREAM_TYPES, looks_streamed, vendor_of

__all__ = [
    "ROUTES",
    "STREAM_TYPES",
    "Imported",
    "Recording",
    "expand",
    "features_of",
    "import_paths",
    "looks_streamed",
    "read_recordings",
    "same_error",
    "scenario_name",
    "to_cassette",
    "vendor_of",
]
