"""Ollama completion streaming (`POST /api/generate`, `"stream": true`, the default).

Wire format (docs: https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-completion;
SDK: ollama-python `Client.generate`, types in `ollama/_types.py` `GenerateResponse`): the
`/api/chat` stream's framing and lifecycle (NDJSON, the `"done": true` line as the
terminator with `done_reason` and the counters, `{"error": "..."}` lines), but each line's
text is the top-level `response` and its reasoning the top-level `thinking` (thinking
models, `"think": true`), not a `message`. The last line adds `context` (token ids to pass
back for a follow-up), which carries no normalized field. The endpoint has no tools.

This is the `ollama` adapter with the line's reading swapped: one vendor's rules, one place.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters._base import VendorEvent
from conformance.adapters._payload import optional
from conformance.adapters.ollama import OllamaAdapter
from conformance.errors import ProtocolError
from conformance.events import Event, ReasoningDelta, TextDelta


class OllamaGenerateAdapter(OllamaAdapter):
    vendor = "ollama-generate"
    description = "Ollama /api/generate (NDJSON, one GenerateResponse per line)"

    def _on_chunk(self, event: VendorEvent) -> list[Event]:
        if self._terminated:
            raise ProtocolError("a line after the done line")
        out = self._start(event.data)
        out.extend(_pieces(event.data))
        return out


def _pieces(line: Any) -> list[Event]:
    out: list[Event] = []
    thinking = optional(line, "thinking", str)
    if thinking:
        out.append(ReasoningDelta(thinking))
    response = optional(line, "response", str)
    if response:
        out.append(TextDelta(response))
    return out
