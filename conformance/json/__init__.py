"""JSON as streams deliver it: incremental and partial parsing of tool arguments, a quick
loader for whole payloads, and argument paths.

Part of the sans-IO core: may import only `conformance.errors`, `conformance.limits` and the
standard library (tests/test_layers.py holds the rule).
"""
