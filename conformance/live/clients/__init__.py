"""Reference clients: real HTTP clients that read a stream from the replay server and cancel it.

Each consumer takes a `Endpoint` (where the stream is, whose it is) and `cancel_after` (cancel
once that many vendor events were consumed; None reads to the end) and returns a
`ClientRun` for `conformance.live.cancel.check_cancel`. They cover the ways Python code stops a
stream: httpx sync and async (`httpx_clients`), the official `anthropic` and `openai` SDKs
(`sdk_clients`), and three deliberately bad clients that show what the checks catch
(`bad_clients`). `base` holds what they share (`Endpoint`, `Collector`), `app_loop` the event
loop async clients run on, `resume` the client that reconnects after a dropped connection.

The kit's own clients use `httpx`; the SDKs bring `httpx2`, and are imported only when
their consumer runs (they are in the `dev` extra).
"""

from conformance.live.clients.app_loop import ASYNC_TIMEOUT_S, client_loop, closing_async, run_async
from conformance.live.clients.bad_clients import (
    BAD_CONSUMERS,
    httpx_cycle_break,
    httpx_never_closes,
    httpx_reads_on,
)
from conformance.live.clients.base import TIMEOUT, Collector, Consumer, Endpoint, encode_sse
from conformance.live.clients.httpx_clients import (
    ASYNC_CONSUMERS,
    SYNC_CONSUMERS,
    anyio_cancel_scope,
    asyncio_task_cancel,
    httpx_async_aclose,
    httpx_close,
    httpx_iter_lines_break,
    httpx_with_block,
)
from conformance.live.clients.resume import RESUME_MODES, ResumeRun, resume_client
from conformance.live.clients.sdk_clients import (
    ANTHROPIC_CONSUMERS,
    ANTHROPIC_REQUEST,
    OPENAI_CHAT_CONSUMERS,
    OPENAI_REQUEST,
    anthropic_break,
    anthropic_client,
    anthropic_final_message,
    anthropic_stream_close,
    anthropic_stream_exit,
    openai_break,
    openai_chat_final_message,
    openai_client,
    openai_stream_close,
    openai_stream_exit,
)

__all__ = [
    "ANTHROPIC_CONSUMERS",
    "ANTHROPIC_REQUEST",
    "ASYNC_CONSUMERS",
    "ASYNC_TIMEOUT_S",
    "BAD_CONSUMERS",
    "OPENAI_CHAT_CONSUMERS",
    "OPENAI_REQUEST",
    "RESUME_MODES",
    "SYNC_CONSUMERS",
    "TIMEOUT",
    "Collector",
    "Consumer",
    "Endpoint",
    "ResumeRun",
    "anthropic_break",
    "anthropic_client",
    "anthropic_final_message",
    "anthropic_stream_close",
    "anthropic_stream_exit",
    "anyio_cancel_scope",
    "asyncio_task_cancel",
    "client_loop",
    "closing_async",
    "encode_sse",
    "httpx_async_aclose",
    "httpx_close",
    "httpx_cycle_break",
    "httpx_iter_lines_break",
    "httpx_never_closes",
    "httpx_reads_on",
    "httpx_with_block",
    "openai_break",
    "openai_chat_final_message",
    "openai_client",
    "openai_stream_close",
    "openai_stream_exit",
    "resume_client",
    "run_async",
]
