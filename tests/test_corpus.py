"""The corpus of broken streams (tests/corpus/manifest.yaml): every entry, under every chunking
it lists, gives exactly its outcome; every error names vendor, event and byte offset.

Also here: cassettes are data, not code (no YAML tag is ever constructed, whatever its place),
and malformed cassettes are `CassetteError`s.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import tracemalloc
from pathlib import Path

import pytest

import conformance
import conformance.errors
from conformance.errors import ConformanceError, LimitExceededError, StreamError
from conformance.formats.cassettes import CassetteError, cassette_from_dict, load_cassette
from conformance.limits import INT_DIGITS_LIMIT, Limits
from tests.corpus import Entry, chunking_id, chunks_of, load_corpus

CORPUS = load_corpus()


def _params() -> list[object]:
    params = []
    for entry in CORPUS:
        marks = [pytest.mark.xfail(strict=True, reason=entry.xfail)] if entry.xfail else []
        for chunking in entry.chunkings:
            name = f"{entry.id}[{chunking_id(chunking)}]"
            params.append(pytest.param(entry, chunking, id=name, marks=marks))
    return params


@pytest.mark.parametrize(("entry", "chunking"), _params())
def test_corpus_entry_gives_its_outcome(entry: Entry, chunking: object) -> None:
    chunks = chunks_of(entry.body, chunking)  # type: ignore[arg-type]
    outcome = entry.outcome
    if "error" in outcome:
        with pytest.raises(ConformanceError) as info:
            conformance.parse(entry.vendor, chunks, limits=entry.limits, strict=entry.strict)
        error = info.value
        assert type(error).__name__ == outcome["error"], str(error)
        _assert_located(error, entry)
        for key in ("limit", "event_index", "event_type"):
            if key in outcome:
                assert getattr(error, key) == outcome[key], f"{key}: {error}"
        if "offset" in outcome:
            expected = len(entry.body) if outcome["offset"] == "end" else outcome["offset"]
            assert error.offset == expected, str(error)  # type: ignore[attr-defined]
        for text in outcome.get("mentions", ()):
            assert text in str(error)
    else:
        message = conformance.parse(entry.vendor, chunks, limits=entry.limits, strict=entry.strict)
        got = message.to_dict()
        for key, value in outcome["message"].items():
            assert got[key] == value, key
        if "text_length" in outcome:
            assert len(message.text) == outcome["text_length"]
        message.to_json()


def _assert_located(error: ConformanceError, entry: Entry) -> None:
    """The rule every stream error keeps: vendor, event index and byte offset, in the message too."""
    assert isinstance(error, StreamError)
    assert error.vendor == entry.vendor
    assert error.event_index is not None and error.offset is not None
    text = str(error)
    assert f"vendor {entry.vendor}" in text
    assert f"event #{error.event_index}" in text
    assert f"byte offset {error.offset}" in text
    if error.event_type is not None:
        assert f"({error.event_type})" in text


# -- what the corpus must cover ----------------------------------------------------------------


def test_every_vendor_has_its_error_event_in_the_corpus() -> None:
    ids = {entry.id for entry in CORPUS}
    missing = [v for v in conformance.vendors() if f"error-event-{v}" not in ids]
    assert not missing, f"add an error-event-<vendor> entry for {missing}"


def test_every_limit_is_exceeded_by_some_corpus_entry() -> None:
    limits = {f.name for f in dataclasses.fields(Limits)} | {INT_DIGITS_LIMIT}
    hit = {e.outcome.get("limit") for e in CORPUS if e.outcome.get("error") == "LimitExceededError"}
    assert limits <= hit, f"no corpus entry exceeds {sorted(limits - hit)}"


def test_corpus_outcomes_name_real_error_classes() -> None:
    for entry in CORPUS:
        if "error" in entry.outcome:
            cls = getattr(conformance.errors, entry.outcome["error"], None)
            assert isinstance(cls, type) and issubclass(cls, ConformanceError), entry.id
        else:
            assert set(entry.outcome["message"]) <= set(conformance.Message(vendor="x").to_dict()), entry.id


def test_nonsense_limits_are_refused_when_made() -> None:
    with pytest.raises(ValueError, match="max_line_bytes"):
        Limits(max_line_bytes=0)
    with pytest.raises(ValueError, match="max_events"):
        Limits(max_events=True)


@pytest.mark.parametrize(
    "first", [b"", b'data: {"id":"c","choices":[]}\n\n'], ids=["from-the-start", "after-an-event"]
)
def test_a_flood_of_empty_data_lines_stays_within_a_small_multiple_of_the_event_limit(first: bytes) -> None:
    # Each empty line is 6 bytes of body but ~45 bytes of bookkeeping; charged only its
    # bytes, a flood held ~48 times max_event_bytes before it was refused. After a whole
    # event the SSE event reader buffers the flood until it reads it line by line: a bytes
    # object per line, so how much it buffers first shows here (64 KiB peaked at 3.3x).
    limits = Limits(max_event_bytes=256 * 1024)
    flood = (b"data:\n" * 512 for _ in range(1024))  # 3 MB in 3 KB chunks, generated lazily
    chunks = itertools.chain([first], flood)
    tracemalloc.start()
    try:
        with pytest.raises(LimitExceededError) as info:
            conformance.parse("openai-chat", chunks, limits=limits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.limit == "max_event_bytes"
    assert peak < 3 * limits.max_event_bytes


def test_snapshots_of_tool_arguments_with_a_10000_digit_integer_end_in_the_limit_error() -> None:
    # Snapshots before the block ends must not raise Python's bare digit-limit ValueError.
    entry = next(e for e in CORPUS if e.id == "tool-argument-integer-of-10000-digits")
    with pytest.raises(LimitExceededError) as info:
        for _ in conformance.snapshots(entry.vendor, chunks_of(entry.body, {"every": 64})):
            pass
    assert info.value.limit == INT_DIGITS_LIMIT
    assert info.value.event_type == "content_block_stop"


# -- cassettes are data, not code --------------------------------------------------------------

_CASSETTE = """\
interactions:
- request: {{body: null, headers: {{}}, method: POST, uri: 'https://example.invalid/v1/messages'}}
  response:
    status: {{code: 200, message: OK}}
    headers: {headers}
    body: {{string: {body}}}
metadata: {{conformance: {{vendor: anthropic, scenario: evil, description: {description}}}}}
version: 1
"""


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:pathlib.Path.touch",
        "!!python/object/new:pathlib.Path.touch",
        "!!python/object:pathlib.Path",
    ],
)
@pytest.mark.parametrize("place", ["headers", "body", "description"])
def test_python_tags_anywhere_are_refused_and_never_run(tmp_path: Path, tag: str, place: str) -> None:
    marker = tmp_path / "pwned"
    evil = f"{tag} ['{marker}']"
    fields = {"headers": "{}", "body": "'data: x'", "description": "fine"}
    fields[place] = evil
    path = tmp_path / "evil.yaml"
    path.write_text(_CASSETTE.format(**fields))
    with pytest.raises(CassetteError, match="safe YAML"):
        load_cassette(path)
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!python/name:os.system", "!!python/module:os"])
def test_python_name_and_module_tags_are_refused(tmp_path: Path, tag: str) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text(_CASSETTE.format(headers="{}", body="'data: x'", description=f"{tag} ''"))
    with pytest.raises(CassetteError, match="safe YAML"):
        load_cassette(path)


def _bomb(levels: int) -> str:
    """A billion-laughs YAML: each anchor aliases the one before nine times."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_a_yaml_alias_bomb_in_headers_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    cassette = _CASSETTE.format(headers="{x-bomb: *a6}", body="'data: x'", description="bomb")
    path.write_text(_bomb(6) + cassette)
    tracemalloc.start()
    try:
        with contextlib.suppress(CassetteError):
            load_cassette(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, f"loading a {path.stat().st_size}-byte cassette peaked at {peak} bytes"


def _document(**changes: object) -> dict[str, object]:
    """A minimal loaded cassette document, with `changes` at dotted paths."""
    document: dict[str, object] = {
        "interactions": [
            {
                "request": {"method": "POST", "uri": "https://example.invalid", "headers": {}, "body": None},
                "response": {"status": {"code": 200}, "headers": {}, "body": {"string": "data: x"}},
            }
        ],
        "metadata": {"conformance": {"vendor": "anthropic", "scenario": "odd"}},
    }
    for path, value in changes.items():
        parts = path.split(".")
        node: object = document
        for part in parts[:-1]:
            node = node[int(part)] if isinstance(node, list) else node[part]  # type: ignore[index]
        node[parts[-1]] = value  # type: ignore[index]
    return document


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({}, id="fine"),
        pytest.param({"interactions.0.response.headers": [1, 2]}, id="headers-a-list"),
        pytest.param({"interactions.0.response.status": {"code": "9" * 5000}}, id="status-of-5000-digits"),
        pytest.param({"interactions.0.response.body": None}, id="body-null"),
        pytest.param({"metadata": [1]}, id="metadata-a-list"),
        pytest.param({"metadata": {"conformance": "x"}}, id="conformance-a-string"),
        pytest.param({"interactions.0.request": "x"}, id="request-a-string"),
        pytest.param({"interactions.0.response.body": {"string": "\ud800"}}, id="body-a-lone-surrogate"),
    ],
)
def test_odd_cassette_documents_load_or_are_cassette_errors(changes: dict[str, object]) -> None:
    with contextlib.suppress(CassetteError):
        cassette_from_dict(_document(**changes))
