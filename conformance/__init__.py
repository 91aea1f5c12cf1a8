"""stream-conformance: does your LLM stream parser get every vendor stream right, at any split?

The public names; everything else is internal. See README.md for the three ways to use it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conformance.api import parse, snapshots, stream_events, vendor_events, vendors
    from conformance.assembler import Assembler
    from conformance.errors import (
        CassetteError,
        ConformanceError,
        FramingError,
        InvalidJSONError,
        InvalidUTF8Error,
        LimitExceededError,
        ProtocolError,
        StreamError,
        UnknownEventError,
        UnknownVendorError,
        VendorEventError,
    )
    from conformance.events import (
        CitationAdded,
        ErrorReported,
        Event,
        Finish,
        ReasoningDelta,
        ReasoningSignature,
        RefusalDelta,
        ServerToolCallStart,
        ServerToolResult,
        StreamEnd,
        StreamStart,
        TextDelta,
        ToolCallArguments,
        ToolCallDelta,
        ToolCallEnd,
        ToolCallPartialArgument,
        ToolCallSignature,
        ToolCallStart,
        UsageUpdate,
    )
    from conformance.limits import DEFAULT_LIMITS, Limits
    from conformance.live.converters import (
        from_anthropic,
        from_gemini,
        from_langchain,
        from_openai_chat,
        from_openai_response,
        from_pydantic_ai,
    )
    from conformance.message import Message, Signature, ToolCall, ToolResult
    from conformance.suite.adapter_suite import AdapterSuite

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_LIMITS",
    "AdapterSuite",
    "Assembler",
    "CassetteError",
    "CitationAdded",
    "ConformanceError",
    "ErrorReported",
    "Event",
    "Finish",
    "FramingError",
    "InvalidJSONError",
    "InvalidUTF8Error",
    "LimitExceededError",
    "Limits",
    "Message",
    "ProtocolError",
    "ReasoningDelta",
    "ReasoningSignature",
    "RefusalDelta",
    "ServerToolCallStart",
    "ServerToolResult",
    "Signature",
    "StreamEnd",
    "StreamError",
    "StreamStart",
    "TextDelta",
    "ToolCall",
    "ToolCallArguments",
    "ToolCallDelta",
    "ToolCallEnd",
    "ToolCallPartialArgument",
    "ToolCallSignature",
    "ToolCallStart",
    "ToolResult",
    "UnknownEventError",
    "UnknownVendorError",
    "UsageUpdate",
    "VendorEventError",
    "from_anthropic",
    "from_gemini",
    "from_langchain",
    "from_openai_chat",
    "from_openai_response",
    "from_pydantic_ai",
    "parse",
    "snapshots",
    "stream_events",
    "vendor_events",
    "vendors",
]

# Module of each public name. Loaded on first use (PEP 562), because pytest imports this
# package through the plugin in every project that has the kit installed, suite or not.
_MODULES = {
    **dict.fromkeys(("parse", "snapshots", "stream_events", "vendor_events", "vendors"), "api"),
    **dict.fromkeys(
        (
            "CassetteError",
            "ConformanceError",
            "FramingError",
            "InvalidJSONError",
            "InvalidUTF8Error",
            "LimitExceededError",
            "ProtocolError",
            "StreamError",
            "UnknownEventError",
            "UnknownVendorError",
            "VendorEventError",
        ),
        "errors",
    ),
    **dict.fromkeys(
        (
            "CitationAdded",
            "ErrorReported",
            "Event",
            "Finish",
            "ReasoningDelta",
            "ReasoningSignature",
            "RefusalDelta",
            "ServerToolCallStart",
            "ServerToolResult",
            "StreamEnd",
            "StreamStart",
            "TextDelta",
            "ToolCallArguments",
            "ToolCallDelta",
            "ToolCallEnd",
            "ToolCallPartialArgument",
            "ToolCallSignature",
            "ToolCallStart",
            "UsageUpdate",
        ),
        "events",
    ),
    **dict.fromkeys(("DEFAULT_LIMITS", "Limits"), "limits"),
    **dict.fromkeys(
        (
            "from_anthropic",
            "from_gemini",
            "from_langchain",
            "from_openai_chat",
            "from_openai_response",
            "from_pydantic_ai",
        ),
        "live.converters",
    ),
    "Assembler": "assembler",
    **dict.fromkeys(("Message", "Signature", "ToolCall", "ToolResult"), "message"),
    "AdapterSuite": "suite.adapter_suite",
}


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'conformance' has no attribute {name!r}")
    # Not cached here: the module's own copy is the one to give, even when a test runner
    # (pytester in-process) took the submodule out of sys.modules and imported it afresh.
    return getattr(importlib.import_module(f"conformance.{module}"), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
