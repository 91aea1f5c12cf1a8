"""Resident memory of a replay server over many requests: flat, since only the last
`max_logs` connection logs are kept (issue 16: it grew by ~3.4 KB a request).

    python -m bench.replay_memory [--requests 100000] [--every 10000]

One process runs a `ReplayServer` (as fast as possible, no pauses) on a bundled cassette
and an `httpx.Client` (keep-alive) that requests it `--requests` times, reading each
response whole; every `--every` requests it prints the process's RSS (`VmRSS`, after a
`gc.collect()`) and the number of logs kept. Linux only (reads /proc/self/status).
docs/limits.md quotes the figures.
"""

from __future__ import annotations

import argparse
import gc
import sys

import httpx

from bench._harness import machine
from conformance.formats.cassettes import bundled_cassette_dir
from conformance.live.replay import ReplayServer


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.replay_memory", description=__doc__)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=10_000)
    parser.add_argument("--cassette", default=str(bundled_cassette_dir() / "anthropic" / "text.yaml"))
    args = parser.parse_args(argv)
    print(f"machine: {machine()}", flush=True)
    with ReplayServer(args.cassette, speed=None) as server, httpx.Client() as client:
        url = server.url()
        print(f"before any request: {rss_mb():.1f} MB", flush=True)
        for n in range(1, args.requests + 1):
            client.post(url).read()
            if n % args.every == 0 or n == args.requests:
                gc.collect()
                print(f"{n} requests: {rss_mb():.1f} MB, {len(server.connections)} logs kept", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
