"""How precisely the replay server keeps a recorded pace, and how fast it sees a client go away.

    python bench/bench_replay_pacing.py [--chunks 200] [--runs 3] [--speed 1] [--cancels 200]

Pacing: a synthetic stream of `--chunks` SSE events, one per chunk, timed as plausible
cassettes are (first chunk after 200-600 ms, then 10-80 ms gaps), is served at `--speed` to
an httpx client. For every chunk it reports how late it went out (server: the write, against
its due time) and how late it arrived (client: when the bytes completing it were read,
against the due time from the request). Negative would mean early.

The same is measured with the server in another process (`conformance serve`), where client
and server do not share a GIL.

Disconnect: `--cancels` times, a client reads the first chunk and closes the response; the
latency is from just before `response.close()` to the server observing `http.disconnect`.

Run it on an idle machine for numbers worth quoting (docs/cancellation.md quotes them).
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from conformance.formats.cassettes import Cassette, save_cassette
from conformance.live.replay import ReplayServer
from conformance.live.timing import percentile


def synthetic(chunks: int, seed: int = 0) -> Cassette:
    rng = random.Random(seed)
    events = []
    for i in range(chunks):
        data = {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "text_delta", "text": f"word{i} "},
        }
        events.append(f"event: content_block_delta\ndata: {json.dumps(data)}\n\n".encode())
    times, at = [], rng.uniform(200, 600)
    for _ in events:
        times.append(round(at, 3))
        at += rng.uniform(10, 80)
    return Cassette(
        path=None,
        vendor="anthropic",
        scenario="bench",
        method="POST",
        uri="https://api.anthropic.com/v1/messages",
        request_headers={},
        request_body=None,
        status=200,
        response_headers={"content-type": ["text/event-stream"]},
        body=b"".join(events),
        metadata={"chunks": [len(e) for e in events], "chunk_times_ms": times},
    )


def summary(label: str, values_ms: list[float]) -> str:
    p50, p95, p99 = (percentile(values_ms, q) for q in (50, 95, 99))
    return (
        f"{label:34} n={len(values_ms):5}  p50 {p50:7.3f}  p95 {p95:7.3f}  p99 {p99:7.3f}  "
        f"max {max(values_ms):7.3f}  mean {statistics.fmean(values_ms):7.3f} ms"
    )


def arrivals(url: str, cassette: Cassette, speed: float) -> list[float]:
    """How late (ms) each chunk's last byte arrived at an httpx client, against its due time."""
    due = [t / 1000 / speed for t in cassette.metadata["chunk_times_ms"]]
    ends = list(itertools.accumulate(cassette.metadata["chunks"]))
    seen: list[float] = []
    received = 0
    with httpx.Client() as client:
        started = time.perf_counter()
        with client.stream("POST", url, content=b"{}") as response:
            for data in response.iter_raw():
                now = time.perf_counter()
                received += len(data)
                while len(seen) < len(ends) and ends[len(seen)] <= received:
                    seen.append(now - started)
    return [(a - d) * 1000 for a, d in zip(seen, due, strict=True)]


def pacing(server: ReplayServer, cassette: Cassette, speed: float) -> tuple[list[float], list[float]]:
    """Lateness of the server's writes and of the client's arrivals, server in this process."""
    server.play(cassette, speed=speed)
    due = [t / 1000 / speed for t in cassette.metadata["chunk_times_ms"]]
    client_late = arrivals(server.url(), cassette, speed)
    log = server.connections[-1]
    log.wait(5)
    server_late = [(w.at - log.started_at - d) * 1000 for w, d in zip(log.writes, due, strict=True)]
    return server_late, client_late


def relative(late: list[float], per_run: int) -> list[float]:
    """Lateness minus the run's first chunk's: the pace error, without the request's own latency."""
    return [x - late[i - i % per_run] for i, x in enumerate(late) if i % per_run]


def pacing_out_of_process(cassette: Cassette, speed: float) -> list[float]:
    """Arrival lateness with the server in another process (`conformance serve`): no shared GIL."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "anthropic" / "bench.yaml"
        save_cassette(cassette, path)
        command = [sys.executable, "-m", "conformance", "serve", str(path), "--speed", str(speed)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        try:
            assert process.stdout is not None
            base = process.stdout.readline().split(" on ")[-1].strip()
            return arrivals(base + "/v1/messages", cassette, speed)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(20)


def disconnects(server: ReplayServer, cassette: Cassette, count: int) -> list[float]:
    server.play(cassette, speed=1.0)
    out = []
    with httpx.Client() as client:
        for _ in range(count):
            with client.stream("POST", server.url(), content=b"{}") as response:
                chunks = response.iter_raw()  # kept: dropping the iterator would close the response
                next(chunks)
                closing = time.perf_counter()
                response.close()
            log = server.connections[-1]
            log.wait(5)
            if log.disconnected_at is not None:
                out.append((log.disconnected_at - closing) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--chunks", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--speed", type=float, default=1.0)
    parser.add_argument("--cancels", type=int, default=200)
    args = parser.parse_args()
    system = f"{platform.system()} {platform.machine()}"
    print(f"python {platform.python_version()} on {system}; speed {args.speed:g}")
    server_late: list[float] = []
    client_late: list[float] = []
    with ReplayServer() as server:
        for run in range(args.runs):
            s, c = pacing(server, synthetic(args.chunks, seed=run), args.speed)
            server_late += s
            client_late += c
        print(summary("write lateness (server)", server_late))
        print(summary("arrival lateness (client)", client_late))
        print(summary("  relative to the first chunk", relative(client_late, args.chunks)))
        latencies = disconnects(server, synthetic(4), args.cancels)
        print(summary("disconnect seen after close()", latencies))
        server.clear()
    other: list[float] = []
    for run in range(args.runs):
        other += pacing_out_of_process(synthetic(args.chunks, seed=run), args.speed)
    print(summary("arrival lateness (server process)", other))
    print(summary("  relative to the first chunk", relative(other, args.chunks)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
