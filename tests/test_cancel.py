"""conformance.live.cancel: the cancel verdict and the token spend, from made-up server logs (no sockets)."""

from __future__ import annotations

import dataclasses

import pytest

from conformance.formats.cassettes import Cassette
from conformance.live.cancel import (
    CLOSES_AT_ONCE,
    CLOSES_ON_GC,
    NEVER_CLOSES,
    UNDETERMINED,
    CancelBounds,
    ClientRun,
    SpendLedger,
    cancel_spend,
    check_cancel,
    check_resumed,
    partial_messages,
)
from conformance.live.replay import ConnectionLog, Write
from conformance.live.timing import event_ends, event_profiles, tokens_through
from conformance.message import Message
from tests._replay_cassettes import GAP_MS, anthropic_tool_use, gemini_text

T0 = 1000.0
GAP = GAP_MS / 1000


def make_log(
    cassette: Cassette, events_written: int, *, disconnect_after: float | None = None, completed: bool = False
) -> ConnectionLog:
    """A log of one chunk per event, a chunk every GAP seconds; the disconnect seen
    `disconnect_after` seconds after the last write."""
    ends = event_ends(cassette.body)
    log = ConnectionLog(1, None, "POST", "/v1/messages", cassette.id, 1.0, started_at=T0, status=200)
    start = 0
    for i in range(events_written):
        log.writes.append(Write(T0 + (i + 1) * GAP, start, ends[i] - start, i + 1))
        start = ends[i]
    if disconnect_after is not None:
        log.disconnected_at = log.writes[-1].at + disconnect_after
    if completed:
        log.completed_at = log.writes[-1].at
    return log


def written_at(log: ConnectionLog, events: int) -> float:
    return next(w.at for w in log.writes if w.events >= events)


def test_a_client_that_closes_right_after_its_cancel_passes() -> None:
    cassette = anthropic_tool_use()
    partials = partial_messages(cassette)
    log = make_log(cassette, 6, disconnect_after=0.001)
    run = ClientRun(partials[6], 6, cancelled_at=written_at(log, 6) + 0.0005)
    verdict = check_cancel(cassette, log, run)
    assert verdict.passed, verdict
    assert verdict.events_received == 6 and verdict.chunks_after_cancel == 0
    assert verdict.disconnect_latency_s == pytest.approx(0.0005)
    assert "clean cancel" in str(verdict)


def test_one_chunk_in_flight_after_the_cancel_is_allowed_two_are_not() -> None:
    cassette = anthropic_tool_use()
    partials = partial_messages(cassette)
    for extra, passes in ((1, True), (2, False)):
        log = make_log(cassette, 6 + extra, disconnect_after=0.001)
        run = ClientRun(partials[6], 6, cancelled_at=written_at(log, 6) + 0.0005)
        verdict = check_cancel(cassette, log, run)
        assert verdict.passed is passes, verdict
        assert verdict.chunks_after_cancel == extra
    assert "2 chunks" in str(verdict) and "written after the cancel; at most 1 may be" in str(verdict)


def test_a_disconnect_seen_after_the_bound_fails_with_the_latency() -> None:
    cassette = anthropic_tool_use()
    log = make_log(cassette, 6)
    log.disconnected_at = written_at(log, 6) + 0.8
    run = ClientRun(partial_messages(cassette)[6], 6, cancelled_at=written_at(log, 6))
    verdict = check_cancel(cassette, log, run, bounds=CancelBounds(disconnect_s=0.5))
    assert not verdict.passed
    assert "saw the disconnect 0.800 s after the cancel (bound 0.5 s)" in str(verdict)


def test_a_response_that_ran_to_its_end_fails_as_read_on() -> None:
    cassette = anthropic_tool_use()
    log = make_log(cassette, 15, completed=True)
    run = ClientRun(partial_messages(cassette)[4], 4, cancelled_at=written_at(log, 4))
    verdict = check_cancel(cassette, log, run)
    assert "the response ran to its end (15 events)" in str(verdict)
    assert "11 chunks" in str(verdict)


def test_a_response_still_running_fails_as_never_closed() -> None:
    cassette = anthropic_tool_use()
    log = make_log(cassette, 8)
    run = ClientRun(partial_messages(cassette)[4], 4, cancelled_at=written_at(log, 4))
    verdict = check_cancel(cassette, log, run, now=log.writes[-1].at)
    assert "saw no disconnect within 1.0 s: the client never closed its response" in str(verdict)


def test_the_partial_message_must_be_marked_cancelled_and_incomplete() -> None:
    cassette = anthropic_tool_use()
    log = make_log(cassette, 6, disconnect_after=0.001)
    message = dataclasses.replace(partial_messages(cassette)[6], stop_reason="stop", complete=True)
    verdict = check_cancel(cassette, log, ClientRun(message, 6, cancelled_at=written_at(log, 6)))
    assert "stop_reason 'stop', not 'cancelled'" in str(verdict)
    assert "says complete: true after a cancel" in str(verdict)


@pytest.mark.parametrize(
    ("text", "what"),
    [("Tide anemones", "a delta lost"), ("Tide pools hold pools hold anemones", "a delta doubled")],
)
def test_a_partial_message_that_is_no_prefix_of_the_stream_fails_showing_the_text(
    text: str, what: str
) -> None:
    cassette = anthropic_tool_use()
    log = make_log(cassette, 6, disconnect_after=0.001)
    message = dataclasses.replace(partial_messages(cassette)[6], text=text)
    verdict = check_cancel(cassette, log, ClientRun(message, 6, cancelled_at=written_at(log, 6)))
    assert not verdict.passed, what
    assert "is no prefix of the stream between events 6 and 6 (deltas lost or doubled)" in str(verdict)
    assert f"text: client {text!r} != stream 'Tide pools hold anemones'" in str(verdict)


def test_tool_call_fragments_received_so_far_are_part_of_the_partial_message() -> None:
    cassette = anthropic_tool_use()
    partials = partial_messages(cassette)
    call = partials[11].tool_calls[0]  # two of three argument fragments in
    assert (call.name, call.arguments) == ("get_tide", {"place": "Monterey"})
    log = make_log(cassette, 11, disconnect_after=0.001)
    wrong = dataclasses.replace(partials[11], tool_calls=())
    verdict = check_cancel(cassette, log, ClientRun(wrong, 11, cancelled_at=written_at(log, 11)))
    assert "tool_calls: client [] != stream" in str(verdict)


def test_without_a_cancel_time_the_check_counts_from_the_write_that_completed_the_prefix() -> None:
    cassette = anthropic_tool_use()
    log = make_log(cassette, 9, disconnect_after=0.001)
    verdict = check_cancel(cassette, log, ClientRun(partial_messages(cassette)[6], 6))
    assert verdict.events_received == 6
    assert verdict.chunks_after_cancel == 3 and not verdict.passed


def test_leaks_and_pending_tasks_are_failures() -> None:
    cassette = anthropic_tool_use()
    log = make_log(cassette, 6, disconnect_after=0.001)
    run = ClientRun(partial_messages(cassette)[6], 6, cancelled_at=written_at(log, 6), tasks_left=("Task-7",))
    verdict = check_cancel(cassette, log, run, leaks=["socket left open: fd 9"])
    assert verdict.failures == ("socket left open: fd 9", "task left pending: Task-7")


def test_no_request_at_all_is_a_failure() -> None:
    cassette = anthropic_tool_use()
    verdict = check_cancel(cassette, None, ClientRun(partial_messages(cassette)[0], 0))
    assert "no request reached the replay server" in str(verdict)
    with pytest.raises(AssertionError, match="no request reached"):
        verdict.assert_passed()


def test_check_resumed_names_the_fields_that_differ() -> None:
    whole = Message(vendor="anthropic", text="Tide pools", complete=True)
    assert check_resumed(whole, whole) == []
    assert check_resumed(dataclasses.replace(whole, text="Tide pools pools"), whole) == [
        "text: resumed 'Tide pools pools' != uninterrupted 'Tide pools'"
    ]


# -- spend -----------------------------------------------------------------------------------------


def test_spend_counts_the_events_generated_until_the_server_noticed_at_the_recorded_pace() -> None:
    cassette = anthropic_tool_use()
    profiles = event_profiles(cassette)
    spend = cancel_spend(cassette, 5, noticed_after_ms=2 * GAP_MS + 1, workload="w")
    received, generated = tokens_through(profiles, 5), tokens_through(profiles, 7)
    assert spend.received == received and received.estimated
    assert spend.after_cancel.tokens == generated.tokens - received.tokens
    assert spend.after_cancel.estimated
    assert spend.whole_stream.tokens == 42 and not spend.whole_stream.estimated
    assert "generated after the cancel (noticed after" in str(spend)


def test_spend_when_the_server_never_noticed_is_the_whole_rest_of_the_stream() -> None:
    cassette = anthropic_tool_use()
    spend = cancel_spend(cassette, 5, noticed_after_ms=None)
    assert spend.total == 42
    assert "never noticed" in str(spend)


def test_spend_from_progressive_usage_is_reported_not_estimated() -> None:
    spend = cancel_spend(gemini_text(), 2, noticed_after_ms=GAP_MS + 1)
    assert (spend.received.tokens, spend.after_cancel.tokens) == (6, 3)
    assert not spend.estimated


def test_the_ledger_sums_per_workload_and_marks_estimates() -> None:
    ledger = SpendLedger()
    ledger.add(cancel_spend(gemini_text(), 2, noticed_after_ms=GAP_MS + 1, workload="chat"))
    ledger.add(cancel_spend(gemini_text(), 1, noticed_after_ms=None, workload="chat"))
    ledger.add(cancel_spend(anthropic_tool_use(), 5, noticed_after_ms=None, workload="agent"))
    rows = {row[0]: row for row in ledger.rows()}
    assert rows["chat"] == ("chat", 2, "9", "12", "21")
    assert rows["agent"][1] == 2 - 1 and rows["agent"][2].startswith("~")
    table = ledger.markdown()
    assert "| chat | 2 | 9 | 12 | 21 |" in table and "`~` marks estimates" in table
    assert ledger.summary_lines()[0].startswith("workload")


# -- how the connection ended ------------------------------------------------------------------------


def test_a_disconnect_seen_only_after_gc_collect_is_a_close_only_the_collector_made() -> None:
    cassette = anthropic_tool_use()
    log = make_log(cassette, 6)
    cancelled = written_at(log, 6)
    bound_ran_out = cancelled + 1.0
    log.disconnected_at = bound_ran_out + 0.010  # 10 ms after gc.collect() began
    run = ClientRun(partial_messages(cassette)[6], 6, cancelled_at=cancelled)
    verdict = check_cancel(cassette, log, run, now=bound_ran_out, gc_collected_at=bound_ran_out)
    assert verdict.closing == CLOSES_ON_GC
    assert verdict.gc_close_s == pytest.approx(0.010)
    assert "closes its response only when the garbage collector runs" in str(verdict)


def test_no_disconnect_even_after_gc_collect_is_never_closes() -> None:
    cassette = anthropic_tool_use()
    log = make_log(cassette, 6)
    cancelled = written_at(log, 6)
    run = ClientRun(partial_messages(cassette)[6], 6, cancelled_at=cancelled)
    verdict = check_cancel(cassette, log, run, now=cancelled + 1.0, gc_collected_at=cancelled + 1.0)
    assert verdict.closing == NEVER_CLOSES
    assert "never closed its response (not even after gc.collect())" in str(verdict)


def test_a_stream_that_ends_during_the_collection_leaves_gc_undetermined_not_never() -> None:
    cassette = anthropic_tool_use()
    log = make_log(cassette, 15)
    cancelled = written_at(log, 6)
    log.completed_at = cancelled + 1.2  # after the bound, while gc.collect() ran
    run = ClientRun(partial_messages(cassette)[6], 6, cancelled_at=cancelled)
    verdict = check_cancel(cassette, log, run, now=cancelled + 1.0, gc_collected_at=cancelled + 1.0)
    assert verdict.closing == UNDETERMINED
    assert "whether only the collector would have closed it is unknown" in str(verdict)


def test_a_prompt_close_is_closes_at_once() -> None:
    cassette = anthropic_tool_use()
    log = make_log(cassette, 6, disconnect_after=0.001)
    verdict = check_cancel(cassette, log, ClientRun(partial_messages(cassette)[6], 6))
    assert verdict.passed and verdict.closing == CLOSES_AT_ONCE


def test_without_a_completeness_signal_stop_reason_and_complete_are_not_judged() -> None:
    cassette = anthropic_tool_use()
    log = make_log(cassette, 6, disconnect_after=0.001)
    message = dataclasses.replace(partial_messages(cassette)[6], stop_reason="stop", complete=True)
    run = ClientRun(message, 6, cancelled_at=written_at(log, 6))
    assert not check_cancel(cassette, log, run).passed
    assert check_cancel(cassette, log, run, completeness=False).passed
