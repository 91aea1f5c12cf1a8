"""`conformance/oracles/_sdk.py`'s shared clients: one SDK client per thread and
configuration, answering with the body its thread is `serving`. Pinned with the real SDKs
(google-genai, mistralai): the shared client reports what a client built for the call
reports, on every bundled cassette of the oracles that use it, whatever was read before;
each thread answers with its own body; a request outside `serving` fails, naming that."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests._oracles import require_sdk

require_sdk("httpx2", reason="the shared clients need the dev extra")
require_sdk("google.genai", reason="the Gemini oracles need google-genai (the dev extra)")
require_sdk("mistralai.client", reason="the Mistral oracle needs mistralai (the dev extra)")

from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.oracles import gemini, mistral, oracle_for
from conformance.oracles._sdk import NotServingError, drop_clients, serving, shared_client

SHARED = ("gemini", "gemini-array", "gemini-interactions", "vertex", "mistral")
"""The oracles on shared clients (their SDK client costs 30-50 ms to build, a read ~1 ms)."""


def by_id(cassette_id: str) -> Cassette:
    vendor, scenario = cassette_id.split("/")
    (cassette,) = (c for c in load_cassettes(vendor=vendor) if c.scenario == scenario)
    return cassette


def chunkings(body: bytes) -> list[list[bytes]]:
    """Whole, one byte at a time, 7-byte pieces, and three uneven pieces."""
    third = max(1, len(body) // 3)
    return [
        [body],
        [body[i : i + 1] for i in range(len(body))],
        [body[i : i + 7] for i in range(0, len(body), 7)],
        [body[:third], body[third : 2 * third + 1], body[2 * third + 1 :]],
    ]


def fresh(vendor: str, body: bytes, chunks: list[bytes] | None = None) -> Any:
    """The oracle's answer from SDK clients built for this call alone (as before sharing)."""
    drop_clients()
    return outcome(oracle_for(vendor), body, chunks)


def outcome(oracle: Callable[..., dict[str, Any]], body: bytes, chunks: list[bytes] | None = None) -> Any:
    """What the oracle returns, or the exception it raised (type and message)."""
    try:
        return oracle(body, chunks=chunks)
    except Exception as exc:  # gemini/truncated: the SDK's parse error escapes the oracle
        return f"raised {type(exc).__name__}: {exc}"


@pytest.mark.parametrize("vendor", SHARED)
def test_shared_clients_report_what_clients_built_per_call_report_on_every_cassette(vendor: str) -> None:
    cassettes = load_cassettes(vendor=vendor)
    assert len(cassettes) >= 8
    # every cassette once, under a chunking that cycles through `chunkings`, read one after
    # another on the same shared clients: whatever came before must not change an answer
    cases = [(c, chunkings(c.body)[i % 4]) for i, c in enumerate(cassettes)]
    drop_clients()
    oracle = oracle_for(vendor)
    shared = [outcome(oracle, c.body, chunks) for c, chunks in cases]
    per_call = [fresh(vendor, c.body, chunks) for c, chunks in cases]
    for (cassette, chunks), ours, theirs in zip(cases, shared, per_call, strict=True):
        assert ours == theirs, f"{cassette.id} in {len(chunks)} chunks"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("gemini/text", "gemini/non_ascii"),  # two good bodies, one after the other
        ("gemini/error_mid_stream", "gemini/function_call"),  # an error event (APIError), then good
        ("gemini/truncated", "gemini/thinking"),  # the SDK raised mid-way out of the oracle
        ("gemini-interactions/error", "gemini-interactions/text"),
        ("vertex/error_mid_stream", "vertex/function_call_whole"),
        ("mistral/truncated", "mistral/tool_call"),  # ResponseValidationError mid-way
        ("mistral/rate_limited", "mistral/reasoning"),
    ],
)
def test_nothing_of_one_call_leaks_into_the_next(before: str, after: str) -> None:
    first, second = by_id(before), by_id(after)
    expected = fresh(second.vendor, second.body)
    drop_clients()
    outcome(oracle_for(first.vendor), first.body)
    assert outcome(oracle_for(second.vendor), second.body) == expected


@pytest.mark.parametrize("vendor", ["gemini", "mistral"])
def test_a_stream_the_sdk_left_unread_does_not_reach_the_next_call(vendor: str) -> None:
    first, second = by_id(f"{vendor}/long_text"), by_id(f"{vendor}/text")
    expected = fresh(vendor, second.body)
    oracle_for(vendor)(second.body)  # the shared client is built
    with serving(first.body, [first.body[:200], first.body[200:]]):
        if vendor == "gemini":
            stream: Any = gemini.api_client().models.generate_content_stream(
                model=gemini.MODEL, contents="oracle"
            )
        else:
            stream = iter(
                mistral.sdk_client().chat.stream(model="m", messages=[{"role": "user", "content": "oracle"}])
            )
        next(stream)  # one response read, the rest left in the transport, the stream never closed
    assert oracle_for(vendor)(second.body) == expected


def test_two_threads_serving_at_once_each_read_their_own_body() -> None:
    bodies = [by_id("gemini/text").body, by_id("gemini/non_ascii").body]
    expected = [fresh("gemini", body) for body in bodies]
    both_serving = threading.Barrier(2, timeout=60)

    def read(body: bytes) -> tuple[Any, Any]:
        client = gemini.api_client()
        fold, out = gemini.Fold(), {}
        with serving(body):
            both_serving.wait()  # both threads are serving now: one slot for both would fail
            gemini.generate(client, gemini.MODEL, fold, out)
            both_serving.wait()
        return client, "".join(fold.text)

    with ThreadPoolExecutor(2) as pool:
        (client_a, text_a), (client_b, text_b) = pool.map(read, bodies)
    assert client_a is not client_b  # one client per thread
    assert [text_a, text_b] == [e["text"] for e in expected]
    assert text_a != text_b


def test_a_request_outside_serving_fails_naming_that() -> None:
    client = gemini.api_client()
    with pytest.raises(NotServingError, match=r"POST \S+streamGenerateContent.*no body is being served"):
        list(client.models.generate_content_stream(model=gemini.MODEL, contents="oracle"))
    with serving(by_id("gemini/text").body):
        pass
    with pytest.raises(NotServingError):  # after a block, nothing is served any more
        list(client.models.generate_content_stream(model=gemini.MODEL, contents="oracle"))


def test_serving_streams_the_chunks_and_restores_the_outer_body() -> None:
    http_client = shared_client("test-http", lambda http_client: http_client)
    assert shared_client("test-http", lambda http_client: pytest.fail("built twice")) is http_client
    with serving(b"outer"):
        inner = serving(b"abcdef", [b"ab", b"c", b"def"], status=429, content_type="application/json")
        with inner, http_client.stream("GET", "http://test/") as response:
            assert list(response.iter_raw()) == [b"ab", b"c", b"def"]  # the SDK's reader sees the splits
            assert (response.status_code, response.headers["content-type"]) == (429, "application/json")
        assert http_client.get("http://test/").content == b"outer"


def test_chunks_that_are_not_the_body_are_refused() -> None:
    with pytest.raises(ValueError, match="chunks do not add up to body"), serving(b"abc", [b"ab"]):
        pass


def test_each_thread_builds_its_own_client_once() -> None:
    def twice() -> tuple[object, object]:
        return shared_client("test-threads", lambda _: object()), shared_client(
            "test-threads", lambda _: object()
        )

    here = twice()
    with ThreadPoolExecutor(1) as pool:
        there = pool.submit(twice).result()
    assert here[0] is here[1] and there[0] is there[1]
    assert here[0] is not there[0]
