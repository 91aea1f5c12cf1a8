"""What a client left behind: threads alive, sockets still connected to the server, tasks
pending in a loop. Only looks at this process: its threads, its descriptor table, its loop.
"""

from __future__ import annotations

import asyncio
import fnmatch
import gc
import os
import socket
import threading
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

SocketKey = tuple[int, str, int]
"""A socket as `connected_sockets` keys it: its file descriptor and its own address. The
address is part of the key because a descriptor number is reused as soon as it is closed: a
new connection on the number an old one held is still told from it (its port differs)."""


def connected_sockets(
    address: tuple[str, int], bound_to: Collection[tuple[str, int]] = ()
) -> dict[SocketKey, str]:
    """Open sockets in this process whose peer is `address` (the client ends of its connections),
    and those whose own address is one of `bound_to` (client addresses the server logged): a
    socket the peer reset is no longer connected, so only its own address still tells it."""
    want, bound = tuple(address), {tuple(b) for b in bound_to}
    found: dict[SocketKey, str] = {}
    for fd, sock in _inet_sockets():
        try:
            own = tuple(sock.getsockname()[:2])
        except OSError:
            continue
        try:
            peer = tuple(sock.getpeername()[:2])
        except OSError:
            if own in bound:
                found[(fd, *own)] = f"fd {fd} {own} -> {want} (reset by the server)"
            continue
        if peer == want:
            found[(fd, *own)] = f"fd {fd} {own} -> {peer}"
    return found


def _inet_sockets() -> Iterator[tuple[int, socket.socket]]:
    """This process's IPv4 and IPv6 sockets, with their descriptors, however they are held.

    Read from the descriptor table (`/proc/self/fd`, `/dev/fd`) where there is one: scanning
    the heap for socket objects (`gc.get_objects`) cost ~50 ms a call in a large test process,
    and the lifecycle check polls. Each descriptor is wrapped only to ask its addresses and
    then detached, so it is never closed here. Elsewhere (Windows) the heap is scanned."""
    descriptors = _open_descriptors()
    if descriptors is None:
        for obj in gc.get_objects():
            if isinstance(obj, socket.socket) and obj.fileno() != -1 and obj.family in _INET:
                yield obj.fileno(), obj
        return
    for fd in descriptors:
        try:
            sock = socket.socket(fileno=fd)  # not a socket, or closed since: OSError
        except OSError:
            continue
        try:
            if sock.family in _INET:
                yield fd, sock
        finally:
            sock.detach()


_INET = (socket.AF_INET, socket.AF_INET6)


def _open_descriptors() -> list[int] | None:
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            return [int(name) for name in os.listdir(folder)]
        except (OSError, ValueError):
            continue
    return None


KIT_THREADS = ("conformance-*",)
"""The kit's own threads (replay server, client-mode server, async client loop): never a leak."""


@dataclass(frozen=True)
class ResourceSnapshot:
    """Threads alive and client sockets connected to the server, at one moment."""

    threads: dict[int, str]
    """By `id()` of the `Thread` object, held below so that no later thread can take the id
    (a thread's `ident` is reused as soon as it ends, which would hide a new thread)."""
    sockets: dict[SocketKey, str]
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
