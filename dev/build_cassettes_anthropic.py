"""Build the bundled Anthropic cassettes (`cassettes/anthropic/*.yaml`) from the bodies below.

    python dev/build_cassettes_anthropic.py            # check every scenario, then write them
    python dev/build_cassettes_anthropic.py --check    # check only, write nothing
    python dev/build_cassettes_anthropic.py --check-real  # also: schemas vs ../shared/real-streams

Each body is written out literally, byte for byte as the Messages API sends it: the SSE
`event:` name and the matching `"type"` in `data:`, LF line endings (the API never sends CR),
`ping` keep-alives (`{"type": "ping"}`, the one event with spaces after its colons), compact
JSON that the API pads with spaces before the closing `}` of most events, the fields the live
API adds beyond the docs (`cache_creation`, `service_tier`, `inference_geo`, `stop_details`,
`caller`, the error's `details`). The bodies are our own, written from the documentation and
shaped like real traffic; no recorded body is copied. Requests carry no credentials: the
`x-api-key` / `authorization` headers are left out entirely.

Before anything is written, every scenario must pass: `conformance.parse` gives the expected
Message written by hand below (whole, byte by byte, and at every 2-chunk split), and every
event validates against `schemas/anthropic/`. Any failure stops the build with the diff.
"""

# Bodies are wire bytes written literally: their lines are as long as the API makes them.
# ruff: noqa: E501, RUF001

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import conformance
from conformance.formats.cassettes import Cassette, save_cassette
from conformance.message import Message
from conformance.formats.schemas import check_body, describe
from conformance.suite.strategies import byte_by_byte, two_chunk_splits

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "cassettes" / "anthropic"
REAL = ROOT.parent / "shared" / "real-streams" / "anthropic"

URI = "https://api.anthropic.com/v1/messages"
STREAMING = "https://docs.anthropic.com/en/docs/build-with-claude/streaming"
SDK = "https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/lib/streaming/_messages.py"
TOOLS = "https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use"
THINKING = "https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking"
CACHING = "https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching"
STOP_REASONS = "https://docs.anthropic.com/en/api/handling-stop-reasons"
ERRORS = "https://docs.anthropic.com/en/api/errors"
WEB_SEARCH = "https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool"
CITATIONS = "https://docs.anthropic.com/en/docs/build-with-claude/citations"
REFUSALS = (
    "https://docs.anthropic.com/en/docs/test-and-evaluate/strengthen-guardrails/handle-streaming-refusals"
)

REQUEST_HEADERS = {
    "accept": ["application/json"],
    "accept-encoding": ["gzip, deflate"],
    "anthropic-version": ["2023-06-01"],
    "content-type": ["application/json"],
    "user-agent": ["Anthropic/Python 2.13.0"],
    "x-stainless-helper-method": ["stream"],
    "x-stainless-lang": ["python"],
    "x-stainless-retry-count": ["0"],
    "x-stainless-timeout": ["600"],
}
"""What the official SDK sends, minus `x-api-key` (never written, not even scrubbed)."""


def response_headers(request_id: str, date: str, cf_ray: str) -> dict[str, list[str]]:
    """Headers of a 200 streaming answer, as api.anthropic.com sends them (no organization id)."""
    return {
        "date": [date],
        "content-type": ["text/event-stream; charset=utf-8"],
        "connection": ["keep-alive"],
        "cache-control": ["no-cache"],
        "anthropic-ratelimit-input-tokens-limit": ["2000000"],
        "anthropic-ratelimit-input-tokens-remaining": ["2000000"],
        "anthropic-ratelimit-input-tokens-reset": [date_to_iso(date)],
        "anthropic-ratelimit-output-tokens-limit": ["400000"],
        "anthropic-ratelimit-output-tokens-remaining": ["400000"],
        "anthropic-ratelimit-output-tokens-reset": [date_to_iso(date)],
        "request-id": [request_id],
        "strict-transport-security": ["max-age=31536000; includeSubDomains; preload"],
        "via": ["1.1 google"],
        "cf-cache-status": ["DYNAMIC"],
        "x-robots-tag": ["none"],
        "server": ["cloudflare"],
        "cf-ray": [cf_ray],
    }


def date_to_iso(date: str) -> str:
    """'Tue, 14 Oct 2025 09:12:31 GMT' -> '2025-10-14T09:12:31Z' (the rate-limit reset format)."""
    _, day, month, year, clock, _ = date.split()
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{year}-{months.index(month) + 1:02d}-{int(day):02d}T{clock}Z"


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    features: tuple[str, ...]
    source: tuple[str, ...]
    request: dict[str, Any]
    body: str
    expected: dict[str, Any]
    request_id: str
    date: str
    cf_ray: str

    def cassette(self) -> Cassette:
        return Cassette(
            path=None,
            vendor="anthropic",
            scenario=self.name,
            method="POST",
            uri=URI,
            request_headers=REQUEST_HEADERS,
            request_body=json.dumps(self.request, ensure_ascii=False, separators=(",", ":")),
            status=200,
            response_headers=response_headers(self.request_id, self.date, self.cf_ray),
            body=self.body.encode("utf-8"),
            metadata={
                "vendor": "anthropic",
                "scenario": self.name,
                "description": self.description,
                "features": list(self.features),
                "source": list(self.source),
                "provenance": "hand",
                "expected": Message.from_dict(self.expected).to_dict(),
            },
        )


def expected(**fields: Any) -> dict[str, Any]:
    """An expected Message: the fields given, the rest as an empty complete stream has them."""
    base: dict[str, Any] = {
        "vendor": "anthropic",
        "text": "",
        "reasoning": "",
        "refusal": "",
        "tool_calls": [],
        "stop_reason": None,
        "vendor_stop_reason": None,
        "usage": None,
        "error": None,
        "complete": True,
    }
    unknown = set(fields) - set(base) - {"server_tool_calls", "server_tool_results", "citations", "signatures"}
    if unknown:
        raise KeyError(f"not Message fields: {sorted(unknown)}")
    return {**base, **fields}


WEATHER_TOOL = {
    "name": "get_weather",
    "description": "Get the current weather in a given location",
    "input_schema": {
        "type": "object",
        "properties": {
            "location": {"type": "string", "description": "The city and country, e.g. Lisbon, Portugal"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
        },
        "required": ["location"],
    },
}
TIME_TOOL = {
    "name": "get_time",
    "description": "Get the current local time in a given IANA time zone",
    "input_schema": {
        "type": "object",
        "properties": {"timezone": {"type": "string", "description": "e.g. Asia/Tokyo"}},
        "required": ["timezone"],
    },
}
CLOCK_TOOL = {
    "name": "get_server_time",
    "description": "Get the current UTC time of the server. Takes no input.",
    "input_schema": {"type": "object", "properties": {}},
}

# Bodies are raw strings: `\n`, `\"` and `\u` inside them are the JSON escapes the API sends;
# the real line endings are the source file's LFs.

SCENARIOS = [
    Scenario(
        name="text",
        description="Plain text in five text_delta events, with two ping keep-alives; end_turn.",
        features=("text", "usage", "keepalive"),
        source=(STREAMING, SDK),
        request={
            "max_tokens": 1024,
            "messages": [{"role": "user", "content": "In two sentences, what lives in a tide pool?"}],
            "model": "claude-sonnet-4-6",
            "stream": True,
        },
        request_id="req_011CTz4Qd8FvJm2uXpKb7wNa",
        date="Tue, 14 Oct 2025 09:12:31 GMT",
        cf_ray="98e1c2a4b7f03e21-LHR",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-6","id":"msg_01Hq7cVtYb3NwR5pLx2KmD8e","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":19,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard","inference_geo":"global"}}       }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}          }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Tide pools"}        }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" shelter sea anemones, hermit crabs"}   }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":", sea stars, snails and small fish."}}

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" They must survive being"}             }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" exposed to air and sun twice a day."}  }

event: content_block_stop
data: {"type":"content_block_stop","index":0        }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":19,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":34}   }

event: message_stop
data: {"type":"message_stop"         }

""",
        expected=expected(
            text="Tide pools shelter sea anemones, hermit crabs, sea stars, snails and small fish."
            " They must survive being exposed to air and sun twice a day.",
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={"input_tokens": 19, "output_tokens": 34, "cache_read_tokens": 0, "cache_write_tokens": 0},
        ),
    ),
    Scenario(
        name="tool_use",
        description="One tool_use block whose input arrives in input_json_delta fragments, the first one "
        "empty, split inside keys and values; stop_reason tool_use.",
        features=("tool_calls", "usage", "keepalive"),
        source=(STREAMING, TOOLS, SDK),
        request={
            "max_tokens": 1024,
            "messages": [{"role": "user", "content": "What's the weather like in Lisbon right now?"}],
            "model": "claude-haiku-4-5",
            "stream": True,
            "tool_choice": {"type": "any"},
            "tools": [WEATHER_TOOL],
        },
        request_id="req_011CU2aB9rTn4KxWq7YdLm3F",
        date="Thu, 16 Oct 2025 14:03:09 GMT",
        cf_ray="98f5a07d1c9b4f02-AMS",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-haiku-4-5-20251001","id":"msg_01Kd4PzR8sVw2TnQb6XyJc5G","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"stop_details":null,"usage":{"input_tokens":612,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":18,"service_tier":"standard","inference_geo":"not_available"}}  }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_01Bq8WmX3cTz5NvRk2LpYh7D","name":"get_weather","input":{},"caller":{"type":"direct"}}   }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}            }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"loc"}        }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"ation\": \"Lisbon, "}       }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"Portugal\""}  }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":", \"unit\": \"celsius\"}"}}

event: content_block_stop
data: {"type":"content_block_stop","index":0           }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null,"stop_details":null},"usage":{"input_tokens":612,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":58}             }

event: message_stop
data: {"type":"message_stop" }

""",
        expected=expected(
            tool_calls=[
                {
                    "id": "toolu_01Bq8WmX3cTz5NvRk2LpYh7D",
                    "name": "get_weather",
                    "arguments": {"location": "Lisbon, Portugal", "unit": "celsius"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_use",
            usage={"input_tokens": 612, "output_tokens": 58, "cache_read_tokens": 0, "cache_write_tokens": 0},
        ),
    ),
    Scenario(
        name="tool_use_parallel",
        description="A text block, then two tool_use blocks (indexes 1 and 2) streamed one after the "
        "other, each with its own input_json_delta fragments; stop_reason tool_use.",
        features=("text", "tool_calls", "parallel_tool_calls", "usage", "keepalive"),
        source=(STREAMING, TOOLS, SDK),
        request={
            "max_tokens": 1024,
            "messages": [
                {"role": "user", "content": "What's the weather in Tokyo, and what time is it there?"}
            ],
            "model": "claude-sonnet-4-5-20250929",
            "stream": True,
            "tools": [WEATHER_TOOL, TIME_TOOL],
        },
        request_id="req_011CU5hN3kPw8YzRt2VbQx6M",
        date="Fri, 17 Oct 2025 07:45:52 GMT",
        cf_ray="98fd3e61a0c27b94-NRT",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_01Tg6YwQ2nLc8RzVp4KxHb9S","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":689,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":2,"service_tier":"standard"}}      }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}     }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"I'll check both"}            }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" for Tokyo at once."}  }

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01Wc5JhT9qLm2XbN7RvKd4Ps","name":"get_weather","input":{}}               }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}   }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"location\": \"Tok"}          }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"yo, Japan\"}"}     }

event: content_block_stop
data: {"type":"content_block_stop","index":1   }

event: content_block_start
data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01Px2DkV6sGn8QtZw3YcLh5R","name":"get_time","input":{}}  }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}                }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"timezone\""}      }

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":": \"Asia/Tokyo\"}"} }

event: content_block_stop
data: {"type":"content_block_stop","index":2             }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":689,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":121}        }

event: message_stop
data: {"type":"message_stop"    }

""",
        expected=expected(
            text="I'll check both for Tokyo at once.",
            tool_calls=[
                {
                    "id": "toolu_01Wc5JhT9qLm2XbN7RvKd4Ps",
                    "name": "get_weather",
                    "arguments": {"location": "Tokyo, Japan"},
                },
                {
                    "id": "toolu_01Px2DkV6sGn8QtZw3YcLh5R",
                    "name": "get_time",
                    "arguments": {"timezone": "Asia/Tokyo"},
                },
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_use",
            usage={
                "input_tokens": 689,
                "output_tokens": 121,
                "cache_read_tokens": 0,
                "cache_write_tokens": 0,
            },
        ),
    ),
    Scenario(
        name="thinking",
        description="Extended thinking: a thinking block (thinking_delta pieces, an empty one, then "
        "signature_delta), then the answer in a text block; end_turn.",
        features=("reasoning", "text", "usage", "keepalive"),
        source=(STREAMING, THINKING, SDK),
        request={
            "max_tokens": 4096,
            "messages": [{"role": "user", "content": "Is 391 a prime number? Answer briefly."}],
            "model": "claude-sonnet-4-5-20250929",
            "stream": True,
            "thinking": {"type": "enabled", "budget_tokens": 2048},
        },
        request_id="req_011CU8rM6tXq2BvLn9WdKc4J",
        date="Mon, 20 Oct 2025 16:27:14 GMT",
        cf_ray="99124b8f5d6e3a17-CDG",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_01Rv3NcK8wPz5QmTj2LxYg6B","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":48,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":4,"service_tier":"standard"}}        }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}  }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"The user asks whether 391 is prime."}       }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":" sqrt(391) is just under 20, so I test primes up to 19.\n\n391 / 17 = 23, since 17 * 23 = 391."}            }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":" So it is not prime."}   }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":""}                }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQDCkgIBxABGAIqQFm8tY2rJcW0kQhZ7yPnD3xVbL5sGfT1aKoE9uR6MwNiXvC4jHqB8zS2lYdA0pTgU7eKcOnW3fMbRh5xJsLkZ1ISDOe4qRtV9yPwXbN2uGhoMsK3fT8jLqWz5DyNcIjBv1ZlQe7HkR4XmSgUaYp0FtCnEiO9wJrM6bLdT2vPxAq"}      }

event: content_block_stop
data: {"type":"content_block_stop","index":0 }

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}        }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"No. 391 = 17 * 23,"}         }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":" so it is not prime."}    }

event: content_block_stop
data: {"type":"content_block_stop","index":1              }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":48,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":97}       }

event: message_stop
data: {"type":"message_stop"  }

""",
        expected=expected(
            reasoning="The user asks whether 391 is prime. sqrt(391) is just under 20, so I test primes up to 19."
            "\n\n391 / 17 = 23, since 17 * 23 = 391. So it is not prime.",
            text="No. 391 = 17 * 23, so it is not prime.",
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={"input_tokens": 48, "output_tokens": 97, "cache_read_tokens": 0, "cache_write_tokens": 0},
            signatures=[
                {
                    "kind": "signature",
                    "value": "EqQDCkgIBxABGAIqQFm8tY2rJcW0kQhZ7yPnD3xVbL5sGfT1aKoE9uR6MwNiXvC4jHqB8zS2lYdA0pTgU7eKcOnW3fMbRh5xJsLkZ1ISDOe4qRtV9yPwXbN2uGhoMsK3fT8jLqWz5DyNcIjBv1ZlQe7HkR4XmSgUaYp0FtCnEiO9wJrM6bLdT2vPxAq",
                }
            ],
        ),
    ),
    Scenario(
        name="redacted_thinking",
        description="A redacted_thinking block (encrypted data, no deltas) before the text answer; it adds "
        "no reasoning text.",
        features=("reasoning", "text", "usage", "keepalive"),
        source=(STREAMING, THINKING, SDK),
        request={
            "max_tokens": 4096,
            "messages": [
                {
                    "role": "user",
                    "content": "ANTHROPIC_MAGIC_STRING_TRIGGER_REDACTED_THINKING_46C9A13E193C177646C7398A98432ECCCE4C1253D5E2D82641AC0E52CC2876CB",
                }
            ],
            "model": "claude-sonnet-4-5-20250929",
            "stream": True,
            "thinking": {"type": "enabled", "budget_tokens": 1024},
        },
        request_id="req_011CUBw7Lp3YtQz9KmRx5Vn2",
        date="Wed, 22 Oct 2025 11:08:40 GMT",
        cf_ray="9922f0c3e8a15d66-FRA",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_01Fy8KbT4mWq6RnZc3PvLx9D","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":92,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":3,"service_tier":"standard"}}            }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qyTiVhBOzG0d9XkGaNLx3nfkUQcWn4PAj/pE1yRbMcT0qUiZV6sKhSjZGzL8cQvXw2mBpYfRn5tKhUkE3jN"}          }

event: ping
data: {"type": "ping"}

event: content_block_stop
data: {"type":"content_block_stop","index":0    }

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}   }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"That looks like a test string rather"}             }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":" than a question. What would you like to ask?"} }

event: content_block_stop
data: {"type":"content_block_stop","index":1       }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":92,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":61}         }

event: message_stop
data: {"type":"message_stop"             }

""",
        expected=expected(
            text="That looks like a test string rather than a question. What would you like to ask?",
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={"input_tokens": 92, "output_tokens": 61, "cache_read_tokens": 0, "cache_write_tokens": 0},
            signatures=[
                {
                    "kind": "redacted",
                    "value": "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qyTiVhBOzG0d9XkGaNLx3nfkUQcWn4PAj/pE1yRbMcT0qUiZV6sKhSjZGzL8cQvXw2mBpYfRn5tKhUkE3jN",
                }
            ],
        ),
    ),
    Scenario(
        name="error_overloaded",
        description="An overloaded_error event mid-stream, after some text, with HTTP status 200 already "
        "sent; the stream ends there with no message_delta and no message_stop.",
        features=("text", "error", "usage", "keepalive"),
        source=(STREAMING, ERRORS, SDK),
        request={
            "max_tokens": 1024,
            "messages": [{"role": "user", "content": "Summarize the plot of Moby-Dick in three sentences."}],
            "model": "claude-sonnet-4-6",
            "stream": True,
        },
        request_id="req_011CUEk2Wq8RnTx5LbVz3Hc7",
        date="Fri, 24 Oct 2025 18:51:03 GMT",
        cf_ray="99346d2b9f0c1e58-IAD",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-6","id":"msg_01Lc2VxR7pNm4TqYk8WbJd3F","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":22,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard","inference_geo":"global"}}     }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}              }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Ishmael joins the whaling ship Pequod,"}      }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" whose captain, Ahab,"}   }

event: error
data: {"type":"error","error":{"details":null,"type":"overloaded_error","message":"Overloaded"}         }

""",
        expected=expected(
            text="Ishmael joins the whaling ship Pequod, whose captain, Ahab,",
            stop_reason="error",
            usage={"input_tokens": 22, "output_tokens": 1, "cache_read_tokens": 0, "cache_write_tokens": 0},
            error={"type": "overloaded_error", "message": "Overloaded"},
            complete=False,
        ),
    ),
    Scenario(
        name="usage_cache",
        description="Prompt caching: message_start reports cache_read_input_tokens and "
        "cache_creation_input_tokens (with the 5m/1h split); message_delta repeats them cumulatively.",
        features=("text", "usage"),
        source=(STREAMING, CACHING, SDK),
        request={
            "max_tokens": 1024,
            "messages": [{"role": "user", "content": "Which section covers refunds?"}],
            "model": "claude-sonnet-4-6",
            "stream": True,
            "system": [
                {
                    "type": "text",
                    "text": "You answer questions about the attached 40-page customer terms. <terms>…</terms>",
                    "cache_control": {"type": "ephemeral"},
                },
                {
                    "type": "text",
                    "text": "Today's changes to the terms: <changes>…</changes>",
                    "cache_control": {"type": "ephemeral", "ttl": "1h"},
                },
            ],
        },
        request_id="req_011CUHp5Tz2WkNq8XcRm4Lb9",
        date="Mon, 27 Oct 2025 08:30:17 GMT",
        cf_ray="994b1f7a3c8d2e05-DUB",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-6","id":"msg_01Nw5RkX2bTq9VzLm7YcHp4J","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":11,"cache_creation_input_tokens":348,"cache_read_input_tokens":21874,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":348},"output_tokens":1,"service_tier":"standard","inference_geo":"global"}}         }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}   }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Refunds are covered in"}    }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" Section 9, \"Cancellation and Refunds\"."}            }

event: content_block_stop
data: {"type":"content_block_stop","index":0      }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":11,"cache_creation_input_tokens":348,"cache_read_input_tokens":21874,"output_tokens":16}  }

event: message_stop
data: {"type":"message_stop"       }

""",
        expected=expected(
            text='Refunds are covered in Section 9, "Cancellation and Refunds".',
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={
                "input_tokens": 11,
                "output_tokens": 16,
                "cache_read_tokens": 21874,
                "cache_write_tokens": 348,
            },
        ),
    ),
    Scenario(
        name="non_ascii",
        description="Multi-byte UTF-8 sent raw (CJK, Hangul, a 4-byte emoji with a variation selector, "
        "a decomposed e + U+0301) and as JSON escapes (\\u00e9, a surrogate pair \\ud83c\\udf38), in "
        "text and in tool arguments.",
        features=("text", "tool_calls", "non_ascii", "usage"),
        source=(STREAMING, TOOLS, SDK),
        request={
            "max_tokens": 1024,
            "messages": [
                {"role": "user", "content": "東京の天気は？ Answer in Japanese and Korean, then look it up."}
            ],
            "model": "claude-opus-4-6",
            "stream": True,
            "tools": [WEATHER_TOOL],
        },
        request_id="req_011CUKs8Vb4XpRn2TzWq6Md3",
        date="Wed, 29 Oct 2025 02:14:55 GMT",
        cf_ray="995c8e2f6b1a7d43-HND",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-opus-4-6","id":"msg_01Yb6TqW3nKx8RzPc5VmLd2H","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":604,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":3,"service_tier":"standard","inference_geo":"global"}}    }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}         }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"東京の天気を調べます"}       }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"。🌤️ 도쿄 날씨를"}  }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" 확인할게요. Cafe\u0301 or caf\u00e9, \ud83c\udf38!"}              }

event: content_block_stop
data: {"type":"content_block_stop","index":0   }

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01Hn4ZcQ7wLt2YbKx9RpVm5S","name":"get_weather","input":{}}      }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}       }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"location\": \"東京, "}         }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\\u65e5\\u672c\"}"}    }

event: content_block_stop
data: {"type":"content_block_stop","index":1        }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":604,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":88}      }

event: message_stop
data: {"type":"message_stop"      }

""",
        expected=expected(
            text="\u6771\u4eac\u306e\u5929\u6c17\u3092\u8abf\u3079\u307e\u3059\u3002\U0001f324\ufe0f "
            "\ub3c4\ucfc4 \ub0a0\uc528\ub97c \ud655\uc778\ud560\uac8c\uc694. "
            "Cafe\u0301 or caf\u00e9, \U0001f338!",
            tool_calls=[
                {
                    "id": "toolu_01Hn4ZcQ7wLt2YbKx9RpVm5S",
                    "name": "get_weather",
                    "arguments": {"location": "\u6771\u4eac, \u65e5\u672c"},
                }
            ],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_use",
            usage={"input_tokens": 604, "output_tokens": 88, "cache_read_tokens": 0, "cache_write_tokens": 0},
        ),
    ),
    Scenario(
        name="truncated",
        description="The connection drops in the middle of a content_block_delta event (inside its data "
        "line, before the blank line): no message_delta, no message_stop.",
        features=("text", "truncated", "usage", "keepalive"),
        source=(STREAMING, SDK),
        request={
            "max_tokens": 1024,
            "messages": [{"role": "user", "content": "Describe a lighthouse at night."}],
            "model": "claude-haiku-4-5",
            "stream": True,
        },
        request_id="req_011CUNv3Rx7WmKb5QzTp8Lc2",
        date="Fri, 31 Oct 2025 21:40:26 GMT",
        cf_ray="996e4a9c2d7f1b38-SEA",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-haiku-4-5-20251001","id":"msg_01Qp9XwM4cRt7LzVb2NkHy6T","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"stop_details":null,"usage":{"input_tokens":15,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":2,"service_tier":"standard","inference_geo":"not_available"}}           }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}  }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"The beam sweeps"}          }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" across black water,"}     }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" catching the""",
        expected=expected(
            text="The beam sweeps across black water,",
            usage={"input_tokens": 15, "output_tokens": 2, "cache_read_tokens": 0, "cache_write_tokens": 0},
            complete=False,
        ),
    ),
    Scenario(
        name="stop_max_tokens",
        description="The answer stops at max_tokens (stop_reason max_tokens); an older model whose "
        "message_delta usage holds output_tokens only, so the other counts come from message_start.",
        features=("text", "usage"),
        source=(STREAMING, STOP_REASONS, SDK),
        request={
            "max_tokens": 16,
            "messages": [
                {"role": "user", "content": "List the planets of the solar system with one fact each."}
            ],
            "model": "claude-3-5-haiku-20241022",
            "stream": True,
        },
        request_id="req_011CUQy6Mb2TkWx9RpLz4Vn8",
        date="Mon, 03 Nov 2025 13:22:48 GMT",
        cf_ray="99831c5e7a4b9f26-ORD",
        body=r"""event: message_start
data: {"type":"message_start","message":{"id":"msg_01Ud7HmR3kXw9TbNq5VzLp2C","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":21,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}          }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}    }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"1. Mercury: the"}          }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" smallest planet.\n2. Venus:"}      }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" the hottest"}  }

event: content_block_stop
data: {"type":"content_block_stop","index":0             }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":16}         }

event: message_stop
data: {"type":"message_stop"   }

""",
        expected=expected(
            text="1. Mercury: the smallest planet.\n2. Venus: the hottest",
            stop_reason="length",
            vendor_stop_reason="max_tokens",
            usage={"input_tokens": 21, "output_tokens": 16, "cache_read_tokens": 0, "cache_write_tokens": 0},
        ),
    ),
    Scenario(
        name="tool_use_no_input",
        description="A tool that takes no input: after a text block, the tool_use block starts with "
        "input {} and gets a single input_json_delta with an empty partial_json; its arguments are {}.",
        features=("text", "tool_calls", "usage", "keepalive"),
        source=(STREAMING, TOOLS, SDK),
        request={
            "max_tokens": 1024,
            "messages": [{"role": "user", "content": "What time is it on the server?"}],
            "model": "claude-haiku-4-5",
            "stream": True,
            "tools": [CLOCK_TOOL],
        },
        request_id="req_011CUTb9Qn5WzKx2RcVm7Ht4",
        date="Wed, 05 Nov 2025 10:05:33 GMT",
        cf_ray="99944d8b1e6c3a72-MAD",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-haiku-4-5-20251001","id":"msg_01Ew3ZtN8qLc5VbRx2KmYp7G","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"stop_details":null,"usage":{"input_tokens":571,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":8,"service_tier":"standard","inference_geo":"not_available"}}        }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}       }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me check the server clock."}           }

event: content_block_stop
data: {"type":"content_block_stop","index":0  }

event: ping
data: {"type": "ping"}

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01Vk7RpX2mTz9NcLq4WbHd6J","name":"get_server_time","input":{},"caller":{"type":"direct"}}            }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}     }

event: content_block_stop
data: {"type":"content_block_stop","index":1         }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null,"stop_details":null},"usage":{"input_tokens":571,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":45}    }

event: message_stop
data: {"type":"message_stop"        }

""",
        expected=expected(
            text="Let me check the server clock.",
            tool_calls=[{"id": "toolu_01Vk7RpX2mTz9NcLq4WbHd6J", "name": "get_server_time", "arguments": {}}],
            stop_reason="tool_calls",
            vendor_stop_reason="tool_use",
            usage={"input_tokens": 571, "output_tokens": 45, "cache_read_tokens": 0, "cache_write_tokens": 0},
        ),
    ),
    Scenario(
        name="stop_refusal",
        description="Streaming classifiers stop the answer: message_delta carries stop_reason refusal "
        "after some text (normalized to content_filter); the stream still ends with message_stop.",
        features=("text", "content_filter", "usage"),
        source=(STREAMING, REFUSALS, STOP_REASONS, SDK),
        request={
            "max_tokens": 1024,
            "messages": [
                {"role": "user", "content": "Give step-by-step synthesis instructions for a nerve agent."}
            ],
            "model": "claude-sonnet-4-5-20250929",
            "stream": True,
        },
        request_id="req_011CUWe4Tx8LmRz3KbQp6Vc9",
        date="Fri, 07 Nov 2025 19:48:02 GMT",
        cf_ray="99a62f4c8b3e5d11-LAX",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_01Jx4NbV9rTk2WqLz7YcMd5P","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":23,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard"}}   }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}            }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"I can't"}  }

event: content_block_stop
data: {"type":"content_block_stop","index":0       }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"refusal","stop_sequence":null},"usage":{"input_tokens":23,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":4}     }

event: message_stop
data: {"type":"message_stop"          }

""",
        expected=expected(
            text="I can't",
            stop_reason="content_filter",
            vendor_stop_reason="refusal",
            usage={"input_tokens": 23, "output_tokens": 4, "cache_read_tokens": 0, "cache_write_tokens": 0},
        ),
    ),
    Scenario(
        name="web_search",
        description="The server web_search tool: a text block, a server_tool_use block (the API runs it; its "
        "input streams as input_json_delta), a web_search_tool_result block whole in content_block_start, "
        "then a text block started with citations: [] whose citations_delta precedes its text; usage adds "
        "server_tool_use.web_search_requests. Nothing for the client to run: tool_calls is empty.",
        features=("text", "usage", "server_tools", "citations"),
        source=(STREAMING, WEB_SEARCH, CITATIONS, SDK),
        request={
            "max_tokens": 1024,
            "messages": [{"role": "user", "content": "Which way does Lisbon's tram 28 run?"}],
            "model": "claude-sonnet-4-5-20250929",
            "stream": True,
            "tools": [{"type": "web_search_20250305", "name": "web_search", "max_uses": 1}],
        },
        request_id="req_011CUZk7Qm2WvNx8RbLt4Pd6",
        date="Mon, 10 Nov 2025 10:12:44 GMT",
        cf_ray="99bf3e7a5c1d4a08-LIS",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_01Wq7TzK3mRv9NpXb2LcYd4H","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":2214,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":3,"service_tier":"standard"}}      }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}  }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"I'll look that up."}              }

event: content_block_stop
data: {"type":"content_block_stop","index":0      }

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"server_tool_use","id":"srvtoolu_01Hc5VnQ8xLt2RmWk7PzJb3D","name":"web_search","input":{}}    }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}           }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"query\": \"Lisbon tra"}   }

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"m 28 route\"}"}         }

event: content_block_stop
data: {"type":"content_block_stop","index":1 }

event: content_block_start
data: {"type":"content_block_start","index":2,"content_block":{"type":"web_search_tool_result","tool_use_id":"srvtoolu_01Hc5VnQ8xLt2RmWk7PzJb3D","content":[{"type":"web_search_result","title":"Tram 28 – Carris","url":"https://www.carris.pt/en/tram-28","encrypted_content":"EqgCCioIBhgCIiQ4ZTJmYzE0Ny1hN2QzLTRiMmUtOWM1Zi0zZDhhMWI2ZTcwYzQSDA1xW3Rk","page_age":"3 weeks ago"},{"type":"web_search_result","title":"Riding Lisbon's tram 28","url":"https://www.visitlisboa.com/en/tram-28","encrypted_content":"Eq4CCioIBhgCIiQ4ZTJmYzE0Ny1hN2QzLTRiMmUtOWM1Zi0zZDhhMWI2ZTcwYzQSDPb3Km9x","page_age":null}]}       }

event: content_block_stop
data: {"type":"content_block_stop","index":2          }

event: content_block_start
data: {"type":"content_block_start","index":3,"content_block":{"citations":[],"type":"text","text":""}   }

event: content_block_delta
data: {"type":"content_block_delta","index":3,"delta":{"type":"citations_delta","citation":{"type":"web_search_result_location","cited_text":"Tram 28 runs between Martim Moniz and Campo de Ourique (Prazeres), through Graça, Baixa and Estrela.","url":"https://www.carris.pt/en/tram-28","title":"Tram 28 – Carris","encrypted_index":"EpEBCioIBhgCIiQ4ZTJmYzE0Ny1hN2QzLTRiMmUtOWM1Zi0zZDhhMWI2ZTcwYzQSDHr2"}}   }

event: content_block_delta
data: {"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"It runs from Martim Moniz to Campo de Ourique (Prazeres)."}    }

event: content_block_stop
data: {"type":"content_block_stop","index":3        }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":2214,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":96,"server_tool_use":{"web_search_requests":1}}        }

event: message_stop
data: {"type":"message_stop"   }

""",
        expected=expected(
            text="I'll look that up.It runs from Martim Moniz to Campo de Ourique (Prazeres).",
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={
                "input_tokens": 2214,
                "output_tokens": 96,
                "cache_read_tokens": 0,
                "cache_write_tokens": 0,
            },
            server_tool_calls=[
                {
                    "id": "srvtoolu_01Hc5VnQ8xLt2RmWk7PzJb3D",
                    "name": "web_search",
                    "arguments": {"query": "Lisbon tram 28 route"},
                }
            ],
            server_tool_results=[
                {
                    "tool_use_id": "srvtoolu_01Hc5VnQ8xLt2RmWk7PzJb3D",
                    "type": "web_search_tool_result",
                    "content": [
                        {
                            "type": "web_search_result",
                            "title": "Tram 28 – Carris",
                            "url": "https://www.carris.pt/en/tram-28",
                            "encrypted_content": "EqgCCioIBhgCIiQ4ZTJmYzE0Ny1hN2QzLTRiMmUtOWM1Zi0zZDhhMWI2ZTcwYzQSDA1xW3Rk",
                            "page_age": "3 weeks ago",
                        },
                        {
                            "type": "web_search_result",
                            "title": "Riding Lisbon's tram 28",
                            "url": "https://www.visitlisboa.com/en/tram-28",
                            "encrypted_content": "Eq4CCioIBhgCIiQ4ZTJmYzE0Ny1hN2QzLTRiMmUtOWM1Zi0zZDhhMWI2ZTcwYzQSDPb3Km9x",
                            "page_age": None,
                        },
                    ],
                }
            ],
            citations=[
                {
                    "type": "web_search_result_location",
                    "cited_text": "Tram 28 runs between Martim Moniz and Campo de Ourique (Prazeres), through Graça, Baixa and Estrela.",
                    "url": "https://www.carris.pt/en/tram-28",
                    "title": "Tram 28 – Carris",
                    "encrypted_index": "EpEBCioIBhgCIiQ4ZTJmYzE0Ny1hN2QzLTRiMmUtOWM1Zi0zZDhhMWI2ZTcwYzQSDHr2",
                }
            ],
        ),
    ),
    Scenario(
        name="usage_cache_start_only",
        description="Prompt caching as the API long sent it: message_start reports the cache counts, "
        "message_delta's usage has output_tokens alone; the cache counts stand.",
        features=("text", "usage"),
        source=(STREAMING, CACHING, SDK),
        request={
            "max_tokens": 512,
            "messages": [{"role": "user", "content": "What is the notice period in the terms?"}],
            "model": "claude-3-5-haiku-20241022",
            "stream": True,
            "system": [
                {
                    "type": "text",
                    "text": "You answer questions about the attached customer terms. <terms>…</terms>",
                    "cache_control": {"type": "ephemeral"},
                }
            ],
        },
        request_id="req_011CUJr8Vb3MxQ6TnWz2Kp5D",
        date="Tue, 28 Oct 2025 14:02:44 GMT",
        cf_ray="9955c3e81a7b4f20-AMS",
        body=r"""event: message_start
data: {"type":"message_start","message":{"id":"msg_01Hk4TzQ8mWv2XcRb6NpLy3F","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":9,"cache_creation_input_tokens":0,"cache_read_input_tokens":18342,"output_tokens":1}}             }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}   }

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Thirty days' written notice"}       }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" (Section 11.2)."}         }

event: content_block_stop
data: {"type":"content_block_stop","index":0   }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":12}           }

event: message_stop
data: {"type":"message_stop"            }

""",
        expected=expected(
            text="Thirty days' written notice (Section 11.2).",
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={"input_tokens": 9, "output_tokens": 12, "cache_read_tokens": 18342, "cache_write_tokens": 0},
        ),
    ),
    Scenario(
        name="usage_cache_delta_only",
        description="The cache counts arrive only in message_delta (message_start's usage has input and "
        "output tokens alone): the final usage has them.",
        features=("text", "usage"),
        source=(STREAMING, CACHING, SDK),
        request={
            "max_tokens": 512,
            "messages": [{"role": "user", "content": "Summarize clause 4 in one line."}],
            "model": "claude-sonnet-4-6",
            "stream": True,
            "system": [
                {
                    "type": "text",
                    "text": "You answer questions about the attached customer terms. <terms>…</terms>",
                    "cache_control": {"type": "ephemeral"},
                }
            ],
        },
        request_id="req_011CUJs2Nd7RwYk4Qm9Tb8Xc",
        date="Tue, 28 Oct 2025 14:07:19 GMT",
        cf_ray="9955ca9b4e2d7c31-AMS",
        body=r"""event: message_start
data: {"type":"message_start","message":{"model":"claude-sonnet-4-6","id":"msg_01Pq7LxW3nZt8RbVm2KcHy5G","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}     }

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}      }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Clause 4: either party may end the"}  }

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" agreement for material breach."}        }

event: content_block_stop
data: {"type":"content_block_stop","index":0 }

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":18342,"output_tokens":14}     }

event: message_stop
data: {"type":"message_stop"   }

""",
        expected=expected(
            text="Clause 4: either party may end the agreement for material breach.",
            stop_reason="stop",
            vendor_stop_reason="end_turn",
            usage={"input_tokens": 12, "output_tokens": 14, "cache_read_tokens": 18342, "cache_write_tokens": 0},
        ),
    ),
    Scenario(
        name="error_before_message_start",
        description="An overloaded_error event as the very first event, with HTTP status 200 already sent: "
        "no message_start, no content; the stream ends there.",
        features=("error",),
        source=(STREAMING, ERRORS, SDK),
        request={
            "max_tokens": 1024,
            "messages": [{"role": "user", "content": "Write a haiku about tide pools."}],
            "model": "claude-sonnet-4-6",
            "stream": True,
        },
        request_id="req_011CUJt6Hm2QvXb8Lz4Rn7Wd",
        date="Tue, 28 Oct 2025 14:11:52 GMT",
        cf_ray="9955d14c7f3a2e86-AMS",
        body=r"""event: error
data: {"type":"error","error":{"details":null,"type":"overloaded_error","message":"Overloaded"}              }

""",
        expected=expected(
            stop_reason="error",
            error={"type": "overloaded_error", "message": "Overloaded"},
            complete=False,
        ),
    ),
]


# -- checks ----------------------------------------------------------------------------------


def problems(scenario: Scenario) -> list[str]:
    """Everything wrong with one scenario; empty means it may be written."""
    body = scenario.body.encode("utf-8")
    out = []
    if b"\r" in body:
        out.append("the Messages API ends lines with LF only; this body holds a CR")
    want = Message.from_dict(scenario.expected)
    whole = conformance.parse("anthropic", [body])
    if whole != want:
        got, exp = whole.to_dict(), want.to_dict()
        out += [f"{k}: parsed {got[k]!r}, expected {exp[k]!r}" for k in exp if got[k] != exp[k]]
    if conformance.parse("anthropic", byte_by_byte(body)) != whole:
        out.append("byte-by-byte parse differs from whole-body parse")
    bad_splits = [len(c[0]) for c in two_chunk_splits(body) if conformance.parse("anthropic", c) != whole]
    if bad_splits:
        out.append(f"2-chunk splits at {bad_splits[:5]} change the Message")
    violations = check_body("anthropic", body)
    if violations:
        out.append("schema violations:\n" + describe(violations))
    if len(body) > 8 * 1024:
        out.append(f"body of {len(body)} bytes: keep cassettes to a few KB")
    if set(scenario.features) - FEATURES:
        out.append(f"features outside the vocabulary: {sorted(set(scenario.features) - FEATURES)}")
    return out


FEATURES = {
    "text", "reasoning", "tool_calls", "parallel_tool_calls", "usage", "error", "truncated",
    "keepalive", "non_ascii", "refusal", "content_filter", "server_tools", "citations",
}  # fmt: skip


def check_real(real: Path) -> int:
    """Schema-check every event of every real recorded body (dev only: the folder is not shipped)."""
    if not real.is_dir():
        print(f"no real streams at {real}; skipped")
        return 0
    bad = 0
    paths = sorted(p for p in real.rglob("*") if p.is_file())
    for path in paths:
        violations = check_body("anthropic", path.read_bytes())
        if violations:
            bad += 1
            print(f"{path.relative_to(real)}:\n{describe(violations[:5])}")
    print(f"real streams: {len(paths) - bad}/{len(paths)} validate against schemas/anthropic")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--check", action="store_true", help="check only; write nothing")
    ap.add_argument("--check-real", action="store_true", help="also validate the real bodies' events")
    ap.add_argument("--real", type=Path, default=REAL)
    args = ap.parse_args()
    failed = False
    for scenario in SCENARIOS:
        found = problems(scenario)
        if found:
            failed = True
            print(f"anthropic/{scenario.name}: FAILED", file=sys.stderr)
            for line in found:
                print(f"   {line}", file=sys.stderr)
    if args.check_real and check_real(args.real):
        failed = True
    if failed:
        print("nothing written", file=sys.stderr)
        return 1
    if not args.check:
        for scenario in SCENARIOS:
            save_cassette(scenario.cassette(), OUT / f"{scenario.name}.yaml")
        print(f"wrote {len(SCENARIOS)} cassettes to {OUT.relative_to(ROOT)}")
    else:
        print(f"{len(SCENARIOS)} scenarios check out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
