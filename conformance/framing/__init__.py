"""Framing decoders: bytes in any split -> framing events (SSE today; NDJSON, AWS event-stream next)."""

from conformance.framing.sse import ServerSentEvent, SSEDecoder

__all__ = ["SSEDecoder", "ServerSentEvent"]
