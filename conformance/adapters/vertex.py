"""Gemini on Vertex AI (`POST …/publishers/google/models/{model}:streamGenerateContent?alt=sse`).

A profile of `gemini`: the same `GenerateContentResponse` events, plus what only Vertex
sends (docs: https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/Content#FunctionCall
and `#PartialArg`; SDK: python-genai `google/genai/types.py` `FunctionCall.partial_args`,
`PartialArg`, `FunctionCallingConfig.stream_function_call_arguments`): with
`toolConfig.functionCallingConfig.streamFunctionCallArguments: true` a function call's
arguments stream as **path-addressed values** instead of one `args` object:

| part                                                             | meaning                       |
| ---------------------------------------------------------------- | ----------------------------- |
| `functionCall: {name, willContinue: true}` (maybe `id`, `args`)  | a call begins                 |
| `functionCall: {partialArgs: [...], willContinue: true}`         | pieces of the open call       |
| `functionCall: {}` or a piece without `willContinue`             | the open call is complete     |

A piece is `{jsonPath, stringValue | numberValue | boolValue | nullValue, willContinue}`: one
value at an RFC 9535 path; a string with `willContinue` continues in the next piece for
that path (the last piece of a string is often an empty `stringValue`).

Shapes taken from recordings of the live API in vercel/ai
(`packages/google/src/__fixtures__/google-vertex-stream-tool-call-arguments-nested.1.chunks.txt`,
`google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt`): the
closing `functionCall: {}` is sometimes left out, so a `finishReason` also completes an
open call. A named `functionCall` without `willContinue` is an ordinary whole call.
"""

from __future__ import annotations

from typing import Any

from conformance.adapters._payload import optional, require
from conformance.adapters.gemini import GeminiAdapter
from conformance.errors import ProtocolError, VendorEventError
from conformance.events import (
    Event,
    Finish,
    ToolCallArguments,
    ToolCallEnd,
    ToolCallPartialArgument,
    ToolCallStart,
)
from conformance.json.path import PathArguments

# PartialArg value fields (the proto oneof `delta`) -> how the JSON value is read.
PARTIAL_VALUE_FIELDS = ("stringValue", "numberValue", "boolValue", "nullValue")


class VertexAdapter(GeminiAdapter):
    vendor = "vertex"
    description = "Gemini on Vertex AI streamGenerateContent?alt=sse (gemini profile + streamed partialArgs)"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._open_call: int | None = None  # index of the call whose arguments are streaming
        self._open_name: str | None = None
        self._open_paths: PathArguments | None = None  # checks each piece where its offset is known

    def _on_candidate(self, candidate: Any) -> list[Event]:
        out = super()._on_candidate(candidate)
        if self._open_call is not None and any(isinstance(e, Finish) for e in out):
            # The finish ends a call whose closing `functionCall: {}` never came.
            at = next(i for i, e in enumerate(out) if isinstance(e, Finish))
            out.insert(at, ToolCallEnd(self._open_call))
            self._open_call = self._open_name = None
            self._open_paths = None
        return out

    def _on_part(self, part: Any) -> list[Event]:
        call = optional(part, "functionCall", dict)
        if call is None:
            return super()._on_part(part)
        name = optional(call, "name", str)
        streaming = optional(call, "willContinue", bool, False)
        pieces = optional(call, "partialArgs", list, [])
        if self._open_call is not None:
            if name is not None and name != self._open_name:
                raise ProtocolError(
                    f"functionCall {name!r} while call {self._open_call} ({self._open_name!r})"
                    " is still streaming"
                )
            return self._continue(self._open_call, call, pieces, streaming)
        if name is None:
            if not call:
                return []  # a stray closing `functionCall: {}`: nothing is open, nothing to close
            raise ProtocolError("a functionCall without a name while no streamed call is open")
        if not streaming and not pieces:
            return super()._on_part(part)  # an ordinary whole call
        index = self._calls
        self._calls += 1
        out: list[Event] = [ToolCallStart(index, optional(call, "id", str), name)]
        args = optional(call, "args", dict)
        if args:
            out.append(ToolCallArguments(index, args))
        self._open_call, self._open_name = index, name
        self._open_paths = PathArguments(args or {}, self.limits)
        return out + self._continue(index, call, pieces, streaming)

    def _continue(self, index: int, call: Any, pieces: list[Any], streaming: bool) -> list[Event]:
        out: list[Event] = []
        for piece in pieces:
            event = self._piece(index, piece)
            if self._open_paths is not None:
                self._open_paths.apply(event.json_path, event.value, event.will_continue)
            out.append(event)
        if not streaming:
            out.append(ToolCallEnd(index))
            self._open_call = self._open_name = None
            self._open_paths = None
        return out

    @staticmethod
    def _piece(index: int, piece: Any) -> ToolCallPartialArgument:
        path = require(piece, "jsonPath", str)
        present = [key for key in PARTIAL_VALUE_FIELDS if isinstance(piece, dict) and key in piece]
        if len(present) != 1:
            raise VendorEventError(
                f"partialArgs piece for {path!r} should hold exactly one of {', '.join(PARTIAL_VALUE_FIELDS)}"
            )
        key = present[0]
        value: Any
        if key == "stringValue":
            value = require(piece, key, str)
        elif key == "numberValue":
            value = require(piece, key, (int, float))
        elif key == "boolValue":
            value = require(piece, key, bool)
        else:
            if piece[key] not in ("NULL_VALUE", None, 0):
                raise VendorEventError(f'nullValue should be "NULL_VALUE", got {piece[key]!r}')
            value = None
        return ToolCallPartialArgument(index, path, value, optional(piece, "willContinue", bool, False))
