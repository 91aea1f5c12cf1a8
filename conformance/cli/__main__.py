"""`python -m conformance.cli`, as the `conformance` command."""

from conformance.cli import main

raise SystemExit(main())
