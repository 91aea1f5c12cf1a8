"""The conformance checks as plain code: what each asserts, on which cassettes, and how it fails.

Strategy: a *case* is one check on one cassette. `applies(check, cassette)` says whether a
check has something to check on a cassette (each `CHECKS` entry in `registry` says where it applies);
`run_case(target, case)` runs one and raises `CheckFailed` with a message of a few lines:
the cassette, the chunking that broke it (shrunk by Hypothesis), the first field that
differs, expected vs got, and the cause's field path for reports to group by.

One cause, one failure: the checks that compare with the expected message each own some of
its fields on each cassette (`field_owners`), and every check that perturbs the body (split,
keep-alives, line endings, snapshots) compares with the parser's *own* result on the
unperturbed body, so a parser that is consistently wrong fails one check per cassette. The
unperturbed body is the *canonical* one (`bodies.canonical_body`: keep-alives removed), and
the suite's declared differences (`conformance.suite.declared`) are applied before comparing.

A `Target` is the parser as the checks see it: a plain function from chunks to a Message
(`conformance.suite.aio` makes async parsers into one, and `conformance.suite.client_mode` makes a
whole HTTP client into one). Nothing here needs pytest.

What a parser under test may do: return a `Message` (or a dict in `Message.to_dict()`
form) for every body; for a body whose expected message is incomplete (an error event, a
truncated body) it may instead raise one of the suite's `typed_errors` (default: the kit's
`ConformanceError` family), and any check on that body accepts the raise, except
`error_class` where the suite declares the class for that body's cause (`error_classes`). Any
other exception is a failure that shows the parser's traceback.

The package, by job: `vocabulary` (fields and who owns them), `target` (running the parser),
`judging` (cases, comparing outcomes), `falsify` (the Hypothesis search), the checks themselves
(`body_checks`, `snapshots`, `generated`, `error_classes`) and `registry` (one `Check` entry each).
"""

from __future__ import annotations

from conformance.suite.checks.body_checks import check_expected as check_expected
from conformance.suite.checks.body_checks import check_keepalive as check_keepalive
from conformance.suite.checks.body_checks import check_line_endings as check_line_endings
from conformance.suite.checks.body_checks import check_request as check_request
from conformance.suite.checks.body_checks import check_split as check_split
from conformance.suite.checks.body_checks import check_truncated_end as check_truncated_end
from conformance.suite.checks.body_checks import check_truncated_mid as check_truncated_mid
from conformance.suite.checks.error_classes import ErrorClasses as ErrorClasses
from conformance.suite.checks.error_classes import check_error_class as check_error_class
from conformance.suite.checks.error_classes import declares_a_cause as declares_a_cause
from conformance.suite.checks.error_classes import error_classes_of as error_classes_of
from conformance.suite.checks.error_classes import judged_bodies as judged_bodies
from conformance.suite.checks.falsify import Falsified as Falsified
from conformance.suite.checks.falsify import FoundExample as FoundExample
from conformance.suite.checks.falsify import check_settings as check_settings
from conformance.suite.checks.falsify import falsify as falsify
from conformance.suite.checks.falsify import objection as objection
from conformance.suite.checks.generated import carries_signatures as carries_signatures
from conformance.suite.checks.generated import check_generated as check_generated
from conformance.suite.checks.generated import has_content as has_content
from conformance.suite.checks.judging import HEADLINES as HEADLINES
from conformance.suite.checks.judging import Case as Case
from conformance.suite.checks.judging import applies as applies
from conformance.suite.checks.judging import check_named as check_named
from conformance.suite.checks.judging import compared_fields as compared_fields
from conformance.suite.checks.judging import compares_expected as compares_expected
from conformance.suite.checks.judging import differs as differs
from conformance.suite.checks.judging import expected_of as expected_of
from conformance.suite.checks.judging import failure as failure
from conformance.suite.checks.judging import field_owners as field_owners
from conformance.suite.checks.judging import fields_for as fields_for
from conformance.suite.checks.judging import judge_expected as judge_expected
from conformance.suite.checks.judging import judge_same as judge_same
from conformance.suite.checks.judging import own_outcome as own_outcome
from conformance.suite.checks.judging import provenance_lines as provenance_lines
from conformance.suite.checks.registry import CHECK_IDS as CHECK_IDS
from conformance.suite.checks.registry import CHECKS as CHECKS
from conformance.suite.checks.registry import CHECKS_BY_ID as CHECKS_BY_ID
from conformance.suite.checks.registry import CHECKS_BY_TEST as CHECKS_BY_TEST
from conformance.suite.checks.registry import Check as Check
from conformance.suite.checks.registry import checks_table as checks_table
from conformance.suite.checks.registry import run_case as run_case
from conformance.suite.checks.snapshots import check_incremental as check_incremental
from conformance.suite.checks.snapshots import check_liveness as check_liveness
from conformance.suite.checks.snapshots import grows as grows
from conformance.suite.checks.snapshots import snapshot_problem as snapshot_problem
from conformance.suite.checks.target import Client as Client
from conformance.suite.checks.target import Outcome as Outcome
from conformance.suite.checks.target import Target as Target
from conformance.suite.checks.target import as_message_dict as as_message_dict
from conformance.suite.checks.target import run_incremental as run_incremental
from conformance.suite.checks.target import run_parser as run_parser
from conformance.suite.checks.vocabulary import ALIASES as ALIASES
from conformance.suite.checks.vocabulary import CHECK_FEATURE as CHECK_FEATURE
from conformance.suite.checks.vocabulary import COMPARED_FIELDS as COMPARED_FIELDS
from conformance.suite.checks.vocabulary import FEATURE_FIELD_CHECKS as FEATURE_FIELD_CHECKS
from conformance.suite.checks.vocabulary import FIELD_CHECKS as FIELD_CHECKS
from conformance.suite.checks.vocabulary import MASKS as MASKS
from conformance.suite.checks.vocabulary import SIGNATURE_FIELDS as SIGNATURE_FIELDS
from conformance.suite.checks.vocabulary import WHOLE_CASSETTE as WHOLE_CASSETTE
from conformance.suite.checks.vocabulary import CheckFailed as CheckFailed
from conformance.suite.checks.vocabulary import CheckSkipped as CheckSkipped
from conformance.suite.checks.vocabulary import Problem as Problem
from conformance.suite.checks.vocabulary import cause_of as cause_of
