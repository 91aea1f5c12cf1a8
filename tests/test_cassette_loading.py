"""`load_cassette` on hostile and careless files (issue 16): a `CassetteError` naming the file
and what is wrong with it, in bounded time and memory, never a raw exception or a hang,
and `conformance parse`/`check` end in one line on stderr, not a traceback."""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.cli import main
from conformance.errors import CassetteError
from conformance.formats.cassettes import (
    EXPECTED_FIELDS,
    MAX_EXPANDED_SIZE,
    TOOL_CALL_FIELDS,
    TOOL_RESULT_FIELDS,
    load_cassette,
)
from conformance.message import Message, ToolCall, ToolResult

# A minimal cassette; each test replaces one placeholder with what it probes.
TEMPLATE = """\
interactions:
- request:
    body: '{}'
    headers: REQUEST_HEADERS
    method: METHOD
    uri: URI
  response:
    status: {code: STATUS, message: OK}
    headers: {content-type: [text/event-stream]}
    body: {string: BODY}
metadata:
  conformance: META
version: 1
"""
DEFAULTS = {
    "REQUEST_HEADERS": "{}",
    "METHOD": "POST",
    "URI": "https://api.openai.com/v1/chat/completions",
    "STATUS": "200",
    "BODY": '"data: [DONE]\\n\\n"',
    "META": "{vendor: openai-chat, scenario: tiny}",
}


def write(tmp_path: Path, **fields: str) -> Path:
    text = TEMPLATE
    for name, default in DEFAULTS.items():
        text = text.replace(name, fields.get(name.lower(), default))
    path = tmp_path / "openai-chat" / "tiny.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    return path


def refused(path: Path, *reasons: str) -> str:
    with pytest.raises(CassetteError) as info:
        load_cassette(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    for reason in reasons:
        assert reason in message, message
    return message


def test_the_template_itself_loads(tmp_path: Path) -> None:
    assert load_cassette(write(tmp_path)).body == b"data: [DONE]\n\n"


# -- not a regular file --------------------------------------------------------------------


def test_a_directory_named_like_a_cassette_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    refused(tmp_path / "x.yaml", "a directory, not a regular file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_symlink_to_dev_zero_is_refused_without_reading(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").symlink_to("/dev/zero")
    refused(tmp_path / "x.yaml", "a character device, not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_a_cassette_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def load() -> None:
        try:
            load_cassette(fifo)
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # it blocked in open(): unblock it by opening the other end
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("load_cassette waited on a FIFO")
    assert len(outcome) == 1 and isinstance(outcome[0], CassetteError), outcome
    assert "a FIFO, not a regular file" in str(outcome[0])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_file_whose_size_says_nothing_is_refused_by_what_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # /proc files are regular files of size 0 with content: the size check passes them, so the
    # limit is applied to what is read (at most the limit plus one byte), as for a file that
    # grows while it is read.
    (tmp_path / "x.yaml").symlink_to("/proc/self/status")
    monkeypatch.setattr("conformance.formats.cassettes.reading.MAX_CASSETTE_BYTES", 64)
    refused(tmp_path / "x.yaml", "cassette is over the 64-byte limit")


# -- aliases -------------------------------------------------------------------------------


def bomb(levels: int = 10) -> str:
    """A flow list whose anchors nest: about 9**levels strings once expanded, a few hundred
    bytes as text."""
    items = ["&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    items += [f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "[" + ", ".join(items) + "]"


@pytest.mark.parametrize(
    ("field", "where"),
    [
        ("uri", "interactions[0].request.uri"),
        ("method", "interactions[0].request.method"),
        ("request_headers", "interactions[0].request.headers"),
        ("body", "interactions[0].response.body.string"),
        ("meta", "metadata.conformance"),
    ],
)
def test_an_alias_bomb_in_any_field_is_refused_naming_it(tmp_path: Path, field: str, where: str) -> None:
    value = "{x-bomb: " + bomb() + "}" if field in ("request_headers", "meta") else bomb()
    message = refused(write(tmp_path, **{field: value}), where, f"over {MAX_EXPANDED_SIZE}")
    assert "YAML aliases expand this value" in message


def test_a_bomb_inside_expected_tool_arguments_is_refused(tmp_path: Path) -> None:
    meta = (
        "{vendor: openai-chat, expected: {vendor: openai-chat, tool_calls: [{name: f, arguments: "
        + bomb()
        + "}]}}"
    )
    refused(write(tmp_path, meta=meta), "metadata.conformance.expected.tool_calls[0].arguments")


def test_shared_values_within_the_bound_still_load(tmp_path: Path) -> None:
    # PyYAML's dumper writes an anchor wherever one object appears twice: sharing is not a bomb.
    headers = "{a: &shared [text/event-stream], b: *shared}"
    cassette = load_cassette(write(tmp_path, request_headers=headers))
    assert cassette.request_headers == {"a": ["text/event-stream"], "b": ["text/event-stream"]}


def test_a_value_containing_itself_is_refused(tmp_path: Path) -> None:
    call = "{name: f, arguments: &loop [*loop]}"
    meta = "{vendor: openai-chat, expected: {vendor: openai-chat, tool_calls: [" + call + "]}}"
    refused(write(tmp_path, meta=meta), "tool_calls[0].arguments", "contain itself")


# -- values YAML or the kit cannot use ------------------------------------------------------


def test_an_integer_over_pythons_digit_limit_is_refused_at_its_line(tmp_path: Path) -> None:
    digits = sys.get_int_max_str_digits() + 1
    message = refused(write(tmp_path, status="9" * digits), "an integer of more than", "line 8")
    assert "\n" not in message  # the YAML mark joined on: one line on a command's stderr


def test_a_date_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, meta="{vendor: openai-chat, description: 2024-13-45}"), "not a loadable YAML")


def test_nesting_past_the_recursion_limit_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path, uri="[" * 50_000 + "]" * 50_000), "tiny.yaml")


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"status": "99999"}, "response.status.code is 99999, not an HTTP status"),
        ({"status": "[200]"}, "response.status.code is a list, not an HTTP status"),
        ({"uri": "[a, b]"}, "request.uri must be text, not list"),
        ({"method": "{get: 1}"}, "request.method must be text, not dict"),
        ({"meta": "{vendor: openai-chat, features: 5}"}, "metadata.conformance.features must be a list"),
        ({"meta": "{vendor: openai-chat, source: {a: 1}}"}, "metadata.conformance.source must be a URL"),
        (
            {"meta": "{vendor: openai-chat, expected: hello}"},
            "metadata.conformance.expected must be a Message",
        ),
        ({"meta": "{vendor: openai-chat, expected: {bogus: 1}}"}, "expected has an unknown field 'bogus'"),
        ({"meta": "{vendor: openai-chat, expected: {text: hi}}"}, "expected needs a 'vendor'"),
        (
            {"meta": "{expected: {vendor: x, text: 5}}"},
            "metadata.conformance.expected.text must be text, not 5",
        ),
        (
            {"meta": "{expected: {vendor: x, complete: yes please}}"},
            "expected.complete must be true or false",
        ),
        ({"meta": "{expected: {vendor: x, usage: {input_tokens: many}}}"}, "expected.usage must be null or"),
        ({"meta": "{expected: {vendor: x, tool_calls: [5]}}"}, "expected.tool_calls[0] must be a mapping"),
        ({"meta": "{expected: {vendor: x, tool_calls: [{id: a}]}}"}, "expected.tool_calls[0] needs a 'name'"),
        (
            {"meta": "{expected: {vendor: x, tool_calls: [{name: f, arguments: {d: 2024-01-01}}]}}"},
            "a JSON value",
        ),
        (
            {"meta": "{vendor: openai-chat, chunks: [x]}"},
            "metadata.conformance.chunks must be a list of positive byte",
        ),
        ({"meta": "{vendor: openai-chat, chunk_times_ms: 5}"}, "chunk_times_ms must be a list of times"),
        (
            {"meta": "{expected: {vendor: x, server_tool_calls: [{id: a}]}}"},
            "server_tool_calls[0] needs a 'name'",
        ),
        (
            {"meta": "{expected: {vendor: x, server_tool_results: [{content: 1}]}}"},
            "results[0] needs a 'type'",
        ),
        ({"meta": "{expected: {vendor: x, server_tool_results: [{type: t, n: 1}]}}"}, "unknown field 'n'"),
        ({"meta": "{expected: {vendor: x, citations: [{at: 2024-01-01}]}}"}, "a list of JSON objects"),
        (
            {"meta": "{vendor: openai-chat, chunks: [20, -6]}"},
            "chunks must be a list of positive byte lengths",
        ),
        ({"meta": "{vendor: [a], scenario: tiny}"}, "metadata.conformance.vendor must be text"),
    ],
)
def test_a_field_of_the_wrong_type_is_refused_naming_field_and_file(
    tmp_path: Path, fields: dict[str, str], reason: str
) -> None:
    refused(write(tmp_path, **fields), reason)


def test_the_type_tables_name_every_field_of_the_message_and_its_records() -> None:
    # A field added to Message without its entry here would refuse every cassette holding it.
    assert set(EXPECTED_FIELDS) == {f.name for f in dataclasses.fields(Message)}
    assert set(TOOL_CALL_FIELDS) == {f.name for f in dataclasses.fields(ToolCall)}
    assert set(TOOL_RESULT_FIELDS) == {f.name for f in dataclasses.fields(ToolResult)}


# -- the commands ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "meta",
    [
        "{vendor: openai-chat, features: 5}",
        "{vendor: openai-chat, expected: hello}",
        "{expected: {bogus: 1}}",
    ],
)
def test_conformance_check_on_a_bad_cassette_ends_in_one_line_not_a_traceback(
    tmp_path: Path, meta: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, meta=meta)
    code = main(["check", "--cassettes", str(tmp_path), "--vendor", "openai-chat"])
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("conformance check: CassetteError: ") and str(path) in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_conformance_parse_on_a_directory_ends_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.yaml").mkdir()
    assert main(["parse", str(tmp_path / "x.yaml")]) != 0
    err = capsys.readouterr().err
    reason = "cannot read cassette: a directory, not a regular file"
    assert err == f"conformance parse: CassetteError: {tmp_path / 'x.yaml'}: {reason}\n"


def test_conformance_serve_on_an_alias_bomb_ends_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 16: `serve` on a 1 KB alias bomb in `uri` ran out of time; now it is refused at load.
    path = write(tmp_path, uri=bomb())
    assert main(["serve", str(path), "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"conformance serve: CassetteError: {path}: interactions[0].request.uri")
    assert err.count("\n") == 1


# -- anything at all -------------------------------------------------------------------------

_ORIGINAL = TEMPLATE.replace(
    "META",
    "{vendor: openai-chat, scenario: tiny, features: [text], chunks: [6, 8], chunk_times_ms: [0, 5], "
    "source: x, expected: {vendor: openai-chat, text: '', stop_reason: stop, tool_calls: "
    "[{id: a, name: f, arguments: {x: [1]}}], usage: {input_tokens: 1}, error: ~, complete: true}}",
)
for _name, _default in DEFAULTS.items():
    _ORIGINAL = _ORIGINAL.replace(_name, _default)
# What a careless or hostile edit puts in YAML: other scalars, aliases, tags, brackets.
_SNIPPETS = st.sampled_from(
    [
        "5",
        "-1",
        "~",
        "[]",
        "{}",
        "&a [x]",
        "*a",
        "!!binary aGk=",
        "!!set {a}",
        "2024-13-45",
        "1e999",
        "[[[",
        "'",
        '"',
        "\n",
        ": ",
        "- ",
        "yes",
        "9" * 4400,
        "{a: *a}",
        "!!python/name:os.system",
    ]
)


# Every value of the original (a scalar after `: `, or a flow list), to swap for a snippet.
_VALUES = [m.span() for m in re.finditer(r"(?<=: )(?:\[[^\[\]\n]*\]|[^,{}\[\]\n]+)", _ORIGINAL)]
_EDITS = st.one_of(
    st.tuples(st.integers(0, len(_ORIGINAL)), st.integers(0, 12)),  # anywhere: cut, then insert
    st.sampled_from(_VALUES).map(lambda span: (span[0], span[1] - span[0])),  # a whole value
)


@given(st.lists(st.tuples(_EDITS, _SNIPPETS), max_size=4))
@settings(max_examples=300, deadline=None)
def test_any_edit_of_a_cassette_loads_or_is_a_cassette_error_and_loaded_fields_are_usable(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[tuple[int, int], str]]
) -> None:
    text = _ORIGINAL
    for (at, cut), snippet in sorted(edits, reverse=True):  # from the end: earlier spans stay valid
        text = text[:at] + snippet + text[at + cut :]
    path = tmp_path_factory.mktemp("edit") / "tiny.yaml"
    path.write_text(text)
    try:
        cassette = load_cassette(path)
    except CassetteError:
        return
    # What the commands read from a loaded cassette must not raise.
    _ = (cassette.id, cassette.expected, cassette.features, cassette.description, cassette.chunk_times_ms)
    assert b"".join(cassette.recorded_chunks()) == cassette.body


def test_a_cassette_is_parsed_once_per_content_and_again_when_its_bytes_change(tmp_path: Path) -> None:
    """Loads share the parsed cassette while the bytes are the same; a rewrite of the same
    size with the modification time put back (what a rewrite within the clock's tick looks
    like) is still read anew."""
    path = write(tmp_path)
    first = load_cassette(path)
    assert load_cassette(path) is first
    stamp = os.stat(path)
    path.write_bytes(path.read_bytes().replace(b"[DONE]", b"[DONX]"))
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert os.stat(path).st_size == stamp.st_size
    assert load_cassette(path).body == b"data: [DONX]\n\n"
    path.write_bytes(path.read_bytes().replace(b"[DONX]", b"[DONE]"))
    assert load_cassette(path) == first


def test_the_parsed_cassettes_kept_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conformance.formats.cassettes import reading

    kept = reading._ParsedCassettes()
    monkeypatch.setattr(kept, "MAX_ENTRIES", 3)
    monkeypatch.setattr(reading, "_PARSED", kept)
    for n in range(5):
        (tmp_path / str(n)).mkdir()
        load_cassette(write(tmp_path / str(n)))
    assert len(kept._entries) == 3
    newest = write(tmp_path / "4")
    assert load_cassette(newest) is load_cassette(newest)
