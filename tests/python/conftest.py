"""pytest configuration for the rstats extension's tests (see ci/python-tests).

The suite runs against the `rstats` installed in the current interpreter and compares it with
that interpreter's own `statistics` module: every expectation is "what this CPython does".
"""

import os
import pathlib
import sys

from hypothesis import HealthCheck, settings

ROOT = pathlib.Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "reference"
# reference/stats.py (the endpoint's stats_py) and reference/app.py (the Flask service).
sys.path.insert(0, str(REFERENCE))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

# Modest settings: the suite runs under three interpreters inside ci/test's time budget.
# CI derandomizes (the same examples every run); locally each run explores new ones.
settings.register_profile(
    "ci",
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
