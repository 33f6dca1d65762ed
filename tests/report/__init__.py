"""Tests of the run report, the review page and the canary scan (a package, so its conftest is not imported as `conftest`)."""
