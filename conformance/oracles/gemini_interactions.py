"""`google-genai`'s Interactions client as the oracle for `gemini-interactions` bodies.

`Client.interactions.create(..., stream=True)` (python-genai `_gaos/interactions.py`, a
generated client over `httpx2`) runs on the body through an in-memory
`httpx2.MockTransport` given as `HttpOptions.httpx_client` (no network; the Gemini oracle's
client, built once per thread, `gemini.api_client()`), with
`automatic_continuation=False` so that it never asks again. It types each event
(`_gaos/types/interactions/interactionsseevent.py`, deltas by `type` in `stepdeltadata.py`)
and accumulates nothing, so this module folds them the way the streaming guide does
(`FOLD_SOURCE`): `step.start` of a `model_output` / `thought` step and `step.delta`
`text` / `thought_summary` give text and reasoning; a `function_call` step gives a call
(`id`, `name`, its `arguments` object, replaced by its `arguments_delta` texts joined and
parsed with `json.loads` when there are any); `interaction.completed` gives the final
`status` (`vendor_stop_reason`) and `usage` (the adapter's `USAGE_FIELDS`); an `error`
event gives `error: {type: code, message}`.

What the SDK does not understand is reported, not guessed: events of the earlier API
revision (`interaction.start`, `content.*`, `interaction.complete`) come out as
`UnknownInteractionSSEEvent`, and a last event cut short comes out as the raw string;
`sdk_unknown_events` lists the event types it could not type, and nothing is folded from
them (so a legacy body's text, calls and stop reason are the SDK's blind spot).
"""

from __future__ import annotations

from typing import Any

from conformance.adapters._payload import usage_from
from conformance.adapters.gemini_interactions import USAGE_FIELDS
from conformance.oracles._sdk import json_arguments, reported, serving
from conformance.oracles.gemini import api_client

SOURCE = "https://github.com/googleapis/python-genai/blob/main/google/genai/_gaos/interactions.py"
"""`Interactions.create(stream=True)`: the SDK call this oracle makes."""
FOLD_SOURCE = "https://ai.google.dev/gemini-api/docs/interactions/streaming"
"""The documented reading of the events: what this module's fold follows."""

MODEL = "gemini-3-flash-preview"
"""The model named in the request; the SDK never checks it against the body."""


def sdk_message(body: bytes, *, chunks: list[bytes] | None = None) -> dict[str, Any]:
    """What `google-genai` makes of `body` (served in `chunks`, if given)."""
    fold = _Fold()
    out: dict[str, Any] = {}
    client = api_client()
    with serving(body, chunks), reported(out):
        stream = client.interactions.create(
            model=MODEL, input="oracle", stream=True, automatic_continuation=False
        )
        for event in stream:
            fold.event(event)
    return {**fold.result(), **out}


class _Fold:
    """The typed events, folded as the streaming guide reads them."""

    def __init__(self) -> None:
        self.text: list[str] = []
        self.reasoning: list[str] = []
        self.calls: dict[int, dict[str, Any]] = {}
        self.deltas: dict[int, list[str]] = {}
        self.signatures: dict[int, dict[str, str]] = {}
        self.out: dict[str, Any] = {"vendor_stop_reason": None, "usage": None}
        self.unknown: list[str] = []

    def event(self, event: Any) -> None:
        kind = getattr(event, "event_type", None)
        if not isinstance(kind, str) or getattr(event, "is_unknown", False):
            raw = getattr(event, "raw", event)
            self.unknown.append(str(raw.get("event_type")) if isinstance(raw, dict) else type(raw).__name__)
        elif kind == "step.start":
            self._step(event.index, event.step)
        elif kind == "step.delta":
            self._delta(event.index, event.delta)
        elif kind == "interaction.completed":
            interaction = event.interaction
            self.out["vendor_stop_reason"] = str(interaction.status)
            if interaction.usage is not None:
                self.out["usage"] = usage_from(interaction.usage.model_dump(), USAGE_FIELDS)
        elif kind == "error" and "error" not in self.out:
            error = event.error
            self.out["error"] = {"type": str(error.code or "error"), "message": str(error.message or "")}

    def _step(self, index: int, step: Any) -> None:
        if step.type == "model_output":
            self.text.extend(_texts(step.content))
        elif step.type == "thought":
            self.reasoning.extend(_texts(step.summary))
        elif step.type == "function_call":
            self.calls[index] = {"id": step.id, "name": step.name, "arguments": dict(step.arguments or {})}

    def _delta(self, index: int, delta: Any) -> None:
        if delta.type == "text":
            self.text.append(delta.text or "")
        elif delta.type == "thought_summary":
            self.reasoning.extend(_texts([delta.content]))
        elif delta.type == "arguments_delta":
            self.deltas.setdefault(index, []).append(delta.arguments or "")
        elif delta.type == "thought_signature" and delta.signature is not None:
            # one token per step: a later delta of the same step replaces the earlier (the API
            # sends empty placeholders first), as the kit's assembler and Anthropic's SDK do
            self.signatures[index] = {"kind": "thought_signature", "value": delta.signature}

    def result(self) -> dict[str, Any]:
        calls = []
        for index, call in self.calls.items():
            if index in self.deltas:
                call = {**call, "arguments": json_arguments("".join(self.deltas[index]))}
            calls.append(call)
        out = {**self.out, "text": "".join(self.text), "reasoning": "".join(self.reasoning)}
        out["tool_calls"] = calls
        out["signatures"] = list(self.signatures.values())
        if self.unknown:
            out["sdk_unknown_events"] = self.unknown
        return out


def _texts(contents: Any) -> list[str]:
    """The text of each text content item (images and other content carry none)."""
    return [c.text for c in contents or [] if c is not None and getattr(c, "type", None) == "text" and c.text]
