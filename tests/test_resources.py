"""`connected_sockets`, read from the descriptor table, finds what the heap scan it replaced
found: a client socket connected to the server, a client socket the server reset (by its own
address), and never a socket closed since, the server's own ends or one to another peer."""

from __future__ import annotations

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
    server = address(listener)
    first = socket.create_connection(server)
    fd, before = first.fileno(), connected_sockets(server)
    first.close()
    with socket.create_connection(server) as second:
        assert second.fileno() == fd  # the lowest free descriptor: the one just closed
        assert connected_sockets(server).keys().isdisjoint(before)
