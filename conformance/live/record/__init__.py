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

The rooms: `credentials` (keys and how each vendor takes one), `upstream` (what a scenario
sends, what is synthetic, the cost estimate, retries), `recorder` (the `Recorder`), `writing`
(the validated, atomic write and the sweep of a killed run's temporary files).
"""

from conformance.live.record.credentials import (
    CREDENTIALS,
    SIGNED_NOT_SECRET,
    ApiKey,
    AwsSigV4,
    Credentials,
    MissingKeyError,
    NoAuth,
    RecordTargetError,
    credentials,
    key_headers,
)
from conformance.live.record.recorder import Recorder, Recording, RecordingOutcome
from conformance.live.record.upstream import (
    PRICES_PER_MTOK,
    RETRY_STATUSES,
    SCENARIO_HEADERS,
    SYNTHETIC_FEATURES,
    estimate_cost_usd,
    is_synthetic,
    upstream_request,
    with_base_url,
)
from conformance.live.record.writing import TEMP_PREFIX, sweep_temp_files, write_validated

__all__ = [
    "CREDENTIALS",
    "PRICES_PER_MTOK",
    "RETRY_STATUSES",
    "SCENARIO_HEADERS",
    "SIGNED_NOT_SECRET",
    "SYNTHETIC_FEATURES",
    "TEMP_PREFIX",
    "ApiKey",
    "AwsSigV4",
    "Credentials",
    "MissingKeyError",
    "NoAuth",
    "RecordTargetError",
    "Recorder",
    "Recording",
    "RecordingOutcome",
    "credentials",
    "estimate_cost_usd",
    "is_synthetic",
    "key_headers",
    "sweep_temp_files",
    "upstream_request",
    "with_base_url",
    "write_validated",
]
