"""`conformance serve`: one cassette on an HTTP/1.1 loopback server at its recorded pace, for
real clients, until interrupted."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from conformance.cli.common import EXIT_OK, EXIT_USAGE


def add_serve(p: argparse.ArgumentParser) -> None:
    p.add_argument("cassette", type=Path, help="the cassette (.yaml, or a bundled one's id: anthropic/text)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port (default: 0, a free one; printed at start)")
    p.add_argument(
        "--speed", type=float, default=1.0, help="1 = recorded pace, 10 = ten times faster, 0 = no pauses"
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve a cassette over HTTP/1.1 at its recorded pace until interrupted (Ctrl-C)."""
    from conformance.live.replay.logs import ConnectionLog
    from conformance.live.replay.server import ReplayServer, serve

    def started(server: ReplayServer) -> None:
        program = server.program
        assert program is not None
        pace = "as fast as possible" if program.speed is None else f"{program.speed:g}x the recorded pace"
        print(f"serving {program.cassette.id} on {server.base_url}", flush=True)
        print(f"  {program.cassette.method} {program.path} ({pace}); Ctrl-C stops", flush=True)

    def ended(log: ConnectionLog) -> None:
        print(log.describe(), flush=True)

    if not args.speed >= 0:
        message = f"--speed must be 0 (no pauses) or positive, not {args.speed}"
        print(f"conformance serve: {message}", file=sys.stderr)
        return EXIT_USAGE
    if not 0 <= args.port <= 65535:
        print(f"conformance serve: --port must be 0 (a free one) to 65535, not {args.port}", file=sys.stderr)
        return EXIT_USAGE
    speed = args.speed or None
    stop = threading.Event()
    stop_on_signals(stop)
    serve(
        args.cassette, host=args.host, port=args.port, speed=speed, on_start=started, on_end=ended, stop=stop
    )
    return EXIT_OK


def stop_on_signals(stop: threading.Event) -> None:
    """Ctrl-C (SIGINT) and `kill` (SIGTERM) both set `stop`: the server then closes and the
    command exits 0. Set explicitly because a shell starts a background job (`conformance
    serve ... &`) with SIGINT ignored, and SIGTERM would otherwise end it without its log."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
