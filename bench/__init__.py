"""Benchmarks: the kit's parsers against the libraries a user would pick instead (issue 7).

    python -m bench [--quick] [--only sse|partial-json|assembly|parse|memory|suite|startup|tests]
                    [--rounds N] [--markdown]

Prints one table: case, ours, theirs, competitor, ratio (theirs' time / ours: above 1, ours
is faster; for a target in seconds, the target over the measured time) and the issue's
target; then the memory lines; then every target measured, one line each, met or missed.
Everything is measured in the same run, on inputs generated here (`bench/inputs.py`, seeded),
never on files. Needs the `bench` extra (httpx-sse, sseclient-py, partial-json-parser,
anthropic, openai, httpx2).
docs/performance.md holds the latest table and what was tried. `python -m bench.sse_floor`
times spec-free sketches of an SSE decoder, to show how near 3x httpx-sse pure Python gets;
`python -m bench.linear` shows hostile JSON (escaped quotes) costing linear time;
`python -m bench.replay_memory` a replay server's memory over many requests;
`python -m bench.startup` (also `--only startup`) what the pytest plugin costs a project
with no suite (issue 17).
"""
