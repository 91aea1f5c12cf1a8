"""What a client left behind: threads alive, sockets still connected to the server, tasks
pending in a loop. Only looks at what the interpreter holds (`gc`, `threading`, `asyncio`).
"""

from __future__ import annotations

import asyncio
import fnmatch
import gc
import socket
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any


def connected_sockets(address: tuple[str, int], bound_to: Collection[tuple[str, int]] = ()) -> dict[int, str]:
    """Open sockets in this process whose peer is `address` (the client ends of its connections),
    and those whose own address is one of `bound_to` (client addresses the server logged): a
    socket the peer reset is no longer connected, so only its own address still tells it."""
    found: dict[int, str] = {}
    for obj in gc.get_objects():
        if not isinstance(obj, socket.socket) or obj.fileno() == -1:
            continue
        try:
            peer = obj.getpeername()
        except OSError:
            try:
                own = obj.getsockname()
            except OSError:
                continue
            if bound_to and tuple(own[:2]) in bound_to:
                found[id(obj)] = f"fd {obj.fileno()} {own[:2]} -> {tuple(address)} (reset by the server)"
            continue
        if tuple(peer[:2]) == tuple(address):
            found[id(obj)] = f"fd {obj.fileno()} {obj.getsockname()[:2]} -> {peer[:2]}"
    return found


KIT_THREADS = ("conformance-*",)
"""The kit's own threads (replay server, client-mode server, async client loop): never a leak."""


@dataclass(frozen=True)
class ResourceSnapshot:
    """Threads alive and client sockets connected to the server, at one moment."""

    threads: dict[int, str]
    """By `id()` of the `Thread` object, held below so that no later thread can take the id
    (a thread's `ident` is reused as soon as it ends, which would hide a new thread)."""
    sockets: dict[int, str]
    held: tuple[threading.Thread, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def take(cls, address: tuple[str, int]) -> ResourceSnapshot:
        alive = tuple(t for t in threading.enumerate() if t.is_alive())
        return cls({id(t): t.name for t in alive}, connected_sockets(address), alive)

    def leaks_since(self, before: ResourceSnapshot, allowed_threads: Sequence[str] = ()) -> list[str]:
        """What is here now and was not `before`: threads (but the kit's own `conformance-*`
        and those `allowed_threads` names) and sockets."""
        patterns = (*KIT_THREADS, *allowed_threads)
        out = [
            f"thread {name!r} left running"
            for ident, name in self.threads.items()
            if ident not in before.threads and not any(fnmatch.fnmatchcase(name, p) for p in patterns)
        ]
        out += [
            f"socket left open: {desc}" for key, desc in self.sockets.items() if key not in before.sockets
        ]
        return out


def pending_tasks(since: Collection[asyncio.Task[Any]] = ()) -> tuple[str, ...]:
    """Tasks of the running loop other than the current one and those in `since` (the tasks
    pending before the run: a loop that outlives one run may hold others'), inside the loop."""
    current = asyncio.current_task()
    return tuple(
        t.get_name() + f" ({t.get_coro()!r})"
        for t in asyncio.all_tasks()
        if t is not current and not t.done() and t not in since
    )
