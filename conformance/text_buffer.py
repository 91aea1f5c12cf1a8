"""`TextBuffer`: a text that grows by small pieces, kept near its own size in memory.

A stream's text arrives as one small `str` per delta (~30 characters). Kept as a list of
pieces, each costs ~80 bytes, the object header dominating: several times the text. Joined
into one `str` as they come, assembling is quadratic. So the buffer keeps the newest pieces
as they are and, every `block` pieces, joins them into runs.

Runs are cut where pieces turn from ASCII to not and back, because CPython stores a `str`
at 1, 2 or 4 bytes a character, the widest character deciding: one emoji in a block of
English would store the whole block at 4 bytes a character, but an emoji's run is only as
long as the pieces around it that are not ASCII either. (`str.isascii` is a flag read;
telling Latin-1, BMP and astral pieces apart takes `max(piece)`, measured at ~0.7 µs a
piece of Cyrillic.)

Encoding blocks to UTF-8 was measured worse than the plain list of pieces (on
`bench/memory.py`'s 100 MB stream, a peak 1.2x the list's, where runs make it 0.7x):
decoding at the end widens the growing result step by step (ASCII, Latin-1, UCS-2, UCS-4,
each step a full-size copy), and blocks decoded one by one are UCS-4 once they hold an emoji.

`value()` is one `str.join` over the runs and the pending pieces: the same string as
joining every piece (`str.join` is associative, lone surrogates included), for a peak of
about the result plus the text at the runs' widths.
"""

from __future__ import annotations

BLOCK = 1024
"""Pieces kept as they are before they are joined into runs (~80 KB of ~30-character pieces)."""


class TextBuffer:
    """Append `str` pieces; `value()` is `"".join` of all of them, at any point."""

    __slots__ = ("_block", "_pending", "_runs")

    def __init__(self, block: int = BLOCK) -> None:
        if block < 1:
            raise ValueError(f"block must be at least 1, not {block}")
        self._block = block
        self._runs: list[str] = []
        self._pending: list[str] = []

    def append(self, piece: str) -> None:
        pending = self._pending
        pending.append(piece)
        if len(pending) >= self._block:
            self._fold()

    def value(self) -> str:
        """Everything appended so far; linear in its length, like joining the pieces."""
        return "".join(self._runs + self._pending)

    def _fold(self) -> None:
        """Join the pending pieces into runs, each all ASCII or all not."""
        runs = self._runs
        run: list[str] = []
        ascii_run = True
        for piece in self._pending:
            if piece.isascii() is not ascii_run:
                if run:
                    runs.append("".join(run))
                    run = []
                ascii_run = not ascii_run
            run.append(piece)
        if run:
            runs.append("".join(run))
        self._pending = []
