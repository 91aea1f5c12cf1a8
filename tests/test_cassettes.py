"""Cassettes are real vcrpy cassettes: vcrpy replays them to httpx and httpx2 clients that
stream the body into the adapter; loading is safe YAML only; writing is atomic."""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx
import httpx2
import pytest
import vcr
import yaml

import conformance
from conformance.errors import CassetteError
from conformance.formats.cassettes import (
    MAX_CASSETTE_BYTES,
    Cassette,
    dump_cassette,
    load_cassette,
    save_cassette,
)
from tests._bundled import bundled, cassette_params

TLS = ssl.create_default_context()
"""One TLS context for every client below: vcrpy answers before any handshake, and a client
built without one loads the CA bundle again (~25 ms, a third of these tests' time)."""


def test_there_are_bundled_cassettes_for_every_core_vendor() -> None:
    vendors = {c.vendor for c in bundled()}
    assert {"anthropic", "openai-chat", "gemini"} <= vendors


@pytest.mark.parametrize("cassette", cassette_params())
def test_every_cassette_has_an_expected_message_and_a_source(cassette: Cassette) -> None:
    assert cassette.expected is not None
    assert cassette.expected.vendor == cassette.vendor
    assert cassette.metadata.get("source"), "cite the documentation the wire format follows"
    assert cassette.features, "say what the stream exercises"
    assert cassette.vendor in conformance.vendors()


@pytest.mark.parametrize("cassette", cassette_params())
def test_vcrpy_replays_the_cassette_to_an_httpx_stream(cassette: Cassette) -> None:
    assert cassette.path is not None
    content = (cassette.request_body or "").encode()
    with (
        vcr.use_cassette(str(cassette.path), record_mode="none"),
        httpx.Client(verify=TLS) as client,
        client.stream(cassette.method, cassette.uri, content=content) as response,
    ):
        assert response.status_code == cassette.status
        chunks = list(response.iter_raw())
    assert b"".join(chunks) == cassette.body
    assert conformance.parse(cassette.vendor, chunks) == cassette.expected


@pytest.mark.parametrize("cassette", cassette_params())
def test_vcrpy_replays_the_cassette_to_an_httpx2_stream(cassette: Cassette) -> None:
    assert cassette.path is not None
    content = (cassette.request_body or "").encode()
    with (
        vcr.use_cassette(str(cassette.path), record_mode="none"),
        httpx2.Client(verify=TLS) as client,
        client.stream(cassette.method, cassette.uri, content=content) as response,
    ):
        chunks = list(response.iter_bytes())
    assert conformance.parse(cassette.vendor, chunks) == cassette.expected


@pytest.mark.parametrize("cassette", cassette_params())
def test_cassette_survives_a_save_and_load(cassette: Cassette, tmp_path: Path) -> None:
    target = tmp_path / "copy.yaml"
    save_cassette(cassette, target)
    again = load_cassette(target)
    assert (again.body, again.uri, again.status, again.expected) == (
        cassette.body,
        cassette.uri,
        cassette.status,
        cassette.expected,
    )


def _cassette(body: bytes = b"data: [DONE]\n\n") -> Cassette:
    return Cassette(
        path=None,
        vendor="openai-chat",
        scenario="tiny",
        method="POST",
        uri="https://api.openai.com/v1/chat/completions",
        request_headers={},
        request_body="{}",
        status=200,
        response_headers={"content-type": ["text/event-stream"]},
        body=body,
        metadata={"vendor": "openai-chat", "scenario": "tiny"},
    )


def test_crlf_and_non_ascii_bodies_round_trip_byte_for_byte(tmp_path: Path) -> None:
    body = 'data: {"t": "\u00e9\U0001f600"}\r\n\r\n  \tdata: x \n\n'.encode()
    save_cassette(_cassette(body), tmp_path / "c.yaml")
    assert load_cassette(tmp_path / "c.yaml").body == body


def test_binary_body_round_trips(tmp_path: Path) -> None:
    body = bytes(range(256))
    save_cassette(_cassette(body), tmp_path / "c.yaml")
    assert load_cassette(tmp_path / "c.yaml").body == body


def test_python_tags_are_refused_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f"interactions: !!python/object/apply:os.system\n  - 'touch {marker}'\nversion: 1\n")
    with pytest.raises(CassetteError, match="safe YAML"):
        load_cassette(evil)
    assert not marker.exists()


def test_oversized_cassette_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_CASSETTE_BYTES + 1)
    with pytest.raises(CassetteError, match="over the"):
        load_cassette(big)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("just a string\n", "no 'interactions'"),
        ("interactions: []\nversion: 1\n", "one interaction"),
        ("interactions:\n- request: {}\nversion: 1\n", "missing"),
        ("interactions: [\n", "not a loadable YAML"),
    ],
    ids=["not-a-mapping", "no-interaction", "no-response", "broken-yaml"],
)
def test_malformed_cassettes_name_the_problem(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "anthropic" / "bad.yaml"
    path.parent.mkdir()
    path.write_text(text)
    with pytest.raises(CassetteError, match=reason) as info:
        load_cassette(path)
    assert str(path) in str(info.value)


def test_missing_file_is_a_cassette_error(tmp_path: Path) -> None:
    with pytest.raises(CassetteError, match="cannot read"):
        load_cassette(tmp_path / "nope.yaml")


def test_failed_save_leaves_the_old_cassette_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "c.yaml"
    save_cassette(_cassette(), target)
    before = target.read_bytes()

    def broken_dump(*args: object, **kwargs: object) -> str:
        raise yaml.YAMLError("disk full, say")

    monkeypatch.setattr("conformance.formats.cassettes.writing.dump_cassette", broken_dump)
    with pytest.raises(yaml.YAMLError):
        save_cassette(_cassette(b"data: other\n\n"), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["c.yaml"]


def test_next_line_character_in_a_body_survives_yaml() -> None:
    # YAML 1.1 treats U+0085 (NEL) as a line break inside block scalars; the dumper must pick a
    # style that keeps it, or refuse (dump_cassette re-reads what it wrote).
    body = "data: a\x85b\n\n".encode()
    text = dump_cassette(_cassette(body))
    assert yaml.safe_load(text)["interactions"][0]["response"]["body"]["string"].encode() == body
