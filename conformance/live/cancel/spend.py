"""Cancelled-token spend: the output tokens a cancelled stream cost (received, and generated
after the cancel until the vendor noticed), carried to the plugin as JSON and summed per
workload in a `SpendLedger`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from conformance.formats.cassettes import Cassette
from conformance.live.timing import TokenCount, event_profiles, tokens_through


@dataclass(frozen=True)
class CancelSpend:
    """Output tokens a cancelled stream cost: received, and generated after the cancel."""

    workload: str
    cassette_id: str
    events_received: int
    received: TokenCount
    after_cancel: TokenCount
    noticed_after_ms: float | None
    """How long the server took to see the disconnect; None: it never did (all was generated)."""
    whole_stream: TokenCount

    @property
    def total(self) -> int:
        return self.received.tokens + self.after_cancel.tokens

    @property
    def estimated(self) -> bool:
        return self.received.estimated or self.after_cancel.estimated

    def __str__(self) -> str:
        noticed = (
            "never noticed"
            if self.noticed_after_ms is None
            else f"noticed after {self.noticed_after_ms:.1f} ms"
        )
        return (
            f"{self.workload or self.cassette_id}: {self.received} output tokens received in "
            f"{self.events_received} events, {self.after_cancel} generated after the cancel ({noticed}); "
            f"the whole stream: {self.whole_stream}"
        )


def cancel_spend(
    cassette: Cassette, events_received: int, *, noticed_after_ms: float | None, workload: str = ""
) -> CancelSpend:
    """Tokens spent on a stream cancelled after `events_received` events.

    The vendor goes on generating, at the recorded pace, until it notices the disconnect
    `noticed_after_ms` after the cancel (None: never, so the whole stream is generated).
    """
    profiles = event_profiles(cassette)
    k = max(0, min(events_received, len(profiles)))
    received = tokens_through(profiles, k)
    if noticed_after_ms is None:
        until = len(profiles)
    else:
        cancel_ms = profiles[k - 1].at_ms if k else 0.0
        until = k + sum(1 for p in profiles[k:] if p.at_ms <= cancel_ms + noticed_after_ms)
    generated = tokens_through(profiles, until)
    after = TokenCount(
        max(0, generated.tokens - received.tokens),
        generated.estimated or received.estimated,
        generated.basis if generated.estimated else received.basis,
    )
    return CancelSpend(
        workload=workload,
        cassette_id=cassette.id,
        events_received=k,
        received=received,
        after_cancel=after,
        noticed_after_ms=noticed_after_ms,
        whole_stream=tokens_through(profiles, len(profiles)),
    )


SPEND_PROPERTY = "conformance_spend"
"""The test-report user property that carries a `CancelSpend` (as JSON) to the plugin."""


def spend_to_json(spend: CancelSpend) -> str:
    return json.dumps(dataclasses.asdict(spend), sort_keys=True)


def spend_from_json(text: str) -> CancelSpend:
    raw = json.loads(text)
    counts = {k: TokenCount(**raw[k]) for k in ("received", "after_cancel", "whole_stream")}
    return CancelSpend(**{**raw, **counts})


@dataclass
class SpendLedger:
    """Cancelled-token spend collected over a run, summed per workload (test, cassette or label)."""

    spends: list[CancelSpend] = field(default_factory=list)

    def add(self, spend: CancelSpend) -> None:
        self.spends.append(spend)

    def extend(self, spends: Iterable[CancelSpend]) -> None:
        self.spends.extend(spends)

    def rows(self) -> list[tuple[str, int, str, str, str]]:
        """(workload, streams cancelled, tokens received, after cancel, total); `~` marks estimates."""
        groups: dict[str, list[CancelSpend]] = {}
        for spend in self.spends:
            groups.setdefault(spend.workload or spend.cassette_id, []).append(spend)
        out = []
        for workload, spends in sorted(groups.items()):
            received = sum(s.received.tokens for s in spends)
            after = sum(s.after_cancel.tokens for s in spends)
            mark_r = "~" if any(s.received.estimated for s in spends) else ""
            mark_a = "~" if any(s.after_cancel.estimated for s in spends) else ""
            mark_t = mark_r or mark_a
            out.append(
                (
                    workload,
                    len(spends),
                    f"{mark_r}{received}",
                    f"{mark_a}{after}",
                    f"{mark_t}{received + after}",
                )
            )
        return out

    def markdown(self) -> str:
        lines = [
            "| workload | streams cancelled | output tokens received | generated after cancel | total |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        lines += [f"| {w} | {n} | {r} | {a} | {t} |" for w, n, r, a, t in self.rows()]
        if any(s.estimated for s in self.spends):
            lines.append("")
            lines.append(
                "`~` marks estimates (final usage pro rata by characters, or ~4 characters per token)."
            )
        return "\n".join(lines)

    def summary_lines(self) -> list[str]:
        """Plain lines for the pytest terminal summary."""
        if not self.spends:
            return []
        rows = self.rows()
        width = max(len(r[0]) for r in rows)
        out = [f"{'workload':{width}}  cancelled  received  after-cancel  total"]
        out += [f"{w:{width}}  {n:9}  {r:>8}  {a:>12}  {t:>5}" for w, n, r, a, t in rows]
        return out
