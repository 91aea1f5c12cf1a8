"""Generated streams: any message, written as a vendor would stream it, cut anywhere.

The bundled cassettes are a few hundred hand-written streams; a parser's bugs hide in the
shapes they lack (a `true` inside tool arguments split mid-literal, an escaped surrogate
pair cut between its halves, an empty object, a negative exponent). Here Hypothesis draws
the *message* (`strategies.messages(vendor)`), an encoder writes the stream the vendor
would send for it (`encode_stream(vendor, message, fragmentation)`), and the parser under
test must give the message back — for every split of the bytes.

- `fragments` — where each streamed string is cut into deltas (`Fragmentation`); sans-IO.
- `encoders/` — one encoder per vendor wire format; pure functions, message -> bytes.
- `shapes` — what each vendor's stream can carry (`SHAPES`), as data the strategies read.
- `strategies` — the Hypothesis strategies `messages(vendor)` and `fragmentations(message)`.

Encoders are faithful by proof, not by assertion: tests run every vendor's official SDK on
encoded streams and require the same message, and validate every event against the
vendor's schemas. This package imports the core (message, adapters' tables) and nothing
of the edges; Hypothesis is imported only by `strategies`.
"""

from __future__ import annotations

from conformance.generate.encoders import ENCODERS, encodable_vendors, encode_stream
from conformance.generate.fragments import Fragmentation

__all__ = ["ENCODERS", "Fragmentation", "encodable_vendors", "encode_stream"]
