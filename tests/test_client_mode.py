"""Client mode: the loopback server's pieces, the `request` check, and a client with a classic bug."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

import conformance
from conformance.formats.cassettes import Cassette, load_cassettes
from conformance.suite.checks import Case, CheckFailed, Target, run_case
from conformance.suite.client_mode import HttpClient, PieceServer, RequestShape, Response, request_chunkings
from tests.test_suite import TEXT_BODY, make_cassette

pytest_plugins = ["pytester"]


@pytest.fixture(autouse=True)
def _no_step_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runs below must not append their matrix to a real CI job's summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def cassette(body: bytes = TEXT_BODY) -> Cassette:
    c = make_cassette(body)
    headers = {"Content-Type": ["text/event-stream"], "X-Request-Id": ["req_1"], "Content-Length": ["999"]}
    uri = "https://api.openai.com/v1/chat/completions"
    return Cassette(**{**c.__dict__, "status": 201, "response_headers": headers, "uri": uri})


def raw_exchange(base_url: str, request: bytes) -> bytes:
    """Everything the server sends for one request, up to the end of the chunked body."""
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname, parts.port)) as sock:
        sock.sendall(request)
        data = b""
        while not data.endswith(b"\r\n0\r\n\r\n"):
            piece = sock.recv(65536)
            assert piece, "the server closed the connection early"
            data += piece
    return data


def dechunk(raw: bytes) -> list[bytes]:
    """The transfer chunks of a chunked body."""
    chunks = []
    while raw:
        size, _, raw = raw.partition(b"\r\n")
        n = int(size, 16)
        if n == 0:
            break
        chunks.append(raw[:n])
        raw = raw[n + 2 :]
    return chunks


@pytest.fixture(scope="module")
def server() -> Iterator[PieceServer]:
    with PieceServer() as s:
        yield s


def test_each_piece_is_its_own_transfer_chunk_under_the_recorded_status_and_headers(
    server: PieceServer,
) -> None:
    pieces = [TEXT_BODY[:7], TEXT_BODY[7:60], TEXT_BODY[60:]]
    with server.serving(Response.of(cassette(), pieces)) as seen:
        raw = raw_exchange(server.base_url, b"POST /v1/chat/completions?x=1 HTTP/1.1\r\nHost: h\r\n\r\n")
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").lower().split("\r\n")
    assert lines[0] == "http/1.1 201 created"
    assert {"content-type: text/event-stream", "x-request-id: req_1", "transfer-encoding: chunked"} <= set(
        lines
    )
    assert not any(
        line.startswith("content-length") for line in lines
    )  # the recorded hop's framing is not ours
    assert dechunk(body) == pieces
    assert seen == [("POST", "/v1/chat/completions?x=1")]  # the query too: some streams need one


def test_a_sync_httpx_client_reads_the_whole_body_whatever_the_pieces() -> None:
    def request(base_url: str) -> conformance.Message:
        with httpx.Client() as client, client.stream("POST", base_url + "/v1/chat/completions") as response:
            return conformance.parse("openai-chat", response.iter_bytes())

    client = HttpClient(request)
    message = client.fetch(cassette(), [TEXT_BODY[:3], TEXT_BODY[3:4], TEXT_BODY[4:]])
    assert message == conformance.parse("openai-chat", [TEXT_BODY])
    assert client.requests() == [("POST", "/v1/chat/completions")]


def test_request_chunkings_cut_at_most_eight_times() -> None:
    from hypothesis import given, settings

    @settings(max_examples=30, derandomize=True)
    @given(request_chunkings(TEXT_BODY))
    def check(chunks: list[bytes]) -> None:
        assert b"".join(chunks) == TEXT_BODY and 1 <= len(chunks) <= 9 and all(chunks)

    check()


def target(request: object) -> Target:
    return Target("client", "openai-chat", lambda chunks: None, client=HttpClient(request))  # type: ignore[arg-type]


def test_the_request_check_names_the_method_and_path_the_client_missed() -> None:
    def request(base_url: str) -> conformance.Message:
        response = httpx.get(base_url + "/chat/completion")
        return conformance.parse("openai-chat", [response.content])

    with pytest.raises(CheckFailed) as failure:
        run_case(target(request), Case("request", cassette()))
    assert str(failure.value).splitlines() == [
        "request: openai-chat/case: the client's request missed what the vendor requires: "
        "method GET, not POST; path /chat/completion, not /v1/chat/completions",
        "  expected: POST /v1/chat/completions",
        "  got:      GET /chat/completion",
    ]
    run_case(target(request), Case("whole", cassette()))  # the body was served all the same


GEMINI = (
    "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
)
VERTEX = (
    "https://aiplatform.googleapis.com/v1/projects/example-project/locations/global/publishers/google/"
    "models/gemini-3-flash-preview:streamGenerateContent?alt=sse"
)
BEDROCK = (
    "https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/"
    "converse-stream"
)


@pytest.mark.parametrize(
    ("uri", "sent"),
    [
        (GEMINI, "/v1beta/models/gemini-2.0-flash-lite:streamGenerateContent?alt=sse"),
        (
            VERTEX,
            "/v1/projects/my-proj/locations/us-central1/publishers/google/models/m:streamGenerateContent?alt=sse",
        ),
        (BEDROCK, "/model/amazon.nova-lite-v1%3A0/converse-stream"),
        (BEDROCK, "/model/amazon.nova-lite-v1:0/converse-stream"),
    ],
    ids=["gemini-other-model", "vertex-other-project-region-model", "bedrock-quoted", "bedrock-unquoted"],
)
def test_the_request_shape_leaves_the_model_and_deployment_to_the_client(uri: str, sent: str) -> None:
    shape = RequestShape.of(Cassette(**{**cassette().__dict__, "method": "POST", "uri": uri}))
    assert shape.problems("POST", sent) == []


def test_the_request_shape_requires_what_the_stream_depends_on() -> None:
    shape = RequestShape.of(Cassette(**{**cassette().__dict__, "method": "POST", "uri": GEMINI}))
    assert str(shape) == "POST /v1beta/models/{model}:streamGenerateContent?alt=sse"
    assert shape.problems("POST", "/v1beta/models/gemini-2.5-flash:streamGenerateContent") == [
        "query parameter alt=sse missing"  # without it Gemini answers a JSON array
    ]
    assert shape.problems("POST", "/v1beta/models/gemini-2.5-flash:generateContent?alt=sse") == [
        "path /v1beta/models/gemini-2.5-flash:generateContent, "
        "not /v1beta/models/{model}:streamGenerateContent"
    ]


def test_the_request_check_passes_a_gemini_client_naming_its_own_model() -> None:
    uri = GEMINI
    gemini = Cassette(**{**load_cassettes(vendor="gemini")[0].__dict__, "uri": uri})

    def request(base_url: str) -> conformance.Message:
        url = base_url + "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"
        return conformance.parse("gemini", [httpx.post(url, content=b"{}").content])

    client = Target("client", "gemini", lambda chunks: None, client=HttpClient(request))  # type: ignore[arg-type]
    run_case(client, Case("request", gemini))
    assert client.client is not None
    assert client.client.requests() == [
        ("POST", "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse")
    ]


def test_a_client_returning_no_message_is_told_what_it_returned() -> None:
    with pytest.raises(CheckFailed, match=r"request returned NoneType; expected a conformance\.Message"):
        run_case(
            target(lambda base_url: httpx.post(base_url + "/v1/chat/completions") and None),
            Case("whole", cassette()),
        )


# -- a classic client bug, in a pytest run --------------------------------------------------------

SHORT_READ_CLIENT = """
import socket
from urllib.parse import urlsplit

import conformance
from conformance import AdapterSuite


def dechunk(raw):
    out = b""
    while raw:
        size, _, raw = raw.partition(b"\\r\\n")
        if not size or int(size, 16) == 0:
            break
        out, raw = out + raw[: int(size, 16)], raw[int(size, 16) + 2 :]
    return out


REQUEST = (
    b"POST /v1/chat/completions HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n"
    b"Content-Length: 2\\r\\n\\r\\n{}"
)


class TestShortReadClient(AdapterSuite):
    vendor = "openai-chat"

    def request(self, base_url):
        url = urlsplit(base_url)
        with socket.create_connection((url.hostname, url.port)) as sock:
            sock.sendall(REQUEST)
            data = b""
            while b"\\r\\n\\r\\n" not in data:
                data += sock.recv(65536)
            _, _, body = data.partition(b"\\r\\n\\r\\n")
            while True:
                piece = sock.recv(65536)
                body += piece
                if len(piece) < 65536:  # BUG: a short read is taken for the end of the stream
                    break
        return conformance.parse("openai-chat", [dechunk(body)])
"""


def test_a_client_taking_a_short_read_for_the_end_is_red_on_bodies_in_several_pieces(
    pytester: pytest.Pytester,
) -> None:
    ids = {c.id for c in load_cassettes(vendor="openai-chat")}
    if not {"openai-chat/text", "openai-chat/tool_call"} <= ids:
        pytest.skip("the bundled openai-chat cassettes text and tool_call are needed")
    pytester.makepyfile(test_client=SHORT_READ_CLIENT)
    result = pytester.runpytest(
        "-p",
        "no:cacheprovider",
        "--conformance-profile=conformance-ci",
        "-rf",
        "-k",
        "chat/text] or chat/tool_call]",
    )
    failed = re.findall(r"^FAILED \S+::TestShortReadClient::(\S+\])", result.stdout.str(), re.MULTILINE)
    # Red where a body arrives in pieces (Hypothesis's splits, the chunks a cassette was
    # recorded in), green where it comes whole.
    assert {"test_split_invariance[openai-chat/text]", "test_split_invariance[openai-chat/tool_call]"} <= set(
        failed
    )
    assert not [test for test in failed if test.startswith("test_whole_body")]
    assert result.parseoutcomes()["passed"] >= 2
    heads = re.findall(r"^\w+: openai-chat/\w+: (.*)$", result.stdout.str(), re.MULTILINE)
    assert heads and all(re.search(r"\d+ chunks", head) for head in heads)  # (or the client crashed)
    # The split check tries the chunks the cassette was recorded in before Hypothesis's splits.
    result.stdout.fnmatch_lines(
        [
            "*split: openai-chat/text: the * chunks it was recorded in give a different result",
            "*chunking: * chunks of *",
            "*first difference: text*",
        ]
    )


# -- the plugin's fixtures and options ------------------------------------------------------------


def test_the_plugin_offers_the_replay_server_and_the_record_mode(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_fixtures="""
        import httpx
        from conformance.formats.cassettes import load_cassettes

        def test_replay_server(conformance_replay_server):
            cassette = load_cassettes(vendor="openai-chat")[0]
            conformance_replay_server.play(cassette, speed=None)
            assert httpx.post(conformance_replay_server.url(), content=b"{}").content == cassette.body
            # the fixture's server knows the base URL the vendor's usual client wants (OpenAI's: /v1)
            conformance_replay_server.play("openai-chat/text", speed=None)
            assert conformance_replay_server.client_base_url == conformance_replay_server.base_url + "/v1"

        def test_record_mode(conformance_record_mode):
            assert conformance_record_mode == "once"
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "--conformance-record-mode=once")
    result.assert_outcomes(passed=2)
    help_text = pytester.runpytest("--help")
    help_text.stdout.fnmatch_lines(
        [
            "*--conformance-baseline=PATH*",
            "*--conformance-update-baseline*",
            "*--conformance-strict-baseline*",
            "*--conformance-json=PATH*",
            "*--conformance-record-mode={none,once,new_episodes,all}*",
        ]
    )
