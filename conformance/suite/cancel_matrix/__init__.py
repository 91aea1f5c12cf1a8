"""The cancel matrix: how the libraries people use stop a stream, judged by the cancel checks.

    pip install -e '.[ecosystem]'
    python -m conformance.suite.cancel_matrix --out docs/cancel-matrix.md

Each `Way` is a way a user stops a stream with one library, written as the user would write
it (`break` out of the loop, leaving a `with` block, `stream.close()`, cancelling a task),
against a long cassette of the library's vendor on the loopback `ReplayServer`. It cancels
after the first text chunk and midway, and `client_suite.run_cancel_check` judges each run.
The application's client object stays open until the check is done, as a long-lived one
does in an application, so closing it cannot hide a leak.

The rooms: `way` (what a way is, and the helpers all ways share), one `*_ways` module per
library family (`openai_ways`, `anthropic_ways`, `genai_ways`, `framework_ways`), `run` (the
run loop and `WAYS`), `table` (the Markdown table and the leaks), `command` (the `-m` entry).
"""

from conformance.suite.cancel_matrix.command import main
from conformance.suite.cancel_matrix.run import BOUNDS, CASSETTES, WAYS, Matrix, Row, run_matrix
from conformance.suite.cancel_matrix.table import markdown
from conformance.suite.cancel_matrix.way import Texts, Way

__all__ = ["BOUNDS", "CASSETTES", "WAYS", "Matrix", "Row", "Texts", "Way", "main", "markdown", "run_matrix"]
