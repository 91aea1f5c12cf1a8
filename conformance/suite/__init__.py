"""The suite: the classes users subclass (`AdapterSuite`, `ClientSuite`), the checks and their
registry, strategies, derived bodies, the pytest plugin's wiring, baselines, results and
reports, parallel runs and the ecosystem run.

May import everything below it (core, `formats`, `live`, `oracles`, `generate`); never
`probe` or `cli` (tests/test_layers.py holds the rule).
"""
