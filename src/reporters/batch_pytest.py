"""batch's pytest plugin, loaded with `-p batch_pytest` (its folder on PYTHONPATH) when batch runs pytest.

pytest's JUnit report writes an unexpected pass (xpass) as a plain pass; this marks it with a
`batch.outcome` property on its test case, so batch can count it as pytest does. Nothing else changes.
"""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.passed and hasattr(report, "wasxfail"):
        # The teardown report copies the item's properties; junitxml writes them from it.
        item.user_properties.append(("batch.outcome", "xpass"))
