"""conformance.live.timing: timed chunks, their validation, plausible timings, and the statistics."""

from __future__ import annotations

import dataclasses
import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance.errors import CassetteError
from conformance.formats.cassettes import Cassette, load_cassette, save_cassette
from conformance.live.timing import (
    TimedChunk,
    event_ends,
    event_profiles,
    percentile,
    plausible_timings,
    timed_chunks,
    timing_stats,
    tokens_through,
    validate_timings,
)
from tests._replay_cassettes import GAP_MS, TTFT_MS, anthropic_tool_use, gemini_text, openai_chat_tool_use


def with_metadata(cassette: Cassette, **changes: Any) -> Cassette:
    metadata = {k: v for k, v in cassette.metadata.items() if k not in changes}
    metadata.update({k: v for k, v in changes.items() if v is not None})
    return dataclasses.replace(cassette, metadata=metadata)


# -- event ends ---------------------------------------------------------------------------------


def test_sse_event_ends_fall_after_the_dispatching_blank_line() -> None:
    body = b"event: a\ndata: 1\n\n: a comment\n\ndata: 2\n\n"
    assert event_ends(body) == [18, len(body)]


def test_crlf_event_ends_include_the_whole_crlf_pair() -> None:
    body = b"data: 1\r\n\r\ndata: 2\r\n\r\n"
    assert event_ends(body) == [11, 22]


def test_an_unfinished_last_event_has_no_end() -> None:
    assert event_ends(b"data: 1\n\ndata: 2\n") == [9]


def test_ndjson_event_ends_are_line_ends_and_a_last_line_needs_no_newline() -> None:
    body = b'{"a": 1}\n\n{"b": 2}'
    assert event_ends(body, "application/x-ndjson") == [9, len(body)]


def test_aws_event_stream_ends_follow_the_frame_length_prefix() -> None:
    frame = (16).to_bytes(4, "big") + bytes(12)
    assert event_ends(frame * 2 + b"\x00\x00", "application/vnd.amazon.eventstream") == [16, 32]


# -- validation ---------------------------------------------------------------------------------


def test_a_cassette_with_consistent_timings_validates() -> None:
    validate_timings(anthropic_tool_use())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"chunks": [1, 2]}, "chunks add up to 3 bytes but the body has"),
        ({"chunks": [0, -1]}, r"chunks\[0\] is 0, not a positive byte length"),
        ({"chunks": "12"}, "'chunks' must be a non-empty list"),
        ({"chunk_times_ms": [0, 10]}, "2 chunk_times_ms for 15 chunks"),
        ({"chunk_times_ms": "soon"}, "must be a list of milliseconds"),
    ],
)
def test_inconsistent_timings_are_refused_with_the_reason(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(CassetteError, match=message):
        validate_timings(with_metadata(anthropic_tool_use(), **changes))


def test_times_going_backwards_are_refused_naming_both_chunks() -> None:
    cassette = anthropic_tool_use()
    times = list(cassette.metadata["chunk_times_ms"])
    times[5] = times[4] - 1
    with pytest.raises(CassetteError, match=r"chunk_times_ms\[5\] = .* comes before chunk_times_ms\[4\]"):
        validate_timings(with_metadata(cassette, chunk_times_ms=times))


def test_a_negative_or_infinite_time_is_refused() -> None:
    cassette = anthropic_tool_use()
    for bad in (-1, float("inf")):
        times = [bad, *cassette.metadata["chunk_times_ms"][1:]]
        with pytest.raises(CassetteError, match=r"chunk_times_ms\[0\]"):
            validate_timings(with_metadata(cassette, chunk_times_ms=times))


# -- timed chunks -------------------------------------------------------------------------------


def test_recorded_chunks_come_back_with_their_times_and_offsets() -> None:
    cassette = anthropic_tool_use()
    chunks = timed_chunks(cassette)
    assert b"".join(c.data for c in chunks) == cassette.body
    assert [c.at_ms for c in chunks] == [TTFT_MS + i * GAP_MS for i in range(len(chunks))]
    assert chunks[1].offset == len(chunks[0].data)


def test_a_cassette_without_timings_gets_plausible_ones_cut_at_event_ends() -> None:
    cassette = with_metadata(anthropic_tool_use(), chunks=None, chunk_times_ms=None)
    chunks = timed_chunks(cassette)
    ends = set(event_ends(cassette.body))
    assert b"".join(c.data for c in chunks) == cassette.body
    assert all(c.offset + len(c.data) in ends for c in chunks)
    assert 200 <= chunks[0].at_ms <= 600
    gaps = [b.at_ms - a.at_ms for a, b in itertools.pairwise(chunks)]
    assert all(9 <= g <= 81 for g in gaps)


def test_without_synthesis_an_untimed_body_is_one_chunk_at_zero() -> None:
    cassette = with_metadata(anthropic_tool_use(), chunks=None, chunk_times_ms=None)
    assert timed_chunks(cassette, synthesize=False) == [TimedChunk(0.0, 0, cassette.body)]


def test_plausible_timings_are_the_same_for_the_same_cassette_and_differ_between_cassettes() -> None:
    a = with_metadata(anthropic_tool_use(), chunks=None, chunk_times_ms=None)
    assert plausible_timings(a) == plausible_timings(a)
    b = dataclasses.replace(a, scenario="another")
    assert plausible_timings(a)[1] != plausible_timings(b)[1]


def test_plausible_timings_validate_as_recorded_ones() -> None:
    cassette = with_metadata(gemini_text(), chunks=None, chunk_times_ms=None)
    lengths, times = plausible_timings(cassette)
    validate_timings(with_metadata(cassette, chunks=lengths, chunk_times_ms=times))


# -- statistics ---------------------------------------------------------------------------------


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile([10, 20, 30, 40], 100) == 40
    assert percentile([7], 95) == 7
    with pytest.raises(ValueError):
        percentile([], 50)


def test_ttft_is_the_first_chunk_with_output_not_the_first_chunk() -> None:
    stats = timing_stats(anthropic_tool_use())
    # message_start, an empty text block start and a ping carry no output: the 4th chunk does
    assert stats.ttft_ms == TTFT_MS + 3 * GAP_MS
    assert stats.gap_p50_ms == stats.gap_p95_ms == GAP_MS
    assert stats.recorded


def test_tokens_per_second_uses_reported_output_tokens_over_the_generation_time() -> None:
    stats = timing_stats(anthropic_tool_use())
    assert not stats.output_tokens.estimated and stats.output_tokens.tokens == 42
    duration_s = (stats.duration_ms - stats.ttft_ms) / 1000  # type: ignore[operator]
    assert stats.tokens_per_second == pytest.approx(42 / duration_s)


def test_stats_of_a_stream_without_usage_say_the_tokens_are_estimated() -> None:
    cassette = anthropic_tool_use()
    body = cassette.body.replace(b',"usage":{"output_tokens":42}', b"")
    lengths = [len(p) + 2 for p in body.split(b"\n\n")[:-1]]
    stats = timing_stats(with_metadata(dataclasses.replace(cassette, body=body), chunks=lengths))
    assert stats.output_tokens.estimated


# -- what events add ----------------------------------------------------------------------------


def test_gemini_usage_on_every_event_counts_as_reported_at_any_cut() -> None:
    profiles = event_profiles(gemini_text())
    assert [p.output_tokens for p in profiles] == [3, 6, 9, 12]
    count = tokens_through(profiles, 2)
    assert (count.tokens, count.estimated) == (6, False)


def test_a_cut_before_the_final_usage_is_estimated_pro_rata_by_characters() -> None:
    profiles = event_profiles(openai_chat_tool_use())
    total_chars = sum(p.output_chars for p in profiles)
    count = tokens_through(profiles, 4)  # role chunk + three text chunks
    assert count.estimated
    assert count.tokens == round(24 * len("Checking the tide tables.") / total_chars)


def test_tool_arguments_count_as_output_characters() -> None:
    profiles = event_profiles(openai_chat_tool_use())
    arguments = '{"place": "Monterey", "day": "today"}'
    assert sum(p.output_chars for p in profiles) == len("Checking the tide tables.") + len(arguments)
    assert json.loads(arguments)


# -- dev/add_timings.py -----------------------------------------------------------------------------

ADD_TIMINGS = Path(__file__).resolve().parents[1] / "dev" / "add_timings.py"


def test_add_timings_times_untimed_cassettes_once_and_leaves_timed_ones(tmp_path: Path) -> None:
    untimed = with_metadata(gemini_text(), chunks=None, chunk_times_ms=None)
    timed = anthropic_tool_use()
    save_cassette(untimed, tmp_path / "gemini" / "replay_text.yaml")
    save_cassette(timed, tmp_path / "anthropic" / "replay_tool_use.yaml")
    before = (tmp_path / "anthropic" / "replay_tool_use.yaml").read_bytes()

    first = subprocess.run([sys.executable, str(ADD_TIMINGS), str(tmp_path)], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "replay_tool_use.yaml: has timings" in first.stdout
    lengths, times = plausible_timings(untimed)
    assert f"replay_text.yaml: {len(lengths)} chunks, first at {times[0]} ms" in first.stdout
    assert (tmp_path / "anthropic" / "replay_tool_use.yaml").read_bytes() == before
    rewritten = load_cassette(tmp_path / "gemini" / "replay_text.yaml")
    validate_timings(rewritten)
    assert rewritten.body == untimed.body and rewritten.expected == untimed.expected
    assert (rewritten.metadata["chunks"], rewritten.metadata["chunk_times_ms"]) == (lengths, times)

    again = (tmp_path / "gemini" / "replay_text.yaml").read_bytes()
    second = subprocess.run([sys.executable, str(ADD_TIMINGS), str(tmp_path)], capture_output=True, text=True)
    assert second.stdout.count("has timings") == 2
    assert (tmp_path / "gemini" / "replay_text.yaml").read_bytes() == again


def test_add_timings_dry_run_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "gemini" / "replay_text.yaml"
    save_cassette(with_metadata(gemini_text(), chunks=None, chunk_times_ms=None), path)
    before = path.read_bytes()
    run = subprocess.run(
        [sys.executable, str(ADD_TIMINGS), "--dry-run", str(tmp_path)], capture_output=True, text=True
    )
    assert run.returncode == 0 and " chunks, first at " in run.stdout
    assert path.read_bytes() == before
