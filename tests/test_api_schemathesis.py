"""Schemathesis against the OpenAPI document, on the demo site under gunicorn.

Every documented operation is called with generated parameters: valid ones
(including Hypothesis's edge cases: empty strings, zero, huge numbers, odd
Unicode) and invalid ones. Every response must be a non-5xx with a documented
status code and content type and a body matching its schema. A few examples
per operation and mode keep the run around a minute.

The operations are driven directly with Hypothesis rather than through
`schemathesis.pytest.from_fixture`, whose lazy loader does not run on the
pytest version this project uses.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = {GenerationMode.POSITIVE: 10, GenerationMode.NEGATIVE: 5}


def check_operation(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(checks=CHECKS, timeout=30)

    run()


@pytest.fixture
def api_schema(demo_server):
    return schemathesis.openapi.from_url(f"{demo_server}/api/schema/")


def test_every_documented_endpoint_answers_as_documented(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20, "the schema must describe every endpoint"
    failures = []
    for operation in operations:
        for mode in EXAMPLES:
            try:
                check_operation(operation, mode)
            except Unsatisfiable:
                # No parameters to make invalid: nothing to test in this mode.
                assert mode == GenerationMode.NEGATIVE
            except Exception as error:  # noqa: BLE001 - collect them all
                failures.append(
                    f"{operation.method.upper()} {operation.path} ({mode}): {error}"
                )
    assert not failures, "\n\n".join(failures)
