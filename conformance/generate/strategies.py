"""Hypothesis strategies: messages a vendor can stream, and the cuts of their strings.

`messages(vendor)` draws a `Message` exactly as the kit's parser must return it for the
stream `encode_stream` writes: text in any Unicode (astral characters, combining marks,
CR/LF and the SSE-significant `data:` and blank lines), reasoning where the vendor streams
it, zero or more tool calls (several where the vendor allows parallel calls) whose
arguments are drawn from all of JSON (every escape, surrogate pairs, numbers with sign,
fraction and exponent, `true`/`false`/`null`, empty containers, nesting), the vendor's own
stop reasons, usage as the vendor reports it, and incomplete streams (no terminator).

Shrinking: text and arguments shrink towards empty, tool calls towards none, usage towards
small counts, and `fragmentations` towards no cuts — so a failure reads as the smallest
message and the fewest cuts that break the parser.

What each vendor's stream can carry is data in `shapes` (`SHAPES`); the building blocks
(`texts`, `json_values`, `tool_arguments`) come first here, the message strategy after them.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

from hypothesis import strategies as st

from conformance.generate.encoders import ENCODERS, openai_chat
from conformance.generate.fragments import Fragmentation
from conformance.generate.shapes import SHAPES, Shape
from conformance.message import Message, Signature, ToolCall

# Strings that break naive parsers when they appear inside streamed text.
TRICKY_TEXT = (
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "data: ",
    "data:[DONE]",
    "event: ping",
    ": comment",
    '"',
    "\\",
    "\\u0000",
    "\u0000",
    "é",
    "e\u0301",  # e + combining acute
    "😀",
    "👩\u200d💻",  # a ZWJ sequence
    "\u2028",
    "\ufeff",
    "</s>",
    "/",
    "https://example.com/a?b=c&d",
)


# The strategies below are built once per argument (`functools.cache`): Hypothesis validates
# a strategy on its first draw, which for `json_values`' `st.recursive` cost more than the
# draw itself, and `messages` draws them in every example: half the `generated` check's time.
# Strategies are immutable, so sharing one changes no draw.


@functools.cache
def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any Unicode text, with the pieces stream parsers trip on mixed in."""
    piece = st.one_of(st.text(max_size=8), st.sampled_from(TRICKY_TEXT))
    return st.lists(piece, max_size=max_size // 4).map("".join)


@functools.cache
def json_values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """Any JSON value the vendors' JSON round-trips exactly (no NaN or infinities)."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        texts(16),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts(8), inner, max_size=4)),
        max_leaves=max_leaves,
    )


@functools.cache
def tool_arguments() -> st.SearchStrategy[dict[str, Any]]:
    """A tool call's arguments: a JSON object (vendors' tools take objects), possibly empty."""
    return st.dictionaries(texts(8), json_values(), max_size=5)


_IDS = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", min_size=8, max_size=24
)
_NAMES = st.from_regex(r"[a-zA-Z_][a-zA-Z0-9_]{0,24}", fullmatch=True)


_MAYBE_IDS = st.none() | _IDS
_COUNTS = st.integers(min_value=0, max_value=2_000_000)


@functools.cache
def _tool_calls(vendor: str, allowed: bool) -> st.SearchStrategy[tuple[ToolCall, ...]]:
    return _draw_tool_calls(SHAPES[vendor], allowed)


@st.composite
def _draw_tool_calls(draw: st.DrawFn, shape: Shape, allowed: bool) -> tuple[ToolCall, ...]:
    count = draw(st.integers(0, (3 if shape.parallel_calls else 1) if allowed else 0))
    calls = []
    ids: set[str] = set()
    for _ in range(count):
        if not shape.call_ids:
            call_id = None
        else:
            call_id = draw(_MAYBE_IDS) if shape.call_id is None else shape.call_id + draw(_IDS)
        if call_id is not None and call_id in ids:
            call_id = f"{call_id}{len(ids)}"
        if call_id is not None:
            ids.add(call_id)
        calls.append(ToolCall(id=call_id, name=draw(_NAMES), arguments=draw(tool_arguments())))
    return tuple(calls)


@functools.cache
def _usage(vendor: str) -> st.SearchStrategy[dict[str, int] | None]:
    shape = SHAPES[vendor]
    keys = st.lists(st.sampled_from(shape.usage_keys), min_size=0 if shape.usage_required else 1, unique=True)
    return _draw_usage(shape, keys)


@st.composite
def _draw_usage(draw: st.DrawFn, shape: Shape, keys: st.SearchStrategy[list[str]]) -> dict[str, int] | None:
    if not shape.usage_always and draw(st.booleans()):
        return None
    drawn = {*shape.usage_required, *draw(keys)}
    return {key: draw(_COUNTS) for key in shape.usage_keys if key in drawn}


WITHOUT = frozenset({"reasoning", "tool_calls", "refusal", "complete"})
"""What `messages(without=...)` can leave out: a parser that does not claim reasoning, tool
calls or refusals is not sent them, and one that cannot tell a cut stream (`complete`) gets
only whole ones."""

SIGNED_REASONING = {
    "anthropic": "signature",
    "bedrock-invoke": "signature",
    "bedrock-converse": "signature",
    "gemini-interactions": "thought_signature",
}
"""Vendors that sign every thinking block (`signature_delta`, `reasoningContent.signature`,
a `thought_signature` delta), and the kind: a drawn reasoning there comes with its signature,
which the encoders write."""

SIGNATURE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="


def messages(vendor: str, without: Collection[str] = frozenset()) -> st.SearchStrategy[Message]:
    """Messages that `vendor`'s stream can carry, as the kit's parser must return them;
    `without` leaves out parts a parser under test does not claim (see `WITHOUT`)."""
    if vendor not in SHAPES:
        raise ValueError(f"no message strategy for {vendor!r}; vendors: {', '.join(sorted(SHAPES))}")
    unknown = frozenset(without) - WITHOUT
    if unknown:
        raise ValueError(
            f"messages(without=...) cannot leave out {sorted(unknown)}; it can: {sorted(WITHOUT)}"
        )
    return _message_strategy(vendor, frozenset(without))


@functools.cache
def _message_strategy(vendor: str, without: frozenset[str]) -> st.SearchStrategy[Message]:
    """One strategy per argument, built on the first call (see the note above `texts`)."""
    shape = SHAPES[vendor]
    return _messages(
        vendor,
        shape,
        without,
        _tool_calls(vendor, shape.tools and "tool_calls" not in without),
        _usage(vendor),
        {
            calls: st.sampled_from(sorted(shape.tool_stops if calls else shape.stop_reasons))
            for calls in (False, True)
        },
    )


_NON_EMPTY_TEXTS = texts().filter(bool)
_COMPLETE = st.sampled_from((True, True, True, False))  # shrinks to complete
_SIGNATURES = st.text(SIGNATURE_ALPHABET, min_size=1, max_size=96)


@st.composite
def _messages(
    draw: st.DrawFn,
    vendor: str,
    shape: Shape,
    without: frozenset[str],
    tool_calls: st.SearchStrategy[tuple[ToolCall, ...]],
    usages: st.SearchStrategy[dict[str, int] | None],
    vendor_stops: dict[bool, st.SearchStrategy[str]],
) -> Message:
    calls = draw(tool_calls)
    text = draw(texts())
    reasoning = (
        draw(texts()) if shape.reasoning and "reasoning" not in without and draw(st.booleans()) else ""
    )
    refusal = (
        draw(_NON_EMPTY_TEXTS)
        if shape.refusal and "refusal" not in without and not calls and draw(st.booleans())
        else ""
    )
    stops = shape.tool_stops if calls else shape.stop_reasons
    vendor_stop = draw(vendor_stops[bool(calls)])
    complete = "complete" in without or draw(_COMPLETE)
    stop_reason: str | None = stops[vendor_stop]
    if not complete and not shape.incomplete_has_stop:
        vendor_stop, stop_reason = None, None  # type: ignore[assignment]
    usage = draw(usages)
    if not complete and shape.usage_at_end:
        usage = None
    signatures: tuple[Signature, ...] = ()
    if reasoning and vendor in SIGNED_REASONING:
        signatures = (Signature(SIGNED_REASONING[vendor], draw(_SIGNATURES)),)
    return Message(
        vendor=vendor,
        text=text,
        reasoning=reasoning,
        refusal=refusal,
        tool_calls=calls,
        stop_reason=stop_reason,
        vendor_stop_reason=vendor_stop,
        usage=usage,
        complete=complete,
        signatures=signatures,
    )


def _streamed_strings(message: Message, style: Fragmentation) -> dict[str, str]:
    strings = {"text": message.text, "reasoning": message.reasoning, "refusal": message.refusal}
    for i, call in enumerate(message.tool_calls):
        strings[f"args:{i}"] = style.arguments_json(call.arguments)
    return strings


NO_ARGUMENTS = ("{}", "", "null", "absent")
"""How an OpenAI-family call without arguments may be streamed (`Fragmentation.no_arguments`);
shrinks towards OpenAI's own `{}`."""


SSE_INTERLUDES: dict[str, tuple[str, ...]] = {
    **{vendor: ("comment",) for vendor, encoder in ENCODERS.items() if encoder is openai_chat.encode},
    "anthropic": ("comment", "id", "retry"),
}
"""Vendor -> the SSE blocks without data (`Fragmentation.interludes`) its generated streams may
hold: those its official SDK reads. The openai SDK reads comments, but dispatches an event of
only `id:` or `retry:` with empty data and fails on it (`json.loads("")`), so the OpenAI family
gets comments only; the anthropic SDK skips events it does not name, so Anthropic gets all
three. An event with an empty `data:` line is drawn for none: WHATWG SSE dispatches it (data
`""`); the openai SDK and the kit fail on it (a JSON error), the anthropic SDK skips it."""


USAGE_WITHOUT_CHOICES = frozenset(
    vendor
    for vendor, encoder in ENCODERS.items()
    if encoder is openai_chat.encode and vendor not in ("openai-chat", "azure-openai")
)
"""Vendors whose generated streams may end with a usage chunk without `choices`
(`Fragmentation.usage_without_choices`): the OpenAI-compatible profiles, not OpenAI's own
API (which documents `choices: []`)."""


SHARED_INDEX = USAGE_WITHOUT_CHOICES
"""Vendors whose generated parallel calls may all be streamed at index 0
(`Fragmentation.shared_index`): the OpenAI-compatible profiles, as for a usage chunk without
`choices`; OpenAI's own API numbers its calls."""


def _may_share_index(message: Message) -> bool:
    calls = message.tool_calls
    return message.vendor in SHARED_INDEX and len(calls) > 1 and all(call.id for call in calls)


@st.composite
def fragmentations(draw: st.DrawFn, message: Message, *, comments: bool = True) -> Fragmentation:
    """Cuts of every string `message` streams: anywhere, empty pieces included, and the wire
    options its encoder writes; `comments=False` draws no comment blocks (the `generated` check
    leaves them to the `keepalive` check, which puts them in every cassette: one cause, one check)."""
    style = Fragmentation(ascii_json=draw(st.booleans()), escape_slashes=draw(st.booleans()))
    kinds = tuple(k for k in SSE_INTERLUDES.get(message.vendor, ()) if comments or k != "comment")
    cuts: dict[str, tuple[int, ...]] = {}
    for key, value in _streamed_strings(message, style).items():
        if value:
            offsets = draw(st.lists(st.integers(0, len(value)), max_size=min(len(value) + 1, 12)))
            cuts[key] = tuple(sorted(offsets))
    return Fragmentation(
        cuts=cuts,
        ascii_json=style.ascii_json,
        escape_slashes=style.escape_slashes,
        order_seed=draw(st.integers(0, 2**16)),
        padding=draw(st.booleans()),
        data_space=not draw(st.booleans()),  # shrinks towards the space every vendor writes
        no_arguments=draw(st.sampled_from(NO_ARGUMENTS)),
        data_lines=draw(st.booleans()),  # shrinks towards one data line per event
        usage_without_choices=message.vendor in USAGE_WITHOUT_CHOICES and draw(st.booleans()),
        shared_index=_may_share_index(message) and draw(st.booleans()),
        interludes=tuple(draw(st.lists(st.sampled_from(kinds), max_size=3))) if kinds else (),
    )
