"""Helpers every encoder shares: SSE events and deterministic ids."""

from __future__ import annotations

import hashlib
import json
import random
from typing import Any

from conformance.message import Message


def sse(data: Any, *, event: str | None = None, end: str = "\n", pad: int = 0, space: bool = True) -> bytes:
    """One SSE event: `event:` line if named, one `data:` line of compact JSON, a blank line.

    `pad` spaces go before the JSON's closing brace (Anthropic's live API does this);
    `space=False` writes `data:` with no space before the payload (the same to WHATWG SSE)."""
    text = data if isinstance(data, str) else json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    if pad and text.endswith("}"):
        text = text[:-1] + " " * pad + "}"
    head = f"event: {event}{end}" if event is not None else ""
    colon = "data: " if space else "data:"
    return f"{head}{colon}{text}{end}{end}".encode()


def arguments_json(arguments: Any, *, ascii_json: bool, escape_slashes: bool = False) -> str:
    """Tool arguments as the JSON text a model writes (no spaces after separators); with
    `escape_slashes`, `/` written `\\/` as PHP's and some Java encoders do (the same JSON)."""
    text = json.dumps(arguments, ensure_ascii=ascii_json, separators=(",", ":"))
    return text.replace("/", "\\/") if escape_slashes else text


def seeded(message: Message, salt: str) -> random.Random:
    """A random source fixed by the message, so an encoding is a function of its inputs."""
    digest = hashlib.sha256((salt + message.to_json(indent=None)).encode("utf-8", "surrogatepass")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def token(rng: random.Random, size: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(alphabet) for _ in range(size))


GO_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def go_json(value: Any) -> str:
    """JSON as Go's encoder writes it (HTML-safe escapes; they only occur inside strings)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    for raw, escaped in GO_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


PROTO_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
    **{chr(c): f"\\u{c:04x}" for c in range(0x7F, 0xA0)},
}
"""What Google's API frontends escape inside JSON strings beyond what JSON requires (protobuf's
JSON writer): `<` and `>` (every recorded Gemini stream with one has `\\u003c`/`\\u003e`,
never the character), DEL and the C1 controls (U+0085 among them), and the JavaScript line
terminators U+2028 and U+2029. Written raw they would be JSON all the same, but not what
Gemini sends: an SDK that splits lines at U+2028 would be blamed for a stream no server writes."""


def proto_json(value: Any) -> str:
    """JSON as Google's API frontends write it (compact, `PROTO_ESCAPES` escaped)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return "".join(PROTO_ESCAPES.get(ch, ch) for ch in text)
