"""The live edges: the replay server, recording and scrubbing, timing and drift, cancellation,
reference clients, client mode and lifecycle, and converters from client libraries' results.

Everything here does IO (sockets, threads, files, clocks). May import the core, `formats`
and `oracles`; never `suite`, `probe` or `cli` (tests/test_layers.py holds the rule).
"""
