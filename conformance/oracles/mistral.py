"""The official `mistralai` SDK (v2+, `from mistralai.client import Mistral`) as the Mistral oracle.

`Mistral.chat.stream(...)` is run on the body through an in-memory `httpx2.MockTransport`
(no network), on a client built once per thread (`_sdk.shared_client`: ~28 ms to build, the
read well under a millisecond) that each call serves its body to (`_sdk.serving`). The SDK's
own SSE reader (`utils/eventstreaming.py`, which stops at `data: [DONE]`) types each event
as a `CompletionEvent` (`models/completionchunk.py`) and accumulates nothing, so this module
folds the chunks the way an SDK user does (`FOLD_SOURCE`): choice 0's `delta.content`
appended (a string is text; in a list of content chunks, `TextChunk` is text and
`ThinkChunk.thinking[]` text chunks are reasoning; other chunks carry no normalized field),
its `delta.tool_calls` merged by `index` (the first delta of an index gives `id` and
`function.name`; string `arguments` are joined then parsed with `json.loads`, `{}` when
empty; object `arguments` are taken whole), the last non-null `finish_reason`, and the last
chunk `usage` with the fields the server sent (`UsageInfo` fills absent counters with 0,
which the wire never said), normalized with the adapter's own `USAGE_FIELDS`.

What the SDK raises (an `{"error": ...}` payload in place of a chunk is not a
`CompletionChunk`: `ResponseValidationError`) is reported as `sdk_error`, with the fold so far.
The SDK parses a last event that lacks its blank line; the adapter calls that body cut
(`complete: false`), as it does for every SSE vendor.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters._payload import usage_from
from conformance.adapters.mistral import MISTRAL
from conformance.oracles._sdk import json_arguments, needs, reported, serving, shared_client

SOURCE = "https://github.com/mistralai/client-python/blob/main/src/mistralai/client/chat.py"
"""`Chat.stream`: the SDK call this oracle makes."""
FOLD_SOURCE = "https://docs.mistral.ai/capabilities/completion/#streaming"
"""The documented way to read a stream: `chunk.data.choices[0].delta.content`, piece by piece."""

MODEL = "mistral-small-latest"
"""The model named in the request; the SDK never checks it against the body."""


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What `mistralai` makes of `body` (served in `chunks`, if given)."""
    models = needs("the Mistral oracle", "mistralai.client.models")
    fold = _Fold(models)
    out: dict[str, Any] = {}
    client = sdk_client()
    with serving(body, chunks), reported(out):
        stream = client.chat.stream(model=MODEL, messages=[{"role": "user", "content": "oracle"}])
        with stream:
            for event in stream:
                fold.chunk(event.data)
    return {**fold.result(), **out}


def sdk_client() -> Any:
    """This thread's `Mistral` client, on the in-memory transport (`_sdk.shared_client`)."""
    sdk = needs("the Mistral oracle", "mistralai.client")
    return shared_client(
        "mistral",
        lambda http_client: sdk.Mistral(api_key="test", server_url="http://test", client=http_client),
    )


class _Fold:
    """Choice 0 of the chunks, folded as an SDK user folds them."""

    def __init__(self, models: Any) -> None:
        self._models = models
        self.text: list[str] = []
        self.reasoning: list[str] = []
        self.calls: dict[int, dict[str, Any]] = {}
        self.stop: str | None = None
        self.usage: dict[str, int] | None = None

    def chunk(self, chunk: Any) -> None:
        for choice in chunk.choices:
            if choice.index == 0:
                self._delta(choice.delta)
                if choice.finish_reason:
                    self.stop = str(choice.finish_reason)
        if chunk.usage is not None:
            usage = chunk.usage
            present = {name: getattr(usage, name) for name in usage.model_fields_set}
            self.usage = usage_from({**present, **usage.additional_properties}, MISTRAL.usage_fields)

    def _delta(self, delta: Any) -> None:
        content = delta.content
        if isinstance(content, str):
            self.text.append(content)
        elif isinstance(content, list):
            for piece in content:
                if isinstance(piece, self._models.TextChunk):
                    self.text.append(piece.text)
                elif isinstance(piece, self._models.ThinkChunk):
                    self.reasoning.extend(
                        inner.text for inner in piece.thinking if isinstance(inner, self._models.TextChunk)
                    )
        for call in delta.tool_calls or []:
            index = call.index or 0
            arguments = call.function.arguments
            if index not in self.calls:
                self.calls[index] = {"id": call.id, "name": call.function.name, "arguments": []}
            if isinstance(arguments, dict):
                self.calls[index]["arguments"] = arguments
            elif arguments:
                self.calls[index]["arguments"].append(arguments)

    def result(self) -> dict[str, Any]:
        return {
            "text": "".join(self.text),
            "reasoning": "".join(self.reasoning),
            "tool_calls": [
                {"id": call["id"], "name": call["name"], "arguments": _arguments(call["arguments"])}
                for call in self.calls.values()
            ],
            "vendor_stop_reason": self.stop,
            "usage": self.usage,
        }


def _arguments(arguments: dict[str, Any] | list[str]) -> Any:
    return arguments if isinstance(arguments, dict) else json_arguments("".join(arguments))
