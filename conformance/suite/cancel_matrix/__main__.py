"""`python -m conformance.suite.cancel_matrix`: see `command.main`."""

import sys

from conformance.suite.cancel_matrix.command import main

sys.exit(main())
