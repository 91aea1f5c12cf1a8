"""`connected_sockets`, read from the descriptor table, finds what the heap scan it replaced
found: a client socket connected to the server, a client socket the server reset (by its own
address), and never a socket closed since, the server's own ends or one to another peer."""

from __future__ import annotations

import os
import socket
import struct
from collections.abc import Iterator

import pytest

from conformance.live.cancel import resources
from conformance.live.cancel.resources import connected_sockets


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    with socket.create_server(("127.0.0.1", 0)) as server:
        yield server


def address(sock: socket.socket) -> tuple[str, int]:
    host, port = sock.getsockname()[:2]
    return host, port


def heap_scan(monkeypatch: pytest.MonkeyPatch, *args: object) -> object:
    """What the fallback for a system without a descriptor table (Windows) finds."""
    with monkeypatch.context() as patched:
        patched.setattr(resources, "_open_descriptors", lambda: None)
        return connected_sockets(*args)  # type: ignore[arg-type]


def test_a_connected_client_socket_is_found_and_gone_once_closed(
    listener: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = address(listener)
    with socket.create_connection(server) as client, socket.create_server(("127.0.0.1", 0)) as elsewhere:
        accepted, _ = listener.accept()
        with accepted, socket.create_connection(address(elsewhere)):
            found = connected_sockets(server)
            assert found == {
                (client.fileno(), *address(client)): f"fd {client.fileno()} {address(client)} -> {server}"
            }
            assert heap_scan(monkeypatch, server) == found
        key = (client.fileno(), *address(client))
    assert key not in connected_sockets(server)
    assert connected_sockets(server) == {}


def test_a_socket_the_server_reset_is_found_by_its_own_address(
    listener: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = address(listener)
    with socket.create_connection(server) as client:
        accepted, _ = listener.accept()
        own = address(client)
        # A zero linger makes close() send RST: the client end is no longer connected.
        accepted.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        accepted.close()
        client.settimeout(5)
        with pytest.raises(OSError):
            client.recv(1)  # reads the reset
        with pytest.raises(OSError):
            client.getpeername()
        assert connected_sockets(server) == {}  # no peer any more: not found by its peer
        found = connected_sockets(server, bound_to=[own])
        assert found == {
            (client.fileno(), *own): f"fd {client.fileno()} {own} -> {server} (reset by the server)"
        }
        assert heap_scan(monkeypatch, server, [own]) == found


def test_a_new_connection_on_a_reused_descriptor_is_a_new_key(listener: socket.socket) -> None:
    fcntl = pytest.importorskip("fcntl")  # POSIX: where the descriptor table is read
    resource = pytest.importorskip("resource")
    # Far above the numbers in use, so that no other thread takes it between the two copies.
    number = min(1000, resource.getrlimit(resource.RLIMIT_NOFILE)[0] - 16)
    server = address(listener)

    def at_number(sock: socket.socket) -> int:
        """A copy of `sock`'s descriptor at the lowest free number from `number` up (F_DUPFD
        never takes a descriptor another thread holds, as dup2 would)."""
        copy: int = fcntl.fcntl(sock.fileno(), fcntl.F_DUPFD, number)
        return copy

    with socket.create_connection(server) as first:
        old, first_address = at_number(first), address(first)
    before = connected_sockets(server)  # the copy keeps the first connection open
    os.close(old)  # the first connection closed; its number is free again
    with socket.create_connection(server) as second:
        new = at_number(second)
        try:
            assert new == old
            now = connected_sockets(server)
            assert (new, *address(second)) in now and (old, *first_address) in before
            assert now.keys().isdisjoint(before)
        finally:
            os.close(new)
