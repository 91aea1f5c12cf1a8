"""The official `ollama` Python library as the oracle of `/api/generate`: `Client.generate(..., stream=True)`.

As for `/api/chat` (conformance.oracles.ollama): the library's reader runs on an in-memory
`httpx.MockTransport` (it uses `httpx`, not `httpx2`), yields one `GenerateResponse` per
line and accumulates nothing, so this module folds them as its streaming example does
(`FOLD_SOURCE`): `thinking` and `response` appended, the final line's `done_reason` and
`prompt_eval_count` / `eval_count` as usage. A `ResponseError` (an error line) is reported
as `error: {type: "error", message}` with `sdk_error` and the fold so far; any other
exception (a line cut short) as `sdk_error` alone.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters._payload import usage_from
from conformance.adapters.ollama import USAGE_FIELDS
from conformance.oracles._sdk import mock_transport, needs, reported

SOURCE = "https://github.com/ollama/ollama-python/blob/main/ollama/_client.py"
"""`Client.generate` with `stream=True`: the reader this oracle runs."""
FOLD_SOURCE = "https://github.com/ollama/ollama-python/blob/main/examples/generate-stream.py"
"""The library's own example: print each part's `response`."""

MODEL = "llama3.2"
"""The model named in the request; the library never checks it against the body."""


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What the `ollama` library's `generate` makes of `body` (served in `chunks`, if given)."""
    ollama = needs("the Ollama generate oracle", "ollama")
    transport = mock_transport(body, chunks, content_type="application/x-ndjson", library="httpx")
    client = ollama.Client(host="http://test", transport=transport)
    text: list[str] = []
    reasoning: list[str] = []
    out: dict[str, Any] = {"vendor_stop_reason": None, "usage": None}
    with client, reported(out):
        try:
            for part in client.generate(model=MODEL, prompt="oracle", stream=True):
                reasoning.append(part.thinking or "")
                text.append(part.response or "")
                if part.done:
                    out["vendor_stop_reason"] = part.done_reason
                    out["usage"] = usage_from(part.model_dump(), USAGE_FIELDS) or None
        except ollama.ResponseError as exc:
            out["sdk_error"] = f"ResponseError: {exc.error}"
            out["error"] = {"type": "error", "message": str(exc.error)}
    out.update(text="".join(text), reasoning="".join(reasoning))
    return out
