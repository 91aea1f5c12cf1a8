"""`google-genai` in Vertex AI mode as the oracle for `vertex` bodies.

`genai.Client(vertexai=True, project=..., location=..., credentials=...)` runs
`models.generate_content_stream` on the body through an in-memory `httpx2.MockTransport` (no
network); the credentials are an already-valid OAuth token object, so the SDK never
refreshes them. The client is built once per thread (`_sdk.shared_client`: ~50 ms to build,
~1 ms to read) and each call serves its body to it (`_sdk.serving`). As on the Gemini API
the SDK yields one `GenerateContentResponse` per event and accumulates nothing; this module
folds them as the Gemini oracle does (text and thought parts of candidate 0, whole
`function_call` parts, the last finish or block reason, the last `usage_metadata`), with the
Gemini oracle's own tables.

What the SDK cannot judge: **streamed function-call arguments**. It types Vertex's
`functionCall.partialArgs` (`types.PartialArg`: `json_path`, a value, `will_continue`) and
`willContinue`, but assembles nothing: each piece comes out as its own `FunctionCall`, with
no name after the first. Rebuilding the arguments from the pieces would be this module's
work, not the SDK's, so when a body streams any call the result has no `tool_calls`;
`sdk_cannot_judge` says so and `sdk_tool_call_names` lists the names the SDK saw, in order.
Bodies whose calls all arrive whole are judged in full.
"""

from __future__ import annotations

from typing import Any

from conformance.oracles._sdk import needs, reported, serving, shared_client
from conformance.oracles.gemini import Fold, genai_client, generate

SOURCE = "https://github.com/googleapis/python-genai/blob/main/google/genai/types.py"
"""`FunctionCall.partial_args` / `PartialArg`: the SDK types the pieces and stops there."""

MODEL = "gemini-3-flash-preview"
PROJECT, LOCATION = "oracle-project", "global"
"""Any project and location: the mock transport answers every request with the body."""


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What `google-genai` (Vertex mode) makes of `body` (served in `chunks`, if given)."""
    fold = _Fold()
    out: dict[str, Any] = {}
    client = shared_client("vertex", _vertex_client)
    with serving(body, chunks), reported(out):
        generate(client, MODEL, fold, out)
    out.update(text="".join(fold.text), reasoning="".join(fold.reasoning), usage=fold.usage)
    out["signatures"] = fold.signatures
    if fold.streamed:
        out["sdk_cannot_judge"] = ["tool_calls"]
        out["sdk_tool_call_names"] = fold.names
    else:
        out["tool_calls"] = fold.calls
    if "error" not in out:
        out["vendor_stop_reason"] = fold.stop
    return out


def _vertex_client(http_client: Any) -> Any:
    oauth2 = needs("the Vertex oracle", "google.oauth2.credentials")
    return genai_client(
        http_client,
        vertexai=True,
        project=PROJECT,
        location=LOCATION,
        credentials=oauth2.Credentials(token="offline-oracle"),  # valid, so never refreshed
    )


class _Fold(Fold):
    """The Gemini fold, noting the calls the SDK sees only in pieces."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.streamed = False

    def call(self, call: Any) -> None:
        if call.name:
            self.names.append(call.name)
        if call.partial_args or call.will_continue or not call.name:
            self.streamed = True  # a piece of a streamed call: the SDK assembles nothing
        else:
            super().call(call)
