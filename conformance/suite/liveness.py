"""Liveness: a streaming parser shows content while the stream is still going, not at its end.

Why: "streaming" that buffers everything and reveals it when the terminator arrives is a bug
users report again and again (a gateway, an SDK wrapper, an agent framework): the check
`incremental` only asks that snapshots grow, which a parser yielding one snapshot at the end
satisfies. Strategy: the body is fed one framing event per chunk (`timing.event_ends`). The
kit's own adapter says, for each event, how much text, reasoning and refusal the stream has
delivered and which tool calls have started and received all their arguments. The parser's
snapshots are watched as it pulls chunks: what it has shown when it pulls chunk `i + 2` must
cover what the stream had delivered through chunk `i` (so a piece counts as late only after
the chunk that completes it and the next one were fed). The terminator's own chunk is never
waited on: content that only the last two chunks bring is not judged.

One cause, one failure: when the parser's final snapshot is not the expected message (text,
reasoning, refusal, tool calls), another check owns that cause and this one says nothing.
Sizes are compared, not contents (the `incremental` check owns contents), so a parser that
hides a partial JSON string until it is closed is not blamed while the string is open: a
tool call is judged by its start and by its arguments once their last piece has arrived.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from conformance.adapters import make_adapter
from conformance.errors import StreamError
from conformance.events import (
    Event,
    ReasoningDelta,
    RefusalDelta,
    TextDelta,
    ToolCallArguments,
    ToolCallDelta,
    ToolCallPartialArgument,
    ToolCallStart,
)
from conformance.formats.cassettes import Cassette
from conformance.live.timing import content_type, event_ends
from conformance.suite.diff import project

GRACE_CHUNKS = 1
"""Chunks fed after the one that completes a piece before the piece must be visible."""

TEXT_FIELDS = ("text", "reasoning", "refusal")
LIVE_FIELDS = (*TEXT_FIELDS, "tool_calls")
"""The message fields whose pieces must show while the stream goes on."""


@dataclass
class Delivered:
    """What the stream had delivered through one chunk (counted by the kit's own adapter)."""

    lengths: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TEXT_FIELDS, 0))
    calls: int = 0
    """Tool calls started."""
    arguments_done: set[int] = field(default_factory=set)
    """Positions (in start order) of the calls whose last arguments piece has arrived."""


def event_chunks(cassette: Cassette) -> list[bytes]:
    """The body cut after each framing event; bytes after the last event go with it."""
    body = cassette.body
    ends = event_ends(body, content_type(cassette))
    cuts = [0, *ends[:-1], len(body)] if ends else [0, len(body)]
    return [body[a:b] for a, b in pairwise(cuts) if b > a]


def delivered(cassette: Cassette, chunks: Sequence[bytes]) -> list[Delivered] | None:
    """`Delivered` after each chunk, by the kit's adapter (None: it cannot read the body)."""
    adapter = make_adapter(cassette.vendor, strict=False)
    per_chunk: list[list[Event]] = []
    try:
        for chunk in chunks:
            per_chunk.append(list(adapter.feed(chunk)))
        per_chunk[-1].extend(adapter.close())
    except StreamError:
        return None
    last_piece: dict[int, int] = {}  # call position -> chunk of its last arguments piece
    positions: dict[int, int] = {}  # adapter index -> call position
    for n, events in enumerate(per_chunk):
        for event in events:
            if isinstance(event, ToolCallStart):
                positions[event.index] = len(positions)
                last_piece.setdefault(positions[event.index], n)
            elif (
                isinstance(event, (ToolCallDelta, ToolCallArguments, ToolCallPartialArgument))
                and event.index in positions  # a server tool's call is not judged
            ):
                last_piece[positions[event.index]] = n
    out: list[Delivered] = []
    state = Delivered()
    for n, events in enumerate(per_chunk):
        state = Delivered(dict(state.lengths), state.calls, set(state.arguments_done))
        for event in events:
            if isinstance(event, TextDelta):
                state.lengths["text"] += len(event.text)
            elif isinstance(event, ReasoningDelta):
                state.lengths["reasoning"] += len(event.text)
            elif isinstance(event, RefusalDelta):
                state.lengths["refusal"] += len(event.text)
            elif isinstance(event, ToolCallStart):
                state.calls += 1
        state.arguments_done |= {k for k, at in last_piece.items() if at <= n}
        out.append(state)
    return out


class WatchedChunks:
    """The chunks as an iterator that notes, at each pull, the snapshot the parser showed last.

    `observe(snapshot)` is called for each snapshot as the parser yields it (by the check for
    a sync generator, by `aio.sync_incremental` for an async one).
    """

    def __init__(self, chunks: Iterable[bytes], convert: Callable[[Any], Any] = lambda s: s) -> None:
        self._chunks = iter(chunks)
        self._convert = convert
        self.latest: Any = None
        self.shown_at_pull: list[Any] = []
        """Index j: the last snapshot yielded before chunk j was pulled."""

    def observe(self, snapshot: Any) -> None:
        self.latest = self._convert(snapshot)

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        chunk = next(self._chunks)
        self.shown_at_pull.append(self.latest)
        return chunk


@dataclass(frozen=True)
class Late:
    """Why a parser is not live: the field that lagged, a headline, and the lines showing it."""

    field: str
    headline: str
    lines: list[str]


def _late(
    snapshot: Mapping[str, Any] | None, due: Delivered, final: Mapping[str, Any]
) -> tuple[str, str] | None:
    """The field, and what `due` holds that `snapshot` does not show yet (None: it shows all
    of it) with `{at}` and `{fed}` for the chunks to name."""
    shown = snapshot or {}
    for name in TEXT_FIELDS:
        have = len(shown.get(name) or "")
        if have < due.lengths[name]:
            return (
                name,
                f"{name}: {due.lengths[name]} characters had arrived by {{at}}; {have} shown when {{fed}}",
            )
    calls = shown.get("tool_calls") or []
    if len(calls) < due.calls:
        k, name = len(calls), final["tool_calls"][len(calls)]["name"]
        return f"tool_calls[{k}]", f"tool call {k} ({name!r}) had started by {{at}}; not shown when {{fed}}"
    for k in sorted(due.arguments_done):
        if k < len(calls) and calls[k].get("arguments") != final["tool_calls"][k].get("arguments"):
            name = final["tool_calls"][k]["name"]
            what = f"tool call {k} ({name!r}): its arguments had all come by {{at}}; not shown when {{fed}}"
            return f"tool_calls[{k}].arguments", what
    return None


def liveness_problem(
    snapshots_of: Callable[[WatchedChunks], list[dict[str, Any]]],
    cassette: Cassette,
    expected: Mapping[str, Any],
    convert: Callable[[Any], Any] = lambda s: s,
    fields: Sequence[str] = LIVE_FIELDS,
) -> Late | None:
    """Why the parser shows content late (None: it is live, or another check owns the cause).

    `snapshots_of(chunks)` runs the parser's `parse_incremental` on `chunks` and returns its
    snapshots as message dicts, calling `chunks.observe` with each as it comes; `convert`
    makes what the parser yields into a message dict. Only `fields` are judged (a suite's
    `unsupported` masks the others).
    """
    chunks = event_chunks(cassette)
    progress = delivered(cassette, chunks)
    if progress is None or len(chunks) < 2 + GRACE_CHUNKS:
        return None
    progress = [_only(due, fields) for due in progress]
    watched = WatchedChunks(chunks, convert)
    snapshots = snapshots_of(watched)
    if not snapshots or project(snapshots[-1], fields) != project(expected, fields):
        return None  # wrong or missing content is the other checks' cause
    final = snapshots[-1]
    last = len(chunks) - 1
    for pull in range(1 + GRACE_CHUNKS, len(watched.shown_at_pull)):
        due = progress[pull - 1 - GRACE_CHUNKS]
        late = _late(watched.shown_at_pull[pull], due, final)
        if late is None:
            continue
        field_path, what = late
        complete = pull - GRACE_CHUNKS  # 1-based number of the chunk that completed it
        nothing_before_end = not any(map(_has_content, watched.shown_at_pull[: last + 1]))
        lines = [
            "  " + what.format(at=f"chunk {complete} of {len(chunks)}", fed=f"chunk {pull + 1} was fed"),
            f"  (the body fed one event per chunk; chunk {len(chunks)} holds the terminator)",
        ]
        if nothing_before_end:
            return Late(
                field_path, "the parser showed no content before the terminator: it buffers to the end", lines
            )
        return Late(
            field_path, "content shown late: a snapshot lags the stream by more than one chunk", lines
        )
    return None


def _only(due: Delivered, fields: Sequence[str]) -> Delivered:
    """`due` with what `fields` leaves out counted as nothing."""
    lengths = {name: n if name in fields else 0 for name, n in due.lengths.items()}
    if "tool_calls" not in fields:
        return Delivered(lengths)
    return Delivered(lengths, due.calls, due.arguments_done)


def _has_content(snapshot: Mapping[str, Any] | None) -> bool:
    if not snapshot:
        return False
    return any(snapshot.get(name) for name in TEXT_FIELDS) or bool(snapshot.get("tool_calls"))
