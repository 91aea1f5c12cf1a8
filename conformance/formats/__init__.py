"""Files and bodies at rest: cassettes, schemas, non-streaming and batch bodies, provenance,
import of other recording formats, and where the bundled data lives.

May import the sans-IO core (`framing`, `adapters`, `json`, `events`, `message`, `errors`,
`limits`, `api`) and nothing above it (tests/test_layers.py holds the rule).
"""
