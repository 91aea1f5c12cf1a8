"""The fast SSE event reader: whole events cut with C-level loops, in the shapes vendors send.

Strategy: `EventReader.read(region, ...)` (LF line ends) and `read_crlf(region, ...)` (CRLF,
as Gemini sends) take a region of whole events (ending with a blank line, starting at an
event's first line, read from a clean state: no event half-read) and return its events, or
None when the region is not in the shapes it reads: `event:` then one `data:` line, or one
`data:` line alone. None sends the region to the spec reader (`framing/sse.py`), which applies
the WHATWG rules line by line and alone finds errors and limits: anything off these shapes
(comments, `id:`, several `data:` lines, bad UTF-8, a limit reached) is left to it, so both
give the same events and offsets (tests/test_sse.py compares the two directly). Nothing here
raises for bad input.

Why it exists: the spec reader costs a Python call per line; cutting a region with
`str.partition`, `split` and `map` is 4x faster (bench/, docs/performance.md). How a region is cut:

- a short one (small chunks: most hold one event): one `partition` at `\\ndata: `, or for
  CRLF one `split`;
- a longer one that opens a run of one event type (`_run`): split the text, or the bytes if
  it is not ASCII, on what opens each of its events (the blank line, the `event:` line and
  `data: `, the run's *lead*); the pieces are the values. Events of other types among them
  (a `ping`) are cut apart (`_breaks`) and remembered (`_others_of`);
- CRLF text, or a region that opens no run: line by line, with `map` over the lines (`_lines`).

This module knows nothing of the decoder: it builds events of the NamedTuple class it is
given, fields in the order (event, data, id, retry, offset, index).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, count, repeat
from operator import add
from typing import Any, AnyStr, Generic, TypeVar

from conformance.limits import Limits

_NAME_CACHE_SIZE = 64
_NAME_CACHE_MAX = 1024
"""The cache of `event:` lines is emptied between regions once it holds _NAME_CACHE_SIZE; within
a region it may grow to _NAME_CACHE_MAX (memory stays bounded however large a chunk is)."""
_NAME_LINE_MAX = 256
_ONE_EVENT_MAX = 512
"""Regions up to this size (small chunks: most hold one event) are first read as one event."""
_RUN_BREAKS = 16
"""Events of other types amid a run before `_run` gives the region to `_lines`: each costs more
than a line split, and inserting them costs a copy of the run's lists (linear while they are few)."""

Event = TypeVar("Event", bound=tuple[Any, ...])
_new_event = tuple.__new__  # builds a NamedTuple from its fields without `__init__`'s cost
_Cut = tuple[Iterable[str], list[str], list[int], int]
"""Events cut from a region: their types, their data, their sizes in bytes less the last item,
which every event adds (a run's lead and line ends, or 0)."""
_Others = tuple[list[str], list[str], list[int]]
"""Events amid a run: their types, their data, their sizes in bytes less the run's."""


def crlf_only(chunk: bytes, before: bytes | bytearray) -> bool:
    """No lone CR in `chunk`, nor in `before` (the byte before it) with it: the event reader may
    take it (Gemini ends every line with CRLF). A CR ending the chunk may be the first half of a
    CRLF, unless it ends an empty line: that is a blank line, whatever follows, and dispatches now."""
    crs, pairs = chunk.count(b"\r"), chunk.count(b"\r\n")
    trailing_cr_ok = crs == pairs + 1 and chunk[-1] == 13 and (chunk[-2:-1] or before) != b"\n"
    if crs != pairs and not trailing_cr_ok:
        return False
    return before != b"\r" or chunk[0] == 10


class _EventNames(dict[str, str]):
    """`event:` line -> event type; KeyError for any other line.

    Vendors repeat a handful of event types, so a small cache turns each `event:` line into
    its type with one dict lookup; `sizes` holds the bytes from the line's start to the next
    event's, less the data value after `data: ` (LF line ends). Non-ASCII or long lines are
    left to the spec reader. `trim()` empties a full cache; it is called before lines are
    looked up (at a new run's lead, as `_lines` starts), never between a lookup and the read
    of its size.
    """

    def __init__(self) -> None:
        super().__init__()
        self.sizes: dict[str, int] = {}

    def __missing__(self, line: str) -> str:
        name, colon, value = line.partition(":")
        if name != "event" or not colon or len(line) > _NAME_LINE_MAX or not line.isascii():
            raise KeyError(line)
        if len(self) >= _NAME_CACHE_MAX:  # a region of that many types: the spec reader reads it
            raise KeyError(line)
        event = value[1:] if value[:1] == " " else value
        self[line] = event = event or "message"
        self.sizes[line] = len(line) + len("\ndata: \n\n")
        return event

    def trim(self) -> None:
        if len(self) >= _NAME_CACHE_SIZE:
            self.clear()
            self.sizes.clear()


class EventReader(Generic[Event]):
    """Cuts regions of whole events into `event_class` tuples; None where the spec reader must."""

    def __init__(self, limits: Limits, event_class: type[Event]) -> None:
        self._event_class = event_class
        self._region_max = min(limits.max_line_bytes, limits.max_event_bytes)
        self._one_max = min(_ONE_EVENT_MAX, self._region_max)
        self._max_events = limits.max_events
        self._names = _EventNames()
        # The lead of the last run (its `event:` line and `data: `), its type and the separators
        # it is cut at: the next region most often opens with the same.
        self._lead = b"data: "
        self._lead_name = "message"
        self._lead_sep, self._lead_text_sep = b"\n\ndata: ", "\n\ndata: "
        self._others: dict[tuple[str | bytes, int], _Others | None] = {}  # `_others_of`' answers

    def read(
        self, region: bytearray, base: int, index: int, last_event_id: str, retry: int | None
    ) -> list[Event] | None:
        """The events of `region` (LF line ends only; at body offset `base`), numbered from
        `index`, each carrying `last_event_id` and `retry` (these shapes have no `id:` or
        `retry:` line)."""
        if len(region) > self._one_max:
            return self._build(region, base, index, last_event_id, retry, self._many(region))
        # One event, as small chunks bring them: an `event:` line seen before and one
        # `data: ` line, or the `data: ` line alone. `partition` cuts both at once; a
        # value without LF (the region ends with the blank line) proves there is no more.
        try:
            text = region.decode()
        except UnicodeDecodeError:
            return None  # the spec reader says where, or replaces
        head, _, rest = text.partition("\ndata: ")
        if rest:
            name, data = self._names.get(head), rest[:-2]
        else:
            name, data = "message" if head[:6] == "data: " else None, head[6:-2]
        if name is not None and "\n" not in data and index < self._max_events:
            return [_new_event(self._event_class, (name, data, last_event_id, retry, base, index))]
        return self._build(region, base, index, last_event_id, retry, self._many(region))

    def _build(
        self,
        region: bytearray,
        base: int,
        index: int,
        last_event_id: str,
        retry: int | None,
        cut: _Cut | None,
    ) -> list[Event] | None:
        """The events `cut` from `region`, as `read` returns them; None if a limit may be reached."""
        if cut is None:
            return None
        names, values, steps, extra = cut
        if index + len(values) > self._max_events:
            return None  # the spec reader raises where
        if len(region) > self._region_max and max(steps) + extra > self._region_max:
            return None  # a line over a limit, maybe: the spec reader raises
        offsets: Iterable[int] = accumulate(steps, initial=base)
        if extra:  # what every event of a run adds, added as the offsets are made
            offsets = map(add, offsets, count(0, extra))
        fields = zip(names, values, repeat(last_event_id), repeat(retry), offsets, count(index))
        return list(map(_new_event, repeat(self._event_class), fields))

    def read_crlf(
        self, region: bytearray, base: int, index: int, last_event_id: str, retry: int | None
    ) -> list[Event] | None:
        """`read` for a region whose line ends are all CRLF (Gemini ends every line so), or all LF."""
        if 13 not in region:
            return self.read(region, base, index, last_event_id, retry)
        try:
            text = region.decode()
        except UnicodeDecodeError:  # the spec reader says where, or replaces
            return None
        lines = text.split("\r\n")
        if text.count("\n") != len(lines) - 1 or text.count("\r") != len(lines) - 1:
            return None  # a lone CR or LF
        one = len(region) <= self._region_max and index < self._max_events
        if len(lines) == 4 and one:  # one event (Gemini sends one per chunk): an `event:` line seen before
            head, data, blank, _ = lines
            name = self._names.get(head)
            if name is not None and not blank and data[:6] == "data: ":
                return [_new_event(self._event_class, (name, data[6:], last_event_id, retry, base, index))]
        elif len(lines) == 3 and one:
            data, blank, _ = lines
            if not blank and data[:6] == "data: ":
                return [
                    _new_event(self._event_class, ("message", data[6:], last_event_id, retry, base, index))
                ]
        return self._build(
            region, base, index, last_event_id, retry, self._lines(lines, len(text), len(region), 2)
        )

    def _many(self, region: bytearray) -> _Cut | None:
        """The events of `region` (LF line ends): cut by `_run` if it opens a run, else by `_lines`."""
        if not region.startswith(self._lead) and not self._new_lead(region):
            return self._lines_of(region)
        return self._run(region)

    def _new_lead(self, region: bytearray) -> bool:
        """Take the first line of `region` and `data: ` as the lead of a run, if they are an
        `event:` line (or none) and `data: `; the lead is kept, as the next region most often
        opens with the same."""
        self._names.trim()
        if region[:6] == b"data: ":
            lead, name = b"data: ", "message"
        else:
            lead = bytes(region[: region.find(b"\n") + 7])  # the first line and `data: `, if it is one
            try:  # (not contextlib.suppress: it costs a microsecond)
                name = self._names[lead[:-7].decode()]  # a new `event:` line is cached here
            except (KeyError, UnicodeDecodeError):
                return False
            if not lead.endswith(b"\ndata: "):
                return False
        self._lead, self._lead_name = lead, name
        self._lead_sep, self._lead_text_sep = b"\n\n" + lead, "\n\n" + lead.decode()
        return True

    def _run(self, region: bytearray) -> _Cut | None:
        """`region` as vendors send it: events of one type in a row, each the run's lead (its
        `event:` line and `data: `), a value, LF and a blank line. Cut at every LF LF lead, the
        pieces are the values, if none holds a LF; a piece that does is a value, a blank line
        and events of other types (a `ping` among deltas), cut apart by `_breaks`. None: not
        those shapes.

        An ASCII region is decoded once and its text cut: characters are then bytes. Any other
        is cut as bytes, whose lengths are the sizes the offsets need, and each value decoded
        (UTF-8 cannot be cut wrong at an ASCII separator)."""
        size = len(self._lead) + 2  # an event's bytes besides its value: lead, LF, blank line
        breaks: list[tuple[int, _Others]] | None = []  # (index of the piece they follow, events)
        pieces: list[bytes] | None = None  # the values still to decode
        if region.isascii():
            values = region.decode()[len(self._lead) : -2].split(self._lead_text_sep)
            steps = list(map(len, values))  # each event's size less `size`
            joined = "".join(values)
            if "\n" in joined:
                breaks = self._breaks(values, joined, steps, "\n\n", size)
        else:
            pieces = bytes(region)[len(self._lead) : -2].split(self._lead_sep)
            steps = list(map(len, pieces))
            joined_bytes = b"".join(pieces)
            if 10 in joined_bytes:
                breaks = self._breaks(pieces, joined_bytes, steps, b"\n\n", size)
        if breaks is None:
            return None
        if len(breaks) > _RUN_BREAKS:  # hardly a run: read it line by line
            return self._lines_of(region)
        if pieces is not None:
            try:
                values = list(map(bytes.decode, pieces))
            except UnicodeDecodeError:  # the spec reader says where, or replaces
                return None
        if not breaks:
            return repeat(self._lead_name), values, steps, size
        types = [self._lead_name] * len(values)
        for i, (more_types, more_values, more_steps) in reversed(breaks):  # from the end: indexes stay right
            types[i + 1 : i + 1] = more_types
            values[i + 1 : i + 1] = more_values
            steps[i + 1 : i + 1] = more_steps
        return types, values, steps, size

    def _breaks(
        self, pieces: list[AnyStr], joined: AnyStr, steps: list[int], blank: AnyStr, size: int
    ) -> list[tuple[int, _Others]] | None:
        """The events amid a run, whose pieces of sizes `steps` joined hold a LF: (index of the
        piece they follow, the events), the pieces holding them (and `steps`) cut back to their
        values. It stops after more than _RUN_BREAKS of them. None: a piece holds a LF but not
        whole events after its value. (`blank` is a blank line, in text or in bytes.)"""
        lf = blank[:1]
        breaks: list[tuple[int, _Others]] = []
        ends = list(accumulate(steps))  # where each piece ends in `joined`
        at = joined.find(lf)
        while at >= 0 and len(breaks) <= _RUN_BREAKS:
            i = bisect_right(ends, at)  # the piece holding that LF
            value, _, others = pieces[i].partition(blank)
            cut = self._others_of(others, size)
            if lf in value or cut is None:
                return None
            pieces[i], steps[i] = value, len(value)
            breaks.append((i, cut))
            at = joined.find(lf, ends[i])
        return breaks

    def _others_of(self, others: str | bytes, size: int) -> _Others | None:
        """The events in `others` (whole events less the last blank line) amid a run whose
        events add `size` bytes to their values: their types, data, and sizes less `size`.
        `others` is text from an ASCII region, or bytes. Vendors send the same few events amid
        runs (Anthropic's `ping`), so the answers are kept (at most _NAME_CACHE_SIZE)."""
        key = (others, size)
        try:
            return self._others[key]
        except KeyError:
            cut = self._cut_others(others, size)
            if len(others) <= _NAME_LINE_MAX:
                if len(self._others) >= _NAME_CACHE_SIZE:
                    self._others.clear()
                self._others[key] = cut
            return cut

    def _cut_others(self, others: str | bytes, size: int) -> _Others | None:
        if isinstance(others, str):
            text = others
        else:
            try:
                text = others.decode()
            except UnicodeDecodeError:
                return None
        head, data, value = text.partition("\ndata: ")
        name = self._names.get(head)
        if name is not None and data and "\n" not in value:  # one event, of a type seen before
            return [name], [value], [len(others) + 2 - size]
        cut = self._lines(f"{text}\n\n".split("\n"), len(text) + 2, len(others) + 2, 1)
        if cut is None:
            return None
        names, values, steps, _ = cut
        return list(names), values, [step - size for step in steps]

    def _lines_of(self, region: bytearray) -> _Cut | None:
        try:
            text = region.decode()
        except UnicodeDecodeError:  # the spec reader says where, or replaces
            return None
        return self._lines(text.split("\n"), len(text), len(region), 1)

    def _lines(self, lines: list[str], chars: int, size: int, eol: int) -> _Cut | None:
        """The events of a text of `chars` characters (`size` bytes) split in `lines` at
        `eol`-character line ends, if all are `event:` then one `data:` line, or all one
        `data:` line; else None."""
        self._names.trim()  # (before any of these lines is looked up: `_steps` reads their sizes)
        ends = len(lines) - 1
        heads: list[str] | None
        if ends % 3 == 0 and lines[0][:6] == "event:":
            n = ends // 3
            heads, datas, blanks = lines[0:-1:3], lines[1::3], lines[2::3]
        elif ends % 2 == 0 and lines[0][:5] == "data:":
            n = ends // 2
            heads, datas, blanks = None, lines[0:-1:2], lines[1::2]
        else:
            return None
        if any(blanks):
            return None
        names: list[str]
        if heads:
            try:  # every head is an `event:` line, of at most _NAME_LINE_MAX ASCII characters
                names = list(map(self._names.__getitem__, heads))
            except KeyError:
                return None
        else:
            names = ["message"] * n
        # The sizes count `data: ` and the line ends besides each value: they add up to the
        # text iff removeprefix took `data: ` from every data line (it takes 6 characters or
        # none; the heads and the empty blank lines are known exactly).
        values = list(map(str.removeprefix, datas, repeat("data: ")))
        steps = self._steps(heads, values, eol, "data: ")
        if sum(steps) != chars:  # `data:` without the space, maybe: 5 characters or none
            values = list(map(str.removeprefix, datas, repeat("data:")))
            steps = self._steps(heads, values, eol, "data:")
            if sum(steps) != chars:
                return None
            values = list(map(str.removeprefix, values, repeat(" ")))
        if chars != size:  # byte sizes: add the extra bytes of non-ASCII values
            ascii_values = list(map(str.isascii, values))  # O(1) each: a flag of the str
            i = -1
            for _ in range(ascii_values.count(False)):  # (a ValueError to stop would cost more)
                i = ascii_values.index(False, i + 1)
                steps[i] += len(values[i].encode()) - len(values[i])
        return names, values, steps, 0

    def _steps(self, heads: list[str] | None, values: list[str], eol: int, prefix: str) -> list[int]:
        """Each event's size in characters, from its value's: the value, its head, `prefix`
        and the line ends."""
        if heads is None:
            return list(map((len(prefix) + 2 * eol).__add__, map(len, values)))
        steps = map(add, map(self._names.sizes.__getitem__, heads), map(len, values))
        extra = len(prefix) + 3 * eol - len("data: \n\n\n")
        return list(map(extra.__add__, steps) if extra else steps)
