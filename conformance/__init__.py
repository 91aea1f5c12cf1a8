"""stream-conformance: does your LLM stream parser get every vendor stream right, at any split?

The public names; everything else is internal. See README.md for the three ways to use it.
"""

from __future__ import annotations

from conformance.api import parse, snapshots, stream_events, vendor_events, vendors
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
    ErrorReported,
    Event,
    Finish,
    ReasoningDelta,
    ReasoningSignature,
    RefusalDelta,
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
from conformance.message import Assembler, Message, Signature, ToolCall
from conformance.suite import AdapterSuite

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_LIMITS",
    "AdapterSuite",
    "Assembler",
    "CassetteError",
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
    "UnknownEventError",
    "UnknownVendorError",
    "UsageUpdate",
    "VendorEventError",
    "parse",
    "snapshots",
    "stream_events",
    "vendor_events",
    "vendors",
]
